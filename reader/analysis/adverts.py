"""Adverts, listings and section heads on English pages that store a paragraph per line, told by their shape.

ABBYY exports of English papers give each paragraph of a story as one long row, but the lines of an advert, a
box or a listing (short rows: a shop's name, a price, an address, a phone number) as rows of their own. A run of
such rows with no blank line between is a block of its own (:func:`mark_advert_boxes`); when a story's long
rows run on into them, each is a block of its own (:func:`mark_advert_rows`). A story's paragraph can be short
too, or OCR can read a narrow column line by line; those lines carry the marks of running text (a quote, a
reported "said", a word broken at the line's end, a sentence left open), which an advert's lines lack. A
one-word head after a story's last sentence opens what follows (:func:`mark_section_heads`). These passes run
from :func:`reader.analysis.roles.classify_blocks` on Latin pages.
"""

from __future__ import annotations

import re

from reader.analysis.blockrole import BlockRole
from reader.analysis.blocks import PARAGRAPH_PER_LINE_WIDTH, SIGN_OFF_MARKS, Block
from reader.analysis.overlap import content_words

__all__ = ["CONTACT", "advert_sign", "flows", "mark_advert_boxes", "mark_advert_rows", "mark_section_heads"]

#: A page stores paragraphs per line when at least this many of its lines are that wide: a page of narrow
#: columns (most OCR) has none or one, however long it is.
WIDE_LINES_MIN = 2
#: A box is a block of at least this many lines …
BOX_MIN_LINES = 3
#: … most of them with fewer words than this (a short paragraph of news has more on every line).
BOX_LINE_WORDS = 6
_SAID = re.compile(r"\b(?:said|says)\b")


#: A quotation mark right after a digit: inches (a 12" monitor), not a quotation.
_INCHES = re.compile(r"\d ?[\"”]")


def flows(text: str) -> bool:
    """Whether ``text`` holds a mark of running text: a quotation mark (not an inch mark after a digit) or a
    reported "said" or "says"."""
    if '"' in text or "“" in text or "”" in text:
        quoted = _INCHES.sub("", text)
        if '"' in quoted or "“" in quoted or "”" in quoted:
            return True
    return ("said" in text or "says" in text) and _SAID.search(text) is not None  # substrings first: cheap


#: A word broken at a line's end: the line is one of a column of running text.
_BROKEN_WORD = re.compile(r"[a-z]-$")
#: Contact details and prices: a phone number, an amount, a percentage, a street address.
CONTACT = re.compile(
    r"(?<![\d-])\d{3}[-–.]\s?\d{4}(?!\d)|\(\d{3}\)|\$\s?\d|\d\s?%|"
    r"\b\d{2,5}\s+(?:[NSEW]\.?\s+)?[A-Z][A-Za-z]+\.?\s+(?:St|Street|Ave|Avenue|Blvd|Rd|Road|Dr|Drive|Way|Suite)\b"
)
#: A box whose rows give contact details or prices this often is an advert however its rows read.
BOX_MIN_CONTACT_ROWS = 2
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
    if len(texts) < BOX_MIN_LINES or any(_BROKEN_WORD.search(text) for text in texts):
        return False
    if flows("\n".join(texts)):
        return False
    if 2 * sum(len(text.split()) >= BOX_LINE_WORDS for text in texts) < len(texts):
        return True
    return sum(CONTACT.search(text) is not None for text in texts) >= BOX_MIN_CONTACT_ROWS


def mark_advert_boxes(blocks: list[Block], roles: list[BlockRole]) -> None:
    """On a paragraph-per-line page, a block of short lines that does not run as text is an advert or listing."""
    if not _stores_paragraphs(blocks):
        return
    for index, block in enumerate(blocks):
        if roles[index].role in ("body", "title") and not roles[index].dateline and _is_box(block):
            roles[index] = _BOX_ROLE


#: A section head or an advert's name is one capitalised word of at least this many letters (``Classified``).
SECTION_HEAD_MIN_LETTERS = 4
#: Words the text after a one-word head must share with the text before it to go on with the same story.
SUBHEAD_MIN_SHARED = 2
_SECTION_HEAD_ROLE = BlockRole(
    "title", reason="a one-word head after a finished story: a section's or an advert's name", title_like=True
)


def _finished_prose(block: Block, role: BlockRole) -> bool:
    from reader.analysis.roles import is_prose  # roles imports this module: imported when first needed

    last = block.texts[-1].rstrip(" '\"’”)")
    return role.role == "body" and bool(last) and last[-1] in ".!?" and is_prose(block)


def mark_section_heads(blocks: list[Block], roles: list[BlockRole]) -> None:
    """A one-word line after a story's finished last sentence heads something new: a section (``Classified``,
    ``WEATHER``), an advert (``Kodak``), a story. Running text after it must not go on with the words of the
    text before (a subhead inside the story), nor be a stack of short lines (names of a vox pop), a jump line
    or a photo credit (a jump head).
    """
    count = len(blocks)
    for index in range(1, count - 1):
        block, text = blocks[index], blocks[index].texts[0]
        if len(block.lines) != 1 or roles[index].role != "body" or roles[index].reason != "running text":
            continue
        if len(text) < SECTION_HEAD_MIN_LETTERS or not text.isalpha() or not text[0].isupper():
            continue
        previous = index - 1
        while previous > 0 and roles[previous].role == "furniture":
            previous -= 1
        following = index + 1
        while following < count - 1 and roles[following].role == "furniture":
            following += 1
        if not _finished_prose(blocks[previous], roles[previous]):
            continue
        after = blocks[following]
        if roles[following].role != "body" or roles[following].reason != "running text":
            continue  # a headline, a byline, a jump line or a credit: a name stack, a jump head, a kicker
        if len(after.lines) == 1 and len(after.texts[0].split()) <= 3:
            continue  # a stack of short lines: a name over a name, a head over a deck
        if len(content_words(blocks[previous].texts) & content_words(after.texts)) >= SUBHEAD_MIN_SHARED:
            continue  # the text goes on with the words of the text above: a subhead inside the story
        roles[index] = _SECTION_HEAD_ROLE


#: A run of at least this many one-row blocks of short text is a column of an advert or a listing …
ROW_RUN_MIN_BLOCKS = 3
#: … when at least this many of them give contact details, a price, capitals, a cry or mostly signs.
ROW_RUN_MIN_SIGNS = 2
_ROW_RUN_ROLE = BlockRole("furniture", reason="a run of short rows with contact details or prices: advert or listing")
#: :func:`reader.analysis.roles.is_prose` needs at least this many words: a shorter row is never prose.
PROSE_MIN_WORDS = 8


def advert_sign(text: str) -> bool:
    """Whether ``text`` bears an advert's sign: contact details or a price, capitals only, a cry, or mostly signs
    that are not letters."""
    if CONTACT.search(text):
        return True
    compact = "".join(text.split())
    letters = sum(map(str.isalpha, compact))
    if 2 * letters < len(compact):
        return True
    return (letters >= 4 and text.isupper()) or text.rstrip(" '\"’”)")[-1:] == "!"


def mark_advert_rows(blocks: list[Block], roles: list[BlockRole]) -> None:
    """On a paragraph-per-line page, a run of one-row blocks of short text, several with an advert's signs, is an
    advert or a listing printed among the stories' paragraphs (ABBYY gives each of its rows a block of its own
    when the story's long rows run on into it). Rows of running text, quotations, sign-offs end the run."""
    from reader.analysis.roles import is_prose, left_open  # roles imports this module: imported when needed

    if not _stores_paragraphs(blocks):
        return

    def row(block: Block, role: BlockRole) -> bool:
        if len(block.lines) != 1 or role.role != "body" or role.reason != "running text":
            return False
        text = block.texts[0]
        if text[:1] in SIGN_OFF_MARKS or flows(text) or left_open(text):
            return False  # a sign-off, a quotation, a sentence left open to the story's next row
        # split no further than the count needs: a story's row is a paragraph of a hundred words and more
        return len(text.split(None, PROSE_MIN_WORDS)) < PROSE_MIN_WORDS or not is_prose(block)

    count = len(blocks)
    rows = [row(block, role) for block, role in zip(blocks, roles, strict=True)]
    index = 0
    while index < count:
        if not rows[index]:
            index += 1
            continue
        members = []
        end = index
        while end < count and (rows[end] or roles[end].role == "furniture"):
            if rows[end]:
                members.append(end)
            end += 1
        if len(members) >= ROW_RUN_MIN_BLOCKS:
            signs = sum(advert_sign(blocks[member].texts[0]) for member in members)
            if signs >= ROW_RUN_MIN_SIGNS:
                for member in members:
                    roles[member] = _ROW_RUN_ROLE
        index = end
