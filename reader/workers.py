"""The one pool of worker processes: CPU-bound work (reading and analysing pages) off the main process.

Analysis is CPU-bound pure Python: in a thread it would share the interpreter lock with the app's event loop.
So it runs in worker processes: a ``ProcessPoolExecutor`` sized to the usable CPUs, fed one task per page,
each task returning plain, compact data (the analysis cache's entry bytes, never ``Page`` or ``Line``
objects: pickling the lines of a 400-page issue costs more than analysing them). :meth:`WorkerPool.map_ordered`
yields the results in task order as they complete. With one usable CPU, or only a few tasks, the work is
done in this process instead: the processes would only take turns, and starting them costs more than the work.

:func:`shared_pool` is the process-wide pool that the plain commands (``reader.cache_analysis``) and the app
use; :func:`close_shared_pool` stops its processes at once (the app calls it as it exits: on ``q``, SIGTERM,
SIGHUP). Worker processes ignore SIGINT (the parent decides what Ctrl+C means), re-enable the garbage
collector the app pauses at start-up, and die with their parent on Linux. Nothing here imports Textual, and
importing this module does not import ``multiprocessing``.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

R = TypeVar("R")

IN_FLIGHT_PER_PROCESS = 3
"""Tasks of one :meth:`WorkerPool.map_ordered` call submitted ahead, per worker process: enough that the
workers never wait for the caller, few enough that another caller's tasks (an issue opened while the library
is indexed in the background) queue behind a handful, not behind thousands."""

PARALLEL_MIN_TASKS = 6
"""Below this many pages (tasks) a pool costs more to start than it saves (``reader.cache_analysis``)."""

STOP_TIMEOUT = 0.5
"""Seconds :meth:`WorkerPool.close` waits for the processes it stopped before killing them."""


def usable_cpus() -> int:
    """How many CPUs this process may run on (its affinity mask, not the machine's count)."""
    affinity = getattr(os, "sched_getaffinity", None)
    if affinity is not None:
        try:
            return max(1, len(affinity(0)))
        except OSError:
            pass
    return os.cpu_count() or 1


# ---- worker processes ----------------------------------------------------------------------------


def _start_worker(
    parent: int, niceness: int, preload: tuple[str, ...] = ()
) -> None:  # pragma: no cover - runs in the worker processes
    """Set up a worker process: Ctrl+C is the parent's to handle, and the worker dies with its parent."""
    import gc

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if niceness:
        try:
            os.nice(niceness)
        except (OSError, AttributeError):
            pass
    gc.enable()  # forked while the app's start-up had paused it
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            pr_set_pdeathsig = 1
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the death signal was armed
        os._exit(0)
    import importlib

    for name in preload:  # what the tasks will need, imported while the parent still sets up
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001, S112 - the task that needs it reports the problem
            continue


# ---- the pool ------------------------------------------------------------------------------------------


class WorkerPool:
    """Worker processes, started on first use, that run tasks and give back their results in order.

    Args:
        processes: how many worker processes (default: the usable CPUs). With one, everything runs here.
        niceness: how much lower the workers' scheduling priority is than this process's.
    """

    def __init__(self, processes: int | None = None, *, niceness: int = 0) -> None:
        self.processes = processes if processes is not None else usable_cpus()
        self.niceness = niceness
        self.preload: tuple[str, ...] = ()
        """Modules each worker process imports as it starts (see :func:`start_early`)."""
        """Added to the workers' nice value: the app's event loop then gets a core when it needs one."""
        import threading

        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._closed = False

    @property
    def parallel(self) -> bool:
        """Whether tasks run in worker processes (more than one usable CPU)."""
        return self.processes > 1

    def _ensure_executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._closed:
                raise RuntimeError("the worker pool is closed")
            if self._executor is None:
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor

                self._executor = ProcessPoolExecutor(
                    max_workers=self.processes,
                    mp_context=multiprocessing.get_context(_start_method()),
                    initializer=_start_worker,
                    initargs=(os.getpid(), self.niceness, self.preload),
                )
            return self._executor

    def map_ordered(
        self, function: Callable[..., R], arguments: Iterable[tuple[Any, ...]], *, min_tasks: int = 2
    ) -> Iterator[R]:
        """``function(*args)`` for each tuple of ``arguments``, yielded in order as the results come in.

        The tasks run in the worker processes, or in this process when the pool is not parallel or there are
        fewer than ``min_tasks`` of them. ``function`` must be picklable (a module-level function) and should
        return plain data. Closing the iterator early cancels the tasks not yet started. An exception raised
        by a task is raised here, at its place in the order. At most :data:`IN_FLIGHT_PER_PROCESS` tasks per
        process are submitted ahead of the one whose result is awaited, so several callers (threads) share the
        workers in turns.
        """
        import threading

        tasks = list(arguments)
        if not self.parallel or len(tasks) < min_tasks:
            for args in tasks:
                yield function(*args)
            return
        executor = self._ensure_executor()
        waiting = iter(tasks)
        futures: list[Future[R]] = []
        failed: list[BaseException] = []
        stopped = False
        changed = threading.Condition()

        def submit_next(_: object = None) -> None:
            # called once per task that ends (in the executor's thread), so the workers never wait for us
            with changed:
                args = None if stopped or failed else next(waiting, None)
                if args is None:
                    return
                try:
                    future = executor.submit(function, *args)
                except RuntimeError as exc:  # the pool was closed or broke under us
                    failed.append(exc)
                    changed.notify_all()
                    return
                futures.append(future)
                changed.notify_all()
            future.add_done_callback(submit_next)

        for _ in range(IN_FLIGHT_PER_PROCESS * self.processes):
            submit_next()
        try:
            for index in range(len(tasks)):
                with changed:
                    while len(futures) <= index and not failed:
                        changed.wait()
                    if len(futures) <= index:
                        raise failed[0]
                    future = futures[index]
                yield future.result()
        finally:
            with changed:
                stopped = True
                started = list(futures)
            for future in started:
                future.cancel()

    def close(self) -> None:
        """Stop the worker processes now (tasks in flight are abandoned) and reap them. Safe to repeat."""
        with self._lock:
            self._closed = True
            executor, self._executor = self._executor, None
        if executor is None:
            return
        # The executor would let every worker finish its task first; stop them instead, so that quitting is
        # immediate and no process outlives the app.
        processes = list((getattr(executor, "_processes", None) or {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            _stop(process)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _stop(process: Any) -> None:
    """Terminate one worker process, kill it if it lingers, and reap it."""
    try:
        process.terminate()
        process.join(STOP_TIMEOUT)
        if process.is_alive():
            process.kill()
            process.join(STOP_TIMEOUT)
    except (OSError, ValueError, AssertionError):
        pass  # already gone or already reaped


def _start_method() -> str:
    """``fork`` where it is safe and cheap, else ``forkserver``/``spawn``.

    Forking copies the parent's imports, so a worker starts in a millisecond. Before 3.12 CPython forks a
    threaded process (the app) without complaint and the workers only compute; from 3.12 on it warns, so a
    threaded process uses a fork server there.
    """
    import multiprocessing
    import threading

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and (sys.version_info < (3, 12) or threading.active_count() == 1):
        return "fork"
    if "forkserver" in methods:
        return "forkserver"
    return multiprocessing.get_start_method()


_shared: WorkerPool | None = None
_shared_niceness = 0


def prefer_interactive(niceness: int = 5) -> None:
    """Start the shared pool's workers at a lower priority (the app: its event loop must never wait for a
    core while the workers analyse). Takes effect for a pool not yet started."""
    global _shared_niceness
    _shared_niceness = niceness


def shared_pool() -> WorkerPool:
    """The process-wide pool (created on first use; its processes start with its first task).

    Create it from one thread (the app's or the command's main thread); any thread may then use it.
    """
    global _shared
    if _shared is None or _shared._closed:
        _shared = WorkerPool(niceness=_shared_niceness)
        import atexit

        atexit.register(close_shared_pool)
    return _shared


def _ready() -> None:
    """The task :func:`start_early` submits: it only makes the pool start its processes."""


def start_early(preload: tuple[str, ...]) -> None:
    """Start the shared pool's processes now, with ``preload`` imported.

    For a command about to analyse a cold folder. Forked workers inherit the modules, so this process imports
    them first; workers started otherwise (fork server, spawn) each import them as they start, while this
    process reads the folder. Does nothing when the pool would not run in processes, or has started already.
    """
    pool = shared_pool()
    if not pool.parallel or pool._executor is not None:
        return
    if _start_method() == "fork":
        # Imported here, once, the forked workers inherit them (the analysis's regular expressions are compiled
        # once, not once per worker): on 2 cores the workers of a 400-page ``analyze --json`` start about
        # 50 ms sooner and the run costs about 0.1 s less CPU than when each worker imported them itself.
        import importlib

        for name in preload:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001, S112 - the task that needs it reports the problem
                continue
        preload = ()
        from reader.startup import freeze_loaded

        freeze_loaded()  # in the reader command: the workers' collections then never walk (and copy) them
    pool.preload = preload
    try:
        pool._ensure_executor().submit(_ready)
    except (OSError, RuntimeError):
        pass  # no processes now: the first real task tries again, and reports what is wrong


def close_shared_pool() -> None:
    """Stop the shared pool's processes, if it has any (the app calls this as it exits)."""
    global _shared
    pool, _shared = _shared, None
    if pool is not None:
        pool.close()
