"""Blocks: runs of non-blank lines, their widths, and column-break repair.

A block is what the OCR engine or transcriber separated with blank lines. On pages that store a whole
paragraph per line (long lines, no blank lines) every line is its own block. A column break in mid-sentence
also shows up as a blank line; :func:`continues_across` tells such a break from a paragraph end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.model import Line

__all__ = [
    "SET_PROSE",
    "Block",
    "continues_across",
    "block_of",
    "display_width",
    "fast_median",
    "split_blocks",
    "without_whitespace",
]

#: A run whose typical line is wider than this many display cells stores one paragraph per line.
PARAGRAPH_PER_LINE_WIDTH = 140
#: Punctuation that ends a sentence; a line ending in it closes its paragraph.
SENTENCE_END = frozenset('。！？!?」』）)…"”.')
#: Openings of a sign-off line under an English letter or column (``— Pat Smith``).
SIGN_OFF_MARKS = "—–-"


_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd"
    "\u2018\u2019\u201c\u201d\u2026\u2014\u00b7\u25a0-\u25ff\u2605\u2606\ue000-\uf8ff]"
)


#: The complement of :data:`_WIDE`: on a mostly wide line there are few of these to count.
_NARROW = re.compile("[^" + _WIDE.pattern[1:])


def display_width(text: str) -> int:
    """Return the width of ``text`` in terminal cells: wide and full-width characters count two.

    Ambiguous-width marks that CJK print sets full width (“ ” … — ·, geometric shapes) count two as well.
    """
    if text.isascii():
        return len(text)
    # count whichever class is likely rarer: narrow characters on a line that opens with a CJK character (from
    # U+2E80; quotes and dashes, which count wide too, open many English lines)
    if ord(text[0]) >= 0x2E80:
        return 2 * len(text) - len(_NARROW.findall(text))
    return len(text) + len(_WIDE.findall(text))


@dataclass(frozen=True, slots=True)
class Block:
    """Consecutive non-blank lines with their widths in display cells."""

    lines: tuple[Line, ...]
    widths: tuple[int, ...]
    numbers: tuple[int, ...] = field(init=False)
    """The 1-based line numbers of the block."""
    texts: tuple[str, ...] = field(init=False)
    """The stripped text of each line."""
    compact: str = field(init=False)
    """The block's text with all whitespace removed."""
    prose: bool | None = field(default=None, init=False, repr=False, compare=False)
    """Whether the block reads as running text (:func:`reader.analysis.roles.is_prose`), kept once asked:
    several passes ask it of the same block."""

    def __post_init__(self) -> None:
        texts = tuple(line.text.strip() for line in self.lines)
        object.__setattr__(self, "numbers", tuple(line.number for line in self.lines))
        object.__setattr__(self, "texts", texts)
        object.__setattr__(self, "compact", without_whitespace("".join(texts)))

    @property
    def width(self) -> int:
        """The column width: the widest line but the last (the last line of a paragraph is often short)."""
        body = self.widths[:-1] if len(self.widths) > 1 else self.widths
        return max(body)


#: The slot setters of :class:`Block`: a frozen dataclass is filled through them without ``__init__``.
_SET_LINES, _SET_WIDTHS, _SET_NUMBERS, _SET_TEXTS, _SET_COMPACT, SET_PROSE = (
    Block.__dict__[name].__set__ for name in ("lines", "widths", "numbers", "texts", "compact", "prose")
)


def block_of(
    lines: tuple[Line, ...],
    widths: tuple[int, ...],
    texts: tuple[str, ...],
    numbers: tuple[int, ...] | None = None,
    joined: str | None = None,
) -> Block:
    """A :class:`Block` from lines whose stripped texts (and perhaps numbers, and ``joined``, the texts joined
    without a separator) are known (skips ``__post_init__``)."""
    block = object.__new__(Block)
    _SET_LINES(block, lines)
    _SET_WIDTHS(block, widths)
    _SET_NUMBERS(block, tuple([line.number for line in lines]) if numbers is None else numbers)
    _SET_TEXTS(block, texts)
    text = "".join(texts) if joined is None else joined
    # a text of words (English) loses its spaces without being split; one without spaces splits as cheaply
    _SET_COMPACT(block, without_whitespace(text) if " " in text else "".join(text.split()))
    SET_PROSE(block, None)
    return block


def without_whitespace(text: str) -> str:
    """``"".join(text.split())``: ``text`` without any whitespace character.

    Spaces are dropped by ``str.replace``, without splitting a line of English into its words; every other
    whitespace character is unprintable (checked over all of Unicode by a test), so a printable rest has none
    left, and only a rest with one (an ideographic space U+3000, a tab) is split.
    """
    compact = text.replace(" ", "")
    return compact if compact.isprintable() else "".join(compact.split())


def fast_median(values: list[int]) -> float:
    """:func:`statistics.median` of a non-empty list, without its overhead."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


_RUN = re.compile("x+")


def split_blocks(lines: tuple[Line, ...] | list[Line]) -> list[Block]:
    """Split ``lines`` into blocks at blank lines (and at every line on paragraph-per-line pages)."""
    lines = tuple(lines)
    stripped = [line.text.strip() for line in lines]
    numbers = [line.number for line in lines]  # sliced per block: one pass over the page
    narrow, wide = _NARROW.findall, _WIDE.findall
    blocks: list[Block] = []
    # runs of non-blank lines, found by a regex over one flag character per line
    for run in _RUN.finditer("".join(["x" if text else " " for text in stripped])):
        start, end = run.span()
        texts = stripped[start:end]
        joined = "".join(texts)
        # display_width, per run when one test settles every line: all ASCII, or all wide (most CJK runs)
        if joined.isascii():
            widths = [len(text) for text in texts]
        elif _NARROW.search(joined) is None:
            widths = [2 * len(text) for text in texts]
        else:  # display_width, inlined, line by line
            widths = [
                len(text)
                if text.isascii()
                else 2 * len(text) - len(narrow(text))
                if ord(text[0]) >= 0x2E80
                else len(text) + len(wide(text))
                for text in texts
            ]
        # with three lines or more, a median this wide implies two such lines: the count alone decides
        if end - start > 2 and max(widths) >= PARAGRAPH_PER_LINE_WIDTH and _count_wide(widths) >= 2:
            blocks.extend(
                block_of((line,), (width,), (text,), (number,))
                for line, width, text, number in zip(lines[start:end], widths, texts, numbers[start:end], strict=True)
            )
        else:
            blocks.append(block_of(lines[start:end], tuple(widths), tuple(texts), tuple(numbers[start:end]), joined))
    return blocks


def _count_wide(widths: list[int]) -> int:
    return sum(width >= PARAGRAPH_PER_LINE_WIDTH for width in widths)


_CLAUSE_END = frozenset("，、；：,;:")


def continues_across(previous: Block, following: Block) -> bool:
    """Whether ``following`` continues the sentence that ``previous`` left open at a column break.

    A paragraph never ends in mid-word, so a last line ending in a letter or ideograph continues when it is
    at least most of a column wide; Latin text that goes on in lower case after a letter, comma or hyphen
    continues whatever the widths. A last line ending in a comma continues only when it fills its column
    (within one character of the other lines of both blocks). Sentence-final punctuation never continues,
    and neither does a following block that opens with an indent.
    """
    last_text = previous.texts[-1]
    if not last_text or last_text[-1] in SENTENCE_END or not following.lines:
        return False
    if following.lines[0].text[:1] in (" ", "\u3000", "\t"):
        return False
    opening = following.texts[0][:1]
    if opening.isascii() and opening.islower() and (last_text[-1].isalpha() or last_text[-1] in ",-"):
        return True  # a Latin sentence runs on in lower case: OCR's blank line or row break is not a paragraph end
    reference = [*previous.widths[:-1], *following.widths[:-1]]
    if not reference:
        return False
    column = fast_median(reference)
    last_width = previous.widths[-1]
    if last_width > column + 4:
        return False
    if last_text[-1] in _CLAUSE_END:
        return last_width >= column - 2
    return last_width >= 0.75 * column
