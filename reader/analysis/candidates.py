"""Candidate articles for a displaced title or lead, found through the character bigrams they share.

Scoring every displaced title against every untitled article is quadratic: one 13.8 MB page took 38 s. An
inverted index from bigram to the articles that hold it gives, for each title, the few articles that share
its rarer bigrams; only those are scored exactly. A bigram held by more than :data:`COMMON_AFTER` articles
says little about where a title belongs, so it is left out of the index, which keeps both the index and each
look-up bounded: the cost per character stays flat however long the page.

Pages with few articles (every page of the corpus) keep the exact all-pairs scoring, so their results do
not change; the index only takes over where all pairs would be slow.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

__all__ = ["COMMON_AFTER", "EXACT_UP_TO", "SHORTLIST", "GramIndex"]

EXACT_UP_TO = 64
"""With at most this many candidate articles every pair is scored (exact, and cheap at this size)."""

COMMON_AFTER = 32
"""A bigram found in more articles than this is too common to point at one: it is not indexed."""

SHORTLIST = 8
"""How many articles, those sharing the most indexed bigrams, are scored exactly for each probe."""


class GramIndex:
    """Which targets hold each (not too common) bigram code."""

    def __init__(self, target_grams: Sequence[set[int]]) -> None:
        postings: dict[int, list[int] | None] = {}
        for target, grams in enumerate(target_grams):
            for gram in grams:
                holders = postings.get(gram, [])
                if holders is None:
                    continue  # already known to be common
                if len(holders) >= COMMON_AFTER:
                    postings[gram] = None  # drop the list: common bigrams cost no memory either
                    continue
                if not holders:
                    postings[gram] = holders
                holders.append(target)
        self._postings = postings

    def shortlist(self, probe: set[int], eligible: Callable[[int], bool] | None = None) -> list[int]:
        """The targets sharing the most indexed bigrams with ``probe`` (at most :data:`SHORTLIST`), in index order.

        Args:
            probe: the bigram codes of the title or lead.
            eligible: when given, only targets for which it is true are counted.
        """
        counts: dict[int, int] = {}
        for gram in probe:
            holders = self._postings.get(gram)
            if not holders:
                continue
            for target in holders:
                if eligible is None or eligible(target):
                    counts[target] = counts.get(target, 0) + 1
        if len(counts) <= SHORTLIST:
            return sorted(counts)
        best = sorted(counts, key=lambda target: (-counts[target], target))[:SHORTLIST]
        return sorted(best)
