"""Roles that only Latin-script pages need: OCR noise lines and English bylines in all their printed shapes.

English papers print a byline as a block of lines: ``By NAME`` (OCR also reads ``BY``, ``ly``, ``Hy``,
``IJy``) with a staff or wire line under it, ``NAME`` over ``Staff Writer``, a role alone for a wire story
(``Associated Press``), and letters to the editor signed with a name (and the writer's major) at the end.
These passes run on a page whose letters are mostly Latin, after each block got its role on its own.
"""

from __future__ import annotations

import re

from reader.analysis.blockrole import BlockRole
from reader.analysis.blocks import SENTENCE_END, Block
from reader.analysis.bylines import OPENING_BYLINE_MAX_CHARS, is_byline_line, is_role_word, opens_article

__all__ = ["SIGN_OFF_REASON", "TABLE_ROW_ROLE", "is_noise", "is_signature_name", "mark_latin_roles", "plain_text"]

#: A word as OCR reads it: two letters or more, and letters for most of the token; or a number.
_WORD = re.compile(
    r"[^\w]*[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'’./-]*[A-Za-z\u00c0-\u024f][^\w]*|[^\w]*\d[\d,.:/-]*[^\w]*"
)
_DIGIT = re.compile(r"\d")
_LETTERS = re.compile(r"[A-Za-z\u00c0-\u024f]{2}")
_TWO_WORDS = re.compile(r"[A-Za-z][a-z]{2,} [A-Za-z][a-z]{2,}")
_NOISE_ROLE = BlockRole("furniture", reason="OCR noise: too few letters to be text")
_QUOTE_SPEAKER = BlockRole("body", reason="the name under a pull quote: the speaker, not a subhead")
#: The longest staff line under a byline, in characters (``Mustang Daily Staff Writer``, with OCR rules).
STAFF_LINE_MAX_CHARS = 40
#: Words that never appear in a signature name: a line holding one is a phrase, not a name.
_PHRASE_WORDS = frozenset(
    "the a an of to in for with on at from is are was were be has have had will would it its this that these "
    "those our your their his her my not no yes how why what when where who".split()
)
#: The shape of a name line, tested before the word-by-word checks: capitalised words and particles only.
_NAME_LINE = re.compile(
    r"[_ ]*[A-Z][A-Za-z\u00c0-\u024f.'’-]*,?"
    r"(?:[_ ]+(?:[A-Z][A-Za-z\u00c0-\u024f.'’-]*|[A-Z]\.|de|van|von|del|da|di|la|le),?){1,5}[_ .,]*$"
)
_NAME_WORD = re.compile(r"[A-Z][A-Za-z\u00c0-\u024f.'’-]*|[A-Z]\.|(?:de|van|von|del|da|di|la|le)")


def is_noise(text: str) -> bool:
    """Whether a line of a Latin page is OCR noise (``\\``, ``• • •``, ``-1``, ``V- ‘VrWVÿiÿV'v``), not text."""
    if len(text) > 60 or _TWO_WORDS.search(text):
        return False  # a long line, or two plain words in a row, is text however garbled
    text = text.replace("_", " ")  # rules printed as underscores are not letters
    alnum = sum(map(str.isalnum, text))  # what [^\W_] matches, counted without a list of the matches
    if alnum <= 2 and text.strip().casefold() not in ("by", "ly", "hy"):
        return True
    tokens = text.split()
    if len(tokens) < 2:
        return alnum <= 3 and not text.strip().isalpha()
    return 2 * sum(bool(_WORD.fullmatch(token)) for token in tokens) < len(tokens)


def is_signature_name(text: str) -> bool:
    """A line that is only a name, perhaps with a major or office after it (``KEN STROUD``, ``Kinley Nydegger
    English``): two to six capitalised words, no sentence words, no closing punctuation but a full stop."""
    if len(text) > 60 or not _NAME_LINE.match(text):
        return False  # the shape first: most lines fail here
    stripped = text.replace("_", " ").strip(" ,")
    if not stripped or stripped[-1] in "!?:;\"”'’" or "/" in stripped:
        return False
    words = stripped.rstrip(".").split()
    if not 2 <= len(words) <= 5 or any(word.casefold() in _PHRASE_WORDS for word in words):
        return False
    if stripped.isupper() and len(words) > 3:
        return False  # four words in capitals are a heading or an advert, not a name
    return all(_NAME_WORD.fullmatch(word.strip(",")) for word in words)


def _staff_line(text: str) -> bool:
    """A short line under a byline: a role, however garbled (``StoNWiHw``, ``sun WrIUr``), or "and NAME"."""
    stripped = " ".join(text.replace("_", " ").split()).strip(" .,;\\|")
    if not stripped or len(stripped) > STAFF_LINE_MAX_CHARS:
        return False
    if is_role_word(stripped, fuzzy=True) or stripped.casefold().startswith("and "):
        return True
    words = stripped.split()
    return len(words) <= 3 and not stripped.endswith(".") and not any(w.casefold() in _PHRASE_WORDS for w in words)


def _role_shaped(text: str) -> bool:
    """A cheap test before :func:`is_role_word`: a role is a few words of letters (``Staff Writer``)."""
    return 0 < len(text) <= STAFF_LINE_MAX_CHARS and len(text.split()) <= 5 and not _DIGIT.search(text)


def _byline(block: Block, reason: str, opens: bool = True) -> BlockRole:
    return BlockRole("byline", byline_lines=block.numbers, reason=reason, opens=opens)


def _ends_sentence(block: Block) -> bool:
    last = block.texts[-1].rstrip(" '\"’”)")
    return bool(last) and last[-1] in SENTENCE_END


def mark_latin_roles(blocks: list[Block], roles: list[BlockRole]) -> None:
    """Mark noise lines as furniture and find the bylines of a Latin page (see the module docstring)."""
    count = len(blocks)
    for index, block in enumerate(blocks):
        text = block.texts[0]
        if len(text) > 60 or roles[index].role == "byline" or not is_noise(text):
            continue
        if len(block.lines) == 1 or all(len(other) <= 60 and is_noise(other) for other in block.texts[1:]):
            roles[index] = _NOISE_ROLE  # a lone noise line, or a block of nothing but noise (specks round a picture)
    for index, block in enumerate(blocks):
        if len(block.lines) != 1 or len(block.texts[0]) > OPENING_BYLINE_MAX_CHARS:
            continue  # a byline is one short line; every test below needs one
        text = block.texts[0]
        role = roles[index]
        if role.role == "byline":
            if opens_article(text) and not role.opens:
                roles[index] = _byline(block, "By NAME heads the story")
            continue
        bare_by = len(text) < 8 and text.strip("_ .").casefold() in ("by", "ly", "hy")
        if role.role == "furniture" and not bare_by:
            continue
        following = blocks[index + 1] if index + 1 < count else None
        after = following.texts[0] if following is not None and len(following.lines) == 1 else ""
        previous = roles[index - 1] if index else None
        if bare_by and after and is_signature_name(after):
            roles[index] = _byline(block, "By over the name on the next line")
            roles[index + 1] = _byline(following, "the name under a By line", opens=False)
        elif opens_article(text):
            roles[index] = _byline(block, "By NAME heads the story")
        elif previous is not None and previous.role == "byline" and previous.opens and _staff_line(text):
            roles[index] = _byline(block, "staff or wire line under a byline", opens=False)
        elif (
            previous is not None
            and previous.role == "title"
            and _role_shaped(text)
            and not text.endswith(":")  # "Editor:" opens a letter; it credits no one
            and is_role_word(text, fuzzy=True)
        ):
            roles[index] = _byline(block, "a wire or staff credit under the title")
        elif _role_shaped(after) and is_signature_name(text) and is_role_word(after, fuzzy=True):
            roles[index] = _byline(block, "NAME over a staff line")
            roles[index + 1] = _byline(following, "staff line under a name", opens=False)
    _mark_signatures(blocks, roles)
    _mark_table_rows(blocks, roles)
    _mark_fragments(blocks, roles)
    _mark_jump_heads(blocks, roles)


_FRAGMENT_ROLE = BlockRole("body", reason="a piece of a sentence or a quote between two paragraphs, not a heading")
#: A line between two paragraphs this long (letters and signs, no spaces) is text: headlines are shorter.
FRAGMENT_MIN_CHARS = 47
#: A quote set apart (a pull quote) has at least this many words; a quoted headline is shorter.
PULL_QUOTE_MIN_WORDS = 6
_SAID = re.compile(r"\b(?:said|according to)\b")
#: A clause after a comma that goes on in lower case ("Earlier in the week, the White").
_COMMA_CLAUSE = re.compile(r", [a-z“\"‘]")


def _is_fragment(block: Block) -> bool:
    """A short block that reads as part of a sentence: long, a reported speech verb, a pull quote, a clause."""
    joined = " ".join(block.texts)
    if len(block.compact) >= FRAGMENT_MIN_CHARS or _SAID.search(joined):
        return True
    if joined[:1] in '“"' and len(joined.split()) >= PULL_QUOTE_MIN_WORDS:
        return True
    return _COMMA_CLAUSE.search(joined) is not None or joined.rstrip()[-1:] in "—–"


def plain_text(role: BlockRole) -> bool:
    """Running text: a body block that is no title, dateline or jump line."""
    return role.role == "body" and not role.title_like and role.dateline is None and not role.opens


def _mark_fragments(blocks: list[Block], roles: list[BlockRole]) -> None:
    """A title-shaped block between two paragraphs of running text that reads as part of a sentence is text.

    Paragraph-per-line OCR cuts a paragraph where a column ends, and prints pull quotes between paragraphs;
    such a piece looks like a headline on its own. A new story's headline is followed by its byline, its
    dateline or a jump line; here the text before and after is plain running text.
    """
    for index in range(1, len(blocks) - 1):
        if roles[index].role != "title" or roles[index].byline_lines:
            continue
        if not (plain_text(roles[index - 1]) and plain_text(roles[index + 1])):
            continue
        if blocks[index + 1].texts[0].casefold().startswith(("editor", "eklitor", "fditor")):
            continue  # a letter opens under its headline
        if _is_fragment(blocks[index]):
            roles[index] = _FRAGMENT_ROLE


_JUMP_HEAD_ROLE = BlockRole("title", reason="jump head over a 'From page' line", title_like=True)
_OVER_JUMP_HEAD_ROLE = BlockRole("furniture", reason="a line over a jump head: the paper's name, not a kicker")


def _mark_jump_heads(blocks: list[Block], roles: list[BlockRole]) -> None:
    """A short line over "From page 1" is the jump head (``GOATS``): the title of the story's next part.

    A continuation is headed by its jump head alone: a one-line title block right over it is the paper's name
    or a section label printed at the top of the column (``Mustang Daily`` / ``RIDING`` / ``From page 1``).
    """
    for index in range(len(blocks) - 1):
        block = blocks[index]
        if (
            roles[index + 1].opens
            and roles[index + 1].role == "body"
            and len(block.lines) == 1
            and roles[index].role in ("body", "title")
            and 0 < len(block.texts[0].split()) <= 4
            and block.texts[0][-1:] not in ".,;:!?"
            and _LETTERS.search(block.texts[0]) is not None  # a phone number over the jump line heads nothing
        ):
            roles[index] = _JUMP_HEAD_ROLE
            if index and roles[index - 1].role == "title" and len(blocks[index - 1].lines) == 1:
                roles[index - 1] = _OVER_JUMP_HEAD_ROLE


_LOWER_WORD = re.compile(r"[^a-z]+")


def _page_text(blocks: list[Block]) -> str:
    """The page's lines, one per line: where :func:`_common_words` looks its words up."""
    return "\n".join(text for block in blocks for text in block.texts)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what the regex \w matches


def _printed_in_lower_case(word: str, page_text: str) -> bool:
    """Whether ``word`` (lower-case ASCII letters) stands in ``page_text`` as a whole word of two letters or more.

    ``word`` is found by ``str.find`` and its ends checked, as ``\b[a-z]{2,}\b`` would match it: a page asks
    about a few words, which is cheaper than collecting all the words the page prints.
    """
    if len(word) < 2:
        return False
    start = page_text.find(word)
    while start >= 0:
        end = start + len(word)
        if (not start or not _is_word_char(page_text[start - 1])) and (
            end == len(page_text) or not _is_word_char(page_text[end])
        ):
            return True
        start = page_text.find(word, start + 1)
    return False


def _common_words(text: str, page_text: str) -> bool:
    """Whether a name line holds words the page prints in lower case: its first word (a given name is rarely
    one), or any word when the line is in capitals (a name in capitals has no other sign of being one)."""
    words = text.split() if text.isupper() else text.split()[:1]
    return any(_printed_in_lower_case(_LOWER_WORD.sub("", word.casefold()), page_text) for word in words)


#: A block of running text holds at least this many characters more than the name it may print.
PROSE_MIN_CHARS = 60


def _prose_text(blocks: list[Block], roles: list[BlockRole]) -> str:
    """The page's paragraphs of running text, one per line."""
    return "\n".join(
        [
            " ".join(block.texts)
            for block, role in zip(blocks, roles, strict=True)
            if role.role == "body" and len(block.compact) >= PROSE_MIN_CHARS
        ]
    )


#: The text block over a sign-off has at least this many characters (a line of an advert has fewer), unless it
#: opens in lower case (the end of a paragraph broken by a column).
SIGNED_TEXT_MIN_CHARS = 40


#: Why a name line under a letter's text is its byline (:func:`_mark_signatures`).
SIGN_OFF_REASON = "name signing off the text above"


def _mark_signatures(blocks: list[Block], roles: list[BlockRole]) -> None:
    """A name alone after the text of a letter or column signs it off, and a major or office under it too.

    The line before must be running text that ends a sentence, and no running text may follow (a short
    capitalised line followed by text is a subhead).
    """
    count = len(blocks)
    page_text: str | None = None  # the page's lines, where a candidate's words are looked up, once one turns up
    prose: str | None = None  # the page's running text, read once a candidate turns up
    for index in range(1, count):
        block = blocks[index]
        if len(block.lines) != 1 or len(block.texts[0]) > 60 or roles[index].role not in ("title", "body"):
            continue
        if not is_signature_name(block.texts[0]) or is_byline_line(block.texts[0]):
            continue
        previous = roles[index - 1]
        if previous.role != "body" or previous.title_like or not _ends_sentence(blocks[index - 1]):
            continue
        text_before = blocks[index - 1]
        if len(text_before.compact) < SIGNED_TEXT_MIN_CHARS and not text_before.compact[:1].islower():
            continue  # a letter is signed under its text (or the end of a paragraph); a short advert line is not it
        if page_text is None:
            page_text = _page_text(blocks)
        if _common_words(block.texts[0], page_text):
            continue  # "ONE DOLLAR COUPON", "EXECUTIVE MARKETING PANEL": words of the page's text, not a name
        if prose is None:
            prose = _prose_text(blocks, roles)
        name = " ".join(block.texts[0].split()).strip(" .,")
        if name in prose or (name.isupper() and name.title() in prose):
            continue  # a name the page's text prints ("Mustang Daily welcomes letters"): the paper's, not a writer's
        following = index + 1
        tail = [index]
        while following < count and len(tail) < 3 and len(blocks[following].lines) == 1:
            text = blocks[following].texts[0]
            if roles[following].role == "furniture" or not (is_signature_name(text) or is_role_word(text, True)):
                break
            if text.isupper() and _common_words(text, page_text):
                break
            if roles[following].role == "body" and not roles[following].title_like and len(text) > 60:
                break
            tail.append(following)
            following += 1
        if following < count and roles[following].role == "body" and not roles[following].title_like:
            if len(tail) == 1 and blocks[index - 1].texts[-1].rstrip()[-1:] in '"”':
                roles[index] = _QUOTE_SPEAKER  # a pull quote and its speaker, inside the story's text
            continue  # text goes on: a subhead, not a signature
        for position in tail:
            roles[position] = BlockRole("byline", byline_lines=blocks[position].numbers, reason=SIGN_OFF_REASON)


#: A row of a table (standings, results): a name followed by two numbers or more (``UC Riverside 2 2``).
_TABLE_ROW = re.compile(r"\D\s\d{1,3}(?:\s+\d{1,3})+\W*$")
TABLE_ROW_ROLE = BlockRole("body", reason="a row of a table: a name and its figures, not a headline")


def _mark_table_rows(blocks: list[Block], roles: list[BlockRole]) -> None:
    """Title-shaped lines that end in two numbers or more are rows of a table inside the text, not headlines."""
    for index, block in enumerate(blocks):
        if roles[index].role == "title" and len(block.lines) == 1 and _TABLE_ROW.search(block.texts[0]):
            roles[index] = TABLE_ROW_ROLE
