"""Patterns anchored at a line's end are searched in its tail only: they must not span more than it."""

from __future__ import annotations

import re

from reader.analysis import roles, tails


def _widest(pattern: re.Pattern[str]) -> int:
    return int(re._parser.parse(pattern.pattern).getwidth()[1])  # type: ignore[attr-defined]


def test_the_tail_patterns_fit_their_tails() -> None:
    # the widest match and the newline that ``$`` may stand before
    assert _widest(roles._BROKEN_SENTENCE) + 1 <= roles.BROKEN_SENTENCE_TAIL
    assert _widest(tails._OPEN_END) + 1 <= tails.OPEN_END_TAIL


def test_searching_the_tail_finds_what_a_full_search_finds() -> None:
    lines = [
        "the",
        "of the",
        "It was decided by the",
        "information about the com-",
        "Members said they would",
        "A long line about the government’s",
        "A long line about the government's\n",
        "Headline about nothing",
        "they should\n",
        "which",
    ]
    full = re.compile(roles._BROKEN_SENTENCE.pattern + r"|\s[a-z]+['’]s$")
    for text in lines:
        assert roles._broken_sentence(text) is (full.search(text) is not None), text
        tail = tails._OPEN_END.search(text, len(text) - tails.OPEN_END_TAIL)
        assert (tail is None) is (tails._OPEN_END.search(text) is None), text
