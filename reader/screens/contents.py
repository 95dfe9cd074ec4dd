"""The table of contents (``o``): the whole issue at a glance, page by page, every item with a mark of its kind."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.model import Article
from reader.sanitize import sanitize
from reader.widgets.display import mark_missing_glyphs

KIND_MARKS = {"article": "●", "caption": "◇", "notice": "▪", "advert": "¤", "other": "·"}
"""One mark per kind, in the margin of each row."""
KIND_LEGEND = "● article  ◇ caption  ▪ notice  ¤ advert  · other"


def contents_row(article: Article) -> Content:
    """One row: the kind's mark, then the title (dim for furniture), plain text."""
    title = mark_missing_glyphs(" ".join(sanitize(article.display_title).split()))
    is_article = article.kind == "article"
    return Content.assemble(
        (f" {KIND_MARKS.get(article.kind, '·')} ", "bold $accent" if is_article else "$text-muted"),
        (title, "" if is_article else "$text-muted"),
    )


class ContentsScreen(ModalScreen["str | None"]):
    """Returns the id of the article to show, or None."""

    DEFAULT_CSS = """
    ContentsScreen { align: center middle; }
    ContentsScreen #contents-box {
        width: 90%; max-width: 100; height: 90%; border: round $accent; background: $surface;
    }
    ContentsScreen #contents-list { height: 1fr; border: none; }
    """
    BINDINGS = [
        Binding("escape,o", "close", "Close", id="contents.close"),
        Binding("j", "move(1)", "Down", show=False, id="contents.down"),
        Binding("k", "move(-1)", "Up", show=False, id="contents.up"),
    ]

    def __init__(self, articles: Sequence[Article], current: str | None = None) -> None:
        super().__init__()
        self._articles = tuple(articles)
        self._current = current

    def compose(self) -> ComposeResult:
        options: list[Option] = []
        page = None
        for index, article in enumerate(self._articles):
            if article.page_number != page:
                page = article.page_number
                count = sum(1 for a in self._articles if a.page_number == page and a.kind == "article")
                heading = f"Page {page} · {count} article" + ("s" if count != 1 else "")
                options.append(Option(Content.styled(heading, "bold $text-accent"), disabled=True))
            options.append(Option(contents_row(article), id=f"{index}"))
        with Vertical(id="contents-box") as box:
            box.border_title = "Contents"
            box.border_subtitle = f"{KIND_LEGEND} · enter go · esc close"
            yield OptionList(*options, id="contents-list", markup=False)

    def on_mount(self) -> None:
        contents = self.query_one("#contents-list", OptionList)
        index = next((i for i, a in enumerate(self._articles) if a.id == self._current), None)
        if index is not None:
            contents.highlighted = contents.get_option_index(f"{index}")
        contents.focus()

    @on(OptionList.OptionSelected, "#contents-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self._articles[int(event.option_id or 0)].id)

    def action_move(self, step: int) -> None:
        """Move the highlight down (``step`` 1) or up (-1)."""
        contents = self.query_one("#contents-list", OptionList)
        contents.action_cursor_down() if step > 0 else contents.action_cursor_up()

    def action_close(self) -> None:
        """Close without moving."""
        self.dismiss(None)
