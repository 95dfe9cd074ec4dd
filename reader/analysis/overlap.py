"""Lexical overlap by character bigrams: how much of a title or lead is echoed by an article's text."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["bigrams", "coverage"]


def bigrams(texts: Iterable[str]) -> set[str]:
    """Return the set of character bigrams of the letters and digits in ``texts`` (case-folded)."""
    grams: set[str] = set()
    for text in texts:
        chars = [char for char in text.casefold() if char.isalnum()]
        grams.update(a + b for a, b in zip(chars, chars[1:], strict=False))
    return grams


def coverage(probe: set[str], target: set[str]) -> float:
    """The share of ``probe``'s bigrams that also occur in ``target`` (0 when ``probe`` is empty)."""
    if not probe:
        return 0.0
    return len(probe & target) / len(probe)
