"""The library's search results: hits of every issue, grouped by issue, the match highlighted.

Opened by ``/`` on the library screen. The query runs through the library index (``reader.library_index``,
brought up to date first: issues that changed are analyzed in worker processes) in a thread worker, which
only waits on SQLite and the pool; the screen shows what arrives. Enter opens the issue at the article of
the hit, with the query searched there; ``n``/``N`` move through the hits across issues ("hit k of M").
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from reader.library_search import LibraryHit, LibraryResults
from reader.sanitize import sanitize
from reader.widgets.title_bar import TitleBar


def hit_prompt(hit: LibraryHit) -> Content:
    """One hit as a list entry: article number, page, the snippet with the match highlighted (never markup)."""
    before, match, after = hit.context(30)
    where = f"[{hit.source}]" if hit.source != "article" else f"{hit.article_number:>4}  p.{hit.page}"
    headline = sanitize(hit.headline or "")
    return Content.assemble(
        (where, "dim"),
        "  ",
        (headline[:60], "bold"),
        "\n      ",
        sanitize(before),
        (sanitize(match), "reverse bold"),
        sanitize(after),
    )


def issue_heading(hit: LibraryHit) -> Content:
    """The heading above an issue's hits: date, newspaper, folder."""
    return Content.assemble(
        (hit.issue_date or "undated", "bold"),
        "  ",
        (sanitize(hit.issue_title or "(untitled newspaper)"), "bold $text-accent"),
        "  ",
        (sanitize(Path(hit.issue_path).name), "dim"),
    )


class LibrarySearchScreen(Screen[None]):
    """Hits of a query across a library; Escape goes back to the library."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Library", id="library-search.back"),
        Binding("n", "next_hit", "Next hit", id="library-search.next"),
        Binding("N", "previous_hit", "Previous hit", key_display="N", id="library-search.previous"),
        Binding("j", "cursor_down", "Down", show=False, id="library-search.down"),
        Binding("k", "cursor_up", "Up", show=False, id="library-search.up"),
    ]

    class SearchDone(Message):
        """The library search finished."""

        def __init__(self, results: LibraryResults) -> None:
            super().__init__()
            self.results = results

    def __init__(self, library: Path, query: str, *, script: str | None = None, partial: bool = False) -> None:
        super().__init__()
        self.library = library
        self.query_text = query
        self._script = script
        self.hits: list[LibraryHit] = []
        self.total = 0
        self.partial = partial
        """Whether the library is still being indexed in the background: the hits are those of the issues
        indexed so far (and the search does not index the library itself meanwhile)."""

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield OptionList(id="library-hits", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = f"searching {self.library.name} for {self.query_text}…"
        self.query_one("#library-hits").loading = True
        self._run()

    @work(thread=True, exclusive=True, group="library-search", exit_on_error=False)
    def _run(self) -> None:
        from reader.cache import AnalysisCache
        from reader.library_index import connect, index_path, refresh
        from reader.library_search import search_library

        cache = AnalysisCache.open()
        conn = connect(index_path(cache.root, self.library))
        try:
            # while the library screen indexes in the background, search what it has indexed so far
            if not self.partial:
                refresh(conn, self.library, cache=cache)
            results = search_library(conn, self.query_text)
        finally:
            conn.close()
        self.post_message(self.SearchDone(results))

    @on(SearchDone)
    def _done(self, event: SearchDone) -> None:
        self.hits = event.results.hits
        self.total = event.results.total
        hit_list = self.query_one("#library-hits", OptionList)
        options: list[Option] = []
        current = None
        for index, hit in enumerate(self.hits):
            if hit.issue_path != current:
                current = hit.issue_path
                options.append(Option(issue_heading(hit), id=f"issue-{index}", disabled=True))
            options.append(Option(hit_prompt(hit), id=f"hit-{index}"))
        hit_list.set_options(options)
        hit_list.loading = False
        hit_list.focus()
        if self.hits:
            hit_list.highlighted = 1
        self._update_sub_title()

    def _current_index(self) -> int | None:
        hit_list = self.query_one("#library-hits", OptionList)
        if hit_list.highlighted is None:
            return None
        option_id = hit_list.get_option_at_index(hit_list.highlighted).id or ""
        return int(option_id.split("-")[1]) if option_id.startswith("hit-") else None

    def _update_sub_title(self) -> None:
        index = self._current_index()
        shown = len(self.hits)
        more = f" (first {shown} of {self.total})" if self.total > shown else ""
        so_far = " · still indexing: issues indexed so far" if self.partial else ""
        if not self.hits:
            self.sub_title = f"no matches for {self.query_text} in {self.library.name}{so_far}"
        elif index is None:
            self.sub_title = f"{self.query_text}: {shown} hits{more}{so_far}"
        else:
            self.sub_title = f"{self.query_text}: hit {index + 1} of {shown}{more}{so_far}"

    @on(OptionList.OptionHighlighted, "#library-hits")
    def _highlighted(self) -> None:
        self._update_sub_title()

    @on(Worker.StateChanged)
    def _failed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.query_one("#library-hits").loading = False
            self.notify(str(event.worker.error), title="Search", severity="error", markup=False, timeout=10)

    def _move(self, step: int) -> None:
        if not self.hits:
            return
        index = self._current_index()
        target = 0 if index is None else (index + step) % len(self.hits)
        hit_list = self.query_one("#library-hits", OptionList)
        hit_list.highlighted = hit_list.get_option_index(f"hit-{target}")

    def action_next_hit(self) -> None:
        """The next hit, across issues."""
        self._move(1)

    def action_previous_hit(self) -> None:
        """The previous hit, across issues."""
        self._move(-1)

    def action_cursor_down(self) -> None:
        """Move down the list."""
        self.query_one("#library-hits", OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        """Move up the list."""
        self.query_one("#library-hits", OptionList).action_cursor_up()

    @on(OptionList.OptionSelected, "#library-hits")
    def _open(self, event: OptionList.OptionSelected) -> None:
        from reader.screens.issue import IssueScreen

        option_id = event.option_id or ""
        if not option_id.startswith("hit-"):
            return
        hit = self.hits[int(option_id.split("-")[1])]
        screen = IssueScreen(Path(hit.issue_path), from_library=True, script=self._script)
        open_at = getattr(screen, "open_at", None)
        if open_at is not None and hit.article_id:
            open_at(hit.article_id, self.query_text)
        self.app.push_screen(screen)
