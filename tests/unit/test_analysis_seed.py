"""The seed page against its expected reading (skipped when the shared corpus is absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.analysis import analyze_page
from reader.evaluation import load_page

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "corpus" / "seed" / "000_79e4ab55ede5c635"


@pytest.fixture(scope="module")
def seed_articles():
    if not SEED.with_suffix(".txt").is_file():
        pytest.skip("shared corpus not available")
    expected = json.loads(SEED.with_suffix(".expected.json").read_text(encoding="utf-8"))["articles"]
    articles = [a for a in analyze_page(load_page(SEED.with_suffix(".txt"))) if a.kind == "article"]
    return expected, articles


def test_seed_has_four_articles_as_expected(seed_articles) -> None:
    expected, articles = seed_articles
    assert len(articles) == 4
    for want, got in zip(expected, articles, strict=True):
        for name in ("kicker", "headline", "subheadline", "byline", "dateline"):
            assert getattr(got, name) == want[name], name
        assert list(got.paragraphs) == want["paragraphs"]
        assert sorted(got.source_lines) == sorted(want["source_lines"])


def test_seed_truth_lines(seed_articles) -> None:
    _, articles = seed_articles
    truth = json.loads(SEED.with_suffix(".truth.json").read_text(encoding="utf-8"))["articles"]
    for want, got in zip(truth, articles, strict=True):
        assert set(got.headline_lines) == set(want["headline_lines"])
        assert set(got.byline_lines) == set(want["byline_lines"])
        assert list(got.paragraph_starts) == want["paragraph_starts"]


def test_seed_every_line_used_once() -> None:
    if not SEED.with_suffix(".txt").is_file():
        pytest.skip("shared corpus not available")
    page = load_page(SEED.with_suffix(".txt"))
    used = [n for a in analyze_page(page) for n in a.source_lines]
    assert sorted(used) == [line.number for line in page.lines if line.text.strip()]
