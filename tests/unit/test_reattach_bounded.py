"""Displaced titles and leads are re-attached with work that grows linearly with the page, not quadratically."""

from __future__ import annotations

import random

import pytest

from reader.analysis import analyze_page
from reader.analysis import assemble as assemble_module
from reader.analysis.candidates import COMMON_AFTER, EXACT_UP_TO, SHORTLIST, GramIndex
from reader.analysis.clean import clean_title
from reader.ingest.text import split_lines
from reader.model import Page

from ..conftest import SEED_PAGE


def _page_with_titles_at_the_bottom(count: int) -> tuple[Page, list[str]]:
    """``count`` signed articles of distinct text, their titles printed together at the end of the page."""
    rng = random.Random(7)
    alphabet = [chr(code) for code in range(0x4E00, 0x4E00 + 3000)]
    bodies, titles = [], []
    for _ in range(count):
        body = ["".join(rng.choice(alphabet) for _ in range(28)) + "。" for _ in range(3)]
        start = rng.randrange(0, 15)
        titles.append(body[0][start : start + 9])
        bodies.append("\n".join(body) + "\n\n记者 孙庆辉")
    text = "\n\n".join(bodies) + "\n\n" + "\n\n".join(titles) + "\n"
    return Page(1, "synthetic.txt", split_lines(text)), titles


def _count_scores(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls = [0]
    coverage = assemble_module.coverage

    def counting(probe, target):  # noqa: ANN001, ANN202 - same signature as overlap.coverage
        calls[0] += 1
        return coverage(probe, target)

    monkeypatch.setattr(assemble_module, "coverage", counting)
    return calls


@pytest.mark.parametrize("count", [EXACT_UP_TO // 2, EXACT_UP_TO * 4])
def test_every_displaced_title_finds_its_article(count: int) -> None:
    """Both ways of finding candidates (all pairs on small pages, the bigram index on large ones) agree."""
    page, titles = _page_with_titles_at_the_bottom(count)
    articles = [article for article in analyze_page(page) if article.kind == "article"]
    assert [article.headline for article in articles] == [clean_title([title]) for title in titles]


def test_title_scoring_grows_linearly_with_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_scores(monkeypatch)
    counts = []
    for count in (200, 800):
        calls[0] = 0
        analyze_page(_page_with_titles_at_the_bottom(count)[0])
        counts.append(calls[0])
        assert calls[0] <= SHORTLIST * count  # all pairs would be count * count
    assert counts[1] <= 4.5 * counts[0]


def test_lead_scoring_on_a_long_repetitive_page_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """The seed page (two displaced leads, two displaced titles) printed 150 times over."""
    calls = _count_scores(monkeypatch)
    seed = SEED_PAGE.read_text(encoding="utf-8")
    page = Page(1, "long.txt", split_lines((seed + "\n\n") * 150))
    articles = analyze_page(page)
    assert len(articles) >= 600
    assert calls[0] <= SHORTLIST * len(articles)


def test_common_bigrams_are_not_indexed() -> None:
    shared = {1, 2}
    targets = [shared | {100 + target} for target in range(COMMON_AFTER + 5)]
    index = GramIndex([{1, 2}, {1, 2, 103}, {103, 104}], targets)
    assert index.shortlist(0) == []
    assert index.shortlist(1) == [3]
    assert index.shortlist(2, eligible=lambda target: target != 3) == [4]
