"""Adverts and listings on English pages that store a paragraph per line, told by their shape.

ABBYY exports of English papers give each paragraph of a story as one long row, but the lines of an advert, a
box or a listing (short rows: a shop's name, a price, an address, a phone number) as rows of their own with no
blank line between them. Such a run of short rows is a block of its own. A story's paragraph can be short
too, or OCR can read a narrow column line by line; those lines carry the marks of running text (a quote, a
reported "said", a word broken at the line's end), which an advert's lines lack.
"""

from __future__ import annotations

import re

from reader.analysis.blockrole import BlockRole
from reader.analysis.blocks import PARAGRAPH_PER_LINE_WIDTH, Block

__all__ = ["FLOW", "mark_advert_boxes"]

#: A page stores paragraphs per line when at least this many of its lines are that wide: a page of narrow
#: columns (most OCR) has none or one, however long it is.
WIDE_LINES_MIN = 3
#: A box is a block of at least this many lines …
BOX_MIN_LINES = 3
#: … most of them with fewer words than this (a short paragraph of news has more on every line).
BOX_LINE_WORDS = 6
#: Marks of running text: a quotation, a reported speech verb, a word broken at a line's end.
FLOW = re.compile(r"[\"“”]|\b(?:said|says)\b")
_BROKEN_WORD = re.compile(r"[a-z]-$")
_BOX_ROLE = BlockRole("advert", reason="a box of short lines among paragraphs stored one per line: advert or listing")


def _stores_paragraphs(blocks: list[Block]) -> bool:
    """Whether the page has enough lines of a whole paragraph each to be a paragraph-per-line export."""
    wide = 0
    for block in blocks:
        if len(block.lines) == 1 and block.widths[0] >= PARAGRAPH_PER_LINE_WIDTH:
            wide += 1
            if wide >= WIDE_LINES_MIN:
                return True
    return False


def _is_box(block: Block) -> bool:
    """A block of short lines with no mark of running text."""
    texts = block.texts
    if len(texts) < BOX_MIN_LINES:
        return False
    if 2 * sum(len(text.split()) >= BOX_LINE_WORDS for text in texts) >= len(texts):
        return False
    if any(_BROKEN_WORD.search(text) for text in texts):
        return False
    return FLOW.search("\n".join(texts)) is None


def mark_advert_boxes(blocks: list[Block], roles: list[BlockRole]) -> None:
    """On a paragraph-per-line page, a block of short lines that does not run as text is an advert or listing."""
    if not _stores_paragraphs(blocks):
        return
    for index, block in enumerate(blocks):
        if roles[index].role in ("body", "title") and not roles[index].dateline and _is_box(block):
            roles[index] = _BOX_ROLE
