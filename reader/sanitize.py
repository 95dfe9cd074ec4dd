"""One sanitizer for every piece of text that will be displayed or exported.

Text from files is untrusted: a page must never be able to drive the user's terminal. We remove terminal
escape sequences (CSI, OSC such as OSC 52 clipboard writes, DCS/APC/PM/SOS strings and lone ESC), the other C0
controls except newline and tab, the C1 controls, bidirectional overrides and isolates, and lone surrogates.
Markup characters such as ``[`` are left alone: they are literal text, and the display layer must never parse
them.
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
# C0 except \t and \n, DEL, C1, bidi embeddings/overrides/isolates, lone surrogates.
_UNSAFE_CHARACTERS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ud800-\udfff]"
)


def sanitize(text: str) -> str:
    """Return ``text`` without anything that could control a terminal.

    Carriage returns are dropped too (line ends are normalised at ingest), so a file cannot overwrite what
    was already drawn on a line.

    Args:
        text: untrusted text from a page, a metadata file or a note.

    Returns:
        The same text minus escape sequences and unsafe control or bidi characters.
    """
    if text.isprintable():
        return text
    return _UNSAFE_CHARACTERS.sub("", _ESCAPE_SEQUENCE.sub("", text))
