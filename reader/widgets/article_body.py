"""The cleaned paragraphs of an article, wrapped for CJK text, with search hits highlighted."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from reader.widgets.display import Spans
from reader.widgets.text_view import TextBlock, WrappedTextView

CJK_MEASURE = 40
"""Characters in a line of Chinese text by default (each two cells wide)."""
LATIN_MEASURE = 72
"""Characters in a line of Latin text by default."""
MEASURE_STEPS = (-4, 12)
"""How far ``w`` / ``W`` may widen or narrow the measure, in steps of 4 CJK or 8 Latin characters."""


def is_wide_text(paragraphs: Sequence[str], sample: int = 400) -> bool:
    """Whether the text is mostly wide (CJK) characters, judged on its first ``sample`` letters."""
    letters = [ch for ch in "".join(paragraphs)[: sample * 2] if not ch.isspace()][:sample]
    wide = sum(1 for ch in letters if unicodedata.east_asian_width(ch) in "WF")
    return bool(letters) and wide * 2 >= len(letters)


def measure_cells(paragraphs: Sequence[str], step: int = 0) -> int:
    """The longest line in cells for this text: about 40 CJK or 72 Latin characters, ``step`` steps wider."""
    if is_wide_text(paragraphs):
        return 2 * (CJK_MEASURE + 4 * step)
    return LATIN_MEASURE + 8 * step


def measure_label(step: int) -> str:
    """The measure in words, for a message: ``40 Chinese or 72 Latin characters a line``."""
    return f"{CJK_MEASURE + 4 * step} Chinese or {LATIN_MEASURE + 8 * step} Latin characters a line"


class ArticleBody(WrappedTextView):
    """An article's paragraphs, one blank line apart, at a comfortable measure; only the visible lines are drawn."""

    measure_step = 0
    """Steps wider (or, negative, narrower) than the default measure."""

    def set_measure_step(self, step: int) -> None:
        """Widen or narrow the text to ``step`` and rewrap, keeping the reading place."""
        self.measure_step = step
        self.set_measure(measure_cells([block.text for block in self.blocks], step))

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
        self._measure = measure_cells(paragraphs, self.measure_step)
        self.set_blocks(blocks, keep_place=keep_place)
        if current is not None:
            self.scroll_to_offset(current[0], current[1])
