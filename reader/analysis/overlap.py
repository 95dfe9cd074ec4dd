"""Lexical overlap by character bigrams: how much of a title or lead is echoed by an article's text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from reader.analysis.fingerprint import plain_unfolded_letters

__all__ = ["bigram_codes", "bigrams", "content_words", "coverage", "letter_codes"]

_CONTENT_WORD = re.compile(r"[A-Za-z]{4,}")
#: Little words of four letters or more, which any two English texts share.
_LITTLE_WORDS = frozenset(
    "that this with from have were they their there them then than what when where which while would could "
    "should said says about after before into over under also been being more most some such only other these "
    "those will your just very much many even because does like".split()
)


def content_words(texts: Iterable[str]) -> set[str]:
    """The words of four letters or more of Latin text, lower-cased, without the little words of prose: what two
    English texts share when they are about the same thing."""
    return {word.lower() for word in _CONTENT_WORD.findall(" ".join(texts))} - _LITTLE_WORDS


_NOT_WORD = re.compile(r"[\W_]+")
#: ASCII characters that are not letters or digits: ``bytes.translate`` deletes them at C speed.
_ASCII_NOT_ALNUM = bytes(code for code in range(128) if not chr(code).isalnum())


def bigrams(texts: Iterable[str]) -> set[str]:
    """Return the set of character bigrams of the letters and digits in ``texts`` (case-folded)."""
    letters = _NOT_WORD.sub("", "".join(texts).casefold())
    return {letters[i : i + 2] for i in range(len(letters) - 1)}


def bigram_codes(texts: Iterable[str]) -> set[int]:
    """The bigrams of :func:`bigrams`, each coded as one integer (two UTF-32 code units): cheaper to build.

    The coding is one-to-one, so sizes and overlaps of code sets equal those of the bigram sets.
    """
    joined = "".join(texts)
    if joined.isascii():  # case-folding is lowering, and the ASCII non-alphanumerics are what [\W_] drops
        return letter_codes(joined.encode("ascii").lower().translate(None, _ASCII_NOT_ALNUM).decode("ascii"))
    letters = plain_unfolded_letters(joined)  # most Chinese text: nothing to fold, the letters kept in one pass
    return letter_codes(_NOT_WORD.sub("", joined.casefold()) if letters is None else letters)


def letter_codes(letters: str) -> set[int]:
    """:func:`bigram_codes` of text already reduced to its case-folded letters and digits."""
    if len(letters) < 2:
        return set()
    data = letters.encode("utf-32-le")
    even = len(data) // 8 * 8  # pairs (0, 1), (2, 3) …
    odd = (len(data) - 4) // 8 * 8  # pairs (1, 2), (3, 4) …
    codes = set(memoryview(data[:even]).cast("Q"))
    codes.update(memoryview(data[4 : 4 + odd]).cast("Q"))
    return codes


def coverage(probe: set[str] | set[int], target: set[str] | set[int]) -> float:
    """The share of ``probe``'s bigrams that also occur in ``target`` (0 when ``probe`` is empty)."""
    if not probe:
        return 0.0
    return len(probe & target) / len(probe)
