"""Blocks: runs of non-blank lines, their widths, and column-break repair.

A block is what the OCR engine or transcriber separated with blank lines. On pages that store a whole
paragraph per line (long lines, no blank lines) every line is its own block. A column break in mid-sentence
also shows up as a blank line; :func:`continues_across` tells such a break from a paragraph end.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from statistics import median

from reader.model import Line

__all__ = ["Block", "continues_across", "display_width", "split_blocks"]

#: A run whose typical line is wider than this many display cells stores one paragraph per line.
PARAGRAPH_PER_LINE_WIDTH = 140
#: Punctuation that ends a sentence; a line ending in it closes its paragraph.
SENTENCE_END = frozenset('。！？!?」』）)…"”.')


def display_width(text: str) -> int:
    """Return the width of ``text`` in terminal cells: wide and full-width characters count two."""
    width = 0
    for char in text:
        if char.isascii():
            width += 1
        else:
            # ambiguous-width marks (“ ” ‘ ’ …) are set full width in CJK print
            width += 2 if unicodedata.east_asian_width(char) in "WFA" else 1
    return width


@dataclass(frozen=True, slots=True)
class Block:
    """Consecutive non-blank lines with their widths in display cells."""

    lines: tuple[Line, ...]
    widths: tuple[int, ...]

    @property
    def numbers(self) -> tuple[int, ...]:
        """The 1-based line numbers of the block."""
        return tuple(line.number for line in self.lines)

    @property
    def texts(self) -> tuple[str, ...]:
        """The stripped text of each line."""
        return tuple(line.text.strip() for line in self.lines)

    @property
    def compact(self) -> str:
        """The block's text with all whitespace removed."""
        return "".join("".join(text.split()) for text in self.texts)

    @property
    def width(self) -> int:
        """The column width: the widest line but the last (the last line of a paragraph is often short)."""
        body = self.widths[:-1] if len(self.widths) > 1 else self.widths
        return max(body)


def _make_block(lines: list[Line]) -> Block:
    return Block(tuple(lines), tuple(display_width(line.text.strip()) for line in lines))


def split_blocks(lines: tuple[Line, ...] | list[Line]) -> list[Block]:
    """Split ``lines`` into blocks at blank lines (and at every line on paragraph-per-line pages)."""
    runs: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.text.strip():
            current.append(line)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    blocks: list[Block] = []
    for run in runs:
        widths = [display_width(line.text.strip()) for line in run]
        if len(run) > 2 and median(widths) >= PARAGRAPH_PER_LINE_WIDTH:
            blocks.extend(_make_block([line]) for line in run)
        else:
            blocks.append(Block(tuple(run), tuple(widths)))
    return blocks


_CLAUSE_END = frozenset("，、；：,;:")


def continues_across(previous: Block, following: Block) -> bool:
    """Whether ``following`` continues the sentence that ``previous`` left open at a column break.

    A paragraph never ends in mid-word, so a last line ending in a letter or ideograph continues when it is
    at least most of a column wide. A last line ending in a comma continues only when it fills its column
    (within one character of the other lines of both blocks). Sentence-final punctuation never continues,
    and neither does a following block that opens with an indent.
    """
    last_text = previous.texts[-1]
    if not last_text or last_text[-1] in SENTENCE_END or not following.lines:
        return False
    if following.lines[0].text[:1] in (" ", "\u3000", "\t"):
        return False
    reference = [*previous.widths[:-1], *following.widths[:-1]]
    if not reference:
        return False
    column = median(reference)
    last_width = previous.widths[-1]
    if last_width > column + 4:
        return False
    if last_text[-1] in _CLAUSE_END:
        return last_width >= column - 2
    return last_width >= 0.75 * column
