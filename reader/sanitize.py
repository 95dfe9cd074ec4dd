"""One sanitizer for every piece of text that will be displayed or exported.

Text from files is untrusted: a page must never be able to drive the user's terminal. We remove terminal
escape sequences (CSI, OSC such as OSC 52 clipboard writes, DCS/APC/PM/SOS strings and lone ESC), the other C0
controls except newline and tab, the C1 controls, bidirectional overrides, isolates and marks, lone
surrogates, and the invisible format characters that hide or disguise text: zero-width space, word joiner,
soft hyphen, the byte-order mark U+FEFF, invisible operators, interlinear annotation marks and tag characters.
Line and paragraph separators (U+2028/2029) become spaces: a line of a page stays one line on screen.

Kept on purpose: ZWJ and ZWNJ (U+200D/200C; Indic, Arabic and Persian text and emoji sequences need them),
visible format characters that a script prints (Arabic number signs U+0600–0605 …), and private-use
characters, which transcribers use for glyphs they could not encode. Markup characters such as ``[`` are left
alone: they are literal text, and the display layer must never parse them.
"""

from __future__ import annotations

import re

# ESC-introduced sequences: CSI (ESC [ … final), OSC/DCS/APC/PM/SOS strings (ended by BEL or ST) and
# two-character escapes. Their 8-bit C1 forms (U+009B CSI, U+009D OSC …) are handled the same way.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?                 # CSI … final byte
    | (?:\x1b[\]P_^X]|[\x9d\x90\x9f\x9e\x98])          # OSC, DCS, APC, PM, SOS …
      [^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?           # … up to BEL or ST (or the end)
    | \x1b[ -/]*[0-~]?                                 # any other escape
    """,
    re.VERBOSE,
)
#: C0 except \t and \n, DEL, C1, lone surrogates, bidi embeddings/overrides/isolates/marks, and invisible
#: format characters: soft hyphen, Mongolian vowel separator, zero-width space, word joiner and invisible
#: operators, deprecated format controls, BOM, interlinear annotation, shorthand and musical format
#: controls, language tag and tag characters.
_UNSAFE_BMP = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff"
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\u00ad\u180e\u200b\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb"
)
_UNSAFE_ASTRAL = "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
UNSAFE_CHARACTERS = _UNSAFE_BMP + _UNSAFE_ASTRAL
_UNSAFE_CHARACTERS = re.compile(f"[{UNSAFE_CHARACTERS}]")
_SEPARATORS = re.compile("[\u2028\u2029]")
#: Every escape sequence starts with ESC or a C1 control, both unsafe characters: text without any of these
#: characters or separators has nothing to remove.
_ANY_UNSAFE = re.compile(f"[{UNSAFE_CHARACTERS}\u2028\u2029]")
#: The same test in two cheaper parts: a class that mixes BMP characters with astral ranges checks each
#: character against every range (on a Chinese page's JSON about 3x slower than these two searches).
_ANY_UNSAFE_BMP = re.compile(f"[{_UNSAFE_BMP}\u2028\u2029]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_ANY_UNSAFE_ASTRAL = re.compile(f"[{_UNSAFE_ASTRAL}]")


def _holds_unsafe(text: str) -> bool:
    """Whether ``text`` holds an unsafe character or a line or paragraph separator."""
    if _ANY_UNSAFE_BMP.search(text) is not None:
        return True
    return _ASTRAL.search(text) is not None and _ANY_UNSAFE_ASTRAL.search(text) is not None


def sanitize(text: str) -> str:
    """Return ``text`` without anything that could control a terminal.

    Carriage returns are dropped too (line ends are normalised at ingest), so a file cannot overwrite what
    was already drawn on a line.

    Args:
        text: untrusted text from a page, a metadata file or a note.

    Returns:
        The same text minus escape sequences and unsafe control, bidi or invisible format characters.
    """
    if text.isprintable() or not _holds_unsafe(text):  # tabs and newlines alone are not unprintable
        return text
    return _SEPARATORS.sub(" ", _UNSAFE_CHARACTERS.sub("", _ESCAPE_SEQUENCE.sub("", text)))


_JSON_UNSAFE = _ANY_UNSAFE


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code > 0xFFFF:  # JSON spells astral characters as a surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def has_unsafe(text: str) -> bool:
    """Whether ``text`` holds a character :func:`sanitize` drops (and :func:`escape_json_text` escapes); every
    one of them is unprintable, so printable text is answered without a scan."""
    return not text.isprintable() and _holds_unsafe(text)


def escape_json_text(document: str) -> str:
    """Escape, in a JSON document, every character :func:`sanitize` would drop (bidi overrides, BOM …).

    The data is unchanged (``json.loads`` gives the same strings back), but a terminal or pager showing the
    document never receives a raw override. Use it on JSON written with ``ensure_ascii=False``.
    """
    return _JSON_UNSAFE.sub(_json_escape, document)
