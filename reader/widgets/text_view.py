"""A read-only, wrapped, scrollable view of text blocks that renders only the lines on screen.

A plain ``Static`` lays out the whole text on every change (about 2 s for 20,000 lines); this view wraps
with :func:`reader.wrap.wrap_offsets` (cheap, pure) and draws each visible line on demand with the Line API.
Text is never parsed as markup: a line is a segment of plain characters (a ``rich.text.Text`` when it has
search hits or a selection to highlight), with control codes stripped either way.

Selection. Each drawn character carries its offset for Textual's text selection as ``(x, y)`` = (character
offset in its block, visual line), so the mouse selects as in any Textual widget and :meth:`get_selection`
maps the two ends back to block text. ``shift`` with the arrow keys selects from the keyboard.
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
from textual.geometry import Offset, Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.selection import Selection
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
        Binding("shift+down", "select_lines(1)", "Select", show=False, id="text.select-down"),
        Binding("shift+up", "select_lines(-1)", "Select up", show=False, id="text.select-up"),
        Binding("shift+right", "select_chars(1)", "Select right", show=False, id="text.select-right"),
        Binding("shift+left", "select_chars(-1)", "Select left", show=False, id="text.select-left"),
        # Jumps are instant: an animated End took most of a second to settle on a long article.
        Binding("g,home", "top", "Top", key_display="g home", show=False, id="text.top"),
        Binding("G,end", "bottom", "Bottom", key_display="G end", show=False, id="text.bottom"),
        Binding("ctrl+d", "half_page(1)", "Half page down", show=False, id="text.half-page-down"),
        Binding("ctrl+u", "half_page(-1)", "Half page up", show=False, id="text.half-page-up"),
        Binding("ctrl+f", "page(1)", "Page down", show=False, id="text.page-down"),
        Binding("ctrl+b", "page(-1)", "Page up", show=False, id="text.page-up"),
        Binding("pagedown", "page_on(1)", "Page down / next article", show=False, id="text.page-on"),
        Binding("pageup", "page_on(-1)", "Page up / prev. article", show=False, id="text.page-back"),
    ]

    class EdgeReached(Message):
        """Paging went past the end (``step`` 1) or the start (``step`` -1) of the text."""

        def __init__(self, view: WrappedTextView, step: int) -> None:
            super().__init__()
            self.view = view
            self.step = step

        @property
        def control(self) -> WrappedTextView:
            """The view that was paged."""
            return self.view

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
        self._select_anchor: Offset | None = None
        """Where a keyboard selection started (the other end moves with shift+arrows)."""
        self._measure: int | None = None
        """The longest line of text in cells (None: the whole width); narrower text is centred."""

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

    @property
    def measure(self) -> int | None:
        """The longest line in cells, or None for the whole width."""
        return self._measure

    def set_measure(self, cells: int | None) -> None:
        """Wrap at most ``cells`` wide (centred in the view), keeping the reading place."""
        if cells == self._measure:
            return
        self._measure = cells
        anchor = self._anchor()
        self._rewrap()
        self._restore(anchor)
        self.refresh()

    def _text_width(self) -> int:
        available = max(2, self.scrollable_content_region.width - self._gutter_width)
        return available if self._measure is None else max(2, min(available, self._measure))

    def _margin(self) -> int:
        """Blank cells left of the text that centre a line narrower than the view."""
        return max(0, self.scrollable_content_region.width - self._gutter_width - self._wrapped_width) // 2

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

    def place(self) -> tuple[int, int] | None:
        """Where the reader is: the block and character offset at the top of the view (None: nothing shown)."""
        self._rewrap()
        return self._anchor()

    def go_to_place(self, place: tuple[int, int]) -> None:
        """Scroll so that ``place`` (from :meth:`place`) is at the top again, whatever the width now."""
        self._rewrap()
        self._restore(place)

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

    # ---- moving ------------------------------------------------------------------------------

    def _page_height(self) -> int:
        """One screenful less one line, kept on screen so that the eye finds its place."""
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_by(self, lines: int) -> None:
        self.scroll_to(y=max(0, min(self.max_scroll_y, round(self.scroll_y) + lines)), animate=False, immediate=True)

    def action_top(self) -> None:
        """Jump to the first line."""
        self.scroll_to(y=0, animate=False, immediate=True)

    def action_bottom(self) -> None:
        """Jump to the last line."""
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)

    def action_half_page(self, step: int) -> None:
        """Scroll half a screen down (``step`` 1) or up (-1)."""
        self._scroll_by(step * max(1, self.scrollable_content_region.height // 2))

    def action_page(self, step: int) -> None:
        """Scroll a screen down (``step`` 1) or up (-1), staying in this text."""
        self._scroll_by(step * self._page_height())

    def action_page_on(self, step: int) -> None:
        """Scroll a screen down or up; at the end (or start) already, tell the screen to move on."""
        at_edge = round(self.scroll_y) >= self.max_scroll_y if step > 0 else round(self.scroll_y) <= 0
        if at_edge:
            self.post_message(self.EdgeReached(self, step))
        else:
            self.action_page(step)

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
            return Strip.blank(width, base + Style.from_meta({"offset": (0, number)}))
        block = self._blocks[line.block]
        segments: list[Segment] = []
        margin = self._margin()
        if margin:
            segments.append(Segment(" " * margin, base + Style.from_meta({"offset": (line.start, number)})))
        if self._gutter_width > 0:
            label = block.gutter if (line.first and block.gutter is not None) else ""
            gutter_style = base + self.get_component_rich_style("wrapped-text-view--gutter", partial=True)
            segments.append(Segment(label.rjust(self._gutter_width - 1) + " ", gutter_style))
        selected = self._selected_span(number, line)
        if block.highlights or selected is not None:
            text = Text(block.text[line.start : line.end], no_wrap=True, end="")
            self._stylize(text, block, line)
            if selected is not None:
                text.stylize(self.screen.get_component_rich_style("screen--selection"), *selected)
            text_segments = list(Segment.apply_style(text.render(self.app.console), base))
        else:
            # What ``Text`` would do: strip control codes (ingest removes them already; this is the second wall).
            text_segments = [Segment(strip_control_codes(block.text[line.start : line.end]), base)]
        segments.extend(_with_offsets(text_segments, line.start, number))
        return Strip(segments).crop_extend(scroll_x, scroll_x + width, base)

    def _stylize(self, text: Text, block: TextBlock, line: _VisualLine) -> None:
        highlight = self.get_component_rich_style("wrapped-text-view--highlight", partial=True)
        current = self.get_component_rich_style("wrapped-text-view--current", partial=True)
        for start, end in block.highlights:
            if end <= line.start or start >= line.end:
                continue
            style = current if block.current == (start, end) else highlight
            text.stylize(style, max(start, line.start) - line.start, min(end, line.end) - line.start)

    # ---- selection ---------------------------------------------------------------------------------

    def _selected_span(self, number: int, line: _VisualLine) -> tuple[int, int] | None:
        """The selected part of visual line ``number`` as offsets into the line's slice, or None."""
        selection = self.text_selection
        if selection is None:
            return None
        span = selection.get_span(number)
        if span is None:
            return None
        start, end = span
        end = line.end if end == -1 else min(end, line.end)
        start = max(start, line.start)
        return (start - line.start, end - line.start) if end > start else None

    def _text_position(self, offset: Offset | None, *, at_end: bool) -> tuple[int, int]:
        """``(block, character offset)`` for a selection end; a gap line counts as the next (or previous) block."""
        lines = self._lines
        if not lines:
            return (0, 0)
        if offset is None:
            return (len(self._blocks) - 1, len(self._blocks[-1].text)) if at_end else (0, 0)
        y = min(max(offset.y, 0), len(lines) - 1)
        line = lines[y]
        if line.block >= 0:
            return line.block, min(max(offset.x, line.start), len(self._blocks[line.block].text))
        # a gap line: the selection ends after the block above, or starts at the block below
        step = -1 if at_end else 1
        while 0 <= y < len(lines) and lines[y].block < 0:
            y += step
        if not 0 <= y < len(lines):
            return self._text_position(None, at_end=at_end)
        block = lines[y].block
        return (block, len(self._blocks[block].text)) if at_end else (block, 0)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The text between the two ends of ``selection``: paragraphs joined by a blank line, raw lines by one."""
        if not self._blocks or not self._lines:
            return None
        first_block, first_offset = self._text_position(selection.start, at_end=False)
        last_block, last_offset = self._text_position(selection.end, at_end=True)
        if (last_block, last_offset) <= (first_block, first_offset):
            return None
        pieces: list[str] = []
        for index in range(first_block, last_block + 1):
            block = self._blocks[index]
            start = first_offset if index == first_block else 0
            end = last_offset if index == last_block else len(block.text)
            pieces.append(block.text[start:end])
            if index < last_block:
                pieces.append("\n\n" if block.gap_after else "\n")
        return "".join(pieces), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        if selection is None:
            self._select_anchor = None
        self.refresh()

    def current_block(self) -> int | None:
        """The block at the top of the view (the paragraph being read), or None when nothing is shown."""
        self._rewrap()
        if not self._lines:
            return None
        line = self._lines[self._first_text_line(int(self.scroll_y))]
        return line.block if line.block >= 0 else None

    def _first_text_line(self, y: int) -> int:
        for number in range(max(0, y), len(self._lines)):
            if self._lines[number].block >= 0:
                return number
        return 0

    def _keyboard_ends(self) -> tuple[Offset, Offset]:
        """The fixed end and the moving end of the keyboard selection (started at the top of the view)."""
        selection = self.text_selection
        if selection is not None and selection.start is not None and selection.end is not None:
            anchor = self._select_anchor if self._select_anchor in (selection.start, selection.end) else None
            anchor = anchor or selection.start
            cursor = selection.end if anchor == selection.start else selection.start
            return anchor, cursor
        top = self._first_text_line(int(self.scroll_y))
        line = self._lines[top]
        start = Offset(line.start, top)
        return start, start

    def _select_to(self, anchor: Offset, cursor: Offset) -> None:
        self._select_anchor = anchor
        self.screen.selections = {self: Selection.from_offsets(anchor, cursor)}
        if not self.scroll_y <= cursor.y < self.scroll_y + self.scrollable_content_region.height:
            self.scroll_to(y=max(0, cursor.y - self.scrollable_content_region.height // 2), animate=False)

    def action_select_lines(self, step: int) -> None:
        """Extend the selection by ``step`` visual lines (shift+down / shift+up)."""
        self._rewrap()
        if not self._lines:
            return
        anchor, cursor = self._keyboard_ends()
        column = cursor.x - self._lines[cursor.y].start if self._lines[cursor.y].block >= 0 else 0
        y = cursor.y + step
        while 0 <= y < len(self._lines) and self._lines[y].block < 0:
            y += step
        if not 0 <= y < len(self._lines):
            last = self._lines[-1] if step > 0 else self._lines[0]
            y = len(self._lines) - 1 if step > 0 else 0
            self._select_to(anchor, Offset(last.end if step > 0 else last.start, y))
            return
        line = self._lines[y]
        self._select_to(anchor, Offset(min(line.start + column, line.end), y))

    def action_select_chars(self, step: int) -> None:
        """Extend the selection by ``step`` characters (shift+right / shift+left)."""
        self._rewrap()
        if not self._lines:
            return
        anchor, cursor = self._keyboard_ends()
        line = self._lines[cursor.y]
        x, y = cursor.x + step, cursor.y
        if line.block < 0 or not line.start <= x <= line.end:
            # past either end of the line: onto the next (or previous) line of text, if there is one
            y += 1 if step > 0 else -1
            while 0 <= y < len(self._lines) and self._lines[y].block < 0:
                y += 1 if step > 0 else -1
            if not 0 <= y < len(self._lines):
                y, x = cursor.y, (line.end if step > 0 else line.start)
            else:
                x = self._lines[y].start if step > 0 else self._lines[y].end
        self._select_to(anchor, Offset(x, y))


def _with_offsets(segments: list[Segment], start: int, y: int) -> list[Segment]:
    """``segments`` stamped with their text offsets for Textual's selection: ``(offset in block, visual line)``."""
    stamped = []
    x = start
    for text, style, control in segments:
        meta = Style.from_meta({"offset": (x, y)})
        stamped.append(Segment(text, style + meta if style else meta, control))
        x += len(text)
    return stamped
