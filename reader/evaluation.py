"""Accuracy of article reconstruction against line-numbered truth (``*.truth.json``).

Measures, per corpus set: B-cubed F1 of article membership over the lines of articles, title-block accuracy,
byline precision/recall/F1, paragraph-boundary F1 where truth has paragraph starts, and, where a
``.expected.json`` exists (the seed), the character error rate of the cleaned text and exact-article counts.
No Textual, no writes: the benchmark script and ``reader eval`` both call :func:`evaluate`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reader.analysis import analyze_page
from reader.errors import InputError
from reader.fileread import read_json
from reader.model import Article, Line, Page
from reader.scoring import MISS_CATEGORIES, SetScore, score_page

__all__ = [
    "EvaluationReport",
    "SetScore",
    "evaluate",
    "format_misses",
    "format_report",
    "load_page",
    "score_page",
]


def load_page(path: Path) -> Page:
    """Read a plain-text page with the ingest module (or a UTF-8 fallback when ingest is unavailable)."""
    try:
        from reader.ingest.text import read_page
    except ImportError:  # pragma: no cover - only before ingest exists
        text = path.read_text(encoding="utf-8-sig")
        lines = tuple(Line(i, t) for i, t in enumerate(text.splitlines(), 1))
        return Page(number=1, source=str(path), lines=lines)
    return read_page(path)


@dataclass
class EvaluationReport:
    """Scores per corpus set (``seed``, ``jingbao/dev`` …), in discovery order."""

    corpus: str
    sets: dict[str, SetScore] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    """Truth files or pages that could not be used, one line each (they count as skipped)."""


def _set_name(truth_path: Path, corpus: Path) -> str:
    relative = truth_path.parent.relative_to(corpus)
    return relative.as_posix() or "."


def evaluate(
    corpus_dir: str | Path,
    analyze: Callable[[Page], tuple[Article, ...]] = analyze_page,
    *,
    library_maps: bool = True,
) -> EvaluationReport:
    """Score ``analyze`` against every ``*.truth.json`` under ``corpus_dir``.

    Only plain-text pages are in scope for the truth files; truth for ALTO or PAGE XML pages is counted as
    skipped. With ``library_maps``, issues under the corpus that ship a METS or DIDL article map are scored
    too, as extra sets whose truth is built from the map at evaluation time (:mod:`reader.evaluation_maps`).
    """
    corpus = Path(corpus_dir)
    report = EvaluationReport(corpus=str(corpus))
    for truth_path in sorted(corpus.rglob("*.truth.json")):
        name = _set_name(truth_path, corpus)
        score = report.sets.setdefault(name, SetScore(name))
        try:
            truth = read_json(truth_path, MAX_TRUTH_BYTES, what="truth files")
            check_truth(truth, str(truth_path))
            page_path = truth_path.parent / truth.get("page", "")
            if page_path.suffix != ".txt" or not page_path.is_file():
                score.skipped += 1
                continue
            expected_path = truth_path.with_name(truth_path.name.replace(".truth.json", ".expected.json"))
            expected = read_json(expected_path, MAX_TRUTH_BYTES) if expected_path.is_file() else None
            if expected is not None and not isinstance(expected, dict):
                raise InputError(f"{expected_path}: expected a JSON object")
            page = load_page(page_path)
        except InputError as exc:
            # One malformed truth file is reported and skipped; the rest of the corpus is still scored.
            report.problems.append(str(exc))
            score.skipped += 1
            continue
        score_page(score, page, analyze(page), truth, expected)
    if library_maps:
        _score_library_maps(corpus, report, analyze)
    return report


MAX_TRUTH_BYTES = 16 * 1024 * 1024
"""The largest truth or expected file read (real ones are a few kilobytes)."""


def check_truth(truth: object, shown: str = "truth") -> None:
    """Check the shape of a truth document (corpus/README.md) before it is scored.

    Raises:
        InputError: what is wrong, in one line.
    """

    def numbers(value: object) -> bool:
        return isinstance(value, list) and all(isinstance(n, int) and not isinstance(n, bool) for n in value)

    if not isinstance(truth, dict):
        raise InputError(f"{shown}: expected a JSON object")
    if not isinstance(truth.get("page", ""), str) or not isinstance(truth.get("articles", []), list):
        raise InputError(f"{shown}: 'page' must be a file name and 'articles' a list")
    for index, article in enumerate(truth.get("articles", [])):
        if not isinstance(article, dict):
            raise InputError(f"{shown}: article {index + 1} is not an object")
        for key in ("source_lines", "headline_lines", "byline_lines", "paragraph_starts"):
            if (key in article or key != "paragraph_starts") and not numbers(article.get(key)):
                raise InputError(f"{shown}: article {index + 1}: {key!r} must be a list of line numbers")
    if "other_lines" in truth and not numbers(truth["other_lines"]):
        raise InputError(f"{shown}: 'other_lines' must be a list of line numbers")


def _score_library_maps(corpus: Path, report: EvaluationReport, analyze: Callable[[Page], tuple[Article, ...]]) -> None:
    """Score the layout pages of issues with a library article map (the map itself is not given to ``analyze``)."""
    from reader.evaluation_maps import library_truth
    from reader.ingest.detect import read_page

    for name, page_file, truth in library_truth(corpus):
        score = report.sets.setdefault(name, SetScore(name))
        try:
            page = read_page(page_file)
        except InputError:
            score.skipped += 1
            continue
        score_page(score, page, analyze(page), truth)


def _ratio(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def format_report(report: EvaluationReport) -> str:
    """Return a plain-text table with one row per set.

    B³ clusters count every line of a predicted article that the truth knows, furniture included; ``kmiss``
    is the share of true article lines shown as advert, notice, caption or other.
    """
    header = (
        f"{'set':<18}{'pages':>6}{'arts':>6}{'pred':>6}  {'B3-P':>6} {'B3-R':>6} {'B3-F1':>6} {'kmiss':>6}  "
        f"{'title':>6}  {'by-P':>6} {'by-R':>6} {'by-F1':>6}  {'para-F1':>7} {'CER':>6} {'exact':>6}"
    )
    rows = [header, "-" * len(header)]
    for score in report.sets.values():
        exact = f"{score.exact_articles}/{score.expected_articles}" if score.expected_articles else "-"
        skipped = f"  ({score.skipped} non-text pages skipped)" if score.skipped else ""
        rows.append(
            f"{score.name:<18}{score.pages:>6}{score.truth_articles:>6}{score.predicted_articles:>6}  "
            f"{_ratio(score.bcubed_precision)} {_ratio(score.bcubed_recall)} {_ratio(score.bcubed_f1)} "
            f"{_ratio(score.kind_miss)}  {_ratio(score.title_accuracy)}  {_ratio(score.byline_precision)} "
            f"{_ratio(score.byline_recall)} {_ratio(score.byline_f1)}  {_ratio(score.paragraph_f1):>7} "
            f"{_ratio(score.cer)} {exact:>6}{skipped}"
        )
    return "\n".join(rows)


def format_misses(report: EvaluationReport, examples: bool = True) -> str:
    """Return the misses by category: one count column per set, then (optionally) the kept examples."""
    names = list(report.sets)
    width = max([12, *(len(name) + 2 for name in names)])
    rows = [f"{'miss category':<28}" + "".join(f"{name:>{width}}" for name in names)]
    rows.append("-" * len(rows[0]))
    for category in MISS_CATEGORIES:
        counts = "".join(f"{report.sets[name].misses.get(category, 0):>{width}}" for name in names)
        rows.append(f"{category:<28}{counts}")
    rows.append("")
    rows.extend(f"  {category}: {meaning}" for category, meaning in MISS_CATEGORIES.items())
    if examples:
        for score in report.sets.values():
            for category in MISS_CATEGORIES:
                rows.extend(f"[{score.name}] {category} {example}" for example in score.examples.get(category, []))
    return "\n".join(rows)
