"""PAGE XML ingest: line numbers in document order, boxes, regions, reading order, styles, bad input."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from reader.errors import InputError
from reader.ingest.pagexml import parse_custom, read_pagexml
from reader.model import Box, LineStyle

SAMPLES = Path(__file__).resolve().parents[1] / "examples"
SAMPLE = SAMPLES / "two-columns.page.xml"

PAGE_2010 = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE PcGts SYSTEM "http://example.invalid/page.dtd">
<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2010-03-19">
  <Page imageFilename="x.tif" imageWidth="1000" imageHeight="1500">
    <TextRegion id="r1" type="heading">
      <Coords><Point x="10" y="20"/><Point x="500" y="20"/><Point x="500" y="80"/><Point x="10" y="80"/></Coords>
      <TextLine id="t1">
        <Coords><Point x="12" y="22"/><Point x="490" y="22"/><Point x="490" y="78"/><Point x="12" y="78"/></Coords>
        <TextEquiv><Unicode>Old schema &#x202E;headline</Unicode></TextEquiv>
      </TextLine>
      <TextRegion id="r1a">
        <Coords points="10,100 500,100 500,140 10,140"/>
        <TextLine id="t2"><TextEquiv><Unicode>nested region line</Unicode></TextEquiv></TextLine>
      </TextRegion>
    </TextRegion>
  </Page>
</PcGts>
"""


def test_lines_are_numbered_in_document_order_not_reading_order() -> None:
    page = read_pagexml(SAMPLE, number=3)
    assert page.number == 3 and page.format == "page"
    assert [line.text for line in page.lines] == [
        "The council met on Monday and agreed",
        "to build the new bridge next spring.",
        "NEW BRIDGE FOR THE TOWN",
        "Rain is expected.",
        "The old bridge in winter.",
    ]
    assert [line.number for line in page.lines] == [1, 2, 3, 4, 5]
    assert page.reading_order == ("r-head", "r-left", "r-right", "r-caption")


def test_boxes_regions_styles_and_confidence_come_along() -> None:
    page = read_pagexml(SAMPLE)
    assert (page.width, page.height) == (2000, 3000)
    first, _, headline, words, caption = page.lines
    assert first.box == Box(100, 400, 950, 440) and first.region == "r-left" and first.confidence == pytest.approx(0.91)
    assert headline.style == LineStyle(font_size=32, bold=True) and headline.region == "r-head"
    assert words.box == Box(1050, 435, 1900, 435)  # only a baseline: the box is its extent
    assert caption.style == LineStyle(font_size=8, italic=True)
    kinds = {region.id: region.kind for region in page.regions}
    assert kinds == {
        "r-left": "article",  # the custom attribute's structure type wins over the type attribute
        "r-head": "headline",
        "r-right": "article",
        "r-picture": "image",
        "r-caption": "caption",
    }
    assert next(r for r in page.regions if r.id == "r-picture").box == Box(100, 800, 950, 1400)


def test_2010_schema_points_nested_regions_and_a_named_dtd(tmp_path: Path) -> None:
    path = tmp_path / "old.xml"
    path.write_text(PAGE_2010, encoding="utf-8")
    page = read_pagexml(path)
    assert [line.text for line in page.lines] == ["Old schema headline", "nested region line"]  # escape removed
    assert page.lines[0].box == Box(12, 22, 490, 78)
    assert page.lines[1].region == "r1a" and page.lines[1].box == Box(10, 100, 500, 140)  # the region's box
    assert [region.id for region in page.regions] == ["r1", "r1a"]
    assert page.reading_order == ()


def test_gzipped_page_reads_the_same(tmp_path: Path) -> None:
    path = tmp_path / "page.page.xml.gz"
    path.write_bytes(gzip.compress(SAMPLE.read_bytes()))
    assert read_pagexml(path).lines == read_pagexml(SAMPLE).lines


def test_custom_attribute_groups() -> None:
    assert parse_custom("readingOrder {index:0;} structure {type:article; id:a1;}") == {
        "readingOrder": {"index": "0"},
        "structure": {"type": "article", "id": "a1"},
    }
    assert parse_custom(None) == {} and parse_custom("garbage") == {}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<alto><Layout/></alto>", "not a PAGE XML document"),
        ("<PcGts><Page imageWidth='1' imageHeight='1'><TextRegion id='r'/></Page></PcGts>", "no text lines"),
        ("<PcGts><Page>", "malformed XML at line 1"),
        ("<PcGts/>", "without a <Page>"),
    ],
)
def test_bad_pages_are_one_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.page.xml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_pagexml(path)


def test_missing_file_and_folder_are_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_pagexml(tmp_path / "absent.page.xml")
    with pytest.raises(InputError, match="not a regular file"):
        read_pagexml(tmp_path)


def test_newseye_pages_read_like_their_text(corpus: Path) -> None:
    """The holdout's text is line k = TextLine k: reading must agree (this measures nothing, it only reads)."""
    for path in sorted((corpus / "newseye" / "holdout").glob("*.page.xml")):
        page = read_pagexml(path)
        text_lines = path.with_name(path.name.replace(".page.xml", ".txt")).read_text(encoding="utf-8").splitlines()
        assert [line.text for line in page.lines] == text_lines[: len(page.lines)]
        assert all(line.box is not None for line in page.lines)
