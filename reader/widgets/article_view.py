"""The right-hand pane: an article's header above either its cleaned text or the raw OCR lines behind it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive

from reader.widgets.article_body import ArticleBody
from reader.widgets.article_header import ArticleHeader
from reader.widgets.display import NO_MARKS, ArticleMarks, DisplayArticle

if TYPE_CHECKING:
    from reader.widgets.raw_view import RawView


def format_ranges(ranges: Sequence[tuple[int, int]]) -> str:
    """``85–138, 203–205`` (a lone line stands alone)."""
    return ", ".join(str(first) if first == last else f"{first}–{last}" for first, last in ranges) or "none"


class ArticleView(Vertical):
    """Header, then the cleaned paragraphs or (with ``raw``) the numbered source lines.

    The raw view is built the first time it is asked for: most readers never open it, and every widget
    mounted before the first frame delays it.
    """

    raw: reactive[bool] = reactive(False)
    """Show the raw OCR lines instead of the cleaned paragraphs."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._display: DisplayArticle | None = None
        self._raw_view: RawView | None = None
        self._marks = NO_MARKS

    @property
    def display_article(self) -> DisplayArticle | None:
        """What is on show."""
        return self._display

    def compose(self) -> ComposeResult:
        yield ArticleHeader(id="article-header")
        yield ArticleBody(id="article-body")

    @property
    def text_widget(self) -> ArticleBody | RawView:
        """The scrollable text on show (body or raw)."""
        return self._raw_view if self.raw and self._raw_view is not None else self.query_one(ArticleBody)

    def show(self, display: DisplayArticle, *, marks: ArticleMarks = NO_MARKS, keep_place: bool = False) -> None:
        """Show ``display`` with the search hits in ``marks`` highlighted (the current one scrolled into view)."""
        self._display = display
        self.query_one(ArticleHeader).show(display, marks)
        self.query_one(ArticleBody).show_paragraphs(
            display.paragraphs, highlights=marks.paragraphs, current=marks.paragraph_current(), keep_place=keep_place
        )
        self._marks = marks
        if self._raw_view is not None:
            self._show_raw(self._raw_view, display, marks, keep_place=keep_place)

    @staticmethod
    def _show_raw(raw: RawView, display: DisplayArticle, marks: ArticleMarks, *, keep_place: bool = False) -> None:
        raw.show_lines(display.raw_lines, highlights=marks.raw_lines, keep_place=keep_place)
        label = f"Raw OCR · page {display.page_number} · lines {format_ranges(display.line_ranges)}"
        raw.border_title = label if display.script == "original" else f"{label} · converted to {display.script}"

    def watch_raw(self, raw: bool) -> None:
        body = self.query_one(ArticleBody)
        if raw and self._raw_view is None:
            from reader.widgets.raw_view import RawView

            self._raw_view = RawView(id="raw-view")
            self.mount(self._raw_view)
            if self._display is not None:
                self._show_raw(self._raw_view, self._display, self._marks)
        focused = self.screen.focused
        had_focus = focused is not None and focused in (body, self._raw_view)
        body.display = not raw
        if self._raw_view is not None:
            self._raw_view.display = raw
        if had_focus:
            self.text_widget.focus()
