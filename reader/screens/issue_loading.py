"""How the issue screen gets its content: read and analyze the issue, open the store, build the script's converter.

:class:`IssueLoader` is the base of :class:`reader.screens.issue.IssueScreen`. A small issue is read and its
first page analyzed during mount, so the very first frame shows an article (a worker round trip costs more
than that work); when the ``reader`` command has done that already in a forked process, the screen is given
the result (``reader.opening``). Everything the first frame does not need starts once it is drawn: the store
(TinyDB) and OpenCC's dictionaries in thread workers, and the other pages in the worker processes of
``reader.workers`` (analysis is CPU-bound: in a thread it would hold the interpreter lock the event loop
needs). A large issue is never read whole first: its pages arrive one by one, in page order, page 1 first.

A loading thread only waits for the pool's results and posts one message per page; the screen queues them and
hands them to the subclass in batches a few times a second, each batch small enough to add in a few
milliseconds, so the event loop is never blocked long and every key works while the list fills. A progress
bar shows how far loading is. The issue (its id is a hash of every page) is known once the last page is in.
The subclass shows what arrives through three hooks: ``_issue_ready``, ``_pages_added`` and ``_store_ready``.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, on, work
from textual.app import App
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ProgressBar
from textual.worker import Worker, WorkerState, get_current_worker

from reader.model import Issue, IssueAnalysis, IssueMeta, PageAnalysis

if TYPE_CHECKING:
    from reader.app import ReaderApp
    from reader.opening import LoadedPage, Opened

BATCH_SECONDS = 0.15
"""How often queued pages are added to the screen while an issue loads."""

BATCH_ARTICLES = 300
"""At most this many articles are added at once (or one page, if it alone has more): 25-40 ms of UI time on a
400-page issue (``benchmarks/issue_loading.py``), under the 50 ms budget, and few enough batches that listing
all pages stays within 1.5x of ``reader list``."""

NEXT_BATCH_SECONDS = 0.002
"""The pause between batches while pages are queued: keys and frames go in between."""


class LoadingBar(ProgressBar):
    """How many of the issue's pages are loaded; shown only while a large issue loads."""

    DEFAULT_CSS = """
    LoadingBar { dock: bottom; height: 1; width: 100%; padding: 0 1; }
    """


class IssueLoader(Screen[None]):
    """Loads ``path`` into ``issue`` and ``pages``; subclasses show it (see the module docstring)."""

    class IssuePlanned(Message):
        """The issue's page files and metadata are known (its pages are not read yet)."""

        def __init__(self, page_files: list[Path], meta: IssueMeta) -> None:
            super().__init__()
            self.page_files = page_files
            self.meta = meta

    class PageLoaded(Message):
        """One more page was read and analyzed (in page order)."""

        def __init__(self, loaded: LoadedPage) -> None:
            super().__init__()
            self.loaded = loaded

    class IssueRead(Message):
        """Every page was loaded: the issue (id, pages, metadata) is known."""

        def __init__(self, issue: Issue) -> None:
            super().__init__()
            self.issue = issue

    class StoreOpened(Message):
        """The user's store is ready (or could not be opened): reading state can be restored."""

    def __init__(self, path: Path, opened: Opened | None = None) -> None:
        super().__init__()
        self.path = path
        self._opened = opened
        """The path opened ahead (``reader.opening``), used once by the first mount."""
        self.issue: Issue | None = None
        self.pages: dict[int, PageAnalysis] = {}
        """The pages shown so far, by page number."""
        self.page_count: int | None = None
        """How many pages the issue has (None until its folder is read)."""
        self._page_files: list[Path] = []
        self.planned_meta = IssueMeta()
        """The issue folder's metadata (``issue.json``), known before its pages are read."""
        self._read_issue: Issue | None = None
        """The issue as the loading thread completed it, set once its last page is shown."""
        self._queued: list[PageAnalysis] = []
        """Pages loaded but not yet handed to the subclass (see ``_flush``)."""
        self._flush_timer: Timer | None = None
        self._last_flush = 0.0
        self._store_opened_early = False
        """The store opened before the issue was known: ``_store_ready`` runs once it is."""
        self._loading_timer: Timer | None = None
        self._handed = 0
        """How many pages were handed to the subclass."""
        self._shown = False

    def post_message(self, message: Message) -> bool:
        if isinstance(message, events.ScreenResume) and not self._shown:
            # Shown for the first time: its widgets were styled as they mounted, so restyling the whole screen
            # (what a resume does, for a screen that was covered while the theme changed) would only repeat it.
            self._shown = True
            message.refresh_styles = False
        return super().post_message(message)

    @property
    def reader_app(self) -> ReaderApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def analysis(self) -> IssueAnalysis | None:
        """The issue with the pages analyzed so far (None until it is read)."""
        if self.issue is None:
            return None
        return IssueAnalysis(self.issue, tuple(self.pages[number] for number in sorted(self.pages)))

    # ---- hooks for the subclass ----------------------------------------------------------------

    def _issue_ready(self) -> None:
        """``issue`` was just set."""

    def _pages_added(self, page_analyses: list[PageAnalysis], remaining: int, first: bool) -> None:
        """Pages were added to ``pages`` (``first``: the first batch, for the first frame); ``remaining`` to go."""

    def _store_ready(self) -> None:
        """The store was opened, or could not be (``app.store`` is None then); ``issue`` is known by then."""

    # ---- loading -------------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        """Whether pages are still to come."""
        return self.page_count is None or len(self.pages) < self.page_count

    def on_mount(self) -> None:
        self.sub_title = f"opening {self.path.name}…"
        if not self._open_now():
            # Show the loading indicator only when loading is slow: its animation would slow a fast start.
            self._loading_timer = self.set_timer(0.25, self._show_loading)
            self._load()

    def _show_loading(self) -> None:
        if not self.pages:
            self.query_one("#panes").loading = True

    def _stop_loading(self) -> None:
        if self._loading_timer is not None:
            self._loading_timer.stop()
        self.query_one("#panes").loading = False

    def _open_now(self) -> bool:
        """Read a small issue and analyze its first page right away; False leaves a large one to the workers."""
        opened, self._opened = self._opened, None
        if opened is not None:
            if opened.issue is None or opened.first_page is None:
                return False
            issue, first = opened.issue, opened.first_page
        else:
            from reader.opening import open_first_page

            try:
                ready = open_first_page(self.path)
            except Exception as exc:  # noqa: BLE001 - reported on screen like a failed worker
                self._load_failed(exc)
                return True
            if ready is None:
                return False
            issue, first = ready
        self._page_files = [Path(page.source) for page in issue.pages]
        self.page_count = len(issue.pages)
        self._set_issue(issue)
        self.pages[first.page.number] = first
        self._stop_loading()
        self._hand_over([first])
        return True

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self, start: int = 1) -> None:
        """Find the issue's pages (unless known) and load them from page ``start`` on, one message each.

        The pages are read and analysed in worker processes (``reader.opening.load_pages``); this thread only
        waits for them. It stops when the screen goes away or the pool is closed (the app is quitting).
        """
        from reader.opening import complete_issue, load_pages

        worker = get_current_worker()
        files, meta = self._page_files, self.planned_meta
        if not files:
            from reader.ingest.issue import issue_page_files

            files, meta = issue_page_files(self.path)
            self.post_message(self.IssuePlanned(files, meta))
        loaded: list[LoadedPage] = []
        pages = load_pages(self.path, files, start, _cache_root())
        try:
            for page in pages:
                if worker.is_cancelled:
                    return
                loaded.append(page)
                self.post_message(self.PageLoaded(page))
        except Exception:
            if worker.is_cancelled or _pool_closed():
                return  # quitting: the pool was stopped under us
            raise
        finally:
            pages.close()
        if start == 1:  # every page came through here: the issue is this thread's to complete
            self.post_message(self.IssueRead(complete_issue(self.path, meta, loaded)))

    @work(thread=True, exclusive=True, group="store", exit_on_error=False)
    def _open_store(self) -> None:
        self.reader_app.ensure_store()
        self.post_message(self.StoreOpened())

    @work(thread=True, exclusive=True, group="warm-up", exit_on_error=False)
    def _warm_up(self, script: str) -> None:
        """Build the converter of the script on show, if any; the six search converters (+47 MiB) are built
        by the first search, in its worker, and never for a user who does not search."""
        from reader.convert import preload

        if script != "original":
            preload([script])

    def _after_first_paint(self) -> None:
        """Start what the first frame did not need: the store, then the other pages."""
        self.reader_app.first_screen_drawn()
        self._open_store()
        if self.issue is not None and self._loading_timer is None and self.loading:
            self._load(len(self.pages) + 1)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.group == "load":
            self._load_failed(event.worker.error)

    def _load_failed(self, error: BaseException | None) -> None:
        self._stop_loading()
        self._remove_progress()
        self.sub_title = f"could not open {self.path.name}"
        # It stays until dismissed: a message that fades would leave a blank screen and no word of why.
        from reader.screens.error_notice import OPEN_ADVICE, ErrorNotice

        self.app.push_screen(ErrorNotice("Could not open", f"{error}", OPEN_ADVICE))
        self.call_after_refresh(self._open_store)

    @on(IssuePlanned)
    def _issue_planned(self, event: IssuePlanned) -> None:
        self._page_files = event.page_files
        self.planned_meta = event.meta
        self.page_count = len(event.page_files)
        if self.page_count >= 2:
            bar = LoadingBar(total=self.page_count, show_eta=False, id="loading-progress")
            self.mount(bar)

    @on(PageLoaded)
    def _page_loaded(self, event: PageLoaded) -> None:
        page_analysis = event.loaded.analysis
        self.pages[page_analysis.page.number] = page_analysis
        self._queued.append(page_analysis)
        if len(self.pages) == 1 or not self.loading:
            self._flush()  # the first page at once (the first frame), the last to finish
        elif self._flush_timer is None:
            delay = max(0.001, BATCH_SECONDS - (time.monotonic() - self._last_flush))  # a 0 s timer divides by 0
            self._flush_timer = self.set_timer(delay, self._flush)

    def _flush(self) -> None:
        """Hand queued pages to the subclass: a batch of about ``BATCH_ARTICLES`` articles; the rest later."""
        self._flush_timer = None
        self._last_flush = time.monotonic()
        batch: list[PageAnalysis] = []
        articles = 0
        while self._queued and (not batch or articles + len(self._queued[0].articles) <= BATCH_ARTICLES):
            page_analysis = self._queued.pop(0)
            batch.append(page_analysis)
            articles += len(page_analysis.articles)
        if batch:
            self._stop_loading()
            self._hand_over(batch)
        from reader.startup import freeze_loaded

        freeze_loaded()  # the new rows are long-lived: keep the collector from walking them again and again
        if self._queued:
            self._flush_timer = self.set_timer(NEXT_BATCH_SECONDS, self._flush)

    def _hand_over(self, batch: list[PageAnalysis]) -> None:
        first = self._handed == 0
        self._handed += len(batch)
        remaining = (self.page_count or self._handed) - self._handed
        if not remaining and not self._queued:
            self._complete_issue()  # when the loading thread has completed it (else on its message)
        self._pages_added(batch, remaining, first)
        self._update_progress()
        if first:
            self.call_after_refresh(self._after_first_paint)

    @on(IssueRead)
    def _issue_read(self, event: IssueRead) -> None:
        self._read_issue = event.issue
        if not self.loading and not self._queued:
            self._complete_issue()

    def _complete_issue(self) -> None:
        """Every page is in: the issue (whose id hashes them all) is known now."""
        issue, self._read_issue = self._read_issue, None
        if issue is None or self.issue is not None:
            return
        self._set_issue(issue)
        if self._store_opened_early:
            self._store_opened_early = False
            self._store_ready()

    def _update_progress(self) -> None:
        bar = self._progress_bar()
        if bar is None:
            return
        if self.loading or self._queued:
            bar.update(progress=self._handed)
        else:
            self._remove_progress()

    def _progress_bar(self) -> LoadingBar | None:
        try:
            return self.query_one("#loading-progress", LoadingBar)
        except Exception:  # noqa: BLE001 - NoMatches: not shown (small issue, or done)
            return None

    def _remove_progress(self) -> None:
        bar = self._progress_bar()
        if bar is not None:
            bar.remove()

    def _set_issue(self, issue: Issue) -> None:
        self.issue = issue
        self._issue_ready()

    @on(StoreOpened)
    def _store_opened(self) -> None:
        if self.issue is None and self.sub_title != "error":
            self._store_opened_early = True  # restored once the issue is known
            self.reader_app.restore_theme()
            return
        self._store_ready()

    def on_unmount(self) -> None:
        self.workers.cancel_group(self, "load")


def _cache_root() -> str | None:
    """The analysis cache's folder, for the workers (None when it cannot be used)."""
    try:
        from reader.cache import AnalysisCache

        return str(AnalysisCache.open().root)
    except Exception:  # noqa: BLE001 - no cache is slower, never wrong
        return None


def _pool_closed() -> bool:
    from reader import workers

    return workers._shared is None


def breakpoint_classes(app: App[Any]) -> dict[str, bool]:
    """The app's width classes for its current size, as ``Screen._on_resize`` will set them."""
    breakpoints = sorted(app.HORIZONTAL_BREAKPOINTS or [], reverse=True)
    chosen = next((name for width, name in breakpoints if app.size.width >= width), None)
    return {name: name == chosen for _width, name in breakpoints}
