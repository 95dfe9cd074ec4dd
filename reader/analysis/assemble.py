"""Assembly: group role-labelled blocks into articles and re-attach displaced titles and leads.

Articles are runs of body blocks bounded by titles, bylines and datelines. A title group with no body of its
own (OCR often puts titles at the bottom of the page) goes to the untitled article whose text echoes it; a
wide lead block left on its own goes first in the article it echoes that still lacks an opening.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.analysis.blocks import SENTENCE_END, Block
from reader.analysis.candidates import EXACT_UP_TO, GramIndex
from reader.analysis.jumps import find_jump
from reader.analysis.latin import SIGN_OFF_REASON, is_signature_name, plain_text
from reader.analysis.overlap import bigram_codes, content_words, coverage
from reader.analysis.roles import ITEM_MARKERS, BlockRole, is_prose, left_open

__all__ = ["Draft", "assemble"]

#: Share of a displaced title's bigrams that must recur in an article for the title to move there.
TITLE_MIN_COVERAGE = 0.2
#: Share of a lead's bigrams that must recur in an article for the lead to move there.
LEAD_MIN_COVERAGE = 0.15


@dataclass
class Draft:
    """An article being assembled: indices of its blocks by part, in source order."""

    kind: str = "article"
    title: list[int] = field(default_factory=list)
    byline: list[int] = field(default_factory=list)
    body: list[int] = field(default_factory=list)
    lead: list[int] = field(default_factory=list)
    closed: bool = False
    reasons: dict[str, str] = field(default_factory=dict)

    @property
    def blocks(self) -> list[int]:
        """Every block index of the article."""
        return sorted({*self.title, *self.byline, *self.body, *self.lead})

    @classmethod
    def furniture(cls, reason: str, *, title: list[int] | None = None, body: list[int] | None = None) -> Draft:
        """Blocks split off an article as page furniture (kind ``other``, closed), and why."""
        return cls(kind="other", title=title or [], body=body or [], closed=True, reasons={"boundaries": reason})


def _continues_title(draft: Draft, roles: list[BlockRole], blocks: list[Block]) -> bool:
    """A title-like block extends the open article's title while no byline or body came yet."""
    return not (draft.body or draft.byline or draft.lead or draft.closed) and draft.kind == "article"


def _last_body_is_text(draft: Draft, roles: list[BlockRole], blocks: list[Block]) -> bool:
    """Whether the article's last body block is running text (so a following title starts a new article)."""
    if not draft.body:
        return False
    return not roles[draft.body[-1]].title_like


def _resumes(draft: Draft | None, block: Block, blocks: list[Block]) -> bool:
    """Whether ``block`` resumes ``draft`` after an advert or notice printed in between.

    It does when the article's text stopped in mid-sentence or the block opens in lower case: a sentence
    never ends at an advert's edge.
    """
    if draft is None or draft.closed or draft.kind != "article" or not draft.body:
        return False
    last = blocks[draft.body[-1]].texts[-1].rstrip(" '\"’”")
    opening = block.texts[0].lstrip(" '\"‘“(")
    if not last or not opening or not (last[-1].isascii() and opening[0].isascii()):
        return False  # Chinese columns break anywhere; the signal holds for Latin text
    return last[-1] not in SENTENCE_END or opening[0].islower()


#: How many blocks back a Latin sentence cut off by an advert or another story's part may be taken up again.
RESUME_MAX_BLOCKS = 60
#: A line left open that a later block may take up has at least this many words (not a label or a name).
RESUME_MIN_WORDS = 5


def _left_open_prose(block: Block) -> bool:
    """Whether the Latin text block ``block`` stops in mid-sentence: no full stop, colon or semicolon at its end."""
    last = block.texts[-1].rstrip(" '\"’”)")
    if not last or not last[-1].isascii() or last[-1] in SENTENCE_END or last[-1] in ":;":
        return False
    return last[-1].isalnum() or last[-1] in ",-"


def _words(block: Block) -> int:
    """How many words ``block`` holds."""
    return sum(len(text.split()) for text in block.texts)


def _opens_lower(block: Block) -> bool:
    """Whether ``block`` opens in lower case (quotes and a bracket skipped): it goes on from a sentence above."""
    opening = block.texts[0].lstrip(" '\"‘“(")[:1]
    return opening.isascii() and opening.islower()


def _sentence_tail(block: Block) -> bool:
    """Whether the one-line ``block`` is the end of a sentence: it opens in lower case and ends with a full stop."""
    if len(block.lines) != 1 or not _opens_lower(block):
        return False
    last = block.texts[0].rstrip(" '\"’”)")
    return bool(last) and last[-1] in ".!?"


#: Words of four letters or more a resumed block must share with the story it takes up again.
RESUME_MIN_SHARED = 2


def _resumed_story(
    drafts: list[Draft], current: Draft | None, index: int, blocks: list[Block], roles: list[BlockRole]
) -> Draft | None:
    """The earlier English story that the body block ``index``, opening in lower case, takes up again.

    A sentence goes on in lower case past an advert, another story's part or page furniture that OCR read
    into the middle of the column: it goes on from the nearest text block above left in mid-sentence with
    nothing to go on with it (the block after it opens a new sentence). When that block is another story's,
    and the block shares words with that story, the story takes the block back. A line of a few words that
    ends the sentence ("after five years.") is too short to share words: the sentence it ends is its tie.
    """
    block = blocks[index]
    tail = not is_prose(block) and _sentence_tail(block)
    if not _opens_lower(block) or not (tail or is_prose(block)):
        return None
    following = index  # the block after the candidate, furniture skipped
    for candidate in range(index - 1, max(-1, index - 1 - RESUME_MAX_BLOCKS), -1):
        role = roles[candidate]
        if role.role == "furniture":
            continue
        if role.role == "body" and _left_open_prose(blocks[candidate]):
            if following != index and _opens_lower(blocks[following]):
                return None  # the sentence left open there went on already: this one is not its end
            break
        following = candidate
    else:
        return None
    owner = next((draft for draft in reversed(drafts) if candidate in draft.body), None)
    if owner is None or owner is current or owner.kind != "article" or owner.closed:
        return None  # the story right above goes on
    if _words(blocks[candidate]) < RESUME_MIN_WORDS:
        return None  # a label or a name left without a full stop, not a sentence cut off
    if any(_words(blocks[later]) >= RESUME_MIN_WORDS for later in owner.body[owner.body.index(candidate) + 1 :]):
        return None  # the story left open there went on with text of its own after it
    if tail:
        return owner  # a few words that end the sentence: too few to share the story's words
    words = content_words(block.texts)
    shared = words & content_words([text for i in owner.blocks for text in blocks[i].texts])
    return owner if len(shared) >= RESUME_MIN_SHARED else None


def _after_byline(draft: Draft, index: int, roles: list[BlockRole]) -> bool:
    """Whether block ``index`` follows the draft's last byline block with only furniture between."""
    if not draft.byline or draft.byline[-1] >= index:
        return False
    return all(roles[between].role == "furniture" for between in range(draft.byline[-1] + 1, index))


def _byline_inside(draft: Draft, index: int, blocks: list[Block], roles: list[BlockRole]) -> bool:
    """Whether the opening byline ``index`` stands inside the text of ``draft`` (OCR read it mid-column).

    The text above stopped in mid-sentence and the text below it (after its staff lines) goes on in lower
    case: a sentence runs through the byline, so it is the byline of this story, not the head of the next.
    """
    if not draft.body or draft.body[-1] != index - 1 or roles[index - 1].role != "body":
        return False
    last = blocks[index - 1].texts[-1].rstrip()
    if not last or last[-1] in SENTENCE_END or last[-1] in ":;" or not last[-1].isascii():
        return False
    following = index + 1
    while following < len(roles) and roles[following].role == "byline" and not roles[following].opens:
        following += 1
    if following >= len(roles) or roles[following].role != "body":
        return False
    return blocks[following].texts[0][:1].islower()


#: Title-shaped blocks (a headline and its deck) a Latin sentence may run past.
INSIDE_SENTENCE_MAX_BLOCKS = 2


def _inside_sentence(draft: Draft, index: int, blocks: list[Block], roles: list[BlockRole]) -> bool:
    """Whether the Latin title block ``index`` stands inside a sentence of the open article ``draft``.

    OCR gives a headline (and its deck) printed across a column in the middle of the text's lines: the
    text above stops in mid-sentence, and after the title-shaped blocks the text goes on in lower case. A
    new story's text opens a sentence instead.
    """
    if draft.closed or draft.kind != "article" or not draft.body or not blocks[index].compact[:1].isascii():
        return False  # a CJK title (its first character not ASCII) skips the Latin tests
    previous = index - 1
    while previous > draft.body[-1] and roles[previous].role == "furniture":
        previous -= 1
    if previous != draft.body[-1] or roles[previous].role != "body" or roles[previous].title_like:
        return False
    last = blocks[previous].texts[-1].rstrip()
    if not last or not last[-1].isascii() or not (last[-1].isalpha() or last[-1] in ",-"):
        return False
    following, shaped = index + 1, 0
    while following < len(roles):
        role = roles[following]
        if role.role == "furniture":
            following += 1
            continue
        if shaped < INSIDE_SENTENCE_MAX_BLOCKS and _heading_shaped(blocks[following], role):
            shaped += 1
            following += 1
            continue
        break
    if following >= len(roles) or roles[following].role != "body" or roles[following].dateline is not None:
        return False
    opening = blocks[following].texts[0].lstrip(" '\"‘“(")[:1]
    if not (opening.isascii() and opening.islower()):
        return False
    return is_prose(blocks[previous]) and is_prose(blocks[following])  # story text on both sides, not an advert's


#: A headline over a "By" line, when OCR took it for text: one line of at most this many words …
HEADING_MAX_WORDS = 14
#: … and this many characters.
HEADING_MAX_CHARS = 110


def _heading_shaped(block: Block, role: BlockRole) -> bool:
    """A title block, or one short line of body that does not end like a sentence, a clause or a broken line."""
    if role.role == "title":
        return not role.byline_lines
    if role.role != "body" or role.dateline is not None or role.opens or len(block.lines) != 1:
        return False
    if role.reason.startswith("jump line"):
        return False  # "See WORLD, page 8" ends the story above
    text = block.texts[0].rstrip(" \"'”’")
    if not 0 < len(text) <= HEADING_MAX_CHARS or text[-1] in ".,;:!?" or len(text.split()) > HEADING_MAX_WORDS:
        return False
    return not left_open(text)


def _heading_before(draft: Draft, index: int, blocks: list[Block], roles: list[BlockRole]) -> list[int]:
    """The headline blocks that end the body of ``draft`` right above the opening byline ``index``.

    A "By NAME" line heads its story from under the story's headline: title-shaped blocks just above it,
    with only page furniture between, are that headline, not a heading at the end of the text above. The
    run opens with a capital; unless every block of it is a title, the text above it ends a sentence (a
    line left open is the end of a paragraph cut by the column). A draft with nothing else keeps its
    first block.
    """
    body = draft.body
    position = len(body)
    keep = 0 if (draft.title or draft.byline or draft.lead) else 1
    expected = index - 1
    while position > keep:
        while expected > body[position - 1] and roles[expected].role == "furniture":
            expected -= 1
        block_index = body[position - 1]
        if block_index != expected or not _heading_shaped(blocks[block_index], roles[block_index]):
            break
        position -= 1
        expected = block_index - 1
    # the run opens with a capital: a lower-case line goes on from the one above
    while position < len(body) and not blocks[body[position]].texts[0].lstrip("\"'“‘")[:1].isupper():
        position += 1
    run = body[position:]
    if not run or all(roles[i].role == "title" for i in run) or position == 0:
        return run
    before = body[position - 1]
    last = blocks[before].texts[-1].rstrip(" '\"’”)")
    if (last and last[-1] in SENTENCE_END) or roles[before].reason.startswith("jump line"):
        return run
    return run if "page" in last[-12:].lower() and find_jump(last, "to") is not None else []


def _only_headings(draft: Draft, blocks: list[Block], roles: list[BlockRole]) -> bool:
    """Whether ``draft`` holds nothing but heading-shaped body blocks (no title, byline or lead)."""
    if draft.title or draft.byline or draft.lead or draft.closed or draft.kind != "article":
        return False
    return all(_heading_shaped(blocks[i], roles[i]) for i in draft.body)


#: Body printed between a title and its "By" line is a picture caption or deck when it is this short.
CAPTION_MAX_CHARS = 250


def _only_captions(draft: Draft, blocks: list[Block]) -> bool:
    """A titled draft whose text so far is one short caption, so a "By" line still belongs to it."""
    if not draft.title or draft.byline or len(draft.body) > 1 or draft.lead:
        return False
    return sum(len(blocks[index].compact) for index in draft.body) <= CAPTION_MAX_CHARS


#: A heading inside a Chinese report (交涉經過, 釋放經過) has at most this many characters.
SUBHEAD_MAX_CHARS = 8
#: Share of the next text block's character pairs that must recur in the open article for a short heading
#: between them to be inside it.
SUBHEAD_MIN_COVERAGE = 0.08
#: … and at least this many distinct pairs: a short item shares a few common ones with anything.
SUBHEAD_MIN_SHARED = 8


def _subhead(draft: Draft, index: int, blocks: list[Block], roles: list[BlockRole], grams: _Grams) -> bool:
    """Whether the short title-like block ``index`` heads a section of the open, titled CJK ``draft``.

    The text after it must go on with the article's words (lexical continuity): a new report shares few.
    """
    block = blocks[index]
    if draft.closed or draft.kind != "article" or not draft.title or not draft.body or draft.byline:
        return False
    if len(block.lines) != 1 or len(block.compact) > SUBHEAD_MAX_CHARS or block.compact[:1].isascii():
        return False
    following = index + 1
    if following >= len(blocks) or roles[following].role != "body" or roles[following].title_like:
        return False
    probe = grams.block(following)
    needed = max(SUBHEAD_MIN_SHARED, SUBHEAD_MIN_COVERAGE * len(probe))
    missing = probe
    # the article's blocks nearest the heading first; enough shared pairs settle it without the rest
    for block_index in reversed(draft.blocks):
        missing = missing - grams.block(block_index)
        if len(probe) - len(missing) >= needed:
            return True
    return False


#: A display word set in large type inside a Chinese sentence (結果, 卽送, 查抄烟土) has at most this many characters.
RUN_IN_MAX_CHARS = 4
#: Character pairs the text after a display word must share with the open article when the text before it
#: ended at a clause mark (、，): 1930s reports end a story at a 、 too, so the words must go on.
RUN_IN_MIN_SHARED = 4
#: Marks that open a new short item (▲ 華聯田徑隊, ◇吳壽◇): a block opening with one is not inside a sentence.
_ITEM_OPENERS = frozenset("▲△◇◆●■◘★☆")
_CLAUSE_MARKS = frozenset("、，,;；")


def _run_in(draft: Draft, index: int, blocks: list[Block], roles: list[BlockRole], grams: _Grams) -> bool:
    """Whether the short title-like block ``index`` is a display word inside the running CJK text of ``draft``.

    1930s news pages set a word or two of a sentence in large type as its own block (…據被害人、 / 楊雪樵供 /
    被吿等…): the text after it goes on with no dateline of its own, and either the text before it stopped in
    mid-phrase (…准對華 / 信用貸欵) or the text after it goes on with the article's words. A new report's title
    is longer, or its text starts with a dateline or with words of its own.
    """
    block = blocks[index]
    if draft.closed or draft.kind != "article" or not draft.body or draft.body[-1] != index - 1:
        return False
    if len(block.lines) != 1 or len(block.compact) > RUN_IN_MAX_CHARS or block.compact[:1].isascii():
        return False
    last = blocks[index - 1].compact[-1]
    if roles[index - 1].title_like or last in SENTENCE_END or block.compact[0] in _ITEM_OPENERS:
        return False
    following = index + 1
    if following >= len(blocks) or roles[following].role != "body" or roles[following].dateline is not None:
        return False
    opening = blocks[following].compact[:1]
    if opening in _ITEM_OPENERS or opening in "（(":
        return False
    if last not in _CLAUSE_MARKS:
        return True  # the sentence was left open: it runs through the display word
    probe = grams.block(following)
    return grams.shares(probe, draft.blocks, RUN_IN_MIN_SHARED)


#: A subhead inside an English story has at most this many words (a new story's headline says more).
LATIN_SUBHEAD_MAX_WORDS = 4
#: How many text blocks after a short heading are read for the story's words.
LATIN_SUBHEAD_AFTER_BLOCKS = 3
#: How many of the story's last blocks are read for its words.
LATIN_SUBHEAD_STORY_BLOCKS = 40
#: Words the text after a short heading must share with the story above it, and with no other text of the page.
LATIN_SUBHEAD_MIN_OWN_WORDS = 3


class _PageWords:
    """The content words of each block of a page, and in how many blocks each word occurs (built on demand)."""

    def __init__(self, blocks: list[Block]) -> None:
        self._blocks = blocks
        self._words: dict[int, set[str]] = {}
        self._counts: dict[str, int] | None = None
        self._signed: bool | None = None

    def signed(self, roles: list[BlockRole]) -> bool:
        """Whether a name signs off a letter or column somewhere on the page (asked once, then kept)."""
        if self._signed is None:
            self._signed = any(role.reason == SIGN_OFF_REASON for role in roles)
        return self._signed

    def block(self, index: int) -> set[str]:
        """The content words of block ``index`` (:func:`reader.analysis.overlap.content_words`)."""
        found = self._words.get(index)
        if found is None:
            found = self._words[index] = content_words(self._blocks[index].texts)
        return found

    def count(self, word: str) -> int:
        """In how many blocks of the page ``word`` occurs."""
        if self._counts is None:
            self._counts = {}
            counts = self._counts
            for block in self._blocks:  # not cached block by block: a long page would keep every set
                for each in content_words(block.texts):
                    counts[each] = counts.get(each, 0) + 1
        return self._counts.get(word, 0)


#: Words of English running text that other languages written in Latin letters rarely print.
_ENGLISH_MARKERS = frozenset(("the", "and", "of", "to", "that", "was", "with"))


def _english(texts: list[str]) -> bool:
    """Whether ``texts`` are English: they print "the" and another of its commonest words (Dutch prints "of"
    and "was", German "in")."""
    words = set(" ".join(texts).lower().split())
    return "the" in words and len(_ENGLISH_MARKERS.intersection(words)) >= 2


def _latin_subhead(draft: Draft, index: int, blocks: list[Block], roles: list[BlockRole], words: _PageWords) -> bool:
    """Whether the short English title block ``index`` heads a section of the open story ``draft``.

    The story above ends a sentence, and the paragraphs after the heading open sentences of their own and go
    on with the story's own words: words that the story and they share and that no other text of the page
    prints (lexical continuity). A new story's text has words of its own. A heading shaped like a name
    (``Wrong Classification``, ``Gun Control``) is a subhead too, unless a name signs off a letter elsewhere on
    the page: there a name under a letter ends it, and the next letter may answer the same one.
    """
    block = blocks[index]
    if draft.closed or draft.kind != "article" or not draft.body or len(block.lines) != 1:
        return False
    text = block.texts[0]
    if not text[:1].isascii() or len(text.split()) > LATIN_SUBHEAD_MAX_WORDS:
        return False
    previous = index - 1
    while previous > draft.body[-1] and roles[previous].role == "furniture":
        previous -= 1
    if previous != draft.body[-1] or not plain_text(roles[previous]):
        return False
    last = blocks[previous].texts[-1].rstrip(" '\"’”)")
    if not last or last[-1] not in ".!?":
        return False
    if is_signature_name(text) and words.signed(roles):
        return False  # on a page of signed letters, a name (and major) signs one off: the next may share its topic
    after: list[int] = []
    following = index + 1
    while following < len(roles) and len(after) < LATIN_SUBHEAD_AFTER_BLOCKS:
        role = roles[following]
        if role.role == "furniture":
            following += 1
            continue
        if not plain_text(role):
            break
        after.append(following)
        following += 1
    if not after or not blocks[after[0]].texts[0].lstrip(" '\"‘“(")[:1].isupper():
        return False
    if not (is_prose(blocks[previous]) and is_prose(blocks[after[0]])):
        return False  # running text on both sides
    if not _english([*blocks[previous].texts, *(text for i in after for text in blocks[i].texts)]):
        return False  # the words compared below are English ones
    story = draft.blocks[-LATIN_SUBHEAD_STORY_BLOCKS:]
    story_words = set().union(*(words.block(i) for i in story))
    after_words = set().union(*(words.block(i) for i in after))
    shared = story_words & after_words
    if len(shared) < LATIN_SUBHEAD_MIN_OWN_WORDS:
        return False
    inside = [*story, *after]
    own = 0
    for word in shared:
        if words.count(word) == sum(word in words.block(i) for i in inside):
            own += 1
            if own >= LATIN_SUBHEAD_MIN_OWN_WORDS:
                return True
    return False


def _wire_dateline(dateline: str) -> bool:
    """An English dateline (``WASHINGTON (AP) —``): it opens a story, even right after another one's text.

    A Chinese agency line inside a report (（重慶廿二日美聯電）) heads a dispatch within the running article.
    """
    return dateline[:1].isascii() and dateline[:1].isalpha()


def _second_byline(draft: Draft, index: int, blocks: list[Block], roles: list[BlockRole]) -> bool:
    """Whether the CJK byline-like block ``index`` after the text of ``draft``, which has its byline, is text.

    An article names its author once, under its title or at its end: a bracketed word after the text of an
    article already signed (a source such as （召南） under a poem's heading, a topic such as （脊柱側灣症）) is
    part of the text.
    """
    if not (draft.byline and draft.body) or roles[index].opens:
        return False
    return not blocks[index].compact.lstrip("•·*")[:1].isascii()  # a bullet may stand before a Latin sign-off


#: The note on a column's author under its text: "Jane Roe is a journalism senior." (a name, "is a", a stop).
_AUTHOR_NOTE = re.compile(r"([A-Z][A-Za-z.'’ -]{2,40}?) (?:is|was) (?:a|an|the)\b[^.]{0,100}\.[”\"’]?")
#: An author note is one sentence of at most this many words.
AUTHOR_NOTE_MAX_WORDS = 16
_NAME_PART = re.compile(r"[A-Za-z]{3,}")


def _author_note(block: Block, draft: Draft, blocks: list[Block]) -> bool:
    """Whether the one-line ``block`` is a note on the author named by ``draft``'s byline (the column ends there).

    The name before "is a" shares a word of three letters or more with the byline, so a sentence of the text
    ("Group therapy is the best mode …") is no note.
    """
    if len(block.lines) != 1:
        return False
    text = block.texts[0].strip()
    if len(text.split()) > AUTHOR_NOTE_MAX_WORDS:
        return False
    match = _AUTHOR_NOTE.fullmatch(text)
    if match is None:
        return False
    byline = {word.casefold() for i in draft.byline for line in blocks[i].texts for word in _NAME_PART.findall(line)}
    return any(word.casefold() in byline for word in _NAME_PART.findall(match.group(1)))


def _first_pass(blocks: list[Block], roles: list[BlockRole], grams: _Grams) -> list[Draft]:
    words = _PageWords(blocks)
    drafts: list[Draft] = []
    current: Draft | None = None
    last_article: Draft | None = None  # the article an advert or notice may have interrupted

    def start(kind: str = "article") -> Draft:
        nonlocal current, last_article
        current = Draft(kind=kind)
        drafts.append(current)
        if kind == "article":
            last_article = current
        return current

    for index, role in enumerate(roles):
        kind = role.role
        if kind == "furniture":
            last = drafts[-1] if drafts else None
            if (
                last is not None
                and last.kind == "other"
                and last.body
                and last.body[-1] == index - 1
                and not last.title
            ):
                last.body.append(index)  # a run of furniture or noise lines is one piece of furniture
            else:
                drafts.append(Draft.furniture(role.reason, body=[index]))
            if current is not None and current.title and not (current.body or current.byline or current.lead):
                current.closed = True  # a running head ends a title group: what stood above it was the masthead
            continue
        if kind == "caption":
            drafts.append(Draft(kind="caption", body=[index], closed=True, reasons={"boundaries": role.reason}))
            continue
        if kind in ("advert", "notice"):
            if current is not None and not current.closed and current.kind == kind:
                current.body.append(index)
                continue
            draft = start(kind)
            draft.body.append(index)
            draft.reasons["boundaries"] = role.reason
            continue
        if kind == "title":
            if current is not None and _continues_title(current, roles, blocks):
                current.title.append(index)
                continue
            if current is not None and not current.closed and current.byline and not current.body:
                current.body.append(index)  # a chapter heading after the byline is body text
                continue
            if (
                current is not None
                and not current.closed
                and current.body
                and not _last_body_is_text(current, roles, blocks)
            ):
                current.body.append(index)
                continue
            if current is not None and _inside_sentence(current, index, blocks, roles):
                if current.title:
                    current.body.append(index)
                else:
                    current.title.append(index)
                    current.reasons["headline"] = "title printed inside the text, whose sentence runs on past it"
                current.reasons["boundaries"] = "a sentence of the text runs on past a title printed in it"
                continue
            if current is not None and _run_in(current, index, blocks, roles, grams):
                current.body.append(index)
                current.reasons["boundaries"] = "a display word run into the sentence that goes on after it"
                continue
            if current is not None and _latin_subhead(current, index, blocks, roles, words):
                current.body.append(index)
                current.reasons["boundaries"] = "a short heading inside the story, whose text goes on with its words"
                continue
            if current is not None and _subhead(current, index, blocks, roles, grams):
                current.body.append(index)
                current.reasons["boundaries"] = "a short heading inside the text, which goes on with its words"
                continue
            draft = start()
            draft.title.append(index)
            continue
        if kind == "byline":
            if current is not None and current.kind == "article" and _after_byline(current, index, roles):
                current.byline.append(index)  # the next line of the same byline block (staff line, major)
                continue
            if current is None or current.closed or current.kind != "article":
                draft = start()
                draft.byline.append(index)
                continue
            if role.opens and not current.byline and _byline_inside(current, index, blocks, roles):
                current.byline.append(index)
                current.reasons["byline"] = "By line printed inside the text, whose sentence runs on past it"
                continue
            if role.opens and (current.body or current.lead) and not _only_captions(current, blocks):
                heading = _heading_before(current, index, blocks, roles)
                if heading:  # … under its own headline, which the text above took as a heading of its own
                    del current.body[-len(heading) :]
                draft = start()  # "By NAME" after a finished text heads the next story
                if heading:
                    draft.title.extend(heading)
                    draft.reasons["headline"] = "title block right above the By line that heads the story"
                draft.byline.append(index)
                continue
            if _second_byline(current, index, blocks, roles):
                current.body.append(index)
                following = index + 1
                if following == len(roles) or roles[following].role != "body" or roles[following].title_like:
                    current.closed = True  # where a sign-off stands, the article ends all the same
                continue
            current.byline.append(index)
            if (current.body or current.lead) and not role.opens:
                current.closed = True  # a byline after the text signs the article off
            continue
        # body and caption blocks
        if (
            current is not None
            and current.kind in ("advert", "notice")
            and _resumes(last_article, blocks[index], blocks)
        ):
            current = last_article
            current.body.append(index)
            current.reasons["boundaries"] = "text resumes after an advert or notice printed in its middle"
            continue
        if role.dateline is None and not role.opens and blocks[index].texts[0].lstrip(" '\"‘“(")[:1].islower():
            resumed = _resumed_story(drafts, current, index, blocks, roles)
            if resumed is not None:
                current = resumed
                current.body.append(index)
                current.reasons["boundaries"] = "a sentence cut off by an advert or another story goes on here"
                continue
        if role.opens and current is not None and current.kind == "article" and (current.body or current.closed):
            draft = start()  # "From page 1": the next part of a story from another page starts here
            draft.body.append(index)
            continue
        if role.dateline is not None and current is not None and current.body and _wire_dateline(role.dateline):
            heading = _heading_before(current, index, blocks, roles)
            if not heading and _only_headings(current, blocks, roles):
                current.title.extend(current.body)  # the story's headline, which stood alone above its dateline
                current.body = [index]
                current.reasons["headline"] = "heading-shaped lines right above the dateline that opens the story"
                continue
            if heading:  # … under its own headline, which the text above took as a heading of its own
                del current.body[-len(heading) :]
            draft = start()  # "WASHINGTON (AP) —" after a story's text opens the next wire story
            if heading:
                draft.title.extend(heading)
                draft.reasons["headline"] = "heading-shaped lines right above the dateline that opens the story"
            draft.body.append(index)
            draft.reasons["boundaries"] = "an English wire dateline opens the next story"
            continue
        lead_only = current is not None and bool(current.lead) and not current.body
        new_item = current is not None and bool(current.body) and blocks[index].texts[0][:1] in ITEM_MARKERS
        if current is None or current.closed or current.kind != "article" or (lead_only and role.wide) or new_item:
            draft = start()
            if role.wide:
                draft.lead.append(index)
                draft.reasons["lead"] = "wide block standing on its own"
            else:
                draft.body.append(index)
            continue
        current.body.append(index)
        if current.byline and _author_note(blocks[index], current, blocks):
            current.closed = True  # "Jane Roe is a journalism senior." ends her column: what follows is not hers
            current.reasons["boundaries"] = "a note on the author under the text ends the column"
    return drafts


#: Share of a leading title block's bigrams that its article's text must echo for it to stay in the title.
KICKER_MIN_COVERAGE = 0.15


#: A leading title block shorter than this is a kicker (京華, 長篇), never split off as a caption.
CAPTION_MIN_CHARS = 5


def _substantial(block: Block) -> bool:
    """A title block with words of its own, not an instalment number such as （十）."""
    inner = block.compact.strip("（）()")
    return len(inner) >= 2 and "（" not in block.compact[:1]


def _split_unrelated_leading_titles(drafts: list[Draft], blocks: list[Block], grams: _Grams) -> list[Draft]:
    """Split off leading title blocks that the article's text never echoes (a picture caption, a masthead).

    The last title block always stays: a literary title need not recur in its text.
    """
    result: list[Draft] = []
    for draft in drafts:
        if draft.kind != "article" or len(draft.title) < 2 or not draft.body:
            result.append(draft)
            continue
        while len(draft.title) > 1 and _substantial(blocks[draft.title[1]]):
            first = draft.title[0]
            if len(blocks[first].compact) < CAPTION_MIN_CHARS:
                break
            if grams.covers(grams.block(first), [*draft.title[1:], *draft.body], KICKER_MIN_COVERAGE):
                break
            draft.title.pop(0)
            result.append(
                Draft.furniture(
                    "title-like block that the text below never echoes (caption or masthead)", title=[first]
                )
            )
        result.append(draft)
    return result


GRAM_CACHE_CODES = 1_000_000
"""At most this many bigram codes are kept in the per-block cache (about 60 MB)."""


class _Grams:
    """Bigrams per block of one page, computed once each (overlap is asked many times per block)."""

    def __init__(self, blocks: list[Block]) -> None:
        self._blocks = blocks
        self._cache: dict[int, set[int]] = {}
        self._cached_codes = 0

    def block(self, index: int) -> set[int]:
        grams = self._cache.get(index)
        if grams is None:
            grams = self._cache[index] = self._codes_of(index)
            self._cached_codes += len(grams)
            # A set of bigram codes costs about 60 bytes a character: on a 15 MB page, caching every block
            # took 300 MB. The oldest entries go first; a block asked for again is simply recomputed.
            while self._cached_codes > GRAM_CACHE_CODES and len(self._cache) > 1:
                oldest = next(iter(self._cache))
                self._cached_codes -= len(self._cache.pop(oldest))
        return grams

    def _codes_of(self, index: int) -> set[int]:
        # block by block: most pages ask for the pairs of a quarter of their text or less
        return bigram_codes([self._blocks[index].compact])

    def fresh(self, indices: list[int]) -> set[int]:
        """:meth:`of` without caching anything: for passes over every article of a long page."""
        return set().union(*(self._codes_of(index) for index in indices)) if indices else set()

    def of(self, indices: list[int]) -> set[int]:
        return set().union(*(self.block(index) for index in indices)) if indices else set()

    def missing(self, probe: set[int], indices: list[int]) -> set[int]:
        """``probe - self.of(indices)`` without building the union: cheaper for a small probe."""
        missing = probe
        for index in indices:
            missing = missing - self.block(index)
            if not missing:
                break
        return missing

    def covers(self, probe: set[int], indices: list[int], share: float) -> bool:
        """``self.coverage(probe, indices) >= share``, stopping at the first block that brings the coverage
        there (coverage only grows block by block): the pairs of the blocks after it are never built."""
        size = len(probe)
        if not size:
            return 0.0 >= share
        missing = probe
        for index in indices:
            missing = missing - self.block(index)
            if (size - len(missing)) / size >= share:
                return True
        return (size - len(missing)) / size >= share

    def shares(self, probe: set[int], indices: list[int], count: int) -> bool:
        """``len(probe) - len(self.missing(probe, indices)) >= count``, stopping as soon as it holds."""
        size = len(probe)
        missing = probe
        for index in indices:
            if size - len(missing) >= count:
                return True
            missing = missing - self.block(index)
        return size - len(missing) >= count

    def coverage(self, probe: set[int], indices: list[int]) -> float:
        """``coverage(probe, self.of(indices))`` without building the union."""
        if not probe:
            return 0.0
        return (len(probe) - len(self.missing(probe, indices))) / len(probe)


#: With more title blocks to place than this, each target's pairs are merged once instead of per probe.
UNION_AFTER_PROBES = 8
#: On a long page, how many shortlisted articles' bigrams are kept for the next title.
KEPT_TARGETS = 256


def _reattach_titles(drafts: list[Draft], grams: _Grams) -> list[Draft]:
    """Move title groups that have no text of their own to the untitled articles that echo them."""
    orphans = [d for d in drafts if d.kind == "article" and d.title and not d.body and not d.byline and not d.lead]
    untitled = [d for d in drafts if d.kind == "article" and not d.title and (d.body or d.lead)]
    if not orphans or not untitled:
        return drafts
    targets = [d.blocks for d in untitled]  # as they stand before any title moves
    probe_blocks = [index for orphan in orphans for index in orphan.title]
    probe_of = {block_index: position for position, block_index in enumerate(probe_blocks)}
    index = None
    if len(targets) > EXACT_UP_TO:
        # On a page with many untitled articles only those sharing the title's rarer bigrams are scored;
        # their bigrams pass through the index once and only the shortlisted ones are kept.
        index = GramIndex([grams.block(i) for i in probe_blocks], (grams.fresh(blocks) for blocks in targets))
        kept: dict[int, set[int]] = {}

        def score_of(probe: set[int], target: int) -> float:
            found = kept.get(target)
            if found is None:
                if len(kept) >= KEPT_TARGETS:
                    kept.pop(next(iter(kept)))
                found = kept[target] = grams.fresh(targets[target])
            return coverage(probe, found)
    elif len(probe_blocks) > UNION_AFTER_PROBES:
        target_grams = [grams.of(blocks) for blocks in targets]

        def score_of(probe: set[int], target: int) -> float:
            return coverage(probe, target_grams[target])
    else:

        def score_of(probe: set[int], target: int) -> float:
            return grams.coverage(probe, targets[target])

    def best_target(block_index: int) -> tuple[int | None, float]:
        probe = grams.block(block_index)
        shortlist = index.shortlist(probe_of[block_index]) if index is not None else range(len(targets))
        scores = {target: score_of(probe, target) for target in shortlist}
        best = max(scores, key=scores.__getitem__, default=None)  # the first of equals, as in page order
        return best, scores[best] if best is not None else 0.0

    moved: set[int] = set()
    for orphan in orphans:
        previous_target: int | None = None
        assigned: list[tuple[int, int, float]] = []
        for block_index in orphan.title:
            best, score = best_target(block_index)
            if best is not None and score >= TITLE_MIN_COVERAGE:
                previous_target = best
                assigned.append((block_index, best, score))
            elif previous_target is not None:
                assigned.append((block_index, previous_target, score))
        if len(assigned) != len(orphan.title):
            continue  # part of the group echoes nothing: keep the group where it stands
        for block_index, target_index, score in assigned:
            target = untitled[target_index]
            target.title.append(block_index)
            target.title.sort()
            target.reasons["headline"] = (
                f"title printed away from its text; {score:.0%} of its character pairs recur in this article, "
                "which had no title"
            )
        moved.add(id(orphan))
    return [d for d in drafts if id(d) not in moved]


def _opens_with_dateline(draft: Draft, roles: list[BlockRole]) -> bool:
    return bool(draft.body) and roles[draft.body[0]].dateline is not None


def _reattach_leads(drafts: list[Draft], roles: list[BlockRole], grams: _Grams) -> list[Draft]:
    """Put each stray wide lead first in the article it echoes that has no dateline opening or lead yet."""
    orphans = [d for d in drafts if d.lead and not d.title and not d.body and not d.byline]
    if not orphans:
        return drafts
    moved: set[int] = set()
    # a host's blocks do not change while it can host (taking a lead ends that), so its pairs are kept
    host_grams: dict[int, set[int]] = {}

    def grams_of(draft: Draft) -> set[int]:
        found = host_grams.get(id(draft))
        if found is None:
            found = host_grams[id(draft)] = grams.of(draft.blocks)
        return found

    # Hosts only ever leave (taking a lead ends hosting; an orphan lead never becomes one), so they are
    # listed once; on a page with many, only those sharing the lead's rarer bigrams are scored.
    hosts = [d for d in drafts if d.kind == "article" and d.body and not d.lead]
    openless = [not _opens_with_dateline(d, roles) for d in hosts]
    openless_left = [sum(openless)]  # openless hosts still without a lead: while any, only they qualify

    def eligible(position: int) -> bool:
        return not hosts[position].lead and (openless[position] or not openless_left[0])

    probes = [grams.of(orphan.lead) for orphan in orphans]
    index = GramIndex(probes, (grams.fresh(d.blocks) for d in hosts)) if len(hosts) > EXACT_UP_TO else None
    for position, orphan in enumerate(orphans):
        probe = probes[position]
        shortlist = index.shortlist(position, eligible) if index is not None else range(len(hosts))
        scores = {position: coverage(probe, grams_of(hosts[position])) for position in shortlist if eligible(position)}
        best = max(scores, key=scores.__getitem__, default=None)  # the first of equals, as in page order
        if best is None or scores[best] < LEAD_MIN_COVERAGE:
            continue
        host = hosts[best]
        host.lead.extend(orphan.lead)
        openless_left[0] -= openless[best]
        host.reasons["lead"] = (
            f"wide lead box printed away from its article; {scores[best]:.0%} of its character pairs recur here"
        )
        moved.add(id(orphan))
    for draft in drafts:
        if id(draft) not in moved and draft.lead and not draft.body:
            draft.body, draft.lead = draft.lead, []
    return [d for d in drafts if id(d) not in moved]


def _running_text(index: int, roles: list[BlockRole]) -> bool:
    role = roles[index]
    return role.role == "body" and not role.title_like and not role.opens


def _fold_inner_captions(drafts: list[Draft], blocks: list[Block], roles: list[BlockRole]) -> list[Draft]:
    """Put a picture caption printed between two paragraphs of one story into that story.

    OCR reads a caption where the picture stands in the column; when the story's running text goes on
    right after it (page furniture aside), the caption is the story's picture's, not an item of its own.
    """
    owner_of: dict[int, Draft] | None = None
    kept: list[Draft] = []
    for draft in drafts:
        if draft.kind != "caption" or len(draft.body) != 1:
            kept.append(draft)
            continue
        index = draft.body[0]
        before, after = index - 1, index + 1
        while before >= 0 and roles[before].role == "furniture":
            before -= 1
        while after < len(roles) and roles[after].role == "furniture":
            after += 1
        if before < 0 or after >= len(roles) or not (_running_text(before, roles) and _running_text(after, roles)):
            kept.append(draft)
            continue
        if not (is_prose(blocks[before]) or is_prose(blocks[after])):
            kept.append(draft)
            continue
        if owner_of is None:
            owner_of = {i: d for d in drafts if d.kind == "article" for i in d.body}
        owner = owner_of.get(before)
        if owner is None or owner_of.get(after) is not owner:
            kept.append(draft)
            continue
        owner.body.append(index)
        owner.body.sort()
    return kept


def assemble(blocks: list[Block], roles: list[BlockRole]) -> list[Draft]:
    """Group ``blocks`` into article drafts in reading order."""
    grams = _Grams(blocks)  # one cache of bigrams for every pass
    drafts = _first_pass(blocks, roles, grams)
    drafts = _split_unrelated_leading_titles(drafts, blocks, grams)
    drafts = _reattach_titles(drafts, grams)
    drafts = _reattach_leads(drafts, roles, grams)
    drafts = _fold_inner_captions(drafts, blocks, roles)
    for draft in drafts:
        if draft.kind == "article" and not draft.body and not draft.lead and not draft.byline:
            draft.kind = "other"
            draft.reasons.setdefault("boundaries", "title-like text with no article text near it")
    return drafts
