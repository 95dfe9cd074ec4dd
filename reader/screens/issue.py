"""The issue screen: the article list on the left, the article on the right.

A small issue is read, and its first page analyzed, right away so that the first frame shows an article;
everything else (other pages, the user's store, script conversion, search, warming up OpenCC) runs in thread
workers that only compute and ``post_message`` their results, and the handlers below update the widgets.
Search state lives in :mod:`reader.screens.issue_search`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Footer

from reader.model import Article, IssueMeta, PageAnalysis
from reader.screens.issue_loading import breakpoint_classes
from reader.screens.issue_reading import IssueReading
from reader.screens.issue_search import IssueSearch
from reader.widgets.article_body import MEASURE_STEPS, ArticleBody
from reader.widgets.article_list import ArticleList
from reader.widgets.article_view import ArticleView
from reader.widgets.display import DisplayArticle, display_article
from reader.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from reader.opening import Opened
    from reader.search import Hit


PAGES = Binding.Group("Page")
HITS = Binding.Group("Hit")
"""Pairs of keys the footer shows together ("[ ] Page", "n N Hit") to leave room for the others."""

ARTICLE_ACTIONS = frozenset(
    {"switch_pane", "toggle_raw", "search", "cycle_script", "toggle_other_kinds", "contents", "go_to_page"}
)
"""The screen's actions that work on the articles shown (see ``check_action``)."""


class IssueScreen(IssueReading):
    """Read one issue: pick an article on the left, read it on the right."""

    BINDINGS = [
        # Footer labels are short so that the keys fit in 80 columns; the help screen shows the tooltips.
        Binding("tab", "switch_pane", "Pane", id="switch-pane", tooltip="Switch pane"),
        Binding("left_square_bracket", "previous_page", "Prev page", key_display="[", id="previous-page", group=PAGES),
        Binding("right_square_bracket", "next_page", "Next page", key_display="]", id="next-page", group=PAGES),
        Binding("r", "toggle_raw", "Raw", id="toggle-raw", tooltip="Raw/cleaned"),
        Binding("slash", "search", "Search", key_display="/", id="search"),
        Binding("n", "next_hit", "Next hit", id="next-hit", group=HITS),
        Binding("N", "previous_hit", "Prev hit", key_display="N", id="previous-hit", group=HITS),
        Binding(
            "H", "search_results", "Hits", key_display="H", show=False, id="search-results", tooltip="List the hits"
        ),
        Binding("t", "cycle_script", "Script", id="cycle-script"),
        # Not in the footer (it must fit 80 columns): the fold line in the list says "(f)".
        Binding("f", "toggle_other_kinds", "Captions", show=False, id="toggle-other-kinds", tooltip="Captions etc."),
        Binding("space", "page_on(1)", "Page on", show=False, id="page-forward", tooltip="Page down / next article"),
        Binding(
            "shift+space",
            "page_on(-1)",
            "Page back",
            key_display="⇧space",
            show=False,
            id="page-back",
            tooltip="Page up / previous article",
        ),
        Binding(
            "c",
            "follow_continuation",
            "Continued",
            show=False,
            id="follow-continuation",
            tooltip="Follow the story's continuation",
        ),
        Binding("backspace", "come_back", "Back", show=False, id="come-back", tooltip="Back from a continuation"),
        Binding("o", "contents", "Contents", show=False, id="contents", tooltip="Table of contents"),
        Binding("p", "go_to_page", "Go to page", show=False, id="go-to-page"),
        Binding("d", "toggle_header", "Details", show=False, id="toggle-header", tooltip="Whole title and details"),
        Binding(
            "backslash",
            "toggle_list",
            "List",
            key_display="\\",
            show=False,
            id="toggle-list",
            tooltip="Hide/show the list",
        ),
        Binding("w", "measure(1)", "Wider", show=False, id="wider-text", tooltip="Wider text (longer lines)"),
        Binding(
            "W", "measure(-1)", "Narrower", key_display="W", show=False, id="narrower-text", tooltip="Narrower text"
        ),
        Binding("escape", "back", "Back", id="back-to-library", tooltip="Clear search, selection; back"),
    ]

    script: reactive[str] = reactive("original", init=False)
    """The script the text is shown in (display only; the source text never changes)."""

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

        def __init__(self, query: str, script: str, hits: list[Hit], *, rerun: bool) -> None:
            super().__init__()
            self.query = query
            self.script = script
            """The display script the hits' offsets refer to."""
            self.hits = hits
            self.rerun = rerun
            """The same query run again on newly displayed text (another script, more pages)."""

    def __init__(
        self, path: Path, *, from_library: bool = False, script: str | None = None, opened: Opened | None = None
    ) -> None:
        super().__init__(path, opened)
        self.from_library = from_library
        self._cli_script = script
        self._articles: tuple[Article, ...] = ()
        self._current: Article | None = None
        self._restore_id: str | None = None
        self._meta: IssueMeta | None = None
        """The issue's metadata with the user's edits (read once the store is open)."""
        self._state_restored = False
        """Whether the saved reading state was read (until then, showing an article must not overwrite it)."""
        self.search = IssueSearch()
        """The current search, its hits and the current hit."""
        self._quiet_search = False
        """The next search's results are not listed (a library search hit opened this issue)."""
        self._search_from_library = False
        """The search on show is the library's: Esc goes straight back to its list of hits."""
        self._open_at: tuple[str, str] | None = None
        """An article and a query to open on (a library search hit): they win over the last article read."""

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
        yield TitleBar()
        with Horizontal(id="panes"):
            yield ArticleList(id="article-list")
            yield ArticleView(id="article-view")
        yield Footer(compact=True)

    # ---- what the loader delivers --------------------------------------------------------------

    def _issue_ready(self) -> None:
        self._update_sub_title()
        if self.reader_app.store is not None and len(self.pages) > 1:
            # A large issue is known once its last page is in: tell its bookmarks and notes now.
            self.query_one(ArticleList).set_markers(self.reader_app.markers_for(self.analysis()))
        self.watch_reading_place()

    def _pages_added(self, page_analyses: list[PageAnalysis], remaining: int, first: bool) -> None:
        new_articles = tuple(article for page_analysis in page_analyses for article in page_analysis.articles)
        self._articles += new_articles
        article_list = self.query_one(ArticleList)
        # The list grows by appending: rebuilding it for every page was quadratic (113 s for 400 pages).
        article_list.add_articles(new_articles, pages=[page_analysis.page for page_analysis in page_analyses])
        if first:
            self.refresh_bindings()  # the keys that act on articles (and on pages, with several) show now
        if self._current is None:
            if not article_list.has_focus:
                article_list.focus()
            # Start on the first real article, not on the masthead or page furniture listed above it.
            lead = next((article for article in self._articles if article.kind == "article"), None)
            if lead is not None:
                article_list.select_article(lead.id)
            chosen = article_list.highlighted_article
            if chosen is not None:
                self.open_article(chosen)  # now, not after the list's message: one frame fewer
        if self._restore_id and article_list.select_article(self._restore_id):
            self._restore_id = None
        if not remaining and self.script != "original":
            self._convert_titles(self.script)
        if not remaining and self._open_at is not None:
            query = self._open_at[1]
            self._open_at = None
            self._quiet_search = True  # the library's list of hits brought the reader here: no second list
            self._search_from_library = True
            self._search(query, self.script)  # shows the hits, from the article opened
        elif not remaining and self.search.query and not first:
            self._search(self.search.query, self.script, rerun=True)  # find the hits on the new pages too
        self._update_sub_title(analyzing=remaining)

    def open_at(self, article_id: str, query: str) -> None:
        """Open on ``article_id`` and search ``query`` once every page is in (a hit of the library search)."""
        self._open_at = (article_id, query)
        self._restore_id = article_id

    def _store_ready(self) -> None:
        app = self.reader_app
        app.restore_theme()
        if self.issue is None:
            return
        last = app.get_state(f"issue:{self.issue.id}:last_article")
        if self._open_at is not None:
            last = None  # a library search hit is where the reader asked to be
        if isinstance(last, str) and not self.query_one(ArticleList).select_article(last):
            self._restore_id = last
        self._state_restored = True
        if self._current is not None and self._current.id == last:
            self.restore_place(self._current)  # the article on show is the one last read: its place too
        from reader.convert import SCRIPT_CYCLE

        saved = app.get_state(f"issue:{self.issue.id}:script")
        self.script = self._cli_script or (saved if saved in SCRIPT_CYCLE else "original")
        self.query_one(ArticleList).set_markers(app.markers_for(self.analysis()))
        self._warm_up(self.script)
        saved_step = app.get_state("measure_step")
        if isinstance(saved_step, int) and MEASURE_STEPS[0] <= saved_step <= MEASURE_STEPS[1]:
            self.query_one(ArticleBody).set_measure_step(saved_step)
        self._update_sub_title()  # the issue's details with the user's edits

    def refresh_issue_meta(self) -> None:
        """Show the issue's newspaper and date again (after the user edited them with ``i``)."""
        self._meta = None
        self._update_sub_title()

    def _update_sub_title(self, analyzing: int = 0) -> None:
        issue = self.issue
        if issue is None and not self.pages:
            return
        from reader.convert import converter_if_ready
        from reader.screens.issue_meta import current_meta, issue_label

        if self._meta is None and self._state_restored and issue is not None:
            self._meta = current_meta(self.app, issue)  # the user's edits, once the store is open
        convert = converter_if_ready(self.script) if self.script != "original" else None
        # While a large issue loads it is not known yet: its folder's metadata stands in.
        meta = self._meta or (issue.meta if issue is not None else self.planned_meta)
        parts = issue_label(meta, Path(issue.source).name if issue is not None else self.path.name, convert)
        parts += self.position_parts()
        if self.search.hits and self.search.index >= 0:
            parts.append(f"hit {self.search.index + 1} of {len(self.search.hits)}")
        if self.script != "original":
            from reader.convert import script_label

            parts.append(f"script: {self.script} {script_label(self.script)}")
        else:
            parts.append(self.script)
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
        if changed:
            self.remember_place()  # of the article being left
        self._current = article
        page = self.pages.get(article.page_number)
        display = display_article(article, page.page if page else None)
        self._show(display, keep_place=not changed)
        if changed and self.search.marks_for(display).current is None:
            self.restore_place(article)
        if self.script != "original":
            self._convert_article(article, self.script)
        if changed and self.issue is not None and self._state_restored:
            self.reader_app.set_state(f"issue:{self.issue.id}:last_article", article.id)
        self._update_sub_title()

    def _show(self, display: DisplayArticle, *, keep_place: bool = False) -> None:
        marks = self.search.marks_for(display)
        self.query_one(ArticleView).show(display, marks=marks, keep_place=keep_place and marks.current is None)

    # ---- script conversion ---------------------------------------------------------------------

    def watch_script(self, script: str) -> None:
        if self.issue is not None:
            self.reader_app.set_state(f"issue:{self.issue.id}:script", script)
        if self.search.query:
            self._search(self.search.query, script, rerun=True)  # the hits index the displayed text
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

        page = self.pages.get(article.page_number)
        display = display_article(article, page.page if page else None, script, get_converter(script))
        self.post_message(self.ArticleConverted(display))

    @work(thread=True, exclusive=True, group="convert-titles", exit_on_error=False)
    def _convert_titles(self, script: str) -> None:
        from reader.convert import for_article, get_converter

        base = get_converter(script)
        titles = {}
        for a in self._articles:
            convert = for_article(a, base)  # names in bylines stay as printed
            titles[a.id] = (convert(a.display_title), convert(a.byline) if a.byline else None)
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
            self._update_sub_title()  # the newspaper's name in this script too

    # ---- search --------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, query: str, script: str, *, rerun: bool = False) -> None:
        """Find ``query`` in the text as displayed in ``script`` (headlines and bylines included)."""
        from reader.search import search_issue

        analysis = self.analysis()
        hits = search_issue(analysis, query, script) if analysis is not None else []
        self.post_message(self.SearchFinished(query, script, hits, rerun=rerun))

    @on(SearchFinished)
    def _search_finished(self, event: SearchFinished) -> None:
        if event.script != self.script:  # the script changed meanwhile: offsets would be wrong
            self._search(event.query, self.script, rerun=event.rerun)
            return
        search = self.search
        if event.rerun and event.query != search.query:
            return  # a newer search (or none) replaced this one
        search.set_results(event.query, event.script, event.hits)
        self.refresh_bindings()
        if event.rerun:
            self._refresh_current()
            return
        if search.hits:
            self._go_to_hit(search.first_index_from(self._articles, self._current))
            if not self._quiet_search:
                self.action_search_results()
            self._quiet_search = False
        else:
            self.notify(search.summary(), markup=False, severity="warning")
            self._refresh_current()

    def action_search_results(self) -> None:
        """List the search's hits (article, page, context); Enter goes to one."""
        if not self.search.hits:
            self.notify("No search results: / searches the issue", markup=False, timeout=3)
            return
        from reader.screens.search_results import SearchResults

        def chosen(index: int | None) -> None:
            if index is not None:
                self._go_to_hit(index)

        self.app.push_screen(SearchResults(self.search.summary(), self.search.hits, self.search.index), callback=chosen)

    def _go_to_hit(self, index: int) -> None:
        hit = self.search.move_to(index)
        if hit is None:
            return
        article = next((a for a in self._articles if a.id == hit.article.id), hit.article)
        article_list = self.query_one(ArticleList)
        if article.kind != "article":
            article_list.show_other_kinds = True
        self._current = None  # force a fresh show, scrolled to the hit
        article_list.select_article(article.id)
        self.open_article(article)

    def _refresh_current(self) -> None:
        if self._current is not None:
            self.open_article(self._current)

    # ---- actions -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Keys that can do nothing here are left out of the footer (all of them stay in the ``?`` help).
        if action == "back":
            return self.from_library or bool(self.search.query) or bool(self.selections)
        if action in ("next_hit", "previous_hit"):
            return bool(self.search.hits)
        if action in ("next_page", "previous_page"):
            return (self.page_count or 0) > 1
        if action in ARTICLE_ACTIONS:
            return bool(self.pages)  # not while nothing is shown (the issue is loading, or could not be read)
        return True

    def action_toggle_raw(self) -> None:
        """Switch between the cleaned paragraphs and the raw OCR lines."""
        view = self.query_one(ArticleView)
        view.raw = not view.raw

    def action_search(self) -> None:
        """Ask for a search term and find it in every article of the issue."""

        from reader.screens.search_input import SearchInput

        def searched(query: str | None) -> None:
            if query is None:
                return
            self._search_from_library = False
            if not query:
                self.search.clear()
                self.refresh_bindings()
                self._refresh_current()
                return
            self._search(query, self.script)

        self.app.push_screen(SearchInput(self.search.query), callback=searched)

    def action_next_hit(self) -> None:
        """Go to the next search hit (across articles)."""
        self._go_to_hit(self.search.index + 1)

    def action_previous_hit(self) -> None:
        """Go to the previous search hit (across articles)."""
        self._go_to_hit(self.search.index - 1)

    def action_cycle_script(self) -> None:
        """Show the text in the next script: original → simplified → traditional → taiwan → hongkong."""
        from reader.convert import next_script

        self.script = next_script(self.script)
        self.notify(f"Script: {self.script}", markup=False, timeout=2)

    def action_toggle_other_kinds(self) -> None:
        """Hide or show captions, notices, adverts and other furniture."""
        article_list = self.query_one(ArticleList)
        article_list.show_other_kinds = not article_list.show_other_kinds

    def action_back(self) -> None:
        """Peel one layer: the search highlights, then the selection, then back to the library."""
        if self.search.query and not (self._search_from_library and self.from_library):
            self.search.clear()
            self.refresh_bindings()
            self._refresh_current()
            self.notify("Search cleared", markup=False, timeout=2)
        elif self.selections:
            self.clear_selection()
            self.refresh_bindings()
        elif self.from_library:
            self.dismiss(None)

    def jump_to(self, article: Article) -> None:
        """Show ``article`` and select it in the list (from the command palette)."""
        article_list = self.query_one(ArticleList)
        if article.kind != "article":
            article_list.show_other_kinds = True
        article_list.select_article(article.id)
        self.open_article(article)

    def action_search_library(self) -> None:
        """Back to the library, searching every issue for this issue's query (or asking for one)."""
        from reader.screens.library import LibraryScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, LibraryScreen):
                query = self.search.query
                while self.app.screen is not screen:
                    self.app.pop_screen()
                screen.search_library(query)
                return

    def refresh_markers(self) -> None:
        """Redraw bookmark and note markers in the list (after another screen changed them)."""
        # Asked afresh: the markers are cheaper to tell for an issue without bookmarks and notes.
        self.query_one(ArticleList).set_markers(self.reader_app.markers_for(self.analysis()))

    def system_commands(self) -> list[tuple[str, str, Any]]:
        """Title, help and callback of each screen action, for the command palette."""
        return [
            ("Switch pane", "Move focus between the list and the text", self.action_switch_pane),
            ("Next page", "First article of the next page", self.action_next_page),
            ("Previous page", "First article of the previous page", self.action_previous_page),
            ("Raw / cleaned text", "Toggle the raw OCR lines behind the article", self.action_toggle_raw),
            ("Search in issue", "Find text in every article", self.action_search),
            *(
                [("Search the whole library", "Find text in every issue of the library", self.action_search_library)]
                if self.from_library
                else []
            ),
            ("Search results", "List the hits with their context (H)", self.action_search_results),
            ("Next search hit", "Go to the next hit", self.action_next_hit),
            ("Previous search hit", "Go to the previous hit", self.action_previous_hit),
            ("Cycle script", "Original, simplified, traditional, Taiwan, Hong Kong", self.action_cycle_script),
            ("Captions and notices", "Hide or show non-article items", self.action_toggle_other_kinds),
            (
                "Follow continuation",
                "The rest of a story continued on another page (c)",
                self.action_follow_continuation,
            ),
            ("Come back", "Back to where a continuation was followed from (backspace)", self.action_come_back),
            ("Table of contents", "Pages and their articles, with kind marks (o)", self.action_contents),
            ("Go to page…", "Type a page number (p)", self.action_go_to_page),
            ("Whole header", "The whole title block and every detail (d)", self.action_toggle_header),
            ("Hide / show the list", "The text takes the whole width (\\)", self.action_toggle_list),
            ("Wider text", "Longer lines of text (w)", lambda: self.action_measure(1)),
            ("Narrower text", "Shorter lines of text (W)", lambda: self.action_measure(-1)),
        ]
