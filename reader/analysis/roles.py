"""Block roles: title, byline, body, caption, notice, advert and page furniture.

Each role comes from general signals on the block alone: its length and punctuation, byline and dateline
patterns and the words that mark furniture or adverts. The assembler then reads roles in context.
"""

from __future__ import annotations

import re

from reader.analysis.adverts import mark_advert_boxes, mark_advert_rows, mark_section_heads
from reader.analysis.blockrole import BlockRole
from reader.analysis.blocks import PARAGRAPH_PER_LINE_WIDTH, SENTENCE_END, SET_PROSE, Block, block_of, fast_median
from reader.analysis.bylines import is_byline_line, is_name_only_line, is_signature_line, is_staff_line
from reader.analysis.datelines import find_dateline
from reader.analysis.jumps import ends_with_jump
from reader.analysis.latin import mark_latin_roles

__all__ = ["BlockRole", "classify_blocks", "is_latin_page", "left_open", "page_column_width", "split_byline_tails"]

TITLE_MAX_CHARS = 48
LATIN_TITLE_MAX_CHARS = 110
#: A block at least this many times wider than the page's usual column is a lead or box set across columns.
WIDE_FACTOR = 1.6
#: Lines needed before the page's column width is trusted.
MIN_WIDTH_SAMPLE = 20

_CLAUSE_PUNCT = re.compile(r"[、，。；：,;]")
#: Running heads and page numbers: a page or edition mark anywhere in the line (``_FURNITURE_MARK``, searched)
#: or a page, volume or weekday line from its start (``_FURNITURE_START``, matched). Two patterns, as the
#: anchored alternatives would otherwise be tried at every position of every line.
_FURNITURE_MARK = re.compile(r"第[一二三四五六七八九十百零〇0-9]+版|星期[一二三四五六日天]")
_FURNITURE_START = re.compile(
    r"(?:page|p\.|pag\W)\s*\d+$|\d{1,3}$|(?:volume|vol\.)\s*\d+|"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b.*\d{4}",
    re.IGNORECASE,
)
#: The letters :data:`_FURNITURE_START` opens with (page, volume, the weekdays), in both cases, and the long s
#: that IGNORECASE folds to s (no other character folds to one of them, checked over all of Unicode by a test).
_FURNITURE_START_OPENERS = frozenset("pPvVmMtTwWfFsS\u017f")
#: A running head with the issue's date: a weekday followed by a month, whatever OCR made of the rest.
_DATE_LINE = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\W+"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)\b",
    re.IGNORECASE,
)
#: Prices and contact details, as searched in a block's compact text (no whitespace). The English words of
#: the advert signals ("for sale", "call 5", "phone 5") hold a space, which a compact text lacks, so they are
#: left out; what stays has no letter that case could change, so the pattern needs no IGNORECASE (which
#: made the regex engine fold every character it scanned).
_ADVERT = re.compile(
    r"電話|电话|價目|价目|售價|售价|特價|大減價|大减价|犧牲|廉價|發行所|总经销|總經銷|代售處|門市|"
    r"每[瓶盒打罐]|[洋元]\s*[一二三四五六七八九十]+[元角分]|\$\d"
)
#: In a compact text without an ideograph (ASCII, or English with its curly quotes), ``_ADVERT`` can match
#: nothing but a dollar amount: every other alternative opens with an ideograph of :data:`_UNIFIED_IDEOGRAPH`.
_DOLLAR_AMOUNT = re.compile(r"\$\d")
_UNIFIED_IDEOGRAPH = re.compile("[\u4e00-\u9fff]")


def _is_advert_text(compact: str) -> bool:
    """Whether the compact text of a block names prices or contact details (:data:`_ADVERT`)."""
    # no ideograph: a dollar amount or nothing (an opening ideograph, most CJK text, skips the class scan)
    if compact.isascii() or (not "\u4e00" <= compact[:1] <= "\u9fff" and _UNIFIED_IDEOGRAPH.search(compact) is None):
        return "$" in compact and _DOLLAR_AMOUNT.search(compact) is not None
    return _ADVERT.search(compact) is not None


_NOTICE = re.compile(r"啟事|启事|聲明|声明|通告|公告|告白|鳴謝|鸣谢|訃告|讣告|更正|notice", re.IGNORECASE)
_CHAPTER = re.compile(r"^第[一二三四五六七八九十百零〇0-9]+[章回囘節节]|^[一二三四五六七八九十]+[　 ]\S")
_PHOTO_CREDIT = re.compile(r"(?:攝|摄|攝影|摄影|贈|赠)$")
#: Glyphs that papers print before a new short item (◘ 特告 …); a block opening with one starts an article.
ITEM_MARKERS = frozenset("◘◆■●")
_CAPTION = re.compile(r"^(?:图为|圖為|圖爲|（图|（圖|上图|下图|左图|右图|上圖|下圖|photo\b|\(photo)", re.IGNORECASE)
#: The characters :data:`_CAPTION` can open with (no other character folds to p or P): others skip it.
_CAPTION_OPENERS = frozenset("图圖（上下左右pP(")


_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\ue000-\uf8ff]")


_ASCII_LETTER = re.compile(r"[A-Za-z]")


def _is_latin(text: str) -> bool:
    if text.isascii():  # no ideograph and no accented letter to count: one letter decides
        return _ASCII_LETTER.search(text) is not None
    if _LATIN_LETTER.search(text) is None:
        return False
    if _HAN.search(text) is None:  # Latin letters and no ideograph: no need to count either
        return True
    return len(_LATIN_LETTER.findall(text)) > len(_HAN.findall(text))


def page_column_width(blocks: list[Block]) -> float:
    """The usual body line width on the page: the median width of lines that are not a block's last."""
    widths = [width for block in blocks if len(block.lines) > 2 for width in block.widths[:-1]]
    if len(widths) < MIN_WIDTH_SAMPLE:
        return 0.0  # too few lines to tell a wide box from the usual column
    return float(fast_median(widths))


#: A Latin line that stops in mid-sentence: a word broken by a hyphen, or a trailing article, preposition,
#: conjunction or auxiliary in lower case ("A police spokesman said the", "two proposals for fur-").
_BROKEN_SENTENCE = re.compile(
    r"[a-z]-$|\s(?:the|a|an|of|to|in|and|or|but|for|with|as|at|by|on|from|that|than|is|are|was|were|be|"
    r"his|her|their|its|our|said|says|will|would|has|have|had|could|should|might|must|can|into|this|which|who)$"
)
#: A possessive waits for its noun ("was in last year’s"): a line left open too.
_POSSESSIVE_END = re.compile(r"\s[a-z]+['’]s$")
#: A headline that ends by naming its speaker ("AIDS education is needed, Reagan says"), not a broken sentence.
_HEADLINE_SAYS = re.compile(r",\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?\s+(?:says|said)$")


#: :data:`_BROKEN_SENTENCE` spans fewer characters than this before the end (a space, a word of up to six
#: letters and the newline ``$`` may stand before), so it is searched in the line's tail only; a test keeps the
#: pattern within it.
BROKEN_SENTENCE_TAIL = 8


def _broken_sentence(text: str) -> bool:
    """Whether a Latin line ends in a broken word, a little word or a possessive.

    The little words are tried at the last positions only, not at every one of a long line; the possessive,
    of any length, only on a line ending in ``s`` (or ``s`` and the newline ``$`` may stand before).
    """
    if _BROKEN_SENTENCE.search(text, len(text) - BROKEN_SENTENCE_TAIL) is not None:
        return True
    return "s" in text[-2:] and _POSSESSIVE_END.search(text) is not None


def left_open(text: str) -> bool:
    """Whether a Latin line stops in mid-sentence (a broken word, a trailing little word), not as a headline."""
    return _broken_sentence(text) and _HEADLINE_SAYS.search(text) is None


#: A jump line: where an article continues or where it came from ("See PATROL, back page", "From page 1").
_JUMP = re.compile(
    r"(?:please\s+)?se[ec]\s+[^.!?]{0,40}\bpages?\b|(?:continued\s+)?(?:f|[a-z1]['’<]\s?)rom\s+(?:back\s+)?pages?\b",
    re.IGNORECASE,
)
#: A jump line run on at the end of a text row by OCR ("… said See DEFENDER, page 10").
_TRAILING_JUMP = re.compile(r"\bSe[ec]\s+[A-Z][A-Z.'-]+,\s*(?:back\s+)?page(?:\s*\d+)?\W*$")
#: A photo credit: a name in capitals, a slash (often read as I or l) and the paper or agency.
#: OCR also reads the slash and the paper's capital together as ``AI`` or ``Al`` (``NEIL MSCALEAlustang Dally``).
_PHOTO_BY = re.compile(
    r"[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Za-z.'-]*){0,3}(?:\s*[/|Il]\s*[A-Z][a-z]\w*|A[Il][a-z]{3,})\s+[A-Z][a-z]+\W*"
)


#: Little words of running English text: prose holds several, adverts and listings few.
_FUNCTION_WORDS = frozenset(
    "the a an of to in and or but that which who was were is are be been has have had he she it they we "
    "his her their its said says would will could not for with from at on by as this than".split()
)
#: Clause punctuation of running Chinese text (an advert's items are set apart by space or lines instead).
_CJK_CLAUSE = re.compile("[、，；：。]")


def is_prose(block: Block) -> bool:
    """Whether ``block`` reads as running text: an amount or a phone number in it does not make an advert.

    English prose has a dozen words or more, several of them function words (or eight, ending a sentence);
    Chinese prose runs in clauses
    (four or more clause marks, about one every twelve characters or more often). The answer is kept on the
    block.
    """
    known = block.prose
    if known is None:
        known = _reads_as_prose(block)
        SET_PROSE(block, known)
    return known


def _reads_as_prose(block: Block) -> bool:
    if _is_latin(block.compact):
        joined = " ".join(block.texts)
        words = joined.lower().split()
        function_words = sum(map(_FUNCTION_WORDS.__contains__, words))  # no generator: C calls only
        if len(words) >= 12 and function_words >= 3:
            return True
        # a shorter sentence of news: it ends like one and reads like one
        return len(words) >= 8 and function_words >= 2 and joined.rstrip(" \"'”’")[-1:] in ".!?"
    marks = len(_CJK_CLAUSE.findall(block.compact))
    return marks >= 4 and len(block.compact) <= 12 * marks


def _title_like(block: Block, has_latin: bool = True) -> bool:
    """Whether ``block`` reads as a title; ``has_latin=False`` says its text holds no Latin letter (known)."""
    text = block.compact
    if not text or len(block.lines) > 4 or len(text) > LATIN_TITLE_MAX_CHARS:
        return False  # too long for either script (the joined text is at least as long as the compact)
    if has_latin and _is_latin(text):
        joined = " ".join(block.texts)
        ending = joined.rstrip(" \"'”’-—_")
        # the cheap tests first; the regex last
        return (
            len(joined) <= LATIN_TITLE_MAX_CHARS
            and bool(ending)
            and ending[-1] not in ".,;:!?"
            and (joined[0].isupper() or joined[0].isdigit() or joined[0] in "\"'“‘")
            and ". " not in joined
            and 2 <= len(joined.split()) <= 14
            and (not _broken_sentence(joined) or _HEADLINE_SAYS.search(joined) is not None)
        )
    if text[0] in "「『“" and text[-1] in "」』”":
        return False  # a short line of dialogue, not a headline
    return len(text) <= TITLE_MAX_CHARS and not _CLAUSE_PUNCT.search(text)


#: A pen name set in a vertical column between brackets printed as their own lines: ）） / 杭頭 / 自杭 / 州寄 / （（.
_VERTICAL_CLOSE = re.compile(r"[）)]{1,2}")
_VERTICAL_OPEN = re.compile(r"[（(]{1,2}")
#: Lines of such a block, brackets included, and characters of each line between them.
VERTICAL_BYLINE_MAX_LINES = 6
VERTICAL_BYLINE_LINE_CHARS = 4


def _vertical_byline(block: Block) -> bool:
    texts = block.texts
    return (
        3 <= len(texts) <= VERTICAL_BYLINE_MAX_LINES
        and _VERTICAL_CLOSE.fullmatch(texts[0]) is not None
        and _VERTICAL_OPEN.fullmatch(texts[-1]) is not None
        and all(len(text) <= VERTICAL_BYLINE_LINE_CHARS and not _CLAUSE_PUNCT.search(text) for text in texts[1:-1])
    )


def _byline_lines(block: Block) -> tuple[int, ...]:
    """Line numbers of the byline lines in ``block``, or () when the block is not a byline."""
    if block.texts[0][:1] in "）)" and _vertical_byline(block):
        return block.numbers
    if len(block.lines) > 4:
        return ()
    first_is_byline = is_byline_line(block.texts[0])
    if len(block.lines) > 1 and not first_is_byline and is_byline_line(block.compact):
        return block.numbers  # a pen name broken over two lines: （馬二 / 先生）
    if not first_is_byline:
        return ()
    numbers = [block.lines[0].number]
    for line, text in zip(block.lines[1:], block.texts[1:], strict=True):
        if is_byline_line(text) or is_staff_line(text):
            numbers.append(line.number)
        elif _CLAUSE_PUNCT.search(text) or len(text) > 24:
            return ()  # a name followed by running text is body, not a byline block
    return tuple(numbers)


def _title_byline_lines(block: Block) -> tuple[int, ...]:
    """Bracketed pen names printed inside a title block: they are byline lines."""
    return tuple(
        line.number
        for position, (line, text) in enumerate(zip(block.lines, block.texts, strict=True))
        if (text[:1] in "（(" and is_byline_line(text) and not is_name_only_line(text))
        or (position and is_name_only_line(text))  # 賽珍珠女士作 / 諍　諍　譯 under the headline
    )


def split_byline_tails(blocks: list[Block]) -> list[Block]:
    """Split a byline printed on the last line of a text block (no blank line before it) into its own block."""
    result: list[Block] = []
    for block in blocks:
        if len(block.lines) > 1:
            block = _split_running_head(block, result)
            if "age" in block.compact and len(block.lines) > 1:  # "page": a jump line may end a line inside
                block = _split_after_jump(block, result)
        cut = len(block.lines)
        while cut > 1 and is_signature_line(block.texts[cut - 1]):
            cut -= 1
        if cut == len(block.lines) or cut == 0:
            result.append(block)
            continue
        result.append(block_of(block.lines[:cut], block.widths[:cut], block.texts[:cut]))
        result.append(block_of(block.lines[cut:], block.widths[cut:], block.texts[cut:]))
    return result


def _split_after_jump(block: Block, result: list[Block]) -> Block:
    """Split a block after a line that ends with a jump line to another page (``… has been See ASI, page 7``):
    the story's part ends there, and the lines after it (an advert OCR read into the same block) are not its
    text. The lines down to the jump line go to ``result``; the rest is returned (``block`` itself when no
    line but the last ends with a jump)."""
    for position, text in enumerate(block.texts[:-1]):
        if "age" in text and ends_with_jump(text):
            cut = position + 1
            result.append(block_of(block.lines[:cut], block.widths[:cut], block.texts[:cut]))
            return block_of(block.lines[cut:], block.widths[cut:], block.texts[cut:])
    return block


def _split_running_head(block: Block, result: list[Block]) -> Block:
    """Split off a running head printed among the first lines of a Latin block (``Sports`` / ``Mustang Daily`` /
    ``Monday, May 11, 1992`` over a headline): each line down to it goes to ``result`` as a block of its own,
    and the rest is returned (``block`` itself when there is no such head)."""
    head = -1
    texts = block.texts[: min(RUNNING_HEAD_LINES, len(block.lines) - 1)]
    if _LATIN_LETTER.search("".join(texts)) is None:
        return block  # no line to look at holds a Latin letter (most CJK blocks): one search for all
    for position, text in enumerate(texts):
        if len(text) <= 60 and _LATIN_LETTER.search(text) and _is_running_head(text, True):
            head = position
    if head < 0:
        return block
    for position in range(head + 1):
        result.append(
            block_of(
                block.lines[position : position + 1],
                block.widths[position : position + 1],
                block.texts[position : position + 1],
            )
        )
    return block_of(block.lines[head + 1 :], block.widths[head + 1 :], block.texts[head + 1 :])


#: A running head is looked for among this many first lines of a block.
RUNNING_HEAD_LINES = 3


#: The commonest roles, made once: roles are immutable.
_RUNNING = BlockRole("body", wide=False, reason="running text")
_RUNNING_WIDE = BlockRole("body", wide=True, reason="running text")
_FURNITURE_ROLE = BlockRole("furniture", reason="page header or page number")
#: A column's editor credited under its rubric (黔野主編, 豐田編輯, 趙廉•田豐合輯): page furniture that ends the
#: rubric, never a story's title or byline.
_SECTION_EDITOR = re.compile(r"(?:主編|主编|編輯|编辑|合輯|合辑|主輯)$")
_SECTION_EDITOR_ROLE = BlockRole("furniture", reason="a column's editor under its rubric")
_JUMP_ROLE = BlockRole("body", reason="jump line to or from another page")
#: "From page 1" heads the part of a story continued from another page: it opens an article.
_JUMP_IN_ROLE = BlockRole("body", reason="jump line: the story continues from another page", opens=True)
#: OCR reads the F of "From" as another glyph and a mark (``P'rom page 1``, ``I'rom page 2``, ``1< rom page 3``).
_JUMP_IN = re.compile(r"\W*(?:continued\s+)?(?:f|[a-z1]['’<]\s?)rom\s+(?:back\s+)?pages?\b", re.IGNORECASE)
_PHOTO_ROLE = BlockRole("body", reason="photo credit (NAME/Paper) beside its picture")
_TITLE_ROLE = BlockRole("title", reason="short block without clause punctuation", title_like=True)


def _is_running_head(text: str, latin: bool) -> bool:
    """A line of a page's running head: page or edition number, or (Latin) a weekday and the date."""
    if ("第" in text or "星期" in text) and _FURNITURE_MARK.search(text):
        return True
    # _FURNITURE_START opens with one of its letters (in either case) or a digit: other lines (most English text,
    # every ideograph) skip it
    if (text[:1] in _FURNITURE_START_OPENERS or text[:1].isdecimal()) and _FURNITURE_START.match(text):
        return True
    # every weekday ends in "day": lines without it (most) skip the date pattern
    return latin and "day" in text.lower() and _DATE_LINE.search(text) is not None


def classify_block(block: Block, column_width: float) -> BlockRole:
    """Return the role of ``block`` on its own, before context is taken into account."""
    first = block.texts[0]
    compact = block.compact
    wide = (
        column_width > 0
        and len(block.lines) >= 2
        and max(block.widths) >= WIDE_FACTOR * column_width  # the median is at most the widest: cheap test first
        and fast_median(block.widths) >= WIDE_FACTOR * column_width
    )
    # the jump, photo-credit and date patterns all need Latin letters: skip them on CJK text
    latin = len(compact) <= 60 and _LATIN_LETTER.search(compact) is not None
    if len(compact) <= 60 and all(_is_running_head(text, latin) for text in block.texts):
        return _FURNITURE_ROLE
    if latin and len(block.lines) == 1:
        if len(first) <= 60 and (_JUMP.match(first) or _TRAILING_JUMP.search(first)):
            return _JUMP_IN_ROLE if _JUMP_IN.match(first) else _JUMP_ROLE
        if len(first) <= 50 and _PHOTO_BY.fullmatch(first):
            return _PHOTO_ROLE
    if len(block.lines) == 1 and len(compact) <= 14 and _SECTION_EDITOR.search(compact):
        return _SECTION_EDITOR_ROLE
    byline_numbers = _byline_lines(block)
    if byline_numbers:
        return BlockRole("byline", byline_lines=byline_numbers, reason="matches a byline pattern")
    dateline = find_dateline(first)
    if dateline:
        return BlockRole("body", wide=wide, dateline=dateline, reason=f"opens with the dateline {dateline}")
    title_like = _title_like(block, latin or len(compact) > 60)  # latin: a Latin letter in a short compact
    boxed = len(compact) > 2 and compact[0] in ITEM_MARKERS and compact[-1] in ITEM_MARKERS
    if (first[:1] in _CAPTION_OPENERS and _CAPTION.match(first)) or (
        title_like and (boxed or _PHOTO_CREDIT.search(compact))
    ):
        return BlockRole("caption", reason="picture caption or photo credit")
    if title_like and _CHAPTER.match(first):
        return BlockRole("body", reason="chapter heading inside the text", title_like=True)
    if len(compact) <= 200 and "。" not in compact and (len(block.lines) > 1 or not title_like):
        if _is_advert_text(compact) and not is_prose(block):
            return BlockRole("advert", reason="prices or contact details")
    if title_like:
        if _NOTICE.search(compact):
            return BlockRole("notice", reason="title names a notice")
        inner_bylines = _title_byline_lines(block) if len(block.lines) > 1 else ()
        if not inner_bylines:
            return _TITLE_ROLE
        return BlockRole(
            "title", byline_lines=inner_bylines, reason="short block without clause punctuation", title_like=True
        )
    return _RUNNING_WIDE if wide else _RUNNING


def _is_masthead(block: Block, furniture_text: str) -> bool:
    """A short title-like block repeated in the page's running heads is the paper's name, not a title."""
    compact = block.compact
    return 0 < len(compact) <= 8 and compact in furniture_text


def classify_blocks(blocks: list[Block], latin: bool = False) -> list[BlockRole]:
    """Return the role of every block of a page.

    Args:
        blocks: the page's blocks.
        latin: run the passes for English text pages (OCR noise, bylines in their printed shapes, listings
            among paragraphs); the text pipeline sets it for pages whose letters are mostly Latin. Layout
            pages keep their own signals and leave it off.
    """
    column_width = page_column_width(blocks)
    roles = [classify_block(block, column_width) for block in blocks]
    if latin:
        mark_latin_roles(blocks, roles)
        _mark_paragraph_tails(blocks, roles)
        if _paragraph_per_line(blocks):
            _mark_listings(blocks, roles)
        mark_advert_boxes(blocks, roles)
        mark_section_heads(blocks, roles)
        mark_advert_rows(blocks, roles)
    _mark_nameplates(blocks, roles)
    _mark_separators_and_numbers(blocks, roles)
    _mark_bare_name_bylines(blocks, roles)
    _mark_staff_lines(blocks, roles)
    _mark_mastheads(blocks, roles)
    if latin:
        _mark_garbled_running_heads(blocks, roles)
        _mark_page_head_labels(blocks, roles)
        _mark_latin_nameplates(blocks, roles)
    _mark_continued_lines(blocks, roles)
    return roles


_PARAGRAPH_TAIL_ROLE = BlockRole(
    "body", reason="the end of a sentence the text above left open, not an advert or a byline"
)


def _mark_paragraph_tails(blocks: list[Block], roles: list[BlockRole]) -> None:
    """A one-line advert or "by" line that opens in lower case under text stopped in mid-sentence ends that text.

    Paragraph-per-line OCR cuts a paragraph where a column ends; a dollar amount in the last piece
    ("request, reducing the fund to $2,000.") makes it look like an advert, and a piece that opens with
    "by" ("by the city council.") like a byline. A sentence runs on into it: the text above ends in a
    letter or a comma, the line opens in lower case and ends a sentence itself (a byline ends in a name).
    """
    for index in range(1, len(blocks)):
        role = roles[index]
        if not (role.role == "advert" or (role.role == "byline" and role.opens)) or len(blocks[index].lines) != 1:
            continue
        text = blocks[index].texts[0].strip()
        if not (text[:1].isascii() and text[:1].islower()) or text.rstrip(" '\"’”)")[-1:] not in SENTENCE_END:
            continue
        previous = index - 1
        while previous > 0 and roles[previous].role == "furniture":
            previous -= 1
        before = roles[previous]
        if before.role != "body" or before.title_like or not is_prose(blocks[previous]):
            continue
        last = blocks[previous].texts[-1].rstrip()
        if last and last[-1].isascii() and (last[-1].isalpha() or last[-1] == ","):
            roles[index] = _PARAGRAPH_TAIL_ROLE


#: The running head stands among a page's first blocks.
RUNNING_HEAD_TOP_BLOCKS = 4
#: How close (difflib ratio) an OCR-garbled word must come to a weekday or a month (``ftonday``, ``Jaauary``).
GARBLED_DATE_RATIO = 0.66
_DATE_WORDS = (
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july august "
    "september october november december"
).split()
_LONG_WORD = re.compile(r"[A-Za-z]{4,}")
_TWO_DIGITS = re.compile(r"\d\d")


def _garbled_date(text: str) -> bool:
    """A short line with a number of two digits or more and a word that OCR made of a weekday or a month."""
    if len(text) > 60 or not _TWO_DIGITS.search(text):
        return False
    from difflib import SequenceMatcher  # only for the few lines at the top of a page

    matcher: SequenceMatcher[str] = SequenceMatcher(autojunk=False)
    for word in _LONG_WORD.findall(text.lower()):
        matcher.set_seq2(word)
        for name in _DATE_WORDS:
            if word[:2] != name[:2] and word[-2:] != name[-2:]:
                continue  # OCR keeps one end of the word at least (ftonday, Jaauary, Aprii): a cheap test first
            matcher.set_seq1(name)
            if matcher.real_quick_ratio() >= GARBLED_DATE_RATIO and matcher.ratio() >= GARBLED_DATE_RATIO:
                return True
    return False


def _mark_garbled_running_heads(blocks: list[Block], roles: list[BlockRole]) -> None:
    """A one-line block at the top of an English page that holds a garbled date is the running head
    (``MuttangOaNy ftonday, Jaauary 17.1M9``), not a headline."""
    for index in range(min(RUNNING_HEAD_TOP_BLOCKS, len(blocks))):
        block = blocks[index]
        if len(block.lines) == 1 and roles[index].role in ("title", "body") and _garbled_date(block.texts[0]):
            roles[index] = _FURNITURE_ROLE


#: Section names English papers print over the stories of a page, as their letters (``Letters to the Editor``);
#: a block that is only one of them labels the section, whatever its case.
SECTION_NAMES = frozenset(
    {
        "letterstotheeditor",
        "letters",
        "opinion",
        "editorial",
        "editorials",
        "commentary",
        "guestviewpoint",
        "viewpoint",
        "newsbriefs",
        "sportsbriefs",
        "briefs",
        "sports",
        "campus",
        "calendar",
        "entertainment",
        "insight",
    }
)
#: The longest section name as printed, spaces left out (``World★Nation-State`` with OCR's extra signs).
SECTION_NAME_MAX_CHARS = 24
_NOT_LETTER = re.compile("[^a-z]+")


def is_section_name(compact: str) -> bool:
    """Whether a line's compact text is a section name: one of :data:`SECTION_NAMES`, or the
    ``World / Nation / State`` news label."""
    if len(compact) > SECTION_NAME_MAX_CHARS:
        return False
    letters = _NOT_LETTER.sub("", compact.casefold())
    return letters in SECTION_NAMES or ("world" in letters and "nation" in letters)


#: Section labels and garbled running-head words stand among this many first blocks of a page.
PAGE_HEAD_LABEL_BLOCKS = 5
#: A garbled word of a running head (``PagtiX``, ``iNSIGrir``): a sign inside the word, or a capital after a
#: small letter.
_GARBLED_WORD = re.compile(r"[a-z][A-Z]|[^A-Za-z\s'.,-]|[A-Za-z][.,'-]*[^A-Za-z\s.,'-]")
_PAGE_HEAD_LABEL_ROLE = BlockRole("furniture", reason="a section label or a garbled word of the running head")


def _mark_page_head_labels(blocks: list[Block], roles: list[BlockRole]) -> None:
    """One-line blocks among the first of an English page that are a section name (``Opinion``, ``Campus.``),
    or a garbled word or two beside the running head (``PagtiX``), are page furniture, not a story's first
    line or kicker."""
    for index in range(min(PAGE_HEAD_LABEL_BLOCKS, len(blocks))):
        block, role = blocks[index], roles[index]
        if len(block.lines) != 1 or role.role != "body":
            continue
        text = block.texts[0].strip()
        if is_section_name(block.compact):
            roles[index] = _PAGE_HEAD_LABEL_ROLE
            continue
        beside = (index > 0 and roles[index - 1].role == "furniture") or (
            index + 1 < len(roles) and roles[index + 1].role == "furniture"
        )
        if beside and len(text.split()) <= 2 and _GARBLED_WORD.search(text):
            roles[index] = _PAGE_HEAD_LABEL_ROLE


#: A paper's name is a few words: a longer title block is a headline even if its words recur.
NAMEPLATE_MAX_WORDS = 4
#: Letters a name needs before its recurrence on the page means anything.
NAMEPLATE_MIN_LETTERS = 6
_NOT_LOWER_LETTER = re.compile("[^a-z]+")
_CREDIT_PAPER = re.compile(r"/\s*([A-Za-z][A-Za-z .'-]{3,30})")


def _letters(text: str) -> str:
    return _NOT_LOWER_LETTER.sub("", text.casefold())


def _mark_latin_nameplates(blocks: list[Block], roles: list[BlockRole]) -> None:
    """An English page's title-shaped block that is only the paper's name is furniture, not a headline.

    The name is known from the page itself: it stands in the running heads (``Wednesday, January 18, 1989
    Mustang Daily``) and after the slash of photo credits (``JOHN DOE/Mustang Daily``).
    """
    candidates = [
        index
        for index, role in enumerate(roles)
        if role.role == "title"
        and len(blocks[index].lines) == 1
        and len(blocks[index].texts[0].split()) <= NAMEPLATE_MAX_WORDS
        and len(_letters(blocks[index].compact)) >= NAMEPLATE_MIN_LETTERS
    ]
    if not candidates:
        return
    letters = {index: _letters(blocks[index].compact) for index in candidates}
    heads = [_letters(block.compact) for block, role in zip(blocks, roles, strict=True) if role.role == "furniture"]
    heads_text = "\n".join(heads)  # letters only: a name in it stands in one of the heads
    top = {
        letters[index]
        for index in candidates
        if index < NAMEPLATE_TOP_BLOCKS and _beside_running_head(blocks, roles, index)
    }
    credits: set[str] | None = None  # the names after photo credits' slashes, read once a candidate needs them
    for index in candidates:
        name = letters[index]
        if name not in top and not (
            name in heads_text and any(name in head and len(head) > len(name) for head in heads)
        ):
            if credits is None:
                credits = _credit_names(blocks)
            if name not in credits:
                continue
        roles[index] = BlockRole("furniture", reason="the paper's name, as its running heads and credits print it")


def _credit_names(blocks: list[Block]) -> set[str]:
    """The letters of the names printed after the slash of the page's photo credits (``JOHN DOE/Mustang Daily``)."""
    return {
        _letters(match.group(1))
        for block in blocks
        if len(block.lines) == 1 and "/" in block.texts[0]
        for match in _CREDIT_PAPER.finditer(block.texts[0])
    }


#: The nameplate over a page's running head stands among its first blocks.
NAMEPLATE_TOP_BLOCKS = 6
#: A nameplate beside the running head has two or three words, each capitalised (``MUSTANG DAILY``).
_NAMEPLATE_WORDS = re.compile(r"[A-Z][\w'’.&-]*(?: [A-Z][\w'’.&-]*){1,2}")


def _beside_running_head(blocks: list[Block], roles: list[BlockRole], index: int) -> bool:
    """A capitalised name of two or three words right above or below the date line at the top of the page."""
    if not _NAMEPLATE_WORDS.fullmatch(blocks[index].texts[0]):
        return False
    return any(
        0 <= near < len(roles) and roles[near] is _FURNITURE_ROLE and _LATIN_LETTER.search(blocks[near].compact)
        for near in (index - 1, index + 1)
    )


#: Share of a page's lines that must each hold a whole paragraph for the page to store paragraphs per line.
PARAGRAPH_PAGE_SHARE = 0.2
#: A run of at least this many short lines on such a page is a listing, an advert or a box, unless it is prose.
LISTING_MIN_LINES = 3
#: A line of running text in such a run has at least this many words; most lines of a listing have fewer.
LISTING_SENTENCE_WORDS = 6
_LISTING_ROLE = BlockRole(
    "furniture", reason="a run of short lines on a page of one paragraph per line: advert or listing"
)


def _paragraph_per_line(blocks: list[Block]) -> bool:
    """Whether the page stores a paragraph per line (ABBYY exports): short lines then stand apart."""
    lines = sum(len(block.lines) for block in blocks)
    wide = sum(width >= PARAGRAPH_PER_LINE_WIDTH for block in blocks for width in block.widths)
    return lines > 0 and wide >= PARAGRAPH_PAGE_SHARE * lines


def _mark_listings(blocks: list[Block], roles: list[BlockRole]) -> None:
    """Runs of short lines that are not prose are adverts, listings and boxes around the stories."""
    for index, block in enumerate(blocks):
        if len(block.lines) < LISTING_MIN_LINES or roles[index].role not in ("body", "title"):
            continue
        sentences = sum(len(text.split()) >= LISTING_SENTENCE_WORDS for text in block.texts)
        if 2 * sentences < len(block.lines):
            roles[index] = _LISTING_ROLE


def is_latin_page(blocks: list[Block]) -> bool:
    """Whether most letters of the page are Latin (sampled from its first blocks: pages are one script)."""
    sample = "".join([block.compact[:20] for block in blocks[:40]])
    return _is_latin(sample)


def _mark_continued_lines(blocks: list[Block], roles: list[BlockRole]) -> None:
    """A short Latin line whose sentence goes on in the next text block (which opens in lower case) is text.

    Paragraph-per-line OCR breaks a paragraph where a column ends; the piece before the break looks like a
    headline on its own ("The communists feed on" / "poverty. Their track record …"). Furniture and noise
    printed in between are skipped.
    """
    for index in range(len(blocks) - 1):
        if roles[index].role != "title" or not _is_latin(blocks[index].compact):
            continue
        after = index + 1
        while after < len(blocks) - 1 and roles[after].role == "furniture":
            after += 1
        following = blocks[after].texts[0].lstrip("\"'“‘(")
        if following[:1].islower() and roles[after].role != "byline":  # "by Mary Smith" under a headline
            if _headline_second_line(blocks, roles, after):
                roles[after] = _TITLE_ROLE  # the headline's second line, read as a block of its own
                continue
            roles[index] = _RUNNING


#: The second line of a headline that OCR read as its own block is short …
HEADLINE_LINE_MAX_CHARS = 60
#: … and has at most this many words.
HEADLINE_LINE_MAX_WORDS = 8


def _headline_second_line(blocks: list[Block], roles: list[BlockRole], index: int) -> bool:
    """Whether the lower-case block ``index`` under a title-shaped block is the headline's second line.

    It is one short line that neither ends a sentence or clause nor stops in mid-phrase (``of agriculture``
    under ``Ag Forum addresses "hidden``), and the text under it opens a sentence of its own: the end of a
    paragraph that a column cut runs on into text instead.
    """
    block = blocks[index]
    if len(block.lines) != 1 or roles[index].role not in ("body", "title") or roles[index].dateline is not None:
        return False
    text = block.texts[0].rstrip(" \"'”’")
    if not text or len(text) > HEADLINE_LINE_MAX_CHARS or text[-1] in ".,;:!?-" or left_open(text):
        return False
    if len(text.split()) > HEADLINE_LINE_MAX_WORDS:
        return False
    below = index + 1
    while below < len(blocks) - 1 and roles[below].role == "furniture":
        below += 1
    if below >= len(blocks) or roles[below].role != "body":
        return roles[below].role == "byline" if below < len(blocks) else False
    opening = blocks[below].texts[0].lstrip("\"'“‘(")[:1]
    return opening.isupper() and is_prose(blocks[below])


#: A line of ornaments only (★ ★ ★, ＊＊＊): a separator between sections of one text.
_ORNAMENTS = re.compile(r"[★☆◆◇●○■□▲△※＊*·•　 ]+")
_SEPARATOR_ROLE = BlockRole("body", reason="separator or section number inside the text", title_like=True)


def _mark_separators_and_numbers(blocks: list[Block], roles: list[BlockRole]) -> None:
    """★ separators and section numbers （一） after running text belong to that text; they open nothing."""
    for index in range(1, len(blocks)):
        if roles[index].role != "title" or len(blocks[index].lines) != 1:
            continue
        compact = blocks[index].compact
        previous = roles[index - 1]
        after_text = previous.role == "body" and not previous.title_like
        if _ORNAMENTS.fullmatch(compact) or (after_text and _INSTALMENT.fullmatch(compact)):
            roles[index] = _SEPARATOR_ROLE


_INSTALMENT = re.compile(r"(?:[（(][一二三四五六七八九十百〇○零0-9]+[）)])+")
_BARE_NAME = re.compile(r"[\u3400-\u9fff]{2,3}")


def _mark_bare_name_bylines(blocks: list[Block], roles: list[BlockRole]) -> None:
    """A lone 2–3 character name between a title and the text is the author (寒雲, 鵷雛, 卓呆).

    The text after it must be running text (or a chapter heading), or the block before it an instalment
    number such as （一四九）: item labels in adverts (價目) sit between title-like blocks instead.
    """
    for index in range(1, len(blocks) - 1):
        block, following = blocks[index], blocks[index + 1]
        if roles[index].role != "title" or len(block.lines) != 1 or not _BARE_NAME.fullmatch(block.compact):
            continue
        if roles[index - 1].role != "title":
            continue
        after_instalment = bool(_INSTALMENT.fullmatch(blocks[index - 1].compact))
        running_text = roles[index + 1].role == "body" and (
            roles[index + 1].title_like or _CLAUSE_PUNCT.search(following.compact)
        )
        if after_instalment or running_text:
            roles[index] = BlockRole("byline", byline_lines=block.numbers, reason="a bare name between title and text")


_LATIN_BYLINE = re.compile(r"^(?:by|par)\s", re.IGNORECASE)


def _mark_staff_lines(blocks: list[Block], roles: list[BlockRole]) -> None:
    """The short line under a Latin "By NAME" byline is its staff line, however OCR garbled it."""
    for index in range(1, len(blocks)):
        previous, block = blocks[index - 1], blocks[index]
        if (
            roles[index - 1].role == "byline"
            and _LATIN_BYLINE.match(previous.texts[-1])
            and roles[index].role in ("body", "title")
            and len(block.lines) == 1
            and len(block.texts[0]) <= 30
            and len(block.texts[0].split()) <= 4
            and not block.texts[0].endswith(".")
        ):
            roles[index] = BlockRole("byline", byline_lines=block.numbers, reason="staff line under a byline")


_NAMEPLATE_ROLE = BlockRole("furniture", reason="the paper's name at the head of each page of the sheet")


def _mark_nameplates(blocks: list[Block], roles: list[BlockRole]) -> None:
    """The short block that opens the page and stands alone again further down is the paper's name, printed at
    the head of each page of a fold (晶報 … 晶報) above a headline: never a story's kicker, nor the title over a
    bare name."""
    first = blocks[0].compact if blocks else ""
    if not first or len(first) > 8 or roles[0].role not in ("title", "furniture") or len(blocks[0].lines) != 1:
        return
    repeats = [index for index, block in enumerate(blocks) if index and block.compact == first]
    if not repeats or not all(index + 1 < len(roles) and roles[index + 1].role == "title" for index in (0, *repeats)):
        return  # a name stands over a headline; a repeated title over its own text is a series of items
    for index in (0, *repeats):
        if roles[index].role == "title":
            roles[index] = _NAMEPLATE_ROLE


def _mark_mastheads(blocks: list[Block], roles: list[BlockRole]) -> None:
    """Short title-like blocks among the running heads, or repeated in them, are the paper's name."""
    furniture_text = "\n".join(
        block.compact for block, role in zip(blocks, roles, strict=True) if role.role == "furniture"
    )
    for index, (block, role) in enumerate(zip(blocks, roles, strict=True)):
        if role.role != "title" or len(block.compact) > 8:
            continue
        beside_furniture = (index > 0 and roles[index - 1].role == "furniture") and (
            index + 1 < len(roles) and roles[index + 1].role == "furniture"
        )
        if beside_furniture or (furniture_text and _is_masthead(block, furniture_text)):
            roles[index] = BlockRole("furniture", reason="the paper's name among the running heads")
