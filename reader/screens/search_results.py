"""The hits of a search in the issue as a list: article, page and a snippet of context; Enter jumps to one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.sanitize import sanitize
from reader.widgets.display import mark_missing_glyphs

if TYPE_CHECKING:
    from reader.search import Hit


def hit_prompt(number: int, hit: Hit) -> Content:
    """One hit: its number, the article's title and page, then the match in its context (plain text)."""
    title = mark_missing_glyphs(" ".join(sanitize(hit.article.display_title).split()))
    before, match, after = (mark_missing_glyphs(sanitize(part)) for part in hit.context(24))
    where = "" if hit.field == "paragraph" else f" ({hit.field})"
    return Content.assemble(
        (f"{number:>3}  ", "$text-muted"),
        (title if len(title) <= 40 else title[:39] + "…", "bold"),
        (f"  p.{hit.page_number}{where}", "$text-muted"),
        "\n     ",
        before,
        (match, "bold reverse"),
        after,
    )


class SearchResults(ModalScreen["int | None"]):
    """Returns the index of the hit to go to, or None when closed."""

    DEFAULT_CSS = """
    SearchResults { align: center middle; }
    SearchResults #results-box {
        width: 90%; max-width: 110; height: 80%; border: round $accent; background: $surface;
    }
    SearchResults #results-list { height: 1fr; border: none; }
    """
    BINDINGS = [
        Binding("escape", "close", "Close", id="results.close"),
        Binding("j", "move(1)", "Down", show=False, id="results.down"),
        Binding("k", "move(-1)", "Up", show=False, id="results.up"),
    ]

    def __init__(self, summary: str, hits: Sequence[Hit], current: int = 0) -> None:
        super().__init__()
        self._summary = summary
        self._hits = tuple(hits)
        self._current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="results-box") as box:
            box.border_title = sanitize(self._summary)
            box.border_subtitle = "enter go · n N next/previous later · esc close"
            yield OptionList(
                *(Option(hit_prompt(index + 1, hit), id=str(index)) for index, hit in enumerate(self._hits)),
                id="results-list",
                markup=False,
            )

    def on_mount(self) -> None:
        results = self.query_one("#results-list", OptionList)
        if self._hits:
            results.highlighted = max(0, min(self._current, len(self._hits) - 1))
        results.focus()

    @on(OptionList.OptionSelected, "#results-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option_id or 0))

    def action_move(self, step: int) -> None:
        """Move the highlight down (``step`` 1) or up (-1)."""
        results = self.query_one("#results-list", OptionList)
        results.action_cursor_down() if step > 0 else results.action_cursor_up()

    def action_close(self) -> None:
        """Close the list; the highlights stay (Esc on the issue clears them)."""
        self.dismiss(None)
