"""Stable article fingerprints: same cleaned text, same fingerprint.

The notes store reuses :func:`article_fingerprint` to find an article again after a better segmentation.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["article_fingerprint", "normalize_for_fingerprint"]

_NOT_WORD = re.compile(r"[\W_]+")
#: Full-width punctuation, the ideographic space and the dot leaders (‥ …). NFKC maps each to ASCII
#: punctuation or a space, which the final step drops; a space in its place gives the same result (neither ASCII punctuation nor a space
#: composes with a neighbour or moves in canonical order) and leaves most CJK text already normalized, so
#: that ``normalize`` returns it after a quick check instead of decomposing and recomposing every character.
_FULL_WIDTH_PUNCT = re.compile("[\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff5e\u3000\u2024-\u2026]+")
#: Full-width letters and digits, mapped to ASCII as NFKC would (each decomposes to one ASCII character).
_FULL_WIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def _half_width(match: re.Match[str]) -> str:
    return chr(ord(match.group()) - 0xFEE0)


#: Punctuation and symbols common in OCR text whose NFKC form holds no letter or digit: dropped either way.
_PLAIN_PUNCT = "".join(
    char
    for char in "、。“”‘’《》〈〉「」『』【】〔〕—–―…‥⋯·・•«»„£©®°§¡¿"
    if not char.isalnum() and not _NOT_WORD.sub("", unicodedata.normalize("NFKC", char))
)
_WORD = re.compile(r"\w+")


def _stable_blocks(blocks: tuple[tuple[int, int], ...], letters: bool) -> str:
    """A character class of those ``blocks`` that NFKC and case-folding leave alone, all letters or none.

    Each block is checked whole, at import: a Unicode version where one differs only narrows the fast path.
    """
    ranges = []
    for first, last in blocks:
        chars = "".join(map(chr, range(first, last + 1)))
        if not unicodedata.is_normalized("NFKC", chars) or chars.casefold() != chars:
            continue
        if (_WORD.fullmatch(chars) if letters else _NOT_WORD.fullmatch(chars)) is not None:
            ranges.append(f"{chr(first)}-{chr(last)}")
    return "".join(ranges)


#: Ideographs (CJK extension A, the unified block, 々〆〇): letters that NFKC and case-folding leave alone.
_IDEOGRAPHS = _stable_blocks(((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x3005, 0x3007)), letters=True)
#: Geometric shapes (◘ ▲ ●), miscellaneous symbols (★) and the private use area (glyphs OCR could not name):
#: symbols that NFKC leaves alone, dropped either way.
_SYMBOLS = _stable_blocks(((0x25A0, 0x25FF), (0x2600, 0x26FF), (0xE000, 0xF8FF)), letters=False)
#: Text made only of printable ASCII, ideographs, full-width forms, :data:`_PLAIN_PUNCT` and :data:`_SYMBOLS`:
#: NFKC changes only the full-width forms and the dot leaders, and nothing in it composes, so letters and
#: digits can be kept directly.
_PLAIN = re.compile(f"[\\n\\x20-\\x7e\\uff01-\\uff5e\\u3000{_IDEOGRAPHS}{_SYMBOLS}{re.escape(_PLAIN_PUNCT)}]*")
#: Plain text with nothing to fold: :data:`_PLAIN` without the characters of :data:`_FOLDED` (ASCII capitals,
#: full-width letters and digits). One scan tells most Chinese text, instead of one for each pattern.
_PLAIN_UNFOLDED = re.compile(
    "[\\n\\x20-\\x40\\x5b-\\x7e\\uff01-\\uff0f\\uff1a-\\uff20\\uff3b-\\uff40\\uff5b-\\uff5e\\u3000"
    f"{_IDEOGRAPHS}{_SYMBOLS}{re.escape(_PLAIN_PUNCT)}]*"
)
_PLAIN_WORDS = re.compile(f"[0-9a-z{_IDEOGRAPHS}]+")
_NOT_PLAIN_WORDS = re.compile(f"[^0-9a-z{_IDEOGRAPHS}]+")
#: What folding changes in plain text: ASCII capitals and full-width letters and digits.
_FOLDED = re.compile("[A-Z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


#: ASCII characters that are not letters or digits: ``bytes.translate`` deletes them at C speed.
_ASCII_NOT_ALNUM = bytes(code for code in range(128) if not chr(code).isalnum())


def _without_ascii_punctuation(text: str) -> str:
    """``text`` without its ASCII non-alphanumerics (``_`` too); other characters stay, in order.

    UTF-8 keeps every ASCII character a byte of its own and puts none inside a longer sequence, so deleting
    those bytes deletes exactly those characters. The regex that removes what is left then has little to do.
    """
    return text.encode("utf-8").translate(None, _ASCII_NOT_ALNUM).decode("utf-8")


def _mostly_ascii(text: str) -> bool:
    """Whether the opening of ``text`` is mostly ASCII (English text with a few quotes or accents)."""
    head = text[:200]
    return len(head.encode("utf-8")) < 1.25 * len(head)


def plain_unfolded_letters(text: str) -> str | None:
    """The letters and digits of a plain ``text`` with nothing to fold (most Chinese text), or None for others.

    Such text is its own NFKC form and case-folding, and its letters and digits are ASCII lower-case letters,
    digits and ideographs: this is both ``normalize_for_fingerprint(text)`` and the case-folded text without
    ``[\\W_]``.
    """
    return "".join(_PLAIN_WORDS.findall(text)) if _PLAIN_UNFOLDED.fullmatch(text) else None


def normalize_for_fingerprint(text: str) -> str:
    """Return ``text`` reduced to what identifies it: NFKC, case-folded, letters and digits only.

    Spacing, punctuation and line breaks are dropped so that a re-cleaned or re-wrapped text keeps its id.
    """
    if text.isascii():  # NFKC changes nothing, case-folding is lowering, and only [0-9a-z] stay
        return text.encode("ascii").lower().translate(None, _ASCII_NOT_ALNUM).decode("ascii")
    letters = plain_unfolded_letters(text)
    if letters is not None:
        return letters
    if _PLAIN.fullmatch(text):  # plain, with capitals or full-width letters and digits to fold
        data = text.encode("utf-8")
        # full-width letters and digits (U+FF10 to U+FF5A) are encoded from EF BC or EF BD: a search of the bytes
        # for those pairs is cheaper than the pattern's scan of the text, which most English text does not need
        if (b"\xef\xbc" in data or b"\xef\xbd" in data) and _FULL_WIDTH_ALNUM.search(text):
            text = _FULL_WIDTH_ALNUM.sub(_half_width, text)
            data = text.encode("utf-8")
        # case-folding only lowers ASCII letters here: bytes.lower() does that on UTF-8 at C speed
        if _mostly_ascii(text):
            kept = data.lower().translate(None, _ASCII_NOT_ALNUM).decode("utf-8")
            return "".join(_PLAIN_WORDS.findall(kept))  # a few long runs: cheaper than deleting what is between
        return "".join(_PLAIN_WORDS.findall(data.lower().decode("utf-8")))
    text = _FULL_WIDTH_PUNCT.sub(" ", text)
    if _FULL_WIDTH_ALNUM.search(text):
        text = _FULL_WIDTH_ALNUM.sub(_half_width, text)
    folded = unicodedata.normalize("NFKC", text).casefold()
    if _mostly_ascii(folded):
        folded = _without_ascii_punctuation(folded)
    return _NOT_WORD.sub("", folded)


def article_fingerprint(text: str) -> str:
    """Return the hex SHA-1 of the normalized ``text`` (40 hex digits)."""
    return hashlib.sha1(normalize_for_fingerprint(text).encode("utf-8")).hexdigest()
