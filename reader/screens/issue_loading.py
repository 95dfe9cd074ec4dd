"""How the issue screen gets its content: read and analyze the issue, open the user's store, warm up OpenCC.

:class:`IssueLoader` is the base of :class:`reader.screens.issue.IssueScreen`. A small issue is read and its
first page analyzed during mount, so the very first frame shows an article (a worker round trip costs more
than that work); when the ``reader`` command has done that already in a forked process, the screen is given
the result (``reader.opening``). Everything the first frame does not need starts once it is drawn: the other pages, the
store (TinyDB) and OpenCC's dictionaries, each in a thread worker that only computes and posts a message.
The subclass shows what arrives through three hooks: ``_issue_ready``, ``_page_added`` and ``_store_ready``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, on, work
from textual.app import App
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from reader.model import Issue, IssueAnalysis, PageAnalysis

if TYPE_CHECKING:
    from reader.app import ReaderApp
    from reader.opening import Opened


class IssueLoader(Screen[None]):
    """Loads ``path`` into ``issue`` and ``pages``; subclasses show it (see the module docstring)."""

    class IssueLoaded(Message):
        """The issue's pages were read (not yet analyzed)."""

        def __init__(self, issue: Issue) -> None:
            super().__init__()
            self.issue = issue

    class PageAnalyzed(Message):
        """One more page was analyzed."""

        def __init__(self, page_analysis: PageAnalysis, remaining: int) -> None:
            super().__init__()
            self.page_analysis = page_analysis
            self.remaining = remaining

    class StoreOpened(Message):
        """The user's store is ready (or could not be opened): reading state can be restored."""

    def __init__(self, path: Path, opened: Opened | None = None) -> None:
        super().__init__()
        self.path = path
        self._opened = opened
        """The path opened ahead (``reader.opening``), used once by the first mount."""
        self.issue: Issue | None = None
        self.pages: dict[int, PageAnalysis] = {}
        """The pages analyzed so far, by page number."""
        self._loading_timer: Timer | None = None
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

    def _page_added(self, page_analysis: PageAnalysis, remaining: int, first: bool) -> None:
        """A page was analyzed (``first``: the first one, for the first frame); ``remaining`` pages to go."""

    def _store_ready(self) -> None:
        """The store was opened, or could not be (``app.store`` is None then)."""

    # ---- loading -------------------------------------------------------------------------------

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
        """Read a small issue and analyze its first page right away; False leaves a large one to the worker."""
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
        self._set_issue(issue)
        self._add_page(first, len(issue.pages) - 1)
        return True

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self, issue: Issue | None = None, first_page: int = 0) -> None:
        """Read the issue (unless given) and analyze its pages from ``first_page`` on, one message each."""
        from reader.analysis import analyze_page

        if issue is None:
            from reader.ingest import load_issue

            issue = load_issue(self.path)
            self.post_message(self.IssueLoaded(issue))
        for index in range(first_page, len(issue.pages)):
            page = issue.pages[index]
            self.post_message(self.PageAnalyzed(PageAnalysis(page, analyze_page(page)), len(issue.pages) - index - 1))

    @work(thread=True, exclusive=True, group="store", exit_on_error=False)
    def _open_store(self) -> None:
        self.reader_app.ensure_store()
        self.post_message(self.StoreOpened())

    @work(thread=True, exclusive=True, group="warm-up", exit_on_error=False)
    def _warm_up(self, script: str) -> None:
        """Build OpenCC's converters now, so that the first ``t`` or search need not wait for its dictionaries."""
        from reader.convert import preload
        from reader.search import warm_up

        preload([script])
        warm_up()

    def _after_first_paint(self) -> None:
        """Start what the first frame did not need: the store, then the other pages."""
        self.reader_app.first_screen_drawn()
        self._open_store()
        if self.issue is not None and self._loading_timer is None and len(self.pages) < len(self.issue.pages):
            self._load(self.issue, len(self.pages))

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.group == "load":
            self._load_failed(event.worker.error)

    def _load_failed(self, error: BaseException | None) -> None:
        self._stop_loading()
        self.sub_title = "error"
        self.notify(f"{error}", title="Could not open", severity="error", markup=False, timeout=10)
        self.call_after_refresh(self._open_store)

    @on(IssueLoaded)
    def _issue_loaded(self, event: IssueLoaded) -> None:
        self._set_issue(event.issue)

    def _set_issue(self, issue: Issue) -> None:
        self.issue = issue
        self._issue_ready()

    @on(PageAnalyzed)
    def _page_analyzed(self, event: PageAnalyzed) -> None:
        self._add_page(event.page_analysis, event.remaining)

    def _add_page(self, page_analysis: PageAnalysis, remaining: int) -> None:
        first = not self.pages
        self.pages[page_analysis.page.number] = page_analysis
        self._stop_loading()
        self._page_added(page_analysis, remaining, first)
        if first:
            self.call_after_refresh(self._after_first_paint)

    @on(StoreOpened)
    def _store_opened(self) -> None:
        self._store_ready()


def breakpoint_classes(app: App[Any]) -> dict[str, bool]:
    """The app's width classes for its current size, as ``Screen._on_resize`` will set them."""
    breakpoints = sorted(app.HORIZONTAL_BREAKPOINTS or [], reverse=True)
    chosen = next((name for width, name in breakpoints if app.size.width >= width), None)
    return {name: name == chosen for _width, name in breakpoints}
