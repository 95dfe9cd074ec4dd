"""ALTO pages: every schema shape and unit, hyphenation, confidence, styles, block types, line numbers."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from reader.analysis import analyze_page
from reader.errors import InputError
from reader.ingest import read_page
from reader.ingest.alto import ASSUMED_DPI, read_alto

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NDNP = EXAMPLES / "ndnp-alto-1.1.xml"
V4 = EXAMPLES / "page1.alto.xml"


def test_ndnp_alto_reads_lines_in_textline_order_with_printed_hyphens() -> None:
    page = read_alto(NDNP)
    assert page.format == "alto"
    assert [line.text for line in page.lines] == ["HARBOR TIEUP", "The general Har-", "bor tieup ends.", ""]
    assert [line.number for line in page.lines] == [1, 2, 3, 4]  # the empty TextLine still counts
    assert [line.hyphenated for line in page.lines] == [False, True, False, False]
    assert [line.region for line in page.lines] == ["P1_TB00001", "P1_TB00002", "P1_TB00002", "P1_TB00002"]


def test_inch1200_converts_to_pixels_at_the_assumed_dpi() -> None:
    page = read_alto(NDNP)
    scale = ASSUMED_DPI / 1200
    assert page.width == pytest.approx(12000 * scale)
    assert page.height == pytest.approx(24000 * scale)
    box = page.lines[0].box
    assert box is not None
    assert (box.left, box.top, box.width, box.height) == pytest.approx(
        (1200 * scale, 1200 * scale, 4800 * scale, 600 * scale)
    )


def test_word_confidence_averages_into_line_confidence() -> None:
    page = read_alto(NDNP)
    assert page.lines[0].confidence == pytest.approx(0.8)
    assert page.lines[3].confidence is None


def test_text_styles_give_font_size_bold_and_italic_by_majority_of_words() -> None:
    lines = read_alto(NDNP).lines
    assert lines[0].style is not None and lines[0].style.font_size == 24 and lines[0].style.bold
    assert lines[1].style is not None and lines[1].style.font_size == 8 and not lines[1].style.italic
    assert lines[2].style is not None and not lines[2].style.italic  # one italic word of three


def test_alto_v4_composed_block_types_and_illustrations_become_region_kinds() -> None:
    page = read_alto(V4)
    kinds = {region.id: region.kind for region in page.regions}
    assert kinds == {"TB1": None, "TB2": None, "TB3": "Advertisement", "IL1": "Illustration"}
    ad_line = page.lines[3]
    assert ad_line.region == "TB3" and ad_line.style is not None and ad_line.style.bold  # STYLE="bold" words
    assert page.width == 2000 and page.height == 3000
    assert page.lines[0].box is not None and page.lines[0].box.right == 1000


@pytest.mark.parametrize("unit, scale", [("pixel", 1.0), ("mm10", ASSUMED_DPI / 254), (None, ASSUMED_DPI / 254)])
def test_every_measurement_unit_converts_to_pixels(tmp_path: Path, unit: str | None, scale: float) -> None:
    text = V4.read_text(encoding="utf-8")
    text = text.replace(
        "<MeasurementUnit>pixel</MeasurementUnit>", f"<MeasurementUnit>{unit}</MeasurementUnit>" if unit else ""
    )
    path = tmp_path / "p.alto.xml"
    path.write_text(text, encoding="utf-8")
    page = read_alto(path)
    assert page.width == pytest.approx(2000 * scale)
    assert page.lines[0].box is not None and page.lines[0].box.left == pytest.approx(100 * scale)


def test_alto_without_namespace_reads_the_same(tmp_path: Path) -> None:
    text = V4.read_text(encoding="utf-8").replace(' xmlns="http://www.loc.gov/standards/alto/ns-v4#"', "")
    path = tmp_path / "plain.xml"
    path.write_text(text, encoding="utf-8")
    assert read_alto(path).lines == read_alto(V4).lines


def test_gzipped_alto_reads_like_the_plain_file(tmp_path: Path) -> None:
    path = tmp_path / "page1.alto.xml.gz"
    path.write_bytes(gzip.compress(V4.read_bytes()))
    assert read_page(path).lines == read_alto(V4).lines


@pytest.mark.parametrize("example", [NDNP, V4], ids=["ndnp", "v4"])
def test_small_and_large_alto_files_give_the_same_page(tmp_path: Path, example: Path) -> None:
    """Small plain files are parsed as one tree, larger ones incrementally: the Page must not depend on it."""
    text = example.read_text(encoding="utf-8").replace('WC="', 'WC="x', 1)  # one malformed WC: skipped
    small = tmp_path / "small.alto.xml"
    small.write_text(text, encoding="utf-8")
    large = tmp_path / "large.alto.xml"  # the same page padded past the whole-tree size with a comment
    head, rest = text.split("<Layout>", 1)
    large.write_text(f"{head}<!-- {'pad ' * 70000} --><Layout>{rest}", encoding="utf-8")
    assert small.stat().st_size < 128 * 1024 < large.stat().st_size
    whole, incremental = read_alto(small), read_alto(large)
    assert whole.lines == incremental.lines
    assert (whole.regions, whole.width, whole.height) == (incremental.regions, incremental.width, incremental.height)
    assert any(line.confidence is not None for line in whole.lines)


def test_alto_text_is_sanitized(tmp_path: Path) -> None:
    text = V4.read_text(encoding="utf-8").replace('CONTENT="Town"', 'CONTENT="Town&#x9b;31m&#x202e;"')
    path = tmp_path / "p.alto.xml"
    path.write_text(text, encoding="utf-8")
    first = read_alto(path).lines[0].text
    assert "\x9b" not in first and "\u202e" not in first and first.startswith("Town")


def test_alto_without_text_lines_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.alto.xml"
    path.write_text('<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout><Page/></Layout></alto>')
    with pytest.raises(InputError, match="no text lines"):
        read_alto(path)


def test_layout_page_blocks_reach_the_text_analysis_as_separate_blocks() -> None:
    articles = analyze_page(read_alto(V4))
    assert any(
        article.headline == "Town Hall Reopens" and article.source_lines[:3] == (1, 2, 3) for article in articles
    )
    assert sorted(n for article in articles for n in article.source_lines) == [1, 2, 3, 4]


def test_chronam_alto_matches_its_text_rendering_line_for_line(corpus: Path) -> None:
    """ChronAm's ocr.txt is the same page: line k of it is TextLine k of ocr.xml (modulo printed hyphens)."""
    xml_lines = read_alto(corpus / "chronam" / "ocr.xml").lines
    text_lines = (corpus / "chronam" / "ocr.txt").read_text(encoding="utf-8").splitlines()
    assert len(xml_lines) >= len([t for t in text_lines if t.strip()]) - 5
    same = sum(
        1 for line, text in zip(xml_lines, text_lines, strict=False) if line.text.rstrip("-") == text.rstrip("-")
    )
    assert same / len(text_lines) > 0.9
