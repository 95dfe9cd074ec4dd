"""The one worker pool (``reader.workers``): order, in-process fallback, clean stops, and the cache's use of it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader import workers
from reader.cache_analysis import PARALLEL_MIN_PAGES, open_issue_cached
from reader.document import open_issue
from reader.errors import InputError
from reader.workers import WorkerPool
from tests.conftest import REPO

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="worker processes are forked in these tests")

PAGE_TEXTS = (
    "高新区召开工作会议\n\n记者 张三\n\n本报讯 11月29日，高新区召开工作会议，部署下一阶段工作。\n",
    "Council Approves Budget\n\nBy Jane Smith\n\nThe city council voted on Tuesday to approve the budget.\n",
    "市场动态\n\n本报讯 蔬菜价格保持稳定，市民采购便利。\n\n图片说明：市场一角\n",
)


def _issue(folder: Path, pages: int) -> Path:
    """An issue folder of ``pages`` small pages, each different."""
    folder.mkdir()
    for index in range(pages):
        text = PAGE_TEXTS[index % len(PAGE_TEXTS)] + f"\n第{index + 1}页的附加一行。\n"
        (folder / f"page-{index + 1:02d}.txt").write_text(text, encoding="utf-8")
    return folder


def _square(number: int) -> tuple[int, int]:
    """Run in a worker (or here): the number squared, and which process did it."""
    return number * number, os.getpid()


def _fail_on_three(number: int) -> int:
    if number == 3:
        raise InputError("page 3 cannot be read")
    return number


def _worker_facts(_: int) -> tuple[int, int, object]:
    """Run in a worker: its pid, its parent's pid and how it handles SIGINT."""
    return os.getpid(), os.getppid(), signal.getsignal(signal.SIGINT)


def _nap(seconds: float) -> float:
    """Run in a worker: sleep, then say when it woke."""
    time.sleep(seconds)
    return time.monotonic()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie still answers kill(0): look at its state
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return True


@needs_fork
def test_results_come_in_order_and_closing_leaves_no_process() -> None:
    pool = WorkerPool(2)
    facts = list(pool.map_ordered(_worker_facts, ((index,) for index in range(8))))
    worker_pids = {pid for pid, _parent, _sigint in facts}
    assert os.getpid() not in worker_pids
    assert {parent for _pid, parent, _sigint in facts} == {os.getpid()}
    assert {sigint for _pid, _parent, sigint in facts} == {signal.SIG_IGN}  # Ctrl+C is the parent's
    pool.close()
    assert not any(_alive(pid) for pid in worker_pids)
    with pytest.raises(RuntimeError):
        next(pool.map_ordered(_worker_facts, [(0,), (1,), (2,)]))


@needs_fork
def test_workers_die_with_their_parent(tmp_path: Path) -> None:
    """A parent killed outright (no clean-up at all) still leaves no worker behind."""
    script = (
        "import os, signal\n"
        "from reader.workers import WorkerPool\n"
        "from tests.unit.test_workers import _worker_facts\n"
        "facts = WorkerPool(2).map_ordered(_worker_facts, [(index,) for index in range(6)])\n"
        "print(' '.join(str(pid) for pid in {pid for pid, _parent, _sigint in facts}), flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60, check=False
    )
    worker_pids = [int(pid) for pid in done.stdout.split()]
    assert worker_pids, done.stderr
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in worker_pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in worker_pids)


@needs_fork
def test_results_come_in_task_order_from_worker_processes() -> None:
    with WorkerPool(2) as pool:
        results = list(pool.map_ordered(_square, ((number,) for number in range(40))))
    assert [square for square, _pid in results] == [number * number for number in range(40)]
    assert os.getpid() not in {pid for _square_, pid in results}


def test_one_cpu_or_few_tasks_run_in_this_process() -> None:
    with WorkerPool(1) as pool:
        assert {pid for _square_, pid in pool.map_ordered(_square, [(1,), (2,), (3,)])} == {os.getpid()}
        assert pool._executor is None
    with WorkerPool(2) as pool:
        assert {pid for _square_, pid in pool.map_ordered(_square, [(1,), (2,)], min_tasks=3)} == {os.getpid()}
        assert pool._executor is None


@needs_fork
def test_a_task_error_is_raised_at_its_place_in_the_order() -> None:
    with WorkerPool(2) as pool:
        results = pool.map_ordered(_fail_on_three, ((number,) for number in range(6)))
        assert [next(results) for _ in range(3)] == [0, 1, 2]
        with pytest.raises(InputError, match="page 3"):
            next(results)


@needs_fork
def test_a_second_caller_does_not_wait_behind_the_first_callers_tasks() -> None:
    """An issue opened while the library is indexed in the background: its few tasks are done long before the
    hundreds queued by the indexing (each caller has only a few tasks submitted ahead)."""
    import threading

    with WorkerPool(2) as pool:
        first_done: list[float] = []
        started = threading.Event()

        def index_the_library() -> None:
            for number, _woke in enumerate(pool.map_ordered(_nap, [(0.01,)] * 300)):
                if number == 0:
                    started.set()
            first_done.append(time.monotonic())

        indexing = threading.Thread(target=index_the_library)
        indexing.start()
        assert started.wait(30)
        second = list(pool.map_ordered(_nap, [(0.0,)] * 4))
        second_done = time.monotonic()
        indexing.join(60)
    assert len(second) == 4 and first_done
    assert second_done < first_done[0]


@needs_fork
def test_closing_the_pool_under_a_running_map_ends_it_with_an_error() -> None:
    """The app quits while a background map runs: the map's thread gets an error at once, it never hangs."""
    import threading

    pool = WorkerPool(2)
    outcome: list[object] = []
    started = threading.Event()

    def run() -> None:
        try:
            for _ in pool.map_ordered(_nap, [(0.02,)] * 200):
                started.set()
            outcome.append("finished")
        except BaseException as exc:  # noqa: BLE001 - which error it is does not matter, that it comes does
            outcome.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    assert started.wait(30)
    pool.close()
    thread.join(10)
    assert not thread.is_alive()
    assert outcome and isinstance(outcome[0], BaseException)


@needs_fork
def test_the_cache_analyses_cold_pages_in_the_shared_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The plain commands' issue loading goes through the one pool and gives what reading it here gives."""
    folder = _issue(tmp_path / "issue", PARALLEL_MIN_PAGES + 2)
    pool = WorkerPool(2)
    monkeypatch.setattr(workers, "_shared", pool)
    try:
        analysis = open_issue_cached(folder, None, workers=2)
        assert pool._executor is not None  # the shared pool did the work
    finally:
        pool.close()
    expected = open_issue(folder)
    assert analysis.issue.id == expected.issue.id
    assert analysis.articles == expected.articles


def _imported(name: str) -> bool:
    """Run in a worker: whether it has imported module ``name``."""
    return name in sys.modules


@needs_fork
def test_started_early_the_workers_import_what_they_will_need(monkeypatch: pytest.MonkeyPatch) -> None:
    """``start_early`` forks the processes at once, with the modules named imported: by this process first,
    so that the forked workers inherit them."""
    pool = WorkerPool(2)
    monkeypatch.setattr(workers, "_shared", pool)
    try:
        assert "tabnanny" not in sys.modules  # a module nothing here imports
        workers.start_early(("tabnanny",))
        assert pool._executor is not None
        assert all(pool.map_ordered(_imported, [("tabnanny",)] * 4))
        assert ("tabnanny" in sys.modules) == (workers._start_method() == "fork")  # imported before a fork
        workers.start_early(("tabnanny",))  # started already: nothing more happens
    finally:
        pool.close()


def test_a_cold_folder_starts_the_workers_a_warm_one_does_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.cache import AnalysisCache
    from reader.commands import _common

    started: list[tuple[str, ...]] = []
    monkeypatch.setattr(workers, "start_early", started.append)
    folder = _issue(tmp_path / "issue", PARALLEL_MIN_PAGES + 2)
    cache = AnalysisCache(tmp_path / "cache")
    _common._start_workers_early(folder, cache)
    assert started and "reader.analysis.pipeline" in started[0]
    open_issue_cached(folder, cache, workers=1)
    started.clear()
    _common._start_workers_early(folder, cache)  # opened before: its record is there
    _common._start_workers_early(_issue(tmp_path / "small", PARALLEL_MIN_PAGES - 1), cache)
    assert not started
