"""The issue screen: the article list on the left, the article on the right.

Loading, analysis, script conversion and search run in thread workers that only compute and
``post_message`` their results; the handlers below update the widgets.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header
from textual.worker import Worker, WorkerState

from reader.model import Article, Issue, PageAnalysis
from reader.screens.search_input import SearchInput
from reader.widgets.article_list import ArticleList
from reader.widgets.article_view import ArticleView
from reader.widgets.display import DisplayArticle, display_article

if TYPE_CHECKING:
    from reader.app import ReaderApp

SCRIPT_CYCLE = ("original", "simplified", "traditional", "taiwan", "hongkong")
"""The order in which ``t`` cycles the display script."""

FAST_OPEN_BYTES = 256 * 1024
"""Issues up to this size on disk are read, and their first page analyzed, before the first frame."""

SearchHit = tuple[str, int, int]
"""A search hit: article id, paragraph index, ordinal of the hit within the paragraph."""


class IssueScreen(Screen[None]):
    """Read one issue: pick an article on the left, read it on the right."""

    BINDINGS = [
        Binding("tab", "switch_pane", "Switch pane", id="switch-pane"),
        Binding("left_square_bracket", "previous_page", "Prev page", key_display="[", id="previous-page"),
        Binding("right_square_bracket", "next_page", "Next page", key_display="]", id="next-page"),
        Binding("r", "toggle_raw", "Raw/cleaned", id="toggle-raw"),
        Binding("slash", "search", "Search", key_display="/", id="search"),
        Binding("n", "next_hit", "Next hit", id="next-hit"),
        Binding("N", "previous_hit", "Prev hit", key_display="N", id="previous-hit"),
        Binding("t", "cycle_script", "Script", id="cycle-script"),
        Binding("f", "toggle_other_kinds", "Captions etc.", id="toggle-other-kinds"),
        Binding("escape", "back", "Library", id="back-to-library"),
    ]

    script: reactive[str] = reactive("original", init=False)
    """The script the text is shown in (display only; the source text never changes)."""

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
        """The user's store is ready: reading state can be restored."""

    class ArticleConverted(Message):
        """An article was converted to the display script."""

        def __init__(self, display: DisplayArticle) -> None:
            super().__init__()
            self.display = display

    class TitlesConverted(Message):
        """The list's titles and bylines were converted to the display script."""

        def __init__(self, script: str, titles: dict[str, tuple[str, str | None]]) -> None:
            super().__init__()
            self.script = script
            self.titles = titles

    class SearchFinished(Message):
        """A search over the issue's articles finished."""

        def __init__(self, query: str, hits: list[SearchHit]) -> None:
            super().__init__()
            self.query = query
            self.hits = hits

    def __init__(self, path: Path, *, from_library: bool = False, script: str | None = None) -> None:
        super().__init__()
        self.path = path
        self.from_library = from_library
        self._cli_script = script
        self.issue: Issue | None = None
        self._pages: dict[int, PageAnalysis] = {}
        self._articles: tuple[Article, ...] = ()
        self._current: Article | None = None
        self._restore_id: str | None = None
        self._state_restored = False
        """Whether the saved reading state was read (until then, showing an article must not overwrite it)."""
        self._query = ""
        self._hits: list[SearchHit] = []
        self._hit_index = -1

    @property
    def reader_app(self) -> ReaderApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    @property
    def current_article(self) -> Article | None:
        """The article on show."""
        return self._current

    @property
    def articles(self) -> tuple[Article, ...]:
        """Every article analyzed so far, in reading order."""
        return self._articles

    def compose(self) -> ComposeResult:
        # The width classes (-narrow, -normal, -wide) are set on resize; setting them now spares the whole
        # screen a second styling pass before its first frame.
        self.update_classes(breakpoint_classes(self.app), update=False)
        yield Header()
        with Horizontal(id="panes"):
            yield ArticleList(id="article-list")
            yield ArticleView(id="article-view")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"opening {self.path.name}…"
        self._loading_timer: Timer | None = None
        if not self._open_now():
            # Show the loading indicator only when loading is slow: its animation would slow a fast start.
            self._loading_timer = self.set_timer(0.25, self._show_loading)
            self._load()

    def _show_loading(self) -> None:
        if not self._articles:
            self.query_one("#panes").loading = True

    def _stop_loading(self) -> None:
        if self._loading_timer is not None:
            self._loading_timer.stop()
        self.query_one("#panes").loading = False

    # ---- loading -------------------------------------------------------------------------------

    def _open_now(self) -> bool:
        """Read a small issue and analyze its first page right away, so the first frame shows an article.

        A round trip through a worker costs more than this work (a few milliseconds); a large issue still
        loads in the background. Returns False when the issue is left to the worker.
        """
        if _bytes_on_disk(self.path) > FAST_OPEN_BYTES:
            return False
        from reader.analysis import analyze_page
        from reader.ingest import load_issue

        try:
            issue = load_issue(self.path)
            first = PageAnalysis(issue.pages[0], analyze_page(issue.pages[0]))
        except Exception as exc:  # noqa: BLE001 - reported on screen like a failed worker
            self._load_failed(exc)
            return True
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

    def _after_first_paint(self) -> None:
        """Start what the first frame did not need: the store, then the other pages."""
        self.reader_app.first_screen_drawn()
        self._open_store()
        if self.issue is not None and self._loading_timer is None and len(self._pages) < len(self.issue.pages):
            self._load(self.issue, len(self._pages))

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
        self._update_sub_title()

    @on(PageAnalyzed)
    def _page_analyzed(self, event: PageAnalyzed) -> None:
        self._add_page(event.page_analysis, event.remaining)

    def _add_page(self, page_analysis: PageAnalysis, remaining: int) -> None:
        first = not self._pages
        self._pages[page_analysis.page.number] = page_analysis
        self._articles = tuple(a for number in sorted(self._pages) for a in self._pages[number].articles)
        article_list = self.query_one(ArticleList)
        article_list.set_articles(self._articles, markers=self.reader_app.markers_for(self.issue))
        self._stop_loading()
        if self._current is None:
            if not article_list.has_focus:
                article_list.focus()
            chosen = article_list.highlighted_article
            if chosen is not None:
                self.open_article(chosen)  # now, not after the list's message: one frame fewer
        if self._restore_id and article_list.select_article(self._restore_id):
            self._restore_id = None
        if not remaining and self.script != "original":
            self._convert_titles(self.script)
        self._update_sub_title(analyzing=remaining)
        if first:
            self.call_after_refresh(self._after_first_paint)

    @on(StoreOpened)
    def _store_opened(self) -> None:
        app = self.reader_app
        app.restore_theme()
        if self.issue is None:
            return
        last = app.get_state(f"issue:{self.issue.id}:last_article")
        if isinstance(last, str) and not self.query_one(ArticleList).select_article(last):
            self._restore_id = last
        self._state_restored = True
        saved = app.get_state(f"issue:{self.issue.id}:script")
        script = self._cli_script or (saved if saved in SCRIPT_CYCLE else "original")
        self.script = script
        self.query_one(ArticleList).set_articles(self._articles, markers=app.markers_for(self.issue))

    def _update_sub_title(self, analyzing: int = 0) -> None:
        issue = self.issue
        if issue is None:
            return
        parts = [issue.title or Path(issue.source).name, issue.date or "undated"]
        if self._current is not None:
            parts.append(f"page {self._current.page_number}")
        parts.append(self.script if self.script == "original" else f"script: {self.script}")
        if analyzing:
            parts.append(f"analyzing, {analyzing} pages to go…")
        self.sub_title = " · ".join(parts)

    # ---- showing an article --------------------------------------------------------------------

    @on(ArticleList.ArticleHighlighted)
    def _article_highlighted(self, event: ArticleList.ArticleHighlighted) -> None:
        if self._current is None or event.article.id != self._current.id:
            self.open_article(event.article)

    @on(ArticleList.ArticleChosen)
    def _article_chosen(self, event: ArticleList.ArticleChosen) -> None:
        self.open_article(event.article)
        self.query_one(ArticleView).text_widget.focus()

    def open_article(self, article: Article) -> None:
        """Show ``article`` on the right (converted in a worker when a script is chosen)."""
        changed = self._current is None or self._current.id != article.id
        self._current = article
        page = self._pages.get(article.page_number)
        self._show(display_article(article, page.page if page else None), keep_place=not changed)
        if self.script != "original":
            self._convert_article(article, self.script)
        if changed and self.issue is not None and self._state_restored:
            self.reader_app.set_state(f"issue:{self.issue.id}:last_article", article.id)
        self._update_sub_title()

    def _show(self, display: DisplayArticle, *, keep_place: bool = False) -> None:
        highlights: list[tuple[tuple[int, int], ...]] = []
        current = None
        if self._query:
            from reader.search import find_spans

            originals = display.article.paragraphs
            # Conversion is display-only: when it kept a paragraph's length, the hits found in the source text
            # sit at the same offsets; otherwise search the converted text itself.
            highlights = [
                tuple(find_spans(source if len(source) == len(shown) else shown, self._query))
                for source, shown in zip(originals, display.paragraphs, strict=False)
            ]
            if 0 <= self._hit_index < len(self._hits):
                article_id, paragraph, ordinal = self._hits[self._hit_index]
                if article_id == display.article.id and ordinal < len(highlights[paragraph]):
                    current = (paragraph, *highlights[paragraph][ordinal])
        self.query_one(ArticleView).show(display, highlights=highlights, current=current, keep_place=keep_place)

    # ---- script conversion ---------------------------------------------------------------------

    def watch_script(self, script: str) -> None:
        if self.issue is not None:
            self.reader_app.set_state(f"issue:{self.issue.id}:script", script)
        if self._current is not None:
            self.open_article(self._current)
        if script == "original":
            self.query_one(ArticleList).set_titles({})
        else:
            self._convert_titles(script)
        self._update_sub_title()

    @work(thread=True, exclusive=True, group="convert-article", exit_on_error=False)
    def _convert_article(self, article: Article, script: str) -> None:
        from reader.convert import get_converter

        page = self._pages.get(article.page_number)
        display = display_article(article, page.page if page else None, script, get_converter(script))
        self.post_message(self.ArticleConverted(display))

    @work(thread=True, exclusive=True, group="convert-titles", exit_on_error=False)
    def _convert_titles(self, script: str) -> None:
        from reader.convert import get_converter

        convert = get_converter(script)
        titles = {a.id: (convert(a.display_title), convert(a.byline) if a.byline else None) for a in self._articles}
        self.post_message(self.TitlesConverted(script, titles))

    @on(ArticleConverted)
    def _article_converted(self, event: ArticleConverted) -> None:
        display = event.display
        if self._current is not None and display.article.id == self._current.id and display.script == self.script:
            self._show(display, keep_place=True)

    @on(TitlesConverted)
    def _titles_converted(self, event: TitlesConverted) -> None:
        if event.script == self.script:
            self.query_one(ArticleList).set_titles(event.titles)

    # ---- search --------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, query: str) -> None:
        from reader.search import find_spans

        hits = [
            (article.id, index, ordinal)
            for article in self._articles
            for index, paragraph in enumerate(article.paragraphs)
            for ordinal, _span in enumerate(find_spans(paragraph, query))
        ]
        self.post_message(self.SearchFinished(query, hits))

    @on(SearchFinished)
    def _search_finished(self, event: SearchFinished) -> None:
        self._query, self._hits, self._hit_index = event.query, event.hits, -1
        count = len(event.hits)
        if not count:
            self.notify(f"No hits for “{event.query}”", markup=False, severity="warning")
            self._refresh_current()
            return
        articles = len({hit[0] for hit in event.hits})
        hits = f"{count} hit" + ("s" if count != 1 else "")
        found_in = f"{articles} article" + ("s" if articles != 1 else "")
        self.notify(f"{hits} in {found_in} for “{event.query}”", markup=False)
        order = [article.id for article in self._articles]
        here = order.index(self._current.id) if self._current is not None and self._current.id in order else 0
        start = next((index for index, hit in enumerate(self._hits) if order.index(hit[0]) >= here), 0)
        self._go_to_hit(start)

    def _go_to_hit(self, index: int) -> None:
        self._hit_index = index % len(self._hits)
        article_id = self._hits[self._hit_index][0]
        article = next(a for a in self._articles if a.id == article_id)
        article_list = self.query_one(ArticleList)
        if article.kind != "article":
            article_list.show_other_kinds = True
        self._current = None  # force a fresh show, scrolled to the hit
        article_list.select_article(article_id)
        self.open_article(article)

    def _refresh_current(self) -> None:
        if self._current is not None:
            self.open_article(self._current)

    # ---- actions -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self.from_library
        if action in ("next_hit", "previous_hit"):
            return bool(self._hits) or None
        return True

    def action_switch_pane(self) -> None:
        """Move the focus between the article list and the text."""
        article_list = self.query_one(ArticleList)
        if article_list.has_focus:
            self.query_one(ArticleView).text_widget.focus()
        else:
            article_list.focus()

    def _page_step(self, step: int) -> None:
        if not self._articles:
            return
        pages = sorted({a.page_number for a in self._articles})
        here = self._current.page_number if self._current is not None else pages[0]
        target = [p for p in pages if (p > here if step > 0 else p < here)]
        if not target:
            self.notify("No next page" if step > 0 else "No previous page", markup=False)
            return
        page = target[0] if step > 0 else target[-1]
        article_list = self.query_one(ArticleList)
        for article in self._articles:
            if article.page_number == page and article_list.select_article(article.id):
                return

    def action_next_page(self) -> None:
        """Go to the first article of the next page."""
        self._page_step(+1)

    def action_previous_page(self) -> None:
        """Go to the first article of the previous page."""
        self._page_step(-1)

    def action_toggle_raw(self) -> None:
        """Switch between the cleaned paragraphs and the raw OCR lines."""
        view = self.query_one(ArticleView)
        view.raw = not view.raw

    def action_search(self) -> None:
        """Ask for a search term and find it in every article of the issue."""

        def searched(query: str | None) -> None:
            if query is None:
                return
            if not query:
                self._query, self._hits, self._hit_index = "", [], -1
                self._refresh_current()
                return
            self._search(query)

        self.app.push_screen(SearchInput(self._query), callback=searched)

    def action_next_hit(self) -> None:
        """Go to the next search hit (across articles)."""
        if self._hits:
            self._go_to_hit(self._hit_index + 1)

    def action_previous_hit(self) -> None:
        """Go to the previous search hit (across articles)."""
        if self._hits:
            self._go_to_hit(self._hit_index - 1)

    def action_cycle_script(self) -> None:
        """Show the text in the next script: original → simplified → traditional → taiwan → hongkong."""
        self.script = SCRIPT_CYCLE[(SCRIPT_CYCLE.index(self.script) + 1) % len(SCRIPT_CYCLE)]
        self.notify(f"Script: {self.script}", markup=False, timeout=2)

    def action_toggle_other_kinds(self) -> None:
        """Hide or show captions, notices, adverts and other furniture."""
        article_list = self.query_one(ArticleList)
        article_list.show_other_kinds = not article_list.show_other_kinds

    def action_back(self) -> None:
        """Return to the library."""
        if self.from_library:
            self.dismiss(None)

    def jump_to(self, article: Article) -> None:
        """Show ``article`` and select it in the list (from the command palette)."""
        article_list = self.query_one(ArticleList)
        if article.kind != "article":
            article_list.show_other_kinds = True
        article_list.select_article(article.id)
        self.open_article(article)

    def refresh_markers(self) -> None:
        """Redraw bookmark and note markers in the list (after another screen changed them)."""
        self.query_one(ArticleList).refresh_markers()

    def system_commands(self) -> list[tuple[str, str, Any]]:
        """Title, help and callback of each screen action, for the command palette."""
        return [
            ("Switch pane", "Move focus between the list and the text", self.action_switch_pane),
            ("Next page", "First article of the next page", self.action_next_page),
            ("Previous page", "First article of the previous page", self.action_previous_page),
            ("Raw / cleaned text", "Toggle the raw OCR lines behind the article", self.action_toggle_raw),
            ("Search in issue", "Find text in every article", self.action_search),
            ("Next search hit", "Go to the next hit", self.action_next_hit),
            ("Previous search hit", "Go to the previous hit", self.action_previous_hit),
            ("Cycle script", "Original, simplified, traditional, Taiwan, Hong Kong", self.action_cycle_script),
            ("Captions and notices", "Hide or show non-article items", self.action_toggle_other_kinds),
        ]


def breakpoint_classes(app: App[Any]) -> dict[str, bool]:
    """The app's width classes for its current size, as ``Screen._on_resize`` will set them."""
    breakpoints = sorted(app.HORIZONTAL_BREAKPOINTS or [], reverse=True)
    chosen = next((name for width, name in breakpoints if app.size.width >= width), None)
    return {name: name == chosen for _width, name in breakpoints}


def _bytes_on_disk(path: Path) -> int:
    """The size of an issue's page files (0 when it cannot be told: loading then reports the problem)."""
    from reader.ingest.issue import find_page_files

    try:
        files = find_page_files(path) if path.is_dir() else [path]
        return sum(file.stat().st_size for file in files)
    except OSError:
        return 0
