"""Lexical overlap by character bigrams: how much of a title or lead is echoed by an article's text."""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["bigrams", "coverage"]

_NOT_WORD = re.compile(r"[\W_]+")


def bigrams(texts: Iterable[str]) -> set[str]:
    """Return the set of character bigrams of the letters and digits in ``texts`` (case-folded)."""
    letters = _NOT_WORD.sub("", "".join(texts).casefold())
    return {letters[i : i + 2] for i in range(len(letters) - 1)}


def coverage(probe: set[str], target: set[str]) -> float:
    """The share of ``probe``'s bigrams that also occur in ``target`` (0 when ``probe`` is empty)."""
    if not probe:
        return 0.0
    return len(probe & target) / len(probe)
