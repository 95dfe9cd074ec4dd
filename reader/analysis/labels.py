"""Labels above English headlines: the nameplate, section labels and running heads are not part of a title.

A Latin page prints, above a story's headline, lines that belong to the page or the section rather than the
story: the paper's name and its university line at the top of page one, a section label in capitals
(``LETTERS TO THE EDITOR``, ``SPORTS``). They stand before the headline, which is the title group's longest
block; decks stand after it and stay. This pass runs on pages whose letters are mostly Latin only: Chinese
papers print kickers (引題) above their headlines on purpose.
"""

from __future__ import annotations

from reader.analysis.assemble import Draft
from reader.analysis.blocks import Block
from reader.analysis.roles import is_section_name

__all__ = ["split_labels"]

#: A label in capitals has at most this many words; a longer line in capitals is a headline.
LABEL_MAX_WORDS = 6
#: An English title block group holds at most a kicker, the headline and a deck: with more blocks, those
#: before the longest of the last ones are a box of short lines printed above it.
TITLE_MAX_BLOCKS = 3
#: … and the box above has at least this many (one or two more are a kicker or a label, handled below).
BOX_MIN_BLOCKS = 3
#: The nameplate stands among the page's first blocks (with the running head and the date).
PAGE_HEAD_BLOCKS = 4


def _in_capitals(block: Block) -> bool:
    letters = [char for char in block.compact if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters if char.isascii())


def _title_case(block: Block) -> bool:
    """Every word capitalised (a nameplate, a university line), unlike a headline set in sentence case."""
    words = [word for word in " ".join(block.texts).split() if word[:1].isalpha()]
    return bool(words) and all(word[0].isupper() for word in words)


def _section_name(block: Block) -> bool:
    """A one-line section name (:func:`~reader.analysis.roles.is_section_name`)."""
    return len(block.lines) == 1 and is_section_name(block.compact)


def split_labels(drafts: list[Draft], blocks: list[Block]) -> list[Draft]:
    """Move leading label blocks out of English title groups into drafts of their own (kind ``other``).

    A leading block goes when it is in capitals and short, or when the story is the first on the page with
    text and the block is in title case (the page's top holds the nameplate and its university line above
    the first headline, which is set in sentence case).
    """
    result: list[Draft] = []
    first_with_text = True
    for draft in drafts:
        if draft.kind == "article" and len(draft.title) >= TITLE_MAX_BLOCKS + BOX_MIN_BLOCKS:
            # a box of short lines (a list of names, a menu) ran into the headline under it
            tail = draft.title[-TITLE_MAX_BLOCKS:]
            main = max(tail, key=lambda index: (len(blocks[index].compact), -index))
            box = [index for index in draft.title if index < main]
            draft.title = [index for index in draft.title if index >= main]
            result.append(Draft.furniture("a box of short lines above a headline", title=box))
        if draft.kind == "article" and len(draft.title) == 1 and draft.body and _section_name(blocks[draft.title[0]]):
            # a section name over a story that has no headline of its own (SPORTSBRIEFS, Calendar)
            result.append(Draft.furniture("section label", title=draft.title))
            draft.title = []
        if draft.kind != "article" or len(draft.title) < 2:
            result.append(draft)
            first_with_text = first_with_text and not (draft.kind == "article" and draft.body)
            continue
        # the headline is the longest block, a mixed-case one where there is one (labels are in capitals)
        mixed = [index for index in draft.title if not _in_capitals(blocks[index])] or draft.title
        main = max(mixed, key=lambda index: (len(blocks[index].compact), -index))
        if first_with_text and main == draft.title[0] and main < PAGE_HEAD_BLOCKS and _title_case(blocks[main]):
            # the nameplate at the top of the page over a headline in capitals (Mustang Daily / CLINTON)
            main = max(draft.title[1:], key=lambda index: (len(blocks[index].compact), -index))
        labels = [
            index
            for index in draft.title
            if index < main
            and (
                (first_with_text and _title_case(blocks[index]))
                or (_in_capitals(blocks[index]) and not _in_capitals(blocks[main]))
                or _section_name(blocks[index])
            )
            and len(" ".join(blocks[index].texts).split()) <= LABEL_MAX_WORDS + (4 if first_with_text else 0)
        ]
        if labels:
            draft.title = [index for index in draft.title if index not in labels]
            result.append(Draft.furniture("nameplate or section label above a headline", title=labels))
        result.append(draft)
        first_with_text = first_with_text and not draft.body
    return result
