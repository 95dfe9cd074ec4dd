"""Scores of one analysed page against line-numbered truth, summed per corpus set.

:func:`score_page` is the one place where a page's articles meet its truth; any source of truth that can be
written as the corpus format (``articles`` with ``source_lines``, ``headline_lines``, ``byline_lines`` and
optional ``paragraph_starts``, plus ``other_lines``) is scored the same way. Besides the headline measures
it counts every miss by category (split and merged articles, furniture swallowed, article text hidden as
another kind, titles and bylines by the way they are wrong), so that a change can be judged by what it fixed.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from reader.analysis.clean import map_glyphs
from reader.model import Article, Page

__all__ = ["MISS_CATEGORIES", "SetScore", "letters", "score_page"]

#: Every miss category, in the order the breakdown prints them, with what it counts.
MISS_CATEGORIES: dict[str, str] = {
    "split": "true articles spread over two or more predicted articles",
    "split_pieces": "extra predicted pieces of split articles",
    "merged": "predicted articles holding lines of two or more true articles",
    "furniture_swallowed": "predicted articles holding true article lines and lines the truth keeps out",
    "furniture_lines_swallowed": "lines outside any true article inside those predicted articles",
    "furniture_as_article": "predicted articles made only of lines outside any true article",
    "kind_miss_lines": "true article lines predicted as advert, notice, caption or other",
    "title_missing": "true title, none predicted",
    "title_spurious": "no true title, one predicted",
    "title_partial": "predicted title is part of the true title block (deck or kicker lost)",
    "title_overlong": "predicted title holds the true title and more (text or furniture)",
    "title_wrong": "predicted title differs otherwise",
    "byline_missing": "true byline, none predicted",
    "byline_spurious": "byline predicted on an article that has none",
    "byline_partial": "predicted byline is part of the true byline (staff line lost)",
    "byline_overlong": "predicted byline holds the true byline and more",
    "byline_wrong": "predicted byline differs otherwise",
}
#: Examples kept per category (for ``--misses``); the counts are always complete.
EXAMPLES_PER_CATEGORY = 60


def letters(text: str) -> str:
    """Letters and digits only, case- and width-folded, with OCR glyph variants mapped: what titles compare."""
    folded = map_glyphs(unicodedata.normalize("NFKC", text)).casefold()
    return "".join(char for char in folded if char.isalnum())


@dataclass
class SetScore:
    """Counts for one corpus set; the ratios are properties so that sets can be summed."""

    name: str
    pages: int = 0
    skipped: int = 0
    truth_articles: int = 0
    predicted_articles: int = 0
    bcubed_precision_sum: float = 0.0
    bcubed_recall_sum: float = 0.0
    bcubed_lines: int = 0
    kind_miss_lines: int = 0
    titles_right: int = 0
    bylines_predicted: int = 0
    bylines_predicted_right: int = 0
    bylines_truth: int = 0
    bylines_truth_found: int = 0
    starts_truth: int = 0
    starts_predicted: int = 0
    starts_right: int = 0
    cer_errors: int = 0
    cer_chars: int = 0
    exact_articles: int = 0
    expected_articles: int = 0
    misses: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    @staticmethod
    def _f1(precision: float, recall: float) -> float:
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    @property
    def bcubed_precision(self) -> float:
        """B³ precision over true article lines; a predicted cluster counts every line the truth knows."""
        return self.bcubed_precision_sum / self.bcubed_lines if self.bcubed_lines else 1.0

    @property
    def bcubed_recall(self) -> float:
        return self.bcubed_recall_sum / self.bcubed_lines if self.bcubed_lines else 1.0

    @property
    def bcubed_f1(self) -> float:
        return self._f1(self.bcubed_precision, self.bcubed_recall)

    @property
    def kind_miss(self) -> float:
        """Share of true article lines shown as advert, notice, caption or other (folded away from readers)."""
        return self.kind_miss_lines / self.bcubed_lines if self.bcubed_lines else 0.0

    @property
    def title_accuracy(self) -> float:
        return self.titles_right / self.truth_articles if self.truth_articles else 1.0

    @property
    def byline_precision(self) -> float:
        return self.bylines_predicted_right / self.bylines_predicted if self.bylines_predicted else 1.0

    @property
    def byline_recall(self) -> float:
        return self.bylines_truth_found / self.bylines_truth if self.bylines_truth else 1.0

    @property
    def byline_f1(self) -> float:
        return self._f1(self.byline_precision, self.byline_recall)

    @property
    def paragraph_f1(self) -> float | None:
        if not self.starts_truth:
            return None
        precision = self.starts_right / self.starts_predicted if self.starts_predicted else 0.0
        return self._f1(precision, self.starts_right / self.starts_truth)

    @property
    def cer(self) -> float | None:
        return self.cer_errors / self.cer_chars if self.cer_chars else None

    @property
    def title_misses(self) -> list[str]:
        """Examples of title misses, every category together."""
        return [e for name in MISS_CATEGORIES if name.startswith("title_") for e in self.examples.get(name, [])]

    @property
    def byline_misses(self) -> list[str]:
        """Examples of byline misses, every category together."""
        return [e for name in MISS_CATEGORIES if name.startswith("byline_") for e in self.examples.get(name, [])]

    def miss(self, category: str, example: str | None = None, count: int = 1) -> None:
        """Count ``count`` misses of ``category`` and keep ``example`` while there is room."""
        self.misses[category] += count
        if example is not None:
            kept = self.examples.setdefault(category, [])
            if len(kept) < EXAMPLES_PER_CATEGORY:
                kept.append(example)


def _best_match(lines: Iterable[int], owner: dict[int, int]) -> int | None:
    counts: dict[int, int] = {}
    for number in lines:
        if number in owner:
            counts[owner[number]] = counts.get(owner[number], 0) + 1
    return max(counts, key=lambda k: (counts[k], -k)) if counts else None


def title_text(article: Article) -> str:
    """Kicker, headline and subheadline as one string: the title block the truth compares with."""
    return "".join(part or "" for part in (article.kicker, article.headline, article.subheadline))


def _compare(score: SetScore, prefix: str, want: str, got: str, where: str, shown: str) -> bool:
    """Count a title or byline comparison under its miss category; True when right."""
    if want == got:
        return True
    if not got:
        category = "missing"
    elif not want:
        category = "spurious"
    elif got in want:
        category = "partial"
    elif want in got:
        category = "overlong"
    else:
        category = "wrong"
    score.miss(f"{prefix}_{category}", f"{where}: want {want[:40]!r} got {shown[:60]!r}")
    return False


def _score_membership(
    score: SetScore, page: Page, articles: tuple[Article, ...], truth_articles: list[dict], other: set[int]
) -> None:
    """B³ over true article lines (clusters hold every line the truth knows), kind misses, splits, merges."""
    truth_owner = {n: i for i, article in enumerate(truth_articles) for n in article["source_lines"]}
    pred_owner = {n: i for i, article in enumerate(articles) for n in article.source_lines}
    known: dict[int, set[int]] = {}  # predicted article -> the lines of it that the truth knows
    for number, owner in pred_owner.items():
        if number in truth_owner or number in other:
            known.setdefault(owner, set()).add(number)
    for article in truth_articles:
        members = set(article["source_lines"])
        pieces: set[int] = set()
        for number in members:
            owner = pred_owner.get(number, -1)
            cluster = known.get(owner, {number})
            common = len(cluster & members)
            score.bcubed_precision_sum += common / len(cluster)
            score.bcubed_recall_sum += common / len(members)
            score.bcubed_lines += 1
            if owner >= 0:
                pieces.add(owner)
                if articles[owner].kind != "article":
                    score.kind_miss_lines += 1
                    score.miss("kind_miss_lines", f"{page.source}:{number}: shown as {articles[owner].kind}")
        if len(pieces) > 1:
            first = min(members, default=0)
            score.miss("split", f"{page.source}:{first}: in {len(pieces)} predicted articles")
            score.miss("split_pieces", count=len(pieces) - 1)
    for index, article in enumerate(articles):
        if article.kind != "article":
            continue
        lines = known.get(index, set())
        owners = {truth_owner[n] for n in lines if n in truth_owner}
        first = min(article.source_lines, default=0)
        if len(owners) > 1:
            score.miss("merged", f"{page.source}:{first}: holds {len(owners)} true articles")
        swallowed = len(lines & other)
        if swallowed and not owners:
            score.miss("furniture_as_article", f"{page.source}:{first}: {swallowed} furniture lines")
        elif swallowed:
            score.miss("furniture_swallowed", f"{page.source}:{first}: {swallowed} furniture lines")
            score.miss("furniture_lines_swallowed", count=swallowed)


def score_page(
    score: SetScore, page: Page, articles: tuple[Article, ...], truth: dict, expected: dict | None = None
) -> None:
    """Add the scores of one analysed page to ``score``.

    Args:
        score: the set's running counts.
        page: the page as read (its line texts give the true titles and bylines).
        articles: what the analysis made of the page.
        truth: the page's truth in the corpus format.
        expected: the seed's ``expected.json`` (cleaned text per article), when there is one.
    """
    text_of = {line.number: line.text for line in page.lines}
    truth_articles = truth.get("articles", [])
    truth_owner = {n: i for i, article in enumerate(truth_articles) for n in article["source_lines"]}
    pred_owner = {n: i for i, article in enumerate(articles) for n in article.source_lines}
    score.pages += 1
    score.truth_articles += len(truth_articles)
    score.predicted_articles += sum(1 for a in articles if a.kind == "article")
    _score_membership(score, page, articles, truth_articles, set(truth.get("other_lines", [])))
    # titles and bylines of the best-matching predicted article
    for article in truth_articles:
        match = _best_match(article["source_lines"], pred_owner)
        predicted = articles[match] if match is not None else None
        where = f"{page.source}:{min(article['source_lines'], default=0)}"
        want_title = letters("".join(text_of.get(n, "") for n in article["headline_lines"]))
        shown = title_text(predicted) if predicted else ""
        if _compare(score, "title", want_title, letters(shown), where, shown):
            score.titles_right += 1
        want_byline = letters("".join(text_of.get(n, "") for n in article["byline_lines"]))
        if want_byline:
            score.bylines_truth += 1
            got = predicted.byline or "" if predicted else ""
            if _compare(score, "byline", want_byline, letters(got), where, got):
                score.bylines_truth_found += 1
        if "paragraph_starts" in article:
            members = set(article["source_lines"])
            want_starts = set(article["paragraph_starts"])
            got_starts = {n for a in articles for n in a.paragraph_starts if n in members}
            score.starts_truth += len(want_starts)
            score.starts_predicted += len(got_starts)
            score.starts_right += len(want_starts & got_starts)
    for article in articles:
        if not article.byline:
            continue
        score.bylines_predicted += 1
        match = _best_match(article.source_lines, truth_owner)
        if match is None:
            continue
        want = letters("".join(text_of.get(n, "") for n in truth_articles[match]["byline_lines"]))
        if want and want == letters(article.byline):
            score.bylines_predicted_right += 1
        elif not want:
            where = f"{page.source}:{min(article.byline_lines, default=0)}"
            score.miss("byline_spurious", f"{where}: want '' got {article.byline[:60]!r}")
    if expected:
        _score_expected(score, articles, pred_owner, expected)


def _edit_distance(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def _score_expected(score: SetScore, articles: tuple[Article, ...], pred_owner: dict[int, int], expected: dict) -> None:
    fields = ("kicker", "headline", "subheadline", "byline", "dateline")
    for want in expected.get("articles", []):
        score.expected_articles += 1
        match = _best_match(want.get("source_lines", []), pred_owner)
        got = articles[match] if match is not None else None
        want_text = "\n".join(want.get("paragraphs", []))
        got_text = "\n".join(got.paragraphs) if got else ""
        score.cer_errors += _edit_distance(want_text, got_text)
        score.cer_chars += len(want_text)
        if got and all(getattr(got, name) == want.get(name) for name in fields):
            if list(got.paragraphs) == want.get("paragraphs") and set(got.source_lines) == set(want["source_lines"]):
                score.exact_articles += 1
