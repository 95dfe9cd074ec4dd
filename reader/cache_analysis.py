"""Opening an issue through the analysis cache, with cold pages analyzed in worker processes.

Warm (every page's size and mtime as recorded, every entry present): the issue is built from the entries
alone, one ``stat`` and one small read per page, and its pages come without their lines. Cold: each page is
read, hashed and looked up; only the misses are analyzed. With several pages to do and two or more usable
CPUs, that runs in a process pool, in page order, each worker returning the compact encoded entry (never the
page's ``Line`` objects, which cost more to send than to rebuild).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reader.analysis.jumps import link_jumps
from reader.cache import AnalysisCache, PageStat, page_key, stat_pages
from reader.cache_codec import CorruptEntry, decode_entry, encode_entry
from reader.errors import InputError, ReaderError
from reader.ingest.issue import issue_id_from
from reader.model import Issue, IssueAnalysis, IssueMeta, Page, PageAnalysis
from reader.workers import PARALLEL_MIN_TASKS as PARALLEL_MIN_PAGES  # below it, no pool

if TYPE_CHECKING:
    from reader.contract import PageJson

R = TypeVar("R")
Progress = Callable[[int, int], None]
"""``progress(done, total)``, called as cold pages complete."""


@dataclass(frozen=True, slots=True)
class PageResult:
    """What a worker sends back for one page: small, and cheap to pickle."""

    number: int
    key: str
    identity: bytes
    entry: bytes
    analyzed: bool
    """True on a cache miss: the page was analyzed (and its entry written)."""
    line_texts: tuple[str, ...] = ()
    """The page's line texts, lines 1, 2, 3 … (only when the task asked for them: the app's raw view)."""
    error: str | None = None
    """Why the page could not be read (set by :func:`analyze_file_or_error` only)."""
    index: tuple | None = None
    """The page's rows and postings for the library index (:func:`reader.library_index.page_index`), when the
    task asked for them: the workers make them, so the parent only merges and writes."""
    json: PageJsonResult | None = None
    """The page's part of the ``analyze --json`` document, when the task asked for it (:func:`open_issue_json`)."""


@dataclass(frozen=True, slots=True)
class PageJsonResult:
    """What the parent of ``analyze --json`` needs of a page besides its serialized object: the page without
    lines or articles, its articles' :func:`~reader.analysis.jumps.jump_part` (those that may link), and whether
    an article's boundaries came from the library's map."""

    page: Page
    fragment: PageJson
    jumps: tuple[tuple, ...]
    """The fields of a :class:`~reader.analysis.jumps.JumpPart`, for each article that may link."""
    library: bool


_worker_cache: AnalysisCache | None = None


def _cache_for(root: str | None) -> AnalysisCache | None:
    global _worker_cache
    if root is None:
        return None
    if _worker_cache is None or str(_worker_cache.root) != root:
        _worker_cache = AnalysisCache(Path(root))
    return _worker_cache


def _task_options(extra: list) -> tuple[tuple, str, bool, bool, bool]:
    """``(library articles, segmentation, want line texts, want index rows, want JSON)`` from a task's optional
    items.

    A task is ``(file, number, cache_root[, mapped[, segmentation[, want_lines[, want_index[, want_json]]]]])``;
    the app's loader sends ``(file, number, cache_root, mapped, True)``, a bool where the segmentation goes,
    which means line texts.
    """
    mapped = extra[0] if extra else ()
    segmentation, want_lines, want_index, want_json = "auto", False, False, False
    if len(extra) > 1:
        if isinstance(extra[1], bool):
            want_lines = extra[1]
        else:
            segmentation = extra[1]
            want_lines = bool(extra[2]) if len(extra) > 2 else False
            want_index = bool(extra[3]) if len(extra) > 3 else False
            want_json = bool(extra[4]) if len(extra) > 4 else False
    return mapped, segmentation, want_lines, want_index, want_json


def analyze_file(task: tuple) -> PageResult:
    """Read, hash, look up and (on a miss) analyze and store one page file; runs in a worker or in-process.

    ``task`` is ``(file, number, cache_root)``, then optionally the library's articles on the page (from an
    article map), the segmentation and whether to add the page's line texts (see :func:`_task_options`).

    A page that cannot be read comes back as an error page (no lines, no articles, never cached), so the
    rest of its issue still opens.
    """
    from reader.errors import InputError
    from reader.fileread import read_limited
    from reader.ingest.detect import read_page
    from reader.ingest.issue import page_identity
    from reader.ingest.source import MAX_LAYOUT_BYTES

    file, number, cache_root, *extra = task
    mapped, segmentation, want_lines, want_index, want_json = _task_options(extra)
    path = Path(file)
    try:
        page = read_page(path, number)
        cache = _cache_for(cache_root)
        key = page_key(path, read_limited(path, MAX_LAYOUT_BYTES), number) if cache is not None else ""
    except InputError as exc:
        page = Page(number=number, source=file, lines=(), error=str(exc))
        json = _page_json(page, (), file) if want_json else None
        return PageResult(number, "", b"", encode_entry("", page, ()), False, json=json)
    if mapped or (segmentation == "ours" and page.library_articles):
        # the library's articles on this page (or their absence) are part of what the analysis depends on
        from dataclasses import replace

        page = replace(page, library_articles=mapped if segmentation != "ours" else ())
        key = f"{key}-{library_key(page.library_articles)}" if key else ""
    entry = cache.get_bytes(key) if cache is not None else None
    articles: tuple | None = None
    if entry is not None and want_json:
        try:
            articles = decode_entry(entry, key, file)[1]
        except CorruptEntry:  # torn: analyze the page afresh, as on a miss
            cache.discard(key)  # type: ignore[union-attr]
            entry = None
    analyzed = entry is None
    if entry is None:
        from reader.analysis import analyze_page

        articles = analyze_page(page)
        entry = encode_entry(key, page, articles)
        if cache is not None:
            cache.put_bytes(key, entry)
    index = None
    if want_index:
        from reader.library_index import page_index

        if articles is None:
            try:
                articles = decode_entry(entry, key, file)[1]
            except CorruptEntry:  # the parent finds it torn too, and analyzes the page again
                articles = None
        index = page_index(articles) if articles is not None else None
    line_texts = tuple(line.text for line in page.lines) if want_lines else ()
    json = _page_json(page, articles, file) if want_json and articles is not None else None
    return PageResult(number, key, page_identity(page), entry, analyzed, line_texts, index=index, json=json)


def _page_json(page: Page, articles: tuple, source: str) -> PageJsonResult | None:
    """A page's :class:`PageJsonResult`, its source as the parent names it (None when orjson refuses a string)."""
    from reader.analysis.jumps import jump_part, jump_relevant
    from reader.cache_codec import bare_page
    from reader.contract import page_json

    bare = bare_page(page, source)
    fragment = page_json(PageAnalysis(bare, articles))
    if fragment is None:
        return None
    jumps = tuple(tuple(part) for part in map(jump_part, articles) if jump_relevant(part))  # plain: cheaper to send
    library = any(article.segmentation == "library" for article in articles)
    return PageJsonResult(bare, fragment, jumps, library)


def analyze_file_or_error(task: tuple) -> PageResult:
    """:func:`analyze_file`, with an unreadable page as a result whose ``error`` is set (an exception would
    stop a whole pool's map, and one bad page must not stop a library)."""
    try:
        return analyze_file(task)
    except ReaderError as exc:
        return PageResult(task[1], "", b"", b"", False, error=str(exc))


MAX_PAGES_PER_TASK = 16
"""The most consecutive pages one worker task analyses (see :func:`page_batches`)."""


def page_batches(tasks: list[tuple], workers: int) -> list[list[tuple]]:
    """``tasks`` cut into consecutive batches, one worker task each: large first, smaller towards the end.

    Each task costs this process about 0.6 ms of CPU however many pages it holds (pickling, pipes, waking the
    pool's threads: as much as a fifth of a page's analysis), so batches are large while much work remains,
    and a batch is at most a quarter of each worker's share of what remains, so the last ones are single
    pages and the workers finish together ("guided" scheduling). 400 pages on 2 workers are 36 tasks.
    """
    batches = []
    start = 0
    while start < len(tasks):
        size = max(1, min(MAX_PAGES_PER_TASK, (len(tasks) - start) // (workers * 2)))
        batches.append(tasks[start : start + size])
        start += size
    return batches


def analyze_files(tasks: list[tuple]) -> list[PageResult]:
    """:func:`analyze_file_or_error` for several pages, in one worker task."""
    return [analyze_file_or_error(task) for task in tasks]


def library_key(articles: tuple) -> str:
    """A short digest of a page's library articles, so a page read with a map has its own cache entry."""
    import hashlib

    digest = hashlib.sha256(repr(articles).encode("utf-8"))
    return digest.hexdigest()[:12]


def usable_cpus() -> int:
    """How many CPUs this process may run on."""
    from reader.workers import usable_cpus as cpus

    return cpus()


def analyze_chunk(tasks: list[tuple], whole_issue: bool) -> tuple[list[PageResult], tuple | None]:
    """:func:`analyze_file_or_error` for consecutive pages of one issue (tasks that ask for index rows), and
    their rows and postings merged (:func:`reader.library_index.merge_pieces`): for a whole issue, ready to
    write (:func:`reader.library_index.issue_rows`), so the parent only inserts them. The merged index is
    None when a page has none (unreadable, or a torn cache entry): the parent then makes the issue's."""
    from dataclasses import replace

    from reader.library_index import issue_rows, merge_pieces

    results = [analyze_file_or_error(task) for task in tasks]
    pieces = [result.index for result in results]
    results = [replace(result, index=None) for result in results]  # sent back once, merged
    if any(piece is None for piece in pieces):
        return results, None
    merged = merge_pieces(pieces)  # type: ignore[arg-type]
    return results, (issue_rows(merged) if whole_issue else merged)


INDEX_CHUNK_PAGES = 16
"""Pages of one issue analyzed and merged by one worker task when the index is wanted: an issue of up to
this many comes back ready to write, a longer one in pieces the parent merges."""


def _results(
    function: Callable[..., R], jobs: list[tuple], pages: list[int], workers: int, progress: Progress | None
) -> Iterator[R]:
    """``function(*job)`` for every job in order (``pages[i]`` pages in job ``i``), from a pool when it pays."""
    total = sum(pages)
    done = 0
    if workers > 1 and total >= PARALLEL_MIN_PAGES and len(jobs) > 1:
        from reader.workers import WorkerPool, shared_pool

        # the one pool of worker processes (reader.workers), results in page order
        pool = shared_pool()
        own = pool.processes != workers
        if own:
            pool = WorkerPool(workers)
        try:
            for count, result in zip(pages, pool.map_ordered(function, jobs), strict=True):
                done += count
                if progress is not None:
                    progress(done, total)
                yield result
        finally:
            if own:
                pool.close()
        return
    for count, job in zip(pages, jobs, strict=True):
        yield function(*job)
        done += count
        if progress is not None:
            progress(done, total)


def _warm(
    path: Path,
    files: list[Path],
    meta: IssueMeta,
    stats: list[PageStat],
    cache: AnalysisCache,
    record_path: Path | None = None,
) -> IssueAnalysis | None:
    record = cache.folder_record(record_path or path, stats)
    if record is None:
        return None
    issue_id, keys = record
    page_analyses = []
    from reader.startup import collector_paused

    with collector_paused():  # thousands of articles and their tuples, and no cycles among them
        for file, key in zip(files, keys, strict=True):
            hit = cache.get(key, str(file))
            if hit is None:
                return None
            page_analyses.append(PageAnalysis(*hit))
    pages = tuple(page_analysis.page for page_analysis in page_analyses)
    from reader.metadata import complete_issue_meta

    issue = complete_issue_meta(Issue(issue_id, str(path), meta, pages), page_analyses)
    return IssueAnalysis(issue, link_jumps(page_analyses))


@dataclass
class _Pending:
    """An issue whose cold pages are being analyzed."""

    path: Path
    files: list[Path]
    meta: IssueMeta
    stats: list[PageStat] | None
    record_path: Path
    tasks: list[tuple]
    results: list[PageResult]
    issue_id: str | None = None
    """Hashed from the results' identities as they came in (None: hash them when finishing)."""


def _finish(pending: _Pending, cache: AnalysisCache | None, segmentation: str = "auto") -> IssueAnalysis:
    """Build an issue from its pages' results, and record it for the next warm open.

    Raises:
        InputError: ``segmentation`` is ``library`` and the issue has no library article map.
    """

    page_analyses: list[PageAnalysis] = []
    results = []
    issue_id = pending.issue_id
    for file, task, result in zip(pending.files, pending.tasks, pending.results, strict=True):
        try:
            page, articles = decode_entry(result.entry, result.key, str(file))
        except CorruptEntry:  # a torn entry read by the worker: analyze the page here
            if cache is not None:
                cache.discard(result.key)
            result = analyze_file(task)
            page, articles = decode_entry(result.entry, result.key, str(file))
            issue_id = None
        page_analyses.append(PageAnalysis(page, articles))
        results.append(result)
    pending.results = results  # with any page analyzed again here
    pages: tuple[Page, ...] = tuple(page_analysis.page for page_analysis in page_analyses)
    mapped = any(article.segmentation == "library" for analysis in page_analyses for article in analysis.articles)
    issue_id = _checked_issue_id(pending, cache, segmentation, pages, mapped, issue_id)
    from reader.metadata import complete_issue_meta

    issue = complete_issue_meta(Issue(issue_id, str(pending.path), pending.meta, pages), page_analyses)
    return IssueAnalysis(issue, link_jumps(page_analyses))


def _checked_issue_id(
    pending: _Pending,
    cache: AnalysisCache | None,
    segmentation: str,
    pages: tuple[Page, ...],
    mapped: bool,
    issue_id: str | None,
) -> str:
    """The issue's id, once its pages pass (not all unreadable; a map when ``library`` is asked for), with the
    issue recorded for the next warm open when every page read.

    Raises:
        InputError: no page could be read (or the one page file could not), or ``segmentation`` is ``library``
            and no article came from a map (``mapped``).
    """
    path = pending.path
    failed = [page for page in pages if page.error]
    if failed and (len(failed) == len(pages) or not path.is_dir()):
        error = failed[0].error or ""
        raise InputError(error if not path.is_dir() else f"{path}: no page could be read ({error})")
    if segmentation == "library" and not mapped:
        from reader.ingest.articlemap import no_library_map

        raise no_library_map(path)
    issue_id = issue_id or issue_id_from([result.identity for result in pending.results])
    # an issue with unreadable pages is read afresh next time
    if cache is not None and pending.stats is not None and not failed:
        cache.put_folder_record(pending.record_path, issue_id, pending.stats, [r.key for r in pending.results])
    return issue_id


@dataclass(frozen=True, slots=True)
class IssueJson:
    """A cold issue analysed for ``analyze --json``: the issue (its pages without lines or articles) and each
    page's object of the document, serialized by the workers, jump links added (:func:`open_issue_json`)."""

    issue: Issue
    pages: list[bytes]
    pending: _Pending
    cache: AnalysisCache | None
    segmentation: str

    def analysis(self) -> IssueAnalysis:
        """The same issue as :func:`open_issue_cached` gives it (for the rare document orjson refuses)."""
        return _finish(self.pending, self.cache, self.segmentation)


def _finish_json(pending: _Pending, cache: AnalysisCache | None, segmentation: str) -> IssueJson:
    """:func:`_finish` for results that carry their page's JSON: only the leading pages' entries are decoded
    (for the metadata inferred from them); jumps are linked from each page's :class:`PageJsonResult`.

    Raises:
        InputError: as :func:`_finish`.
    """
    from reader.analysis.jumps import jump_links
    from reader.contract import with_links
    from reader.metadata import DATE_PAGES, NAMEPLATE_PAGES, complete_issue_meta

    results = pending.results
    parts = [result.json for result in results]
    pages = tuple(part.page for part in parts)  # type: ignore[union-attr]
    mapped = any(part.library for part in parts)  # type: ignore[union-attr]
    leading = []
    for file, result in zip(pending.files, results[: max(DATE_PAGES, NAMEPLATE_PAGES)], strict=False):
        leading.append(PageAnalysis(*decode_entry(result.entry, result.key, str(file))))
    issue_id = _checked_issue_id(pending, cache, segmentation, pages, mapped, pending.issue_id)
    issue = complete_issue_meta(Issue(issue_id, str(pending.path), pending.meta, pages), leading)
    from reader.analysis.jumps import JumpPart

    links = jump_links([(part.page.number, [JumpPart(*jump) for jump in part.jumps]) for part in parts])  # type: ignore[union-attr]
    back = {target: source for source, target in links.items()}
    data = [with_links(part.fragment, links, back) if links else part.fragment.data for part in parts]  # type: ignore[union-attr]
    return IssueJson(issue, data, pending, cache, segmentation)


def analyze_issues(
    paths: list[Path],
    cache: AnalysisCache | None,
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    segmentation: str = "auto",
) -> Iterator[tuple[Path, IssueAnalysis | ReaderError]]:
    """Open many issues through ``cache``: warm ones at once, the cold pages of all of them in one pool.

    Yields ``(path, analysis)`` in the order given, or ``(path, error)`` for an issue that cannot be read
    (the others still open). Pages come without their lines.
    """
    for path, analysis, _ in _open_issues(paths, cache, workers, progress, segmentation, False):
        yield path, analysis  # type: ignore[misc]


def analyze_issues_for_index(
    paths: list[Path], cache: AnalysisCache | None, *, workers: int | None = None, progress: Progress | None = None
) -> Iterator[tuple[Path, IssueAnalysis | ReaderError, tuple[tuple | None, ...]]]:
    """:func:`analyze_issues`, each issue with its library index as the workers made it: one item per
    :data:`INDEX_CHUNK_PAGES` pages (see :func:`analyze_chunk`), or none for a warm issue; the index makes
    what is missing (``None`` or absent) itself."""
    return _open_issues(paths, cache, workers, progress, "auto", True)  # type: ignore[return-value]


def _open_issues(
    paths: list[Path],
    cache: AnalysisCache | None,
    workers: int | None,
    progress: Progress | None,
    segmentation: str,
    want_index: bool,
    want_json: bool = False,
) -> Iterator[tuple[Path, IssueAnalysis | IssueJson | ReaderError, tuple[tuple | None, ...]]]:
    from reader.ingest.articlemap import map_for_issue, mapped_pages
    from reader.ingest.issue import issue_page_files

    root = str(cache.root) if cache is not None else None
    opened: list[IssueAnalysis | ReaderError | _Pending] = []
    tasks: list[tuple] = []
    for path in paths:
        try:
            files, meta = issue_page_files(path)
            map_file = map_for_issue(path, segmentation)
            mapped = mapped_pages(map_file) if map_file is not None else {}
        except ReaderError as exc:
            opened.append(exc)
            continue
        # an issue read with its library's map (or told to ignore one) is another analysis of the same files
        record_path = (
            path if map_file is None and segmentation == "auto" else Path(f"{path}#segmentation-{segmentation}")
        )
        stats = stat_pages(files) if cache is not None else None
        warm = None
        if cache is not None and stats is not None:
            warm = _warm(path, files, meta, stats, cache, record_path)
        if warm is not None:
            opened.append(warm)
            continue
        extra = (False, True) if want_index else (False, False, True) if want_json else ()
        issue_tasks = [
            (str(file), number, root, mapped.get(file.resolve(), ()), segmentation, *extra)
            for number, file in enumerate(files, start=1)
        ]
        opened.append(_Pending(path, files, meta, stats, record_path, issue_tasks, []))
        tasks.extend(issue_tasks)
    workers = workers or usable_cpus()
    if want_index:
        jobs = []
        for item in opened:
            if isinstance(item, _Pending):
                whole = len(item.tasks) <= INDEX_CHUNK_PAGES
                for start in range(0, len(item.tasks), INDEX_CHUNK_PAGES):
                    jobs.append((item.tasks[start : start + INDEX_CHUNK_PAGES], whole))
        chunks = _results(analyze_chunk, jobs, [len(job[0]) for job in jobs], workers, progress)
    else:
        batches = page_batches(tasks, workers)
        results = _results(analyze_files, [(batch,) for batch in batches], list(map(len, batches)), workers, progress)
        pages = (result for batch in results for result in batch)
    analyzed = 0
    for path, item in zip(paths, opened, strict=True):
        if isinstance(item, _Pending):
            index: list = []
            if want_index:
                item.results = []
                for _ in range(0, len(item.tasks), INDEX_CHUNK_PAGES):
                    chunk_results, chunk_index = next(chunks)
                    item.results.extend(chunk_results)
                    index.append(chunk_index)
            else:
                item.results = []
                item.issue_id = issue_id_from(_collect(pages, len(item.files), item.results))
            analyzed += sum(result.analyzed for result in item.results)
            errors = [result.error for result in item.results if result.error]
            if errors:
                yield path, InputError(errors[0]), ()
                continue
            try:
                analysis: IssueAnalysis | IssueJson
                if want_json and all(result.json is not None for result in item.results):
                    analysis = _finish_json(item, cache, segmentation)
                else:
                    analysis = _finish(item, cache, segmentation)
            except ReaderError as exc:
                yield path, exc, ()
                continue
            if any(result.index is not None for result in item.results):  # a page analyzed again here
                index = [None]
            yield path, analysis, tuple(index)
        else:
            yield path, item, ()
    if cache is not None and analyzed:
        cache.maintain()


def _collect(results: Iterator[PageResult], count: int, into: list[PageResult]) -> Iterator[bytes]:
    """The next ``count`` results' identities, each result appended to ``into``: the issue id is hashed as the
    workers' results come in, not after the last (11 MB for 400 pages, 14 ms). The first result is also when
    the metadata inference is imported (18 ms, its regular expressions), while the workers work."""
    for number in range(count):
        result = next(results)
        into.append(result)
        if number == 0:
            import reader.metadata  # noqa: F401 - see above
        yield result.identity


def open_issue_cached(
    path: Path,
    cache: AnalysisCache | None,
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    segmentation: str = "auto",
) -> IssueAnalysis:
    """Load and analyze the issue at ``path`` through ``cache``; its pages come without lines.

    For the lines too (the raw view, evaluation), use :func:`reader.document.open_issue`.

    Args:
        path: a page file or an issue folder.
        cache: the analysis cache, or None to analyze everything afresh.
        workers: processes for cold pages (default: the usable CPUs; 1 keeps it in this process).
        progress: called as cold pages complete.
        segmentation: ``auto``, ``ours`` or ``library`` (see :func:`reader.document.open_issue`).

    Raises:
        InputError: the path cannot be read as an issue; ``library`` for an issue without a map.
    """
    ((_, analysis),) = analyze_issues([path], cache, workers=workers, progress=progress, segmentation=segmentation)
    if isinstance(analysis, ReaderError):
        raise analysis
    return analysis


def open_issue_json(
    path: Path, cache: AnalysisCache | None, *, progress: Progress | None = None, segmentation: str = "auto"
) -> IssueJson | IssueAnalysis:
    """:func:`open_issue_cached` for ``analyze --json``: a cold issue comes back as an :class:`IssueJson`,
    its pages serialized by the workers that analysed them; a warm one (or one orjson refuses) as usual.

    Raises:
        InputError: as :func:`open_issue_cached`.
    """
    ((_, analysis, _),) = _open_issues([path], cache, None, progress, segmentation, False, want_json=True)
    if isinstance(analysis, ReaderError):
        raise analysis
    return analysis


def terminal_progress(label: str) -> tuple[Progress | None, Callable[[], None]]:
    """A rich progress bar on stderr when it is a terminal: ``(progress, close)``; ``(None, no-op)`` otherwise."""
    if not sys.stderr.isatty():
        return None, lambda: None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from reader.sanitize import sanitize

    bar = Progress(
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task_id = bar.add_task(sanitize(label), total=None)
    started = False

    def update(done: int, total: int) -> None:
        nonlocal started
        if not started:
            bar.start()
            started = True
        bar.update(task_id, completed=done, total=total)

    def close() -> None:
        if started:
            bar.stop()

    return update, close
