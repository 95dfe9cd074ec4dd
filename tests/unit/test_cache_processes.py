"""The analysis cache under SIGKILL and concurrent writers: every open afterwards is right, never a crash."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from pathlib import Path

import pytest

from reader.cache import AnalysisCache
from reader.cache_analysis import open_issue_cached
from reader.document import open_issue
from tests.conftest import reaped
from tests.unit.test_cache import article_rows, make_issue

KILLS = 25
_FORK = multiprocessing.get_context("fork")


def _issues(root: Path) -> list[Path]:
    issues = []
    for index in range(3):
        folder = make_issue(root / f"issue-{index}", pages=3)
        for page in folder.iterdir():
            with open(page, "a", encoding="utf-8") as handle:
                handle.write(f"issue {index}\n")
        issues.append(folder)
    return issues


def _churn(cache_root: str, issues: list[str], seed: int) -> None:
    """Child: open the issues through the cache forever, throwing entries away so that it keeps writing."""
    rng = random.Random(seed)
    cache = AnalysisCache(Path(cache_root))
    while True:
        open_issue_cached(Path(rng.choice(issues)), cache, workers=1)
        for path in list(cache.root.rglob("*.json")):
            if rng.random() < 0.5:
                path.unlink(missing_ok=True)
        if rng.random() < 0.2:
            cache.maintain(force=True)


@pytest.mark.slow
def test_kill_loop_never_leaves_a_cache_that_breaks_or_lies(tmp_path: Path) -> None:
    issues = _issues(tmp_path / "library")
    expected = {issue: article_rows(open_issue(issue)) for issue in issues}
    cache_root = tmp_path / "cache"
    rng = random.Random(7)
    for kill in range(KILLS):
        child = _FORK.Process(target=_churn, args=(str(cache_root), [str(i) for i in issues], kill))
        child.start()
        time.sleep(rng.uniform(0.02, 0.25))
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        assert reaped(child.pid)
        for issue in issues:  # twice: the first may repair, the second is warm
            assert article_rows(open_issue_cached(issue, AnalysisCache(cache_root), workers=1)) == expected[issue]
            assert article_rows(open_issue_cached(issue, AnalysisCache(cache_root), workers=1)) == expected[issue]


def _open_many(cache_root: str, issues: list[str], rounds: int, queue) -> None:
    cache = AnalysisCache(Path(cache_root))
    results = []
    for index in range(rounds):
        issue = issues[index % len(issues)]
        results.append((issue, article_rows(open_issue_cached(Path(issue), cache, workers=1))))
        if index % 4 == 0:
            cache.clear()
    queue.put(results)


def test_concurrent_readers_and_writers_all_get_the_right_articles(tmp_path: Path) -> None:
    issues = _issues(tmp_path / "library")
    expected = {str(issue): article_rows(open_issue(issue)) for issue in issues}
    queue = _FORK.Queue()
    children = [
        _FORK.Process(target=_open_many, args=(str(tmp_path / "cache"), [str(i) for i in issues], 12, queue))
        for _ in range(3)
    ]
    for child in children:
        child.start()
    results = [queue.get(timeout=120) for _ in children]
    for child in children:
        child.join()
        assert child.exitcode == 0
    for issue, rows in (item for result in results for item in result):
        assert rows == expected[issue]
