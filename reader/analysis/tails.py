"""Tails of English stories: an advert or listing printed after a story's last sentence is not its text.

ABBYY exports of English papers give a column's lines in order, so the lines of an advert, a box or a
listing that stands below a story follow its last paragraph with nothing to mark the change: no title, no
byline. A story ends with a finished sentence; an advert's lines do not read as running text (few little
words, no closing full stop). After a block that ends a sentence, a run of such blocks to the end of the
story goes to a draft of its own (kind ``other``). Jump lines and sign-offs stay with the story.
"""

from __future__ import annotations

import re

from reader.analysis.assemble import Draft
from reader.analysis.blockrole import BlockRole
from reader.analysis.blocks import SIGN_OFF_MARKS, Block
from reader.analysis.jumps import ends_with_jump
from reader.analysis.roles import is_prose

__all__ = ["split_after_jumps", "split_tails", "stack_jump_heads"]

#: Closing marks after which a sentence may still end (quotes and brackets).
_CLOSERS = " '\"’”)»"


def ends_sentence(block: Block) -> bool:
    """Whether an English block's last line ends a sentence (closing quotes and brackets skipped)."""
    last = block.texts[-1].rstrip(_CLOSERS)
    return bool(last) and last[-1] in ".!?"


def _reads_as_text(block: Block, role: BlockRole) -> bool:
    """Whether ``block`` may close a story: a finished sentence, a jump line, a sign-off."""
    if role.role != "body" or role.reason.startswith(("jump line", "photo credit")) or role.dateline is not None:
        return True
    if HAN.search(block.compact):
        return True  # the signals below are those of English text; a Chinese line is not judged by them
    first = block.texts[0].lstrip()
    if first[:1] in SIGN_OFF_MARKS:
        return True
    last = block.texts[-1]
    # _OPEN_END matches within the last OPEN_END_TAIL characters: the positions before are not tried
    if first[:1].islower() or _OPEN_END.search(last, len(last) - OPEN_END_TAIL):
        return True  # a sentence running on from the line before, or left open to the next
    return ends_sentence(block) or is_prose(block)


#: A line left open: a word broken by a hyphen, or a little word in lower case at its end.
_OPEN_END = re.compile(
    r"[a-z]-$|(?:^|\s)(?:the|a|an|of|to|in|and|or|but|for|with|as|at|by|on|from|that|than|is|are|was|were|be|"
    r"his|her|their|its|our|said|says|will|would|has|have|had|who|which|when|could|should)$"
)
#: The most characters :data:`_OPEN_END` spans: a space, a word of up to six letters and the newline ``$``
#: may stand before.
OPEN_END_TAIL = 8
HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[A-Za-z]")


def _advert_shaped(block: Block) -> bool:
    """A figure (price, phone, address, time), capitals only, or mostly signs that are not letters."""
    compact = block.compact
    if _DIGIT.search(compact) or "$" in compact:
        return True
    letters = len(_LETTER.findall(compact))
    return 2 * letters < len(compact) or (letters >= 4 and compact.isupper())


#: A tail with text blocks in it is cut only when it has at least this many blocks that are not text …
TAIL_MIN_NOT_TEXT = 2
#: … and this many times as many of them as text blocks (an advert holds a sentence or two of its own).
TAIL_NOT_TEXT_RATIO = 2
#: How far the text blocks of a run may outweigh the rest before the scan gives up on finding an advert above.
TAIL_SLACK = 3


def _not_text(block: Block, role: BlockRole) -> bool:
    """A block of a story's body that is not running text: title-shaped, or not reading as a sentence."""
    if role.role == "title":
        return not role.byline_lines
    return not _reads_as_text(block, role)


def _mostly_not_text(body: list[int], fixed: int, blocks: list[Block], roles: list[BlockRole]) -> int:
    """Where the story's text ends when an advert after it holds a few lines of prose.

    The earliest block, after one that ends a sentence, that is not text and opens a run in which blocks that
    are not text outnumber those that are (``TAIL_NOT_TEXT_RATIO`` to one); ``len(body)`` when there is none.
    The scan from the end stops once the text blocks are too many for blocks further up to make up for them.
    """
    count = len(body)
    not_text, text = 0, 1  # the last block reads as text: the scan in split_tails stopped there
    best = count
    for position in range(count - 2, 0, -1):  # from the end: the counts of the run body[position:]
        index = body[position]
        if index <= fixed:
            break
        if not _not_text(blocks[index], roles[index]):
            text += 1
            if TAIL_NOT_TEXT_RATIO * text - not_text > TAIL_SLACK:
                break  # running text: a story's, not an advert's
            continue
        not_text += 1
        before = body[position - 1]
        if (
            not_text >= TAIL_MIN_NOT_TEXT
            and not_text >= TAIL_NOT_TEXT_RATIO * text
            and (ends_sentence(blocks[before]) or roles[before].reason.startswith("jump line"))
            and (_advert_shaped(blocks[index]) or roles[index].role == "title")
        ):
            best = position
    return best


def split_tails(drafts: list[Draft], blocks: list[Block], roles: list[BlockRole]) -> list[Draft]:
    """Move the non-text run after a story's last finished sentence into a draft of kind ``other``."""
    result: list[Draft] = []
    for draft in drafts:
        result.append(draft)
        if draft.kind != "article" or len(draft.body) < 2 or draft.lead:
            continue
        fixed = max([*draft.title, *draft.byline], default=-1)
        cut = len(draft.body)
        while cut > 1 and draft.body[cut - 1] > fixed:
            index = draft.body[cut - 1]
            if _reads_as_text(blocks[index], roles[index]):
                break
            cut -= 1
        if cut == len(draft.body):
            cut = _mostly_not_text(draft.body, fixed, blocks, roles)
            if cut == len(draft.body):
                continue
        kept = draft.body[cut - 1]
        if not (ends_sentence(blocks[kept]) or roles[kept].reason.startswith("jump line")):
            continue  # the story's text stopped in mid-sentence: what follows may still be its text
        tail = draft.body[cut:]
        if len(tail) == 1 and not _advert_shaped(blocks[tail[0]]):
            continue  # one plain line may be a heading or a name: too little to call it an advert
        draft.body = draft.body[:cut]
        result.append(Draft.furniture("lines after the story's last sentence that do not read as text", body=tail))
    return result


def _jumps_out(block: Block, role: BlockRole) -> bool:
    """Whether the body block ``block`` ends with a jump line to another page (:func:`ends_with_jump`)."""
    return role.role == "body" and ends_with_jump(block.texts[-1])


def split_after_jumps(drafts: list[Draft], blocks: list[Block], roles: list[BlockRole]) -> list[Draft]:
    """End a story's part on the page at its jump line: what follows is another text or furniture.

    "See GOATS, page 3" closes the part of a story printed on this page; the blocks that OCR read after it
    (an advert, the index of the issue, a story without a headline) are not its text. A photo credit right
    under the jump line stays (it credits the story's picture). The blocks after go to a draft of their own:
    an article when one of them reads as prose, page furniture otherwise.
    """
    result: list[Draft] = []
    for draft in drafts:
        result.append(draft)
        if draft.kind != "article" or len(draft.body) < 2 or draft.lead:
            continue
        body = draft.body
        cut = next((p + 1 for p in range(len(body) - 1) if _jumps_out(blocks[body[p]], roles[body[p]])), 0)
        if not cut:
            continue
        while cut < len(body) and roles[body[cut]].reason.startswith("photo credit"):
            cut += 1
        tail = body[cut:]
        if not tail:
            continue
        draft.body = body[:cut]
        reason = "blocks after the story's jump line to another page"
        if any(is_prose(blocks[index]) for index in tail):
            result.append(Draft(body=tail, reasons={"boundaries": reason}))
        else:
            result.append(Draft.furniture(reason, body=tail))
    return result


#: A jump head is a short line: a word or a few (``GOATS``, ``CHILDREN'S CENTER``).
JUMP_HEAD_MAX_WORDS = 4


def _jump_in(role: BlockRole) -> bool:
    return role.opens and role.role == "body" and role.reason.startswith("jump line")


def _head_shaped(block: Block, role: BlockRole) -> bool:
    text = block.texts[0]
    return (
        len(block.lines) == 1
        and role.role in ("body", "title", "caption")
        and 0 < len(text.split()) <= JUMP_HEAD_MAX_WORDS
        and text[-1:] not in ".,;:!?"
        and _LETTER.search(text) is not None
    )


def stack_jump_heads(drafts: list[Draft], blocks: list[Block], roles: list[BlockRole]) -> list[Draft]:
    """Give each continuation its own jump head when OCR read the heads of several stacked together.

    A page of continuations prints ``ASI`` over "From page 2", ``HORSES`` over "From page 5" further down; OCR
    sometimes reads the heads one after the other over the first "From page" line, and the later parts then
    open with no head. The heads go, top first, to the parts in their order.
    """
    parts = [index for index, role in enumerate(roles) if _jump_in(role)]
    if len(parts) < 2:
        return drafts
    first = parts[0]
    top = first
    while top > 0 and _head_shaped(blocks[top - 1], roles[top - 1]):
        top -= 1
    heads = list(range(top, first))
    headless = [index for index in parts[1:] if not _head_shaped(blocks[index - 1], roles[index - 1])]
    if len(heads) < 2 or not headless:
        return drafts
    opening = {draft.body[0]: draft for draft in drafts if draft.kind == "article" and draft.body}
    targets = [opening.get(index) for index in (first, *headless)]
    moves = list(zip(heads, targets, strict=False))
    if any(target is None for _, target in moves):
        return drafts
    moved = {head for head, _ in moves}
    for draft in drafts:
        for part in (draft.title, draft.body, draft.byline):
            part[:] = [index for index in part if index not in moved]
    for head, target in moves:
        assert target is not None
        target.title = [head]
        target.reasons["headline"] = "jump head stacked with others over the first 'From page' line"
    return [draft for draft in drafts if draft.title or draft.body or draft.byline or draft.lead]
