"""hOCR, PaddleOCR JSON (2.x and 3.x) and ABBYY FineReader XML, on the small examples in tests/examples."""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import pytest

from reader.errors import InputError
from reader.ingest import load_issue, read_page
from reader.ingest.paddle import read_paddle

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_hocr_lines_words_boxes_sizes_and_confidence() -> None:
    page = read_page(EXAMPLES / "page1.hocr")
    assert page.format == "hocr" and (page.width, page.height) == (2000, 3000)
    assert [line.text for line in page.lines] == ["Town Hall Reopens", "The town hall opened", "on Monday.", "The hall"]
    first = page.lines[0]
    assert first.box is not None and (first.box.left, first.box.bottom) == (100, 180)
    assert first.style is not None and first.style.font_size == 80 and first.style.bold
    assert first.confidence == pytest.approx(0.8)
    assert [line.region for line in page.lines] == ["block_1_1", "block_1_2", "block_1_2", "block_1_4"]
    assert {region.id: region.kind for region in page.regions} == {
        "block_1_1": None,
        "block_1_2": None,
        "block_1_3": "Illustration",
        "block_1_4": "caption",
    }


def test_old_html_hocr_that_is_not_xml_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "old.hocr"
    path.write_text(
        "<html><body><div class='ocr_page' title='bbox 0 0 100 100'>"
        "<span class='ocr_line' title='bbox 1 1 50 10'><span class='ocrx_word' title='x_wconf 50'>Hello&nbsp;</span>"
        "<br><span class='ocrx_word'>world</span></span></div></body></html>",
        encoding="utf-8",
    )
    page = read_page(path)
    assert page.format == "hocr" and [line.text for line in page.lines] == ["Hello world"]


@pytest.mark.parametrize("name", ["paddle-2x.json", "paddle-3x.json"])
def test_paddle_results_read_the_same_in_both_forms(name: str) -> None:
    page = read_page(EXAMPLES / name)
    assert page.format == "paddle"
    assert [line.text for line in page.lines] == [
        "高新区四个重大项目集中开工",
        "本报讯 11月29日，高新区四个重大项目",
        "集中开工。",
    ]
    assert [line.confidence for line in page.lines] == [0.98, 0.95, 0.91]
    assert page.lines[2].box is not None and (page.lines[2].box.right, page.lines[2].box.bottom) == (600, 280)


def test_paddle_3x_with_boxes_only_and_several_pages_under_res(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    pages = [{"res": {"rec_texts": [f"第{n}页"], "rec_scores": [0.5], "rec_boxes": [[0, 0, 10, 20]]}} for n in (1, 2)]
    path.write_text(json.dumps(pages), encoding="utf-8")
    page = read_paddle(path)
    assert [line.text for line in page.lines] == ["第1页", "第2页"]
    assert page.lines[0].box is not None and page.lines[0].box.height == 20


def test_paddle_json_lines_and_empty_pages(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl.json"
    path.write_text('{"rec_texts": ["一"], "rec_scores": [0.9]}\n{"rec_texts": ["二"], "rec_scores": [0.8]}\n')
    assert [line.text for line in read_paddle(path).lines] == ["一", "二"]
    empty = tmp_path / "none.json"
    empty.write_text("[null]")
    with pytest.raises(InputError, match="not a PaddleOCR result"):
        read_page(empty)


def test_paddle_json_that_is_broken_or_too_deep_is_refused_clearly(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('[[[[1, 2]], ["text", 0.9]]')
    with pytest.raises(InputError, match="not valid JSON at line 1"):
        read_page(broken)
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(InputError):
        read_page(deep)


def test_gzipped_paddle_and_hocr_read(tmp_path: Path) -> None:
    for name in ("paddle-3x.json", "page1.hocr"):
        target = tmp_path / (name + ".gz")
        target.write_bytes(gzip.compress((EXAMPLES / name).read_bytes()))
        assert read_page(target).lines == read_page(EXAMPLES / name).lines


def test_abbyy_lines_styles_confidence_and_block_types() -> None:
    page = read_page(EXAMPLES / "item_abbyy.xml")
    assert page.format == "abbyy" and page.width == 2000
    assert [line.text for line in page.lines] == ["Town Hall", "The town hall opened", "on Monday.", "Second page."]
    head, _, last, _ = page.lines
    assert head.style is not None and head.style.bold and head.style.font_size == 20
    assert head.confidence == pytest.approx(0.875)  # -1 (unknown) is left out
    assert last.style is not None and last.style.italic  # the longest run is italic
    assert [(region.id, region.kind) for region in page.regions] == [
        ("block-1", "Text"),
        ("block-2", "Picture"),
        ("block-3", "Text"),
    ]


def test_a_multi_page_abbyy_file_is_one_page_with_its_pages_stacked() -> None:
    page = read_page(EXAMPLES / "item_abbyy.xml")
    assert page.height == 6000  # two pages of 3000 pixels, one above the other
    second = page.lines[-1]
    assert (second.number, second.text) == (4, "Second page.")
    assert second.box is not None and second.box.top == 3100  # moved below the first page
    assert len(load_issue(EXAMPLES / "item_abbyy.xml").pages) == 1


def test_page_xml_is_detected_and_handed_to_the_page_reader(tmp_path: Path) -> None:
    path = tmp_path / "p.page.xml"
    path.write_text(
        '<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"><Page imageWidth="10" '
        'imageHeight="10"><TextRegion id="r1"><Coords points="0,0 5,0 5,5 0,5"/><TextLine id="l1">'
        '<Coords points="0,0 5,0 5,5 0,5"/><TextEquiv><Unicode>Bonjour</Unicode></TextEquiv></TextLine>'
        "</TextRegion></Page></PcGts>",
        encoding="utf-8",
    )
    if importlib.util.find_spec("reader.ingest.pagexml") is None:
        with pytest.raises(InputError, match="PAGE XML support not available"):
            read_page(path)
    else:
        assert read_page(path).lines[0].text == "Bonjour"


def test_mustang_tesseract_hocr_opens_and_reads_sensibly(corpus: Path) -> None:
    page = read_page(corpus / "mustang" / "hocr" / "ua-nws_00003872_001.hocr")
    assert page.format == "hocr" and len(page.lines) > 200
    words = " ".join(line.text for line in page.lines).split()
    assert sum(word.isalpha() for word in words) / len(words) > 0.6  # mostly real words, not markup
    assert all(line.box is not None for line in page.lines)
