"""Library article maps: METS (block ids, word ranges through structLink) and KB DIDL (pixel areas)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.errors import InputError
from reader.ingest.articlemap import find_article_map, read_article_map, resolve_units
from reader.model import MappedArticle

SAMPLES = Path(__file__).resolve().parents[1] / "examples"

BL_METS = """<?xml version="1.0" encoding="UTF-8"?>
<mets:mets xmlns:mets="http://www.loc.gov/METS/" xmlns:xlink="http://www.w3.org/1999/xlink">
  <mets:fileSec><mets:fileGrp><mets:file ID="p1-alto"><mets:FLocat xlink:href="page-1.alto.xml"/></mets:file></mets:fileGrp></mets:fileSec>
  <mets:structMap TYPE="LOGICAL"><mets:div TYPE="ISSUE">
    <mets:div ID="art1" TYPE="ARTICLE"/><mets:div ID="art2" TYPE="ARTICLE"/>
  </mets:div></mets:structMap>
  <mets:structMap TYPE="PHYSICAL"><mets:div TYPE="page">
    <mets:div ID="pa1" TYPE="pagearea"><mets:fptr><mets:area FILEID="p1-alto" BETYPE="IDREF" BEGIN="P1_W1" END="P1_W6"/></mets:fptr></mets:div>
    <mets:div ID="pa2" TYPE="pagearea"><mets:fptr><mets:area FILEID="p1-alto" BETYPE="IDREF" BEGIN="P1_W7" END="P1_W12"/></mets:fptr></mets:div>
  </mets:div></mets:structMap>
  <mets:structLink>
    <mets:smLinkGrp>
      <mets:smLocatorLink xlink:href="#art1" xlink:label="article"/><mets:smLocatorLink xlink:href="#pa1" xlink:label="area1"/>
      <mets:smArcLink xlink:from="article" xlink:to="area1"/>
    </mets:smLinkGrp>
    <mets:smLink xlink:from="art2" xlink:to="pa2"/>
  </mets:structLink>
</mets:mets>
"""


def _only(mapped: dict[Path, tuple[MappedArticle, ...]]) -> tuple[MappedArticle, ...]:
    (articles,) = mapped.values()
    return articles


def test_mets_block_ids_give_articles_with_heading_byline_and_kind() -> None:
    folder = SAMPLES / "mets-issue"
    map_file = find_article_map(folder)
    assert map_file == folder / "issue-mets.xml"
    mapped = resolve_units(read_article_map(map_file))
    assert list(mapped) == [folder / "page-1.alto.xml"]  # the href that leaves the folder is never followed
    article, advert = _only(mapped)
    assert (article.id, article.kind, article.label) == ("ART1", "article", "Harbour news.")
    assert article.lines == (1, 2, 3, 4) and article.title_lines == (1,) and article.byline_lines == (4,)
    assert (advert.kind, advert.lines) == ("advert", (5,))  # a ComposedBlock id takes the blocks inside it


def test_british_library_word_ranges_through_structlink(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "mets-issue" / "page-1.alto.xml", tmp_path / "page-1.alto.xml")
    (tmp_path / "x_mets.xml").write_text(BL_METS, encoding="utf-8")
    first, second = _only(resolve_units(read_article_map(find_article_map(tmp_path))))
    # line 3 ("in yesterday.") has one word in each range: a tie goes to the first claim
    assert first.lines == (1, 2, 3) and second.lines == (4, 5)
    assert first.title_lines == ()


def test_didl_areas_hold_the_lines_whose_boxes_they_contain() -> None:
    folder = SAMPLES / "didl-issue"
    article, advert = _only(resolve_units(read_article_map(find_article_map(folder))))
    assert (article.kind, article.label, article.lines) == ("article", "HARBOUR NEWS.", (1, 2, 3, 4))
    assert (advert.kind, advert.lines) == ("advert", (5,))


def test_folders_without_a_map_and_broken_maps(tmp_path: Path) -> None:
    assert find_article_map(tmp_path) is None
    (tmp_path / "other-mets.xml").write_text("<other/>", encoding="utf-8")
    assert find_article_map(tmp_path) is None
    (tmp_path / "broken-mets.xml").write_text("<mets><structMap", encoding="utf-8")
    with pytest.raises(InputError, match="malformed XML"):
        read_article_map(find_article_map(tmp_path))
    with pytest.raises(InputError, match="neither a METS nor a DIDL"):
        read_article_map(tmp_path / "other-mets.xml")


def test_impresso_maps_cover_their_pages(corpus: Path) -> None:
    """Every library map of the impresso sample resolves, and nearly all lines of mapped pages are claimed."""
    maps = sorted({p.parent for p in (corpus / "impresso").rglob("*.xml") if "mets" in p.name.lower()})
    maps += sorted({p.parent for p in (corpus / "impresso").rglob("didl.xml")})
    assert len(maps) == 6
    for folder in maps:
        mapped = resolve_units(read_article_map(find_article_map(folder)))
        assert mapped and all(articles for articles in mapped.values()), folder


def test_eval_scores_issues_with_a_library_map_as_extra_sets(tmp_path: Path) -> None:
    from reader.evaluation import evaluate

    shutil.copytree(SAMPLES / "mets-issue", tmp_path / "library" / "harbour")
    report = evaluate(tmp_path)
    (score,) = report.sets.values()
    assert score.name == "library/harbour" and score.pages == 1 and score.truth_articles == 1
    assert evaluate(tmp_path, library_maps=False).sets == {}
