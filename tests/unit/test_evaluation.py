"""The evaluation scores a perfect analysis as perfect and counts a merge against B-cubed precision."""

from __future__ import annotations

import json
from pathlib import Path

from reader.evaluation import evaluate, format_misses, format_report
from reader.model import Article, Confidence, Page

PAGE = "标题一\n\n第一篇正文，内容。\n记者 张三\n\n标题二\n\n第二篇正文，内容。\n"
TRUTH = {
    "page": "p.txt",
    "articles": [
        {"source_lines": [1, 3, 4], "headline_lines": [1], "byline_lines": [4], "paragraph_starts": [3]},
        {"source_lines": [6, 8], "headline_lines": [6], "byline_lines": [], "paragraph_starts": [8]},
    ],
    "other_lines": [],
}


def _write(tmp_path: Path) -> Path:
    folder = tmp_path / "set"
    folder.mkdir()
    (folder / "p.txt").write_text(PAGE, encoding="utf-8")
    (folder / "p.truth.json").write_text(json.dumps(TRUTH), encoding="utf-8")
    (folder / "x.truth.json").write_text(json.dumps({"page": "x.alto.xml", "articles": []}), encoding="utf-8")
    return tmp_path


def test_real_analysis_is_perfect_on_a_simple_page(tmp_path: Path) -> None:
    score = evaluate(_write(tmp_path)).sets["set"]
    assert score.bcubed_f1 == 1.0
    assert score.title_accuracy == 1.0
    assert score.byline_f1 == 1.0
    assert score.paragraph_f1 == 1.0
    assert score.skipped == 1
    assert "set" in format_report(evaluate(tmp_path))


def test_one_merged_article_lowers_precision(tmp_path: Path) -> None:
    def merged(page: Page) -> tuple[Article, ...]:
        lines = tuple(line.number for line in page.lines if line.text.strip())
        return (Article("p1-x", "article", 1, None, None, None, None, (), None, (), lines, Confidence()),)

    score = evaluate(_write(tmp_path), analyze=merged).sets["set"]
    assert score.bcubed_recall == 1.0
    assert score.bcubed_precision < 0.7
    assert score.title_accuracy == 0.0


def _articles(*groups: tuple[str, tuple[int, ...]]) -> tuple[Article, ...]:
    return tuple(
        Article(f"p1-{i}", kind, 1, None, None, None, None, (), None, (), lines, Confidence())
        for i, (kind, lines) in enumerate(groups)
    )


def test_an_article_that_swallows_furniture_pays_in_precision(tmp_path: Path) -> None:
    """Line 10 is an advert in the truth; an article holding it is less precise than one without it."""
    page = PAGE + "\n大減價 電話一二三\n"
    truth = {**TRUTH, "other_lines": [10]}
    folder = tmp_path / "set"
    folder.mkdir()
    (folder / "p.txt").write_text(page, encoding="utf-8")
    (folder / "p.truth.json").write_text(json.dumps(truth), encoding="utf-8")

    def swallowing(page: Page) -> tuple[Article, ...]:
        return _articles(("article", (1, 3, 4)), ("article", (6, 8, 10)))

    score = evaluate(tmp_path, analyze=swallowing).sets["set"]
    assert score.bcubed_recall == 1.0
    assert score.bcubed_precision < 1.0
    assert score.misses["furniture_swallowed"] == 1
    assert score.misses["furniture_lines_swallowed"] == 1
    assert score.kind_miss == 0.0


def test_article_lines_shown_as_adverts_count_as_kind_misses(tmp_path: Path) -> None:
    def hidden(page: Page) -> tuple[Article, ...]:
        return _articles(("article", (1, 3, 4)), ("advert", (6,)), ("article", (8,)))

    score = evaluate(_write(tmp_path), analyze=hidden).sets["set"]
    assert score.kind_miss == 1 / 5
    assert score.misses["kind_miss_lines"] == 1
    assert score.misses["split"] == 1
    assert score.misses["title_missing"] == 2  # no predicted article has a headline
    assert "kind_miss_lines" in format_misses(evaluate(tmp_path, analyze=hidden))


def test_misses_name_how_titles_and_bylines_are_wrong(tmp_path: Path) -> None:
    def merged(page: Page) -> tuple[Article, ...]:
        return _articles(("article", (1, 3, 4, 6, 8)))

    score = evaluate(_write(tmp_path), analyze=merged).sets["set"]
    assert score.misses["merged"] == 1
    assert score.misses["title_missing"] == 2
    assert score.misses["byline_missing"] == 1
    assert score.title_misses and score.byline_misses
