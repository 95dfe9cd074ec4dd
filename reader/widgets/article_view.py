"""The right-hand pane: an article's header above either its cleaned text or the raw OCR lines behind it."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import ContentSwitcher

from reader.widgets.article_body import ArticleBody, Spans
from reader.widgets.article_header import ArticleHeader
from reader.widgets.display import DisplayArticle
from reader.widgets.raw_view import RawView


class ArticleView(Vertical):
    """Header, then the cleaned paragraphs or (with ``raw``) the numbered source lines."""

    raw: reactive[bool] = reactive(False)
    """Show the raw OCR lines instead of the cleaned paragraphs."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._display: DisplayArticle | None = None

    @property
    def display_article(self) -> DisplayArticle | None:
        """What is on show."""
        return self._display

    def compose(self) -> ComposeResult:
        yield ArticleHeader(id="article-header")
        with ContentSwitcher(initial="article-body", id="article-switcher"):
            yield ArticleBody(id="article-body")
            yield RawView(id="raw-view")

    @property
    def text_widget(self) -> ArticleBody | RawView:
        """The scrollable text on show (body or raw)."""
        return self.query_one(RawView) if self.raw else self.query_one(ArticleBody)

    def show(
        self,
        display: DisplayArticle,
        *,
        highlights: Sequence[Spans] = (),
        current: tuple[int, int, int] | None = None,
        keep_place: bool = False,
    ) -> None:
        """Show ``display`` with search ``highlights`` (per paragraph) and the ``current`` hit."""
        self._display = display
        self.query_one(ArticleHeader).show(display)
        self.query_one(ArticleBody).show_paragraphs(
            display.paragraphs, highlights=highlights, current=current, keep_place=keep_place
        )
        raw = self.query_one(RawView)
        raw.show_lines(display.raw_lines, keep_place=keep_place)
        first, last = (display.raw_lines[0].number, display.raw_lines[-1].number) if display.raw_lines else (0, 0)
        label = f"Raw OCR · page {display.page_number} · lines {first}–{last}"
        raw.border_title = label if display.script == "original" else f"{label} · converted to {display.script}"

    def watch_raw(self, raw: bool) -> None:
        switcher = self.query_one(ContentSwitcher)
        had_focus = self.screen.focused in (self.query_one(ArticleBody), self.query_one(RawView))
        switcher.current = "raw-view" if raw else "article-body"
        if had_focus:
            self.text_widget.focus()
