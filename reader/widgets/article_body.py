"""The cleaned paragraphs of an article, wrapped for CJK text, with search hits highlighted."""

from __future__ import annotations

from collections.abc import Sequence

from reader.widgets.display import Spans
from reader.widgets.text_view import TextBlock, WrappedTextView


class ArticleBody(WrappedTextView):
    """An article's paragraphs, one blank line apart; only the visible lines are drawn."""

    def show_paragraphs(
        self,
        paragraphs: Sequence[str],
        *,
        highlights: Sequence[Spans] = (),
        current: tuple[int, int, int] | None = None,
        keep_place: bool = False,
    ) -> None:
        """Show ``paragraphs`` with search ``highlights`` (one tuple of spans per paragraph).

        Args:
            paragraphs: cleaned text, never markup.
            highlights: per paragraph, the ``(start, end)`` spans to highlight.
            current: ``(paragraph, start, end)`` of the current search hit, scrolled into view.
            keep_place: keep the scroll position (only the highlights changed).
        """
        blocks = []
        for index, paragraph in enumerate(paragraphs):
            spans = highlights[index] if index < len(highlights) else ()
            here = (current[1], current[2]) if current is not None and current[0] == index else None
            blocks.append(TextBlock(paragraph, highlights=spans, current=here, gap_after=1))
        self.set_blocks(blocks, keep_place=keep_place)
        if current is not None:
            self.scroll_to_offset(current[0], current[1])
