"""An option prompt that an ``OptionList`` measures in a microsecond instead of laying its text out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

if TYPE_CHECKING:
    from textual.css.styles import RulesMap


class MeasuredPrompt(Visual):
    """``content`` as an option's prompt, its height counted from its line widths when nothing wraps.

    ``OptionList`` measures every option it holds, and measures them all again whenever one prompt is
    replaced: a ``Content`` lays its text out each time (about 70 µs), which for a library of a thousand
    issues blocked the event loop for 70 ms at every batch of counts the background indexing delivered.
    """

    def __init__(self, content: Content) -> None:
        self.content = content
        lines = content.plain.split("\n")
        self._lines = len(lines)
        self._widest = max(cell_len(line) for line in lines)

    def __str__(self) -> str:
        return self.content.plain

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        if self._widest <= width:
            return self._lines  # nothing wraps: no need to lay the text out
        return self.content.get_height(rules, width)

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        return self.content.render_strips(width, height, style, options)
