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

import heapq
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

__all__ = ["COMMON_AFTER", "EXACT_UP_TO", "SHORTLIST", "GramIndex"]

EXACT_UP_TO = 64
"""With at most this many candidate articles every pair is scored (exact, and cheap at this size)."""

COMMON_AFTER = 32
"""A bigram found in more articles than this is too common to point at one: it is not indexed."""

SHORTLIST = 8
"""How many articles, those sharing the most indexed bigrams, are scored exactly for each probe."""


class GramIndex:
    """For each probe (a title or lead), the targets (articles) sharing its rarer bigrams, and how many.

    Built in one pass over the targets: each target's bigrams are intersected (in C) with the probes'
    rarer bigrams, and only the shared ones are counted in Python, at most :data:`COMMON_AFTER` targets per
    bigram, so the work is bounded by the probes' size times that constant plus set operations over the page.
    """

    def __init__(self, probes: Sequence[set[int]], targets: Iterable[set[int]]) -> None:
        wanted: set[int] = set().union(*probes) if probes else set()
        frequency: Counter[int] = Counter()
        # One pass over the targets (they may be computed on the fly and dropped): only what they share
        # with the probes is kept.
        overlaps = []
        for grams in targets:
            shared = grams & wanted
            frequency.update(shared)
            overlaps.append(shared)
        rare = {gram for gram, holders in frequency.items() if holders <= COMMON_AFTER}
        probes_of: dict[int, list[int]] = {}
        for position, grams in enumerate(probes):
            for gram in grams & rare:
                probes_of.setdefault(gram, []).append(position)
        self._shared: list[dict[int, int]] = [{} for _ in probes]
        for target, shared in enumerate(overlaps):
            for gram in shared & rare:
                for position in probes_of[gram]:
                    counts = self._shared[position]
                    counts[target] = counts.get(target, 0) + 1

    def shortlist(self, probe: int, eligible: Callable[[int], bool] | None = None) -> list[int]:
        """The targets sharing the most rare bigrams with probe number ``probe`` (at most :data:`SHORTLIST`),
        in target order; ``eligible``, when given, leaves out the targets for which it is false."""
        counts = self._shared[probe]
        targets = [target for target in counts if eligible is None or eligible(target)]
        if len(targets) > SHORTLIST:
            targets = heapq.nsmallest(SHORTLIST, targets, key=lambda target: (-counts[target], target))
        return sorted(targets)
