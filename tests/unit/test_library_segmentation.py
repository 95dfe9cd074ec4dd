"""Library segmentation: an issue's METS/DIDL article map gives the articles; the analysis reads inside them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cache_codec import article_from_row, article_row
from reader.cli import main
from reader.document import open_issue
from reader.errors import InputError
from reader.ingest import load_issue

SAMPLES = Path(__file__).resolve().parents[1] / "examples"
METS_ISSUE = SAMPLES / "mets-issue"


def test_auto_follows_the_map_and_still_finds_headline_and_byline() -> None:
    analysis = open_issue(METS_ISSUE)
    (page,) = analysis.pages
    assert [mapped.id for mapped in page.page.library_articles] == ["ART1", "AD1"]
    article, advert = page.articles
    assert article.segmentation == advert.segmentation == "library"
    assert (article.kind, article.headline, article.byline) == ("article", "HARBOUR NEWS.", "A. SMITH.")
    assert article.paragraphs == ("Three ships came in yesterday.",)
    assert article.source_lines == (1, 2, 3, 4)
    assert (advert.kind, advert.source_lines) == ("advert", (5,))


def test_ours_ignores_the_map_and_library_requires_one(tmp_path: Path) -> None:
    analysis = open_issue(METS_ISSUE, "ours")
    assert {article.segmentation for article in analysis.articles} == {"ours"}
    assert not any(page.library_articles for page in analysis.issue.pages)
    (tmp_path / "p1.txt").write_text("Title\n\nSome text, with a comma.\n", encoding="utf-8")
    with pytest.raises(InputError, match="no library article map"):
        load_issue(tmp_path, "library")
    assert load_issue(tmp_path, "auto").pages[0].library_articles == ()


def test_lines_the_map_leaves_out_are_still_analyzed(tmp_path: Path) -> None:
    mets = (METS_ISSUE / "issue-mets.xml").read_text(encoding="utf-8")
    (tmp_path / "issue-mets.xml").write_text(mets.replace('BEGIN="P1_CB1"', 'BEGIN="NOTHING"'), encoding="utf-8")
    (tmp_path / "page-1.alto.xml").write_bytes((METS_ISSUE / "page-1.alto.xml").read_bytes())
    articles = open_issue(tmp_path).articles
    assert sorted(n for article in articles for n in article.source_lines) == [1, 2, 3, 4, 5]
    assert [article.segmentation for article in articles] == ["library", "ours"]


def test_cli_json_marks_library_articles_and_the_flag_switches(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(METS_ISSUE), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [a.get("segmentation") for a in document["pages"][0]["articles"]] == ["library", "library"]
    assert main(["analyze", str(METS_ISSUE), "--json", "--segmentation", "ours"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert all("segmentation" not in a for a in document["pages"][0]["articles"])  # absent means ours
    assert main(["list", str(METS_ISSUE), "--segmentation", "auto"]) == 0
    assert "HARBOUR NEWS." in capsys.readouterr().out


def test_cli_library_without_a_map_is_one_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "p1.txt").write_text("Title\n\nSome text, with a comma.\n", encoding="utf-8")
    assert main(["list", str(tmp_path), "--segmentation", "library"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no library article map" in err


def test_cache_entries_keep_the_segmentation() -> None:
    article = open_issue(METS_ISSUE).articles[0]
    assert article_from_row(article_row(article)) == article
    assert article_from_row(article_row(article)[:15]).segmentation == "ours"  # entries written before


def test_impresso_issues_open_with_their_maps(corpus: Path) -> None:
    folder = corpus / "impresso" / "sample_data" / "BNF-EN" / "JDPL" / "18210801_1"
    articles = open_issue(folder).articles
    library = [article for article in articles if article.segmentation == "library"]
    assert len(library) >= 0.8 * len(articles)  # the few lines no item of the map claims are ours
    assert "ALLEMAGNE." in [article.headline for article in articles]


def test_page_xml_structure_ids_are_the_page_s_own_article_map(tmp_path: Path) -> None:
    """Transkribus-style ``structure {id}`` marks group lines into articles; ``ours`` ignores them."""
    page_file = METS_ISSUE.parent / "two-columns.page.xml"
    (tmp_path / "p1.page.xml").write_bytes(page_file.read_bytes())
    page = load_issue(tmp_path).pages[0]
    assert [(m.id, m.lines, m.title_lines) for m in page.library_articles] == [
        ("a1", (3, 1, 2), (3,)),
        ("a2", (4,), ()),
    ]
    first = open_issue(tmp_path, "library").articles[0]
    assert (first.segmentation, first.headline, first.source_lines) == ("library", "NEW BRIDGE FOR THE TOWN", (3, 1, 2))
    assert all(article.segmentation == "ours" for article in open_issue(tmp_path, "ours").articles)


def test_cli_segmentation_choices_reach_the_cached_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "p1.page.xml").write_bytes((METS_ISSUE.parent / "two-columns.page.xml").read_bytes())
    for choice, expected in (("ours", None), ("auto", "library"), ("ours", None), ("library", "library")):
        assert main(["analyze", str(tmp_path), "--json", "--segmentation", choice]) == 0
        document = json.loads(capsys.readouterr().out)
        marks = {a.get("segmentation") for a in document["pages"][0]["articles"]}
        assert (expected in marks) if expected else marks == {None}, choice  # the caption has no id: ours
