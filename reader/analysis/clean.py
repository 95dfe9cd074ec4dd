"""Cleaning: rejoin hard-wrapped lines, drop OCR spaces, map wrong glyph variants.

Raw text is never changed; every function returns a new string.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

__all__ = [
    "GLYPH_VARIANTS",
    "clean_paragraph",
    "clean_title",
    "is_cjk",
    "join_wrapped",
    "map_glyphs",
    "remove_ocr_spaces",
]

#: OCR glyph variants that are never right in Chinese text, with the glyph meant. Each pair is the same
#: character in simplified and traditional Chinese, so the map is safe for both scripts. The OCR engines
#: confuse them because they share a code point family with Japanese shinjitai.
GLYPH_VARIANTS: dict[str, str] = {
    "査": "查",  # U+67FB Japanese form of 查 (check)
    "巻": "卷",  # U+5DFB Japanese form of 卷 (volume)
    "乗": "乘",  # U+4E57 Japanese form of 乘 (ride)
    "剰": "剩",  # U+5270 Japanese form of 剩 (remain)
    "挿": "插",  # U+633F Japanese form of 插 (insert)
    "黒": "黑",  # U+9ED2 Japanese form of 黑 (black)
}
#: ``str.translate`` looks up every character; searching for the few variants first is much cheaper.
_ANY_VARIANT = re.compile("[" + "".join(GLYPH_VARIANTS) + "]")

_CJK_RANGES = (
    (0x2E80, 0x2FDF),
    (0x3000, 0x303F),
    (0x3040, 0x30FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xE000, 0xF8FF),  # private use: transcribers' unencodable glyphs sit among CJK text
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFF60),
    (0x20000, 0x3134F),
)
_CJK_PUNCT = "“”‘’—…·"


_CJK_CLASS = re.compile(
    "[" + re.escape(_CJK_PUNCT) + "".join(f"{chr(low)}-{chr(high)}" for low, high in _CJK_RANGES) + "]"
)


_ALL_CJK = re.compile(_CJK_CLASS.pattern + "+")
_CJK_CACHE: dict[str, bool] = {}


def is_cjk(char: str) -> bool:
    """Return True for a CJK ideograph, kana, CJK punctuation or full-width form."""
    known = _CJK_CACHE.get(char)
    if known is None:
        known = _CJK_CLASS.match(char) is not None
        if len(_CJK_CACHE) < 65536:
            _CJK_CACHE[char] = known
    return known


def map_glyphs(text: str) -> str:
    """Replace OCR glyph variants listed in :data:`GLYPH_VARIANTS`."""
    if text.isascii() or _ANY_VARIANT.search(text) is None:  # isascii reads a flag: English text skips the search
        return text
    for variant in set(_ANY_VARIANT.findall(text)):  # str.replace is much cheaper than str.translate
        text = text.replace(variant, GLYPH_VARIANTS[variant])
    return text


def _hyphen_end(text: str) -> bool:
    return len(text) >= 2 and text[-1] in "-\u00ad" and text[-2].isalpha() and text[-2].isascii()


def join_wrapped(lines: Sequence[str]) -> str:
    """Join hard-wrapped ``lines`` into one string.

    CJK text joins with no separator; Latin text joins with a space, and an end-of-line hyphen before a
    lower-case continuation is undone (``infor-`` + ``mation`` → ``information``).
    """
    texts = [text for text in map(str.strip, lines) if text]
    if len(texts) < 2:
        return texts[0] if texts else ""  # one line: nothing to join
    if _ALL_CJK.fullmatch("".join([text[-1] for text in texts[:-1]])):
        return "".join(texts)  # every line but the last ends in CJK: no spaces, no hyphens to undo
    pieces: list[str] = []
    previous = ""
    known = _CJK_CACHE.get
    for line in texts:
        if previous:
            last = previous[-1]
            if last in "-\u00ad" and _hyphen_end(previous) and line[0].islower():
                pieces[-1] = pieces[-1][:-1]
            else:
                left = known(last)
                if left is None:
                    left = is_cjk(last)
                if not left:
                    first = line[0]
                    right = known(first)
                    if right is None:
                        right = is_cjk(first)
                    if not right:
                        pieces.append(" ")
        pieces.append(line)
        previous = line
    return "".join(pieces)


def _is_digit(char: str) -> bool:
    return char.isdigit() and char.isascii()


def _ocr_space(left: str, right: str) -> bool:
    """Whether an ASCII space between ``left`` and ``right`` is an OCR artefact in CJK text."""
    left_cjk, right_cjk = is_cjk(left), is_cjk(right)
    if left_cjk and (right_cjk or _is_digit(right)):
        return True
    if right_cjk and (_is_digit(left) or left in "%.)"):
        return True
    return False


#: Space runs that may change: any run of two or more (it collapses to one), and a single space beside a
#: CJK character (it may be an OCR artefact). A single space between two non-CJK characters always stays.
#: Every alternative opens with the space itself, so the regex engine skips ahead to spaces.
_SPACE_RUN = re.compile(" (?:(?<=" + _CJK_CLASS.pattern + " ) *| *(?=" + _CJK_CLASS.pattern + ")| +)")


_SPACES = re.compile("  +")


def remove_ocr_spaces(text: str) -> str:
    """Drop ASCII spaces that OCR put between CJK characters and inside numbers in CJK text.

    ``11月 29日`` → ``11月29日``, ``资 3.7 亿元`` → ``资3.7亿元``. Spaces between Latin words stay, and so
    does the ideographic space U+3000, which transcribers use on purpose. A run of spaces that stays
    becomes one space.
    """
    if " " not in text:
        return text
    if text.isascii():  # no CJK character (they are all outside ASCII): only runs of spaces change
        return text if "  " not in text else _SPACES.sub(" ", text)
    length = len(text)

    def replace(match: re.Match[str]) -> str:
        start, end = match.span()
        if start and end < length and _ocr_space(text[start - 1], text[end]):
            return ""
        return " "

    return _SPACE_RUN.sub(replace, text)


#: A word broken at a line end that OCR kept inside one row ("com- puters"): a lower-case letter, a hyphen and
#: a space before lower-case letters. A real hyphen has no space after it (twenty-five, Jean-Paul), and a
#: suspended one goes before a conjunction ("pre- and post-war"), so both stay.
_BROKEN_WORD = re.compile(r"(?<=[a-z])- (?=[a-z]{2})(?!(?:and|or|nor|to|und|et|ou)\b)")


def clean_paragraph(lines: Iterable[str], dateline: str | None = None) -> str:
    """Return the cleaned text of one paragraph made of ``lines``.

    A ``dateline`` at the head of the paragraph keeps the space printed after it (``本报讯 11月29日``).
    """
    joined = map_glyphs(join_wrapped(list(lines)))
    if "- " in joined:
        joined = _BROKEN_WORD.sub("", joined)
    if dateline and joined.startswith(dateline):
        rest = joined[len(dateline) :]
        gap = " " if rest[:1] == " " else ""
        return dateline + gap + remove_ocr_spaces(rest.strip())
    return remove_ocr_spaces(joined)


def clean_title(lines: Sequence[str], separator: str = "") -> str:
    """Return a title printed over ``lines``, joined with ``separator``; spaces inside a line are kept.

    Headlines use spaces on purpose (``谈认识 话感悟 定信心``), so only runs of whitespace are collapsed.
    """
    parts = [" ".join(line.split()) for line in lines if line.strip()]
    if separator == "":
        return map_glyphs(join_wrapped(parts))
    return map_glyphs(separator.join(parts))
