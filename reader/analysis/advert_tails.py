"""Adverts under English stories: a shop's box printed after a story's last sentence, told from the story.

ABBYY exports give a column's rows in order, so an advert under a story follows its last paragraph with no
title or byline between; some of its rows read like sentences ("Bring a friend and save on the second
pizza!", "the product center"), so that :func:`reader.analysis.tails.split_tails` takes them for the end of
the story's text. What tells them from it is what they lack (running text, quotation, reported speech, a
sign-off) and what they hold (contact details, prices, bullets, capitals, cries, signs that are not letters).
"""

from __future__ import annotations

import re

from reader.analysis.adverts import advert_sign, flows
from reader.analysis.assemble import Draft
from reader.analysis.blockrole import BlockRole
from reader.analysis.blocks import SIGN_OFF_MARKS, Block
from reader.analysis.roles import is_prose, left_open
from reader.analysis.tails import HAN, ends_sentence

__all__ = ["split_advert_tails"]


_BULLET = re.compile(r"\W*[•■□►▪●◆*]")


def _advert_evidence(block: Block) -> bool:
    """An advert's sign (:func:`reader.analysis.adverts.advert_sign`) in the block, or a bulleted item."""
    return advert_sign(" ".join(block.texts)) or _bulleted(block)


def _bulleted(block: Block) -> bool:
    """Whether a line of the block opens with a bullet: an item of a list, an advert's or a story's."""
    return any(_BULLET.match(text) for text in block.texts)


def _runs_on(body: list[int], position: int, blocks: list[Block]) -> bool:
    """Whether the block after ``body[position]`` goes on with its sentence: it opens in lower case or a digit."""
    if position + 1 >= len(body):
        return False
    opening = blocks[body[position + 1]].texts[0][:1]
    return opening.isdigit() or (opening.isascii() and opening.islower())


def _story_part(role: BlockRole) -> bool:
    """A byline, jump line, photo credit or dateline: parts of a story, never of an advert after it."""
    return (
        role.role == "byline"
        or role.opens
        or role.dateline is not None
        or role.reason.startswith(("jump line", "photo credit", "name signing"))
    )


def _advert_tail(body: list[int], fixed: int, blocks: list[Block], roles: list[BlockRole]) -> int:
    """Where the advert printed under a story's last sentence begins in ``body``; ``len(body)`` when none is.

    From the end up, blocks belong to the advert until one belongs to a story: a part of a story (byline, jump
    line, credit, dateline), a headline with no sign of an advert, a quotation, reported speech, a sign-off,
    running text that is not a bulleted item, or a sentence left open that the block below does not go on
    with (it goes on in another column). The advert starts after a finished sentence of running text, never
    between two bulleted sentences (a list is not cut), or with a bulleted row that is no sentence under a
    line of the story's text left unfinished (the story goes on elsewhere; a list item cannot go on with its
    sentence), and holds at least one sign of an advert in a block that is not a bulleted sentence (such an
    item may be the story's list); a block in lower case or ending in a full stop does not make it the story's.
    """
    best = len(body)
    evidence = False
    for position in range(len(body) - 1, 0, -1):
        index = body[position]
        if index <= fixed:
            break
        block, role = blocks[index], roles[index]
        if role.role not in ("body", "title", "furniture") or _story_part(role):
            break
        if role.role == "title" and not _advert_evidence(block):
            break  # a headline with no sign of an advert may head the story below
        if not block.compact.isascii() and HAN.search(block.compact):
            break  # the signals are those of English text; a Chinese line is not judged by them
        if flows("\n".join(block.texts)) or block.texts[0][:1] in SIGN_OFF_MARKS:
            break  # a quotation, reported speech or a sign-off (— NAME) is the story's
        prose = role.role == "body" and is_prose(block)
        if prose and not _bulleted(block):
            break  # running text, even with a phone number in it
        if role.role == "body" and left_open(block.texts[-1]) and not _runs_on(body, position, blocks):
            break  # a sentence left open to what follows the advert: the story's, going on elsewhere
        # a bulleted sentence may be an advert's or an item of the story's list: no evidence either way
        evidence = evidence or (not prose and _advert_evidence(block))
        before = body[position - 1]
        if ends_sentence(blocks[before]):
            opens_after = is_prose(blocks[before]) and not (prose and _bulleted(blocks[before]))
            # (one bulleted sentence after another: a list is not cut)
        else:  # the story's sentence goes on elsewhere (a jump, another column): a bulleted row cannot go on with it
            opens_after = (
                roles[before].role == "body" and _bulleted(block) and not prose and not _bulleted(blocks[before])
            )
        if evidence and (opens_after or roles[before].reason.startswith("jump line")):
            best = position
    return best


def split_advert_tails(drafts: list[Draft], blocks: list[Block], roles: list[BlockRole]) -> list[Draft]:
    """Move an advert printed under an English story's last sentence into a draft of kind ``other``."""
    result: list[Draft] = []
    for draft in drafts:
        result.append(draft)
        if draft.kind != "article" or len(draft.body) < 2 or draft.lead:
            continue
        after = draft.body[-1] + 1
        if after < len(roles) and roles[after].role == "byline" and roles[after].opens:
            continue  # the story below opens with its By line: what stands above it may be its headline
        fixed = max([*draft.title, *draft.byline], default=-1)
        cut = _advert_tail(draft.body, fixed, blocks, roles)
        if cut < len(draft.body):
            tail = draft.body[cut:]
            draft.body = draft.body[:cut]
            result.append(Draft.furniture("an advert under the story's last sentence", body=tail))
    return result
