"""The library index under SIGKILL in mid-refresh: the next search answers exactly as a fresh index does."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from pathlib import Path

import pytest

from reader.cache import AnalysisCache
from reader.library_index import connect, index_path, refresh
from reader.library_search import search_library
from tests.conftest import reaped
from tests.unit.test_library_search import ENGLISH, SEED, TRADITIONAL, write_issue

_FORK = multiprocessing.get_context("fork")
KILLS = 15
QUERIES = ("mayor", "高新区", "区", '"the council"', "bridge -Monday")


def _answers(library: Path, cache_root: Path) -> dict[str, tuple[int, list[tuple]]]:
    cache = AnalysisCache(cache_root)
    conn = connect(index_path(cache_root, library))
    try:
        refresh(conn, library, cache=cache, workers=1)
        answers = {}
        for query in QUERIES:
            found = search_library(conn, query)
            answers[query] = (found.total, [(h.issue_path, h.article_number, h.start) for h in found.hits])
        return answers
    finally:
        conn.close()


def _churn(library: str, cache_root: str, seed: int) -> None:
    """Child: drop issues from the index (by touching their pages) and refresh, forever."""
    rng = random.Random(seed)
    root = Path(library)
    pages = sorted(root.rglob("*.txt"))
    while True:
        for page in rng.sample(pages, 2):
            os.utime(page, ns=(time.time_ns(), time.time_ns() + rng.randrange(1, 10**9)))
        conn = connect(index_path(Path(cache_root), root))
        refresh(conn, root, cache=AnalysisCache(Path(cache_root)), workers=1)
        conn.close()


@pytest.mark.slow
def test_kill_loop_in_mid_refresh_never_leaves_a_wrong_index(tmp_path: Path) -> None:
    library = tmp_path / "library"
    for index in range(6):
        write_issue(library / f"paper-{index % 2}" / f"issue-{index}", [SEED, ENGLISH, TRADITIONAL][: 1 + index % 3])
    cache_root = tmp_path / "cache"
    rng = random.Random(3)
    for kill in range(KILLS):
        child = _FORK.Process(target=_churn, args=(str(library), str(cache_root), kill))
        child.start()
        time.sleep(rng.uniform(0.05, 0.4))
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        assert reaped(child.pid)
        assert _answers(library, cache_root) == _answers(library, tmp_path / f"fresh-{kill}")
