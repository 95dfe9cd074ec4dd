"""Opening what ``reader [PATH]`` names, before the first frame: in this process, or ahead in a forked one.

The first frame shows the first article, so a small issue is read and its first page analyzed before it is
drawn (:func:`open_first_page`). Importing the analysis and running it would sit on the path to that frame,
after Textual's own import, which takes longer than all of it. So the ``reader`` command starts a forked
process for it before importing Textual (:func:`start_prefetch`); the two imports run at the same time on
two cores, and the app picks up the result (:meth:`Prefetch.result`) when its screen mounts.

The forked process only reads files and computes; its one output is a pickle on a pipe to its parent. Any
failure there (an unreadable file, a crash, a timeout, no ``fork`` on this platform) yields None, and the app
does the work itself, which reports the problem as usual. Nothing here imports Textual.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.model import Issue, PageAnalysis
from reader.workers import usable_cpus

FAST_OPEN_BYTES = 256 * 1024
"""Issues up to this size on disk are read, and their first page analyzed, before the first frame."""

PREFETCH_TIMEOUT = 5.0
"""Seconds the app waits for a prefetch before doing the work itself (it is normally done long before)."""

REAP_TIMEOUT = 0.5
"""Seconds :meth:`Prefetch.close` waits for the stopped process to exit."""


@dataclass(frozen=True, slots=True)
class Opened:
    """What the app needs for its first frame: whether the path is a library, else the issue and first page.

    ``issue`` and ``first_page`` are None for a library, and for an issue too large to open before the
    first frame (a worker loads that).
    """

    library: bool
    issue: Issue | None = None
    first_page: PageAnalysis | None = None


def bytes_on_disk(path: Path) -> int:
    """The size of an issue's page files (0 when it cannot be told: loading then reports the problem)."""
    from reader.ingest.issue import find_page_files

    try:
        files = find_page_files(path) if path.is_dir() else [path]
        return sum(file.stat().st_size for file in files)
    except OSError:
        return 0


def open_first_page(path: Path) -> tuple[Issue, PageAnalysis] | None:
    """Read a small issue and analyze its first page; None when it is too large to do before the first frame.

    Raises:
        InputError: the path is missing or holds no readable page.
    """
    if bytes_on_disk(path) > FAST_OPEN_BYTES:
        return None
    from reader.analysis import analyze_page
    from reader.ingest import load_issue

    issue = load_issue(path)
    return issue, PageAnalysis(issue.pages[0], analyze_page(issue.pages[0]))


def open_path(path: Path) -> Opened:
    """Everything :class:`Opened` holds for ``path``, computed here.

    Raises:
        InputError: the path is missing or holds no readable page.
    """
    from reader.ingest.issue import is_library

    if is_library(path):
        return Opened(library=True)
    first = open_first_page(path)
    return Opened(library=False) if first is None else Opened(False, *first)


class Prefetch:
    """A forked process computing :func:`open_path`; read its result once with :meth:`result`."""

    def __init__(self, pid: int, pipe: int) -> None:
        self._pid = pid
        self._pipe: int | None = pipe

    def result(self, timeout: float = PREFETCH_TIMEOUT) -> Opened | None:
        """The prefetched :class:`Opened`, or None if the process failed or took longer than ``timeout``."""
        if self._pipe is None:
            return None
        chunks: list[bytes] = []
        deadline = time.monotonic() + timeout
        try:
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not select.select([self._pipe], [], [], remaining)[0]:
                    return None
                chunk = os.read(self._pipe, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
            opened = pickle.loads(b"".join(chunks)) if chunks else None
        except Exception:  # noqa: BLE001 - a broken prefetch only means doing the work here
            return None
        finally:
            self.close()
        return opened if isinstance(opened, Opened) else None

    def close(self) -> None:
        """Stop the process if it still runs, and reap it. Safe to call more than once."""
        if self._pipe is None:
            return
        os.close(self._pipe)
        self._pipe = None
        try:
            os.kill(self._pid, signal.SIGKILL)
        except ProcessLookupError:
            pass  # it has exited already (a zombie until reaped below)
        # Reap it, but never hang the app on a process that cannot die yet (stuck in I/O on a stalled mount):
        # that one is reaped by init once the app exits.
        deadline = time.monotonic() + REAP_TIMEOUT
        while True:
            try:
                if os.waitpid(self._pid, os.WNOHANG)[0] or time.monotonic() > deadline:
                    return
            except ChildProcessError:
                return
            time.sleep(0.001)


def start_prefetch(path: Path) -> Prefetch | None:
    """Fork a process that computes :func:`open_path` for ``path``; None where that would not help.

    None without ``fork``, and with a single usable CPU: the two processes would only take turns, and the
    work is cheaper done here. Call it early, before other threads exist (forking a threaded process is
    unsafe), and before importing Textual, so that the two run side by side.
    """
    if not hasattr(os, "fork") or usable_cpus() < 2:
        return None
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # pragma: no cover - runs in the forked process (tests check its result from outside)
        _run_child(path, read_end, write_end)
    os.close(write_end)
    return Prefetch(pid, read_end)


def _run_child(path: Path, read_end: int, write_end: int) -> None:  # pragma: no cover - see above
    """The forked process: compute, write the pickle, and exit without running the parent's clean-ups."""
    status = 1
    try:
        os.close(read_end)
        data = pickle.dumps(open_path(path), protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.write(write_end, view) :]
        status = 0
    except BaseException:  # noqa: BLE001, S110 - the parent sees no result and does the work itself
        pass
    finally:
        os._exit(status)


# ---- the rest of the pages, through the worker pool ------------------------------------------------------

POOL_MIN_PAGES = 3
"""From this many pages on, the app loads them in the worker pool; fewer are read in its loading thread."""


@dataclass(frozen=True, slots=True)
class LoadedPage:
    """One page loaded for the app: its analysis and what it adds to the issue id."""

    analysis: PageAnalysis
    identity: bytes


def _load_task(file: str, number: int, cache_root: str | None, mapped: tuple[Any, ...]) -> Any:
    """A worker task: the page's cache result with its line texts, or the message of the error reading it."""
    from reader.cache_analysis import analyze_file
    from reader.errors import ReaderError

    try:
        return analyze_file((file, number, cache_root, mapped, True))
    except ReaderError as exc:
        return str(exc)


def _loaded(result: Any, file: Path, number: int, mapped: tuple[Any, ...]) -> LoadedPage:
    """Decode a worker's result into the page (its lines rebuilt) and its articles."""
    from dataclasses import replace

    from reader.cache_codec import CorruptEntry, decode_entry
    from reader.model import Line, Page

    if isinstance(result, str):  # the page could not be read: an error entry of its issue, the rest opens
        return LoadedPage(PageAnalysis(Page(number, str(file), (), error=result), ()), b"")
    try:
        page, articles = decode_entry(result.entry, result.key, str(file))
    except CorruptEntry:  # a torn cache entry: analyse the page afresh
        return _loaded(_load_task(str(file), number, None, mapped), file, number, mapped)
    lines = tuple(Line(index, text) for index, text in enumerate(result.line_texts, start=1))
    page = replace(page, lines=lines, library_articles=mapped) if mapped else replace(page, lines=lines)
    return LoadedPage(PageAnalysis(page, articles), result.identity)


def load_pages(path: Path, files: Sequence[Path], start: int, cache_root: str | None) -> Iterator[LoadedPage]:
    """Pages ``start``, ``start + 1`` … of the issue at ``path`` (``files``: all its page files), in page order.

    They are read and analysed in the shared worker pool (``reader.workers``), one task per page, through the
    analysis cache at ``cache_root`` when there is one, and with the library's article map when the issue
    ships one (``--segmentation``); the workers send back compact cache entries, and the lines (for the raw
    view) as plain strings. A page that cannot be read comes back as an error page (``Page.error``, no
    articles). Closing the iterator cancels the pages not yet started.

    Raises:
        InputError: ``--segmentation library`` for an issue without an article map.
    """
    import os

    from reader.ingest.articlemap import map_for_issue, mapped_pages
    from reader.workers import shared_pool

    map_file = map_for_issue(path, os.environ.get("READER_SEGMENTATION") or "auto") if path.is_dir() else None
    by_file = mapped_pages(map_file) if map_file is not None else {}
    todo = [(number, file, by_file.get(file.resolve(), ())) for number, file in enumerate(files, start=1)][start - 1 :]
    tasks = ((str(file), number, cache_root, mapped) for number, file, mapped in todo)
    results = shared_pool().map_ordered(_load_task, tasks, min_tasks=POOL_MIN_PAGES)
    try:
        for (number, file, mapped), result in zip(todo, results, strict=False):
            yield _loaded(result, file, number, mapped)
    finally:
        results.close()


def complete_issue(path: Path, meta: Any, loaded: Sequence[LoadedPage]) -> Issue:
    """The issue once all its pages are loaded: its id hashes every page; metadata inferred where unknown."""
    from reader.ingest.issue import issue_id_from
    from reader.metadata import complete_issue_meta

    pages = tuple(page.analysis.page for page in loaded)
    issue = Issue(issue_id_from([page.identity for page in loaded]), str(path), meta, pages)
    return complete_issue_meta(issue, [page.analysis for page in loaded])
