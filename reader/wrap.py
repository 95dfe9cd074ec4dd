"""Wrapping text to a width in terminal cells, with Chinese line-break rules (kinsoku).

Pure functions, no Textual: the article and raw views call them on resize. Widths are counted the way Rich
counts them (``rich.cells``), so wrapped lines fit exactly where the widget draws them.

Rules:
- A line never starts with closing punctuation (``，。、；：？！”’）】》`` …) and never ends with opening
  punctuation (``“‘（【《`` …): the character before the break moves to the next line with it.
- A word of a script written with spaces (Latin with or without accents, Greek, Cyrillic, Arabic, Hebrew …) or
  a number is not split unless it is wider than a whole line; nor is a letter parted from its combining marks.
  Wide characters (Chinese, Japanese, Korean, fullwidth forms) may break anywhere, as kinsoku allows.
- Two-cell dashes and ellipses (``——``, ``……``) stay together.
- When no allowed break fits (a very narrow width), the line breaks at the width anyway: a rule is never worth
  an overflowing line.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from rich.cells import get_character_cell_size

NO_LINE_START = frozenset("，。、；：？！”’）】》」』〕〉．,.;:?!)]}%％·・…—～〗〙")
"""Characters that must not begin a line (closing and trailing punctuation)."""

NO_LINE_END = frozenset("“‘（【《「『〔〈([{〖〘")
"""Characters that must not end a line (opening punctuation)."""

_INSEPARABLE = frozenset("—…")


_WORD_PUNCTUATION = frozenset("'-_’")
"""Characters that join the letters around them into one word (don't, twenty-five, Courier’s)."""


@lru_cache(maxsize=4096)
def _is_word_char(character: str) -> bool:
    """A letter, digit or joiner of a word that only spaces may break: not a wide (CJK, fullwidth) character."""
    if character.isascii():
        return character.isalnum() or character in _WORD_PUNCTUATION
    if not (character.isalnum() or character in _WORD_PUNCTUATION or _is_mark(character)):
        return False
    return unicodedata.east_asian_width(character) not in ("W", "F")


def _is_mark(character: str) -> bool:
    return unicodedata.category(character).startswith("M")


def _can_break(text: str, index: int) -> bool:
    """True when a line may end just before ``text[index]``."""
    before, after = text[index - 1], text[index]
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    if not after.isascii() and _is_mark(after):  # a combining accent stays with its letter
        return False
    if before == after and before in _INSEPARABLE:
        return False
    if _is_word_char(before) and _is_word_char(after):
        return False
    return True


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Break one paragraph into lines no wider than ``width`` cells.

    Args:
        text: a paragraph without newlines (newlines are treated as spaces).
        width: the line width in terminal cells; values below 2 are treated as 2.

    Returns:
        ``(start, end)`` offsets into ``text``, one pair per line, in order. Spaces at a break are left out of
        both lines. An empty paragraph gives one empty line ``(0, 0)``.
    """
    width = max(2, width)
    length = len(text)
    if not text:
        return [(0, 0)]
    cells = [get_character_cell_size(character) for character in text]
    lines: list[tuple[int, int]] = []
    position = 0
    while position < length:
        while position < length and text[position] in " \n" and lines:
            position += 1
        if position >= length:
            break
        used = 0
        end = position
        while end < length and used + cells[end] <= width:
            used += cells[end]
            end += 1
        if end == position:  # a single character wider than the line
            end = position + 1
        if end >= length:
            lines.append((position, length))
            break
        if text[end] in " \n":  # a space right at the width: break there, drop the space
            lines.append((position, _trim_end(text, position, end)))
            position = end
            continue
        brk = end
        while brk > position and not _can_break(text, brk):
            brk -= 1
        if brk == position:
            brk = end  # nothing allowed fits: break at the width
        lines.append((position, _trim_end(text, position, brk)))
        position = brk
    return lines or [(0, 0)]


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \n":
        end -= 1
    return end


def wrap_text(text: str, width: int) -> list[str]:
    """The lines of ``text`` wrapped to ``width`` cells; each newline in ``text`` starts a new paragraph."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(paragraph[start:end] for start, end in wrap_offsets(paragraph, width))
    return lines
