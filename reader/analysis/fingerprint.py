"""Stable article fingerprints: same cleaned text, same fingerprint.

The notes store reuses :func:`article_fingerprint` to find an article again after a better segmentation.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["article_fingerprint", "normalize_for_fingerprint"]

_NOT_WORD = re.compile(r"[\W_]+")
#: Full-width ASCII forms and the ideographic space. NFKC maps each to one ASCII character; mapping them
#: first gives the same NFKC result (NFKC composes the full decomposition, and these decompose to one
#: ASCII character each), but leaves most CJK text already normalized, which ``normalize`` then returns
#: after a quick check instead of decomposing and recomposing every character.
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")


def _half_width(match: re.Match[str]) -> str:
    char = match.group()
    return " " if char == "\u3000" else chr(ord(char) - 0xFEE0)


def normalize_for_fingerprint(text: str) -> str:
    """Return ``text`` reduced to what identifies it: NFKC, case-folded, letters and digits only.

    Spacing, punctuation and line breaks are dropped so that a re-cleaned or re-wrapped text keeps its id.
    """
    folded = unicodedata.normalize("NFKC", _FULL_WIDTH.sub(_half_width, text)).casefold()
    return _NOT_WORD.sub("", folded)


def article_fingerprint(text: str) -> str:
    """Return the hex SHA-1 of the normalized ``text`` (40 hex digits)."""
    return hashlib.sha1(normalize_for_fingerprint(text).encode("utf-8")).hexdigest()
