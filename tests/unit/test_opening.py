"""Opening a path before the first frame, in this process and ahead in a forked one (``reader.opening``)."""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

import pytest

from reader import opening
from reader.model import Confidence
from reader.opening import FAST_OPEN_BYTES, Opened, open_path, start_prefetch
from tests.conftest import SEED_PAGE, reaped

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this platform")
SAMPLE_ISSUE = SEED_PAGE.parent
REAL_USABLE_CPUS = opening.usable_cpus


@pytest.fixture(autouse=True)
def _two_cpus(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fork tests run on a one-CPU machine too (where the app itself would not fork)."""
    monkeypatch.setattr(opening, "usable_cpus", lambda: 2)


def _library(tmp_path: Path) -> Path:
    for name in ("issue-a", "issue-b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "page-01.txt").write_text("标题\n\n正文第一段。\n", encoding="utf-8")
    return tmp_path


def test_open_path_reads_a_small_issue_and_analyzes_its_first_page() -> None:
    opened = open_path(SAMPLE_ISSUE)
    assert not opened.library
    assert opened.issue is not None and opened.first_page is not None
    assert opened.first_page.page == opened.issue.pages[0]
    assert len(opened.first_page.articles) == 4


def test_open_path_tells_a_library_and_leaves_it_to_the_library_screen(tmp_path: Path) -> None:
    assert open_path(_library(tmp_path)) == Opened(library=True)


def test_open_path_leaves_a_large_issue_to_the_worker(tmp_path: Path) -> None:
    page = tmp_path / "big.txt"
    page.write_text("正文。\n" * (FAST_OPEN_BYTES // 10 + 1), encoding="utf-8")
    assert page.stat().st_size > FAST_OPEN_BYTES
    assert open_path(page) == Opened(library=False)


def test_a_default_confidence_survives_pickling() -> None:
    """The prefetch pickles analyses; the default ``reasons`` is a mapping proxy, which pickle refuses."""
    for confidence in (Confidence(), Confidence(0.5, 0.6, 0.7, reasons={"headline": "why"})):
        assert pickle.loads(pickle.dumps(confidence)) == confidence


@needs_fork
def test_the_prefetch_gives_what_open_path_gives_here() -> None:
    prefetch = start_prefetch(SAMPLE_ISSUE)
    assert prefetch is not None
    assert prefetch.result() == open_path(SAMPLE_ISSUE)
    assert prefetch.result() is None, "a result is read once"
    assert reaped(prefetch._pid)


@needs_fork
def test_the_prefetch_tells_a_library(tmp_path: Path) -> None:
    prefetch = start_prefetch(_library(tmp_path))
    assert prefetch is not None and prefetch.result() == Opened(library=True)


@needs_fork
@pytest.mark.parametrize("content", [None, b"", b"\x89PNG\r\n\x1a\n\0\0\0"], ids=["missing", "empty", "binary"])
def test_a_failed_prefetch_gives_none_so_the_app_does_the_work_and_reports_it(tmp_path: Path, content) -> None:
    page = tmp_path / "page.txt"
    if content is not None:
        page.write_bytes(content)
    prefetch = start_prefetch(page)
    assert prefetch is not None and prefetch.result() is None
    assert reaped(prefetch._pid)


@needs_fork
def test_a_slow_prefetch_is_given_up_and_its_process_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(opening, "open_path", lambda path: time.sleep(30))  # the forked copy inherits this
    prefetch = start_prefetch(SAMPLE_ISSUE)
    assert prefetch is not None
    started = time.monotonic()
    assert prefetch.result(timeout=0.2) is None
    assert time.monotonic() - started < 5
    assert reaped(prefetch._pid)


@needs_fork
def test_closing_an_unread_prefetch_stops_and_reaps_its_process() -> None:
    prefetch = start_prefetch(SAMPLE_ISSUE)
    assert prefetch is not None
    prefetch.close()
    prefetch.close()  # twice is fine
    assert reaped(prefetch._pid)
    assert prefetch.result() is None


def test_without_fork_there_is_no_prefetch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "fork", raising=False)
    assert start_prefetch(SAMPLE_ISSUE) is None


def test_with_one_cpu_there_is_no_prefetch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(opening, "usable_cpus", lambda: 1)
    assert start_prefetch(SAMPLE_ISSUE) is None


def test_usable_cpus_counts_the_affinity_mask(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 3}, raising=False)
    assert REAL_USABLE_CPUS() == 2
    monkeypatch.delattr(os, "sched_getaffinity")
    monkeypatch.setattr(os, "cpu_count", lambda: None)
    assert REAL_USABLE_CPUS() == 1
