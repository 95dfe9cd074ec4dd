"""Accuracy of article reconstruction against line-numbered truth (``*.truth.json``).

Measures, per corpus set: B-cubed F1 of article membership over the lines of articles, title-block accuracy,
byline precision/recall/F1, paragraph-boundary F1 where truth has paragraph starts, and, where a
``.expected.json`` exists (the seed), the character error rate of the cleaned text and exact-article counts.
No Textual, no writes: the benchmark script and ``reader eval`` both call :func:`evaluate`.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reader.analysis import analyze_page
from reader.analysis.clean import map_glyphs
from reader.model import Article, Line, Page

__all__ = ["EvaluationReport", "SetScore", "evaluate", "format_report", "load_page", "score_page"]


def load_page(path: Path) -> Page:
    """Read a plain-text page with the ingest module (or a UTF-8 fallback when ingest is unavailable)."""
    try:
        from reader.ingest.text import read_page
    except ImportError:  # pragma: no cover - only before ingest exists
        text = path.read_text(encoding="utf-8-sig")
        lines = tuple(Line(i, t) for i, t in enumerate(text.splitlines(), 1))
        return Page(number=1, source=str(path), lines=lines)
    return read_page(path)


def _letters(text: str) -> str:
    folded = map_glyphs(unicodedata.normalize("NFKC", text)).casefold()
    return "".join(char for char in folded if char.isalnum())


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
    title_misses: list[str] = field(default_factory=list)
    byline_misses: list[str] = field(default_factory=list)

    @staticmethod
    def _f1(precision: float, recall: float) -> float:
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    @property
    def bcubed_precision(self) -> float:
        return self.bcubed_precision_sum / self.bcubed_lines if self.bcubed_lines else 1.0

    @property
    def bcubed_recall(self) -> float:
        return self.bcubed_recall_sum / self.bcubed_lines if self.bcubed_lines else 1.0

    @property
    def bcubed_f1(self) -> float:
        return self._f1(self.bcubed_precision, self.bcubed_recall)

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


@dataclass
class EvaluationReport:
    """Scores per corpus set (``seed``, ``jingbao/dev`` …), in discovery order."""

    corpus: str
    sets: dict[str, SetScore] = field(default_factory=dict)


def _best_match(lines: Iterable[int], owner: dict[int, int]) -> int | None:
    counts: dict[int, int] = {}
    for number in lines:
        if number in owner:
            counts[owner[number]] = counts.get(owner[number], 0) + 1
    return max(counts, key=lambda k: (counts[k], -k)) if counts else None


def _title_text(article: Article) -> str:
    return "".join(part or "" for part in (article.kicker, article.headline, article.subheadline))


def score_page(
    score: SetScore, page: Page, articles: tuple[Article, ...], truth: dict, expected: dict | None = None
) -> None:
    """Add the scores of one analysed page to ``score``."""
    text_of = {line.number: line.text for line in page.lines}
    truth_articles = truth.get("articles", [])
    truth_owner = {n: i for i, article in enumerate(truth_articles) for n in article["source_lines"]}
    pred_owner = {n: i for i, article in enumerate(articles) for n in article.source_lines}
    score.pages += 1
    score.truth_articles += len(truth_articles)
    score.predicted_articles += sum(1 for a in articles if a.kind == "article")
    # B-cubed over the lines of truth articles; unassigned lines count as singletons
    pred_members: dict[int, set[int]] = {}
    for number, owner in pred_owner.items():
        if number in truth_owner:
            pred_members.setdefault(owner, set()).add(number)
    for article in truth_articles:
        members = set(article["source_lines"])
        for number in members:
            cluster = pred_members.get(pred_owner.get(number, -1), {number})
            common = len(cluster & members)
            score.bcubed_precision_sum += common / len(cluster)
            score.bcubed_recall_sum += common / len(members)
            score.bcubed_lines += 1
    # titles and bylines of the best-matching predicted article
    for article in truth_articles:
        match = _best_match(article["source_lines"], pred_owner)
        predicted = articles[match] if match is not None else None
        want_title = _letters("".join(text_of.get(n, "") for n in article["headline_lines"]))
        got_title = _letters(_title_text(predicted)) if predicted else ""
        if want_title == got_title:
            score.titles_right += 1
        elif len(score.title_misses) < 400:
            first = min(article["source_lines"], default=0)
            score.title_misses.append(f"{page.source}:{first}: want {want_title[:30]!r} got {got_title[:30]!r}")
        want_byline = _letters("".join(text_of.get(n, "") for n in article["byline_lines"]))
        if want_byline:
            score.bylines_truth += 1
            if predicted and _letters(predicted.byline or "") == want_byline:
                score.bylines_truth_found += 1
            elif len(score.byline_misses) < 400:
                got = predicted.byline if predicted else None
                score.byline_misses.append(
                    f"{page.source}:{article['byline_lines'][0]}: want {want_byline[:20]!r} got {got!r}"
                )
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
        if match is not None:
            want = _letters("".join(text_of.get(n, "") for n in truth_articles[match]["byline_lines"]))
            if want and want == _letters(article.byline):
                score.bylines_predicted_right += 1
            elif len(score.byline_misses) < 400:
                score.byline_misses.append(f"{page.source}:{article.byline_lines[:1]}: extra byline {article.byline!r}")
    if expected:
        _score_expected(score, articles, pred_owner, expected)


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


def _set_name(truth_path: Path, corpus: Path) -> str:
    relative = truth_path.parent.relative_to(corpus)
    return relative.as_posix() or "."


def evaluate(
    corpus_dir: str | Path,
    analyze: Callable[[Page], tuple[Article, ...]] = analyze_page,
) -> EvaluationReport:
    """Score ``analyze`` against every ``*.truth.json`` under ``corpus_dir``.

    Only plain-text pages are in scope; truth for ALTO or PAGE XML pages is counted as skipped.
    """
    corpus = Path(corpus_dir)
    report = EvaluationReport(corpus=str(corpus))
    for truth_path in sorted(corpus.rglob("*.truth.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        name = _set_name(truth_path, corpus)
        score = report.sets.setdefault(name, SetScore(name))
        page_path = truth_path.parent / truth.get("page", "")
        if page_path.suffix != ".txt" or not page_path.is_file():
            score.skipped += 1
            continue
        expected_path = truth_path.with_name(truth_path.name.replace(".truth.json", ".expected.json"))
        expected = json.loads(expected_path.read_text(encoding="utf-8")) if expected_path.is_file() else None
        page = load_page(page_path)
        score_page(score, page, analyze(page), truth, expected)
    return report


def _ratio(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def format_report(report: EvaluationReport) -> str:
    """Return a plain-text table with one row per set."""
    header = (
        f"{'set':<18}{'pages':>6}{'arts':>6}{'pred':>6}  {'B3-P':>6} {'B3-R':>6} {'B3-F1':>6}  {'title':>6}  "
        f"{'by-P':>6} {'by-R':>6} {'by-F1':>6}  {'para-F1':>7} {'CER':>6} {'exact':>6}"
    )
    rows = [header, "-" * len(header)]
    for score in report.sets.values():
        exact = f"{score.exact_articles}/{score.expected_articles}" if score.expected_articles else "-"
        skipped = f"  ({score.skipped} non-text pages skipped)" if score.skipped else ""
        rows.append(
            f"{score.name:<18}{score.pages:>6}{score.truth_articles:>6}{score.predicted_articles:>6}  "
            f"{_ratio(score.bcubed_precision)} {_ratio(score.bcubed_recall)} {_ratio(score.bcubed_f1)}  "
            f"{_ratio(score.title_accuracy)}  {_ratio(score.byline_precision)} {_ratio(score.byline_recall)} "
            f"{_ratio(score.byline_f1)}  {_ratio(score.paragraph_f1):>7} {_ratio(score.cer)} {exact:>6}{skipped}"
        )
    return "\n".join(rows)
