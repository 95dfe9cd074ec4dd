"""Bookmarks (``B``): every bookmarked article across all issues; Enter opens one, ``d`` removes it.

Also home of :func:`toggle_bookmark` (the app's ``b``) and :func:`show_bookmarks` (``B``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from reader.annotations import Bookmark
from reader.sanitize import sanitize
from reader.screens.common import article_in_view, current_analysis, in_background, store_of


def bookmark_prompt(bookmark: Bookmark) -> Content:
    """One row: the headline in bold, then newspaper, date and page (all literal text)."""
    where = " · ".join(
        filter(None, [bookmark.newspaper, bookmark.date, f"p{bookmark.page}" if bookmark.page else None])
    )
    headline = " ".join(sanitize(bookmark.headline or "(untitled)").split())
    return Content.assemble((headline, "bold"), "\n", (sanitize(where) or "unknown issue", "dim"))


class BookmarksScreen(ModalScreen[Bookmark | None]):
    """Returns the bookmark to open, or None."""

    DEFAULT_CSS = """
    BookmarksScreen { align: center middle; }
    BookmarksScreen #bookmarks-box {
        width: 90%; max-width: 100; height: 80%; border: round $accent; background: $surface;
    }
    BookmarksScreen #bookmark-list { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape", "close", "Close", id="bookmarks.close"),
        Binding("d,delete", "remove", "Remove", id="bookmarks.remove"),
        Binding("j", "move(1)", "Down", show=False, id="bookmarks.down"),
        Binding("k", "move(-1)", "Up", show=False, id="bookmarks.up"),
    ]

    def __init__(self, store: Any) -> None:
        super().__init__()
        self._store = store
        self.bookmarks: list[Bookmark] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="bookmarks-box") as box:
            box.border_title = "Bookmarks"
            box.border_subtitle = "enter open · d remove · esc close"
            yield OptionList(id="bookmark-list", markup=False)
            yield Label("", id="bookmarks-empty", markup=False)

    def on_mount(self) -> None:
        self._reload()

    def _reload(self) -> None:
        in_background(self.app, self._store.list_bookmarks, self._loaded, "Could not read bookmarks")

    def _loaded(self, bookmarks: list[Bookmark]) -> None:
        self.bookmarks = sorted(bookmarks, key=lambda b: b.created, reverse=True)
        option_list = self.query_one("#bookmark-list", OptionList)
        option_list.set_options(Option(bookmark_prompt(b), id=b.id) for b in self.bookmarks)
        self.query_one("#bookmarks-empty", Label).update(
            "" if self.bookmarks else "No bookmarks yet: press b on an article"
        )
        if self.bookmarks:
            option_list.highlighted = 0
        option_list.focus()

    @on(OptionList.OptionSelected, "#bookmark-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(next((b for b in self.bookmarks if b.id == event.option_id), None))

    def action_remove(self) -> None:
        """Remove the highlighted bookmark."""
        option_list = self.query_one("#bookmark-list", OptionList)
        if option_list.highlighted is None or not self.bookmarks:
            return
        bookmark = self.bookmarks[option_list.highlighted]

        def removed(_: bool) -> None:
            self.app.notify("Bookmark removed", markup=False, timeout=3)
            getattr(self.app, "refresh_markers", lambda: None)()
            self._reload()

        in_background(self.app, lambda: self._store.delete_bookmark(bookmark.id), removed, "Could not remove")

    def action_move(self, step: int) -> None:
        """Move the highlight down (``step`` 1) or up (-1): the dialog has no text field, so j/k are free."""
        option_list = self.query_one("#bookmark-list", OptionList)
        option_list.action_cursor_down() if step > 0 else option_list.action_cursor_up()

    def action_close(self) -> None:
        """Close the list."""
        self.dismiss(None)


def toggle_bookmark(app: App[Any]) -> None:
    """``b``: bookmark the article on show, or remove its bookmark."""
    target = article_in_view(app)
    if target is None:
        return
    article, analysis, store = target

    def done(now_bookmarked: bool) -> None:
        app.notify("Bookmarked" if now_bookmarked else "Bookmark removed", markup=False, timeout=3)
        getattr(app, "refresh_markers", lambda: None)()

    in_background(app, lambda: store.toggle_bookmark(analysis, article), done, "Could not save the bookmark")


def open_bookmark(app: App[Any], bookmark: Bookmark) -> None:
    """Show a bookmarked article: in the open issue when it is the same, else by opening its issue."""
    from reader.store import resolve_anchor

    analysis = current_analysis(app)
    screen = getattr(app, "_issue_screen", lambda: None)()
    if analysis is not None and screen is not None and analysis.issue.id == bookmark.issue_id:
        article = resolve_anchor(bookmark, analysis)
        if article is None:
            app.notify("Article not found in this issue any more", severity="warning", markup=False)
            return
        screen.jump_to(article)
        return
    if not bookmark.issue_path or not Path(bookmark.issue_path).exists():
        where = bookmark.issue_path or "an unknown place"
        app.notify(f"The issue is no longer at {where}", severity="warning", markup=False, timeout=8)
        return
    from reader.screens.issue import IssueScreen

    set_state = getattr(app, "set_state", None)
    if set_state is not None:
        set_state(f"issue:{bookmark.issue_id}:last_article", bookmark.article_id)
    app.push_screen(IssueScreen(Path(bookmark.issue_path), from_library=True))


def show_bookmarks(app: App[Any]) -> None:
    """``B``: list every bookmark; open the one chosen."""
    from reader.screens.issue import IssueScreen
    from reader.screens.library import LibraryScreen

    if not isinstance(app.screen, IssueScreen | LibraryScreen):
        return
    store = store_of(app)
    if store is None:
        return

    def chosen(bookmark: Bookmark | None) -> None:
        if bookmark is not None:
            open_bookmark(app, bookmark)

    app.push_screen(BookmarksScreen(store), callback=chosen)
