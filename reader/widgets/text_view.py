"""A read-only, wrapped, scrollable view of text blocks that renders only the lines on screen.

A plain ``Static`` lays out the whole text on every change (about 2 s for 20,000 lines); this view wraps
with :func:`reader.wrap.wrap_offsets` (cheap, pure) and draws each visible line on demand with the Line API.
Text is never parsed as markup: a line is a segment of plain characters (a ``rich.text.Text`` when it has
search hits to highlight), with control codes stripped either way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.control import strip_control_codes
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.wrap import wrap_offsets


@dataclass(frozen=True, slots=True)
class TextBlock:
    """One paragraph (or one raw line) of a :class:`WrappedTextView`.

    Attributes:
        text: plain text, never markup.
        gutter: a label drawn left of the first wrapped line (a line number), or None.
        highlights: ``(start, end)`` offsets into ``text`` to highlight (search hits).
        current: the one highlight that is the current search hit, if it is in this block.
        gap_after: blank lines to draw after the block (1 between paragraphs).
    """

    text: str
    gutter: str | None = None
    highlights: tuple[tuple[int, int], ...] = ()
    current: tuple[int, int] | None = None
    gap_after: int = 0


@dataclass(frozen=True, slots=True)
class _VisualLine:
    """One line on screen: a slice of a block (a docstring also spares ``dataclass`` an ``inspect`` call)."""

    block: int  # index into blocks, -1 for a gap line
    start: int
    end: int
    first: bool


class WrappedTextView(ScrollView, can_focus=True):
    """Scrollable wrapped text; keeps the reading place when its width changes."""

    COMPONENT_CLASSES = {
        "wrapped-text-view--gutter",
        "wrapped-text-view--highlight",
        "wrapped-text-view--current",
    }

    BINDINGS = [
        Binding("j", "scroll_down", "Scroll down", show=False, id="text.scroll-down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="text.scroll-up"),
    ]

    DEFAULT_CSS = """
    WrappedTextView {
        padding: 0 1;
        /* The text is wrapped to the width left beside the scrollbar, always reserved so that the scrollbar
           coming or going never changes that width. */
        scrollbar-gutter: stable;
        overflow-x: hidden;
    }
    WrappedTextView > .wrapped-text-view--gutter { color: $text-muted; }
    WrappedTextView > .wrapped-text-view--highlight { background: $warning 40%; }
    WrappedTextView > .wrapped-text-view--current { background: $accent; color: $text; text-style: bold; }
    """

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._blocks: tuple[TextBlock, ...] = ()
        self._lines: list[_VisualLine] = []
        self._gutter_width = 0
        self._wrapped_width = -1
        self._pass_style: Style | None = None

    @property
    def blocks(self) -> tuple[TextBlock, ...]:
        """The blocks on show."""
        return self._blocks

    def set_blocks(self, blocks: Sequence[TextBlock], *, keep_place: bool = False) -> None:
        """Show ``blocks``, scrolled to the top unless ``keep_place`` (used when only highlights change)."""
        anchor = self._anchor() if keep_place else None
        self._blocks = tuple(blocks)
        gutters = [block.gutter for block in self._blocks if block.gutter is not None]
        self._gutter_width = max((cell_len(gutter) for gutter in gutters), default=-1) + 1
        self._wrapped_width = -1
        self._rewrap()
        if anchor is not None:
            self._restore(anchor)
        else:
            self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    def _text_width(self) -> int:
        return max(2, self.scrollable_content_region.width - self._gutter_width)

    def _rewrap(self) -> None:
        if not self.scrollable_content_region.width:
            # Not laid out yet (text set before the first frame): wrapping now, at a made-up width, would
            # draw nonsense. ``render_line`` wraps at the real width as the first frame is drawn.
            self._lines = []
            self._wrapped_width = -1
            return
        width = self._text_width()
        if width == self._wrapped_width:
            return
        self._wrapped_width = width
        lines: list[_VisualLine] = []
        append = lines.append
        for index, block in enumerate(self._blocks):
            first = True
            for start, end in wrap_offsets(block.text.replace("\n", " "), width):
                append(_VisualLine(index, start, end, first))
                first = False
            for _ in range(block.gap_after):
                append(_VisualLine(-1, 0, 0, False))
        self._lines = lines
        self.virtual_size = Size(width + self._gutter_width, len(lines))

    def _anchor(self) -> tuple[int, int] | None:
        """The block and character offset at the top of the view."""
        top = int(self.scroll_y)
        for line in self._lines[top:]:
            if line.block >= 0:
                return line.block, line.start
        return None

    def _restore(self, anchor: tuple[int, int] | None) -> None:
        if anchor is not None:
            self.scroll_to(y=self.line_of(*anchor), animate=False, immediate=True)

    def line_of(self, block: int, offset: int) -> int:
        """The visual line showing character ``offset`` of block ``block``."""
        found = 0
        for number, line in enumerate(self._lines):
            if line.block == block:
                found = number
                if line.start <= offset < max(line.end, line.start + 1):
                    return number
                if line.start > offset:
                    return max(0, number - 1)
            elif line.block > block:
                break
        return found

    def scroll_to_offset(self, block: int, offset: int) -> None:
        """Scroll so that the given character is visible, a few lines below the top."""
        self.scroll_to(y=max(0, self.line_of(block, offset) - 2), animate=False, immediate=True)

    def on_resize(self) -> None:
        if self._text_width() != self._wrapped_width:
            anchor = self._anchor()
            self._rewrap()
            self._restore(anchor)
            self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        # The widget's style is the same for every line of one pass, and costly to compute (it walks the
        # ancestors): once per pass, not once per line.
        self._pass_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._pass_style = None

    def render_line(self, y: int) -> Strip:
        if self._wrapped_width < 0 and self._blocks:
            self._rewrap()  # the first frame after text was set before layout: the width is known now
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        base = self._pass_style or self.rich_style
        number = scroll_y + y
        if number >= len(self._lines):
            return Strip.blank(width, base)
        line = self._lines[number]
        if line.block < 0:
            return Strip.blank(width, base)
        block = self._blocks[line.block]
        segments: list[Segment] = []
        if self._gutter_width > 0:
            label = block.gutter if (line.first and block.gutter is not None) else ""
            gutter_style = base + self.get_component_rich_style("wrapped-text-view--gutter", partial=True)
            segments.append(Segment(label.rjust(self._gutter_width - 1) + " ", gutter_style))
        if block.highlights:
            text = Text(block.text[line.start : line.end], no_wrap=True, end="")
            self._stylize(text, block, line)
            segments.extend(Segment.apply_style(text.render(self.app.console), base))
        else:
            # What ``Text`` would do: strip control codes (ingest removes them already; this is the second wall).
            segments.append(Segment(strip_control_codes(block.text[line.start : line.end]), base))
        strip = Strip(segments).crop_extend(scroll_x, scroll_x + width, base)
        return strip.apply_offsets(scroll_x, number)

    def _stylize(self, text: Text, block: TextBlock, line: _VisualLine) -> None:
        highlight = self.get_component_rich_style("wrapped-text-view--highlight", partial=True)
        current = self.get_component_rich_style("wrapped-text-view--current", partial=True)
        for start, end in block.highlights:
            if end <= line.start or start >= line.end:
                continue
            style = current if block.current == (start, end) else highlight
            text.stylize(style, max(start, line.start) - line.start, min(end, line.end) - line.start)
