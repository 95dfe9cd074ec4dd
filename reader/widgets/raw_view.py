"""The raw OCR lines behind an article, each with its line number in the source file."""

from __future__ import annotations

from collections.abc import Sequence

from reader.model import Line
from reader.widgets.display import Spans
from reader.widgets.text_view import TextBlock, WrappedTextView


class RawView(WrappedTextView):
    """Source lines with a line-number gutter; a blank line marks a jump in the numbering."""

    def show_lines(self, lines: Sequence[Line], *, highlights: Sequence[Spans] = (), keep_place: bool = False) -> None:
        """Show ``lines`` (text never parsed as markup) with their numbers and search ``highlights`` (per line);
        ``keep_place`` keeps the scroll position."""
        blocks = []
        for index, line in enumerate(lines):
            following = lines[index + 1].number if index + 1 < len(lines) else line.number + 1
            spans = highlights[index] if index < len(highlights) else ()
            gap = int(following != line.number + 1)
            blocks.append(TextBlock(line.text, gutter=str(line.number), highlights=spans, gap_after=gap))
        self.set_blocks(blocks, keep_place=keep_place)
