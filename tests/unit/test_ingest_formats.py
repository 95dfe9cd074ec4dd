"""Format detection by content and issue folders as libraries ship them (twins, ChronAm, METS + ALTO/)."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from reader.errors import InputError
from reader.ingest import detect_format, find_page_files, load_issue, read_page
from reader.ingest.detect import sniff
from reader.ingest.issue import is_library
from reader.ingest.text import read_page as read_text_page

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ALTO_EXAMPLE = EXAMPLES / "page1.alto.xml"


@pytest.mark.parametrize(
    "head, name, expected",
    [
        (b'<?xml version="1.0"?>\n<!-- c -->\n<alto xmlns="x">', "a.xml", "alto"),
        (b"\xef\xbb\xbf<alto>", "noext", "alto"),
        (b'<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15">', "p.xml", "page"),
        (
            b'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "http://x/y.dtd">\n<html><body>'
            b"<div class='ocr_page'><span class='ocr_line'>",
            "p.html",
            "hocr",
        ),
        (b'<document xmlns="http://www.abbyy.com/FineReader_xml/FineReader10-schema-v1.xml">', "x_abbyy.xml", "abbyy"),
        (b'<mets:mets xmlns:mets="http://www.loc.gov/METS/">', "m.xml", "mets"),
        (b'<didl:DIDL xmlns:didl="urn:mpeg:mpeg21:2002:02-DIDL-NS">', "didl.xml", "didl"),
        (b'[[[[10, 20], [30, 20], [30, 40], [10, 40]], ["text", 0.9]]]', "r.json", "paddle"),
        (b'{"rec_texts": ["a"], "rec_scores": [0.9]}', "r.txt", "paddle"),
        (b"<text><p>KB article text</p></text>", "a.xml", "xml"),
        ("[图1] 本报讯".encode(), "p.txt", "text"),
        ("<本报讯>".encode(), "p.txt", "text"),
    ],
)
def test_formats_are_told_by_content(head: bytes, name: str, expected: str) -> None:
    assert sniff(head, name) == expected


def test_an_alto_file_named_txt_is_still_alto(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    shutil.copy(ALTO_EXAMPLE, path)
    assert detect_format(path) == "alto"
    assert read_page(path).format == "alto"


def test_text_pages_read_exactly_as_the_text_reader_reads_them(tmp_path: Path) -> None:
    path = tmp_path / "p.txt"
    path.write_bytes("标题\r\n\r\n正文第一行\r正文".encode("gb18030"))
    assert read_page(path, 3) == read_text_page(path, 3)


def test_gzipped_text_page_reads(tmp_path: Path) -> None:
    path = tmp_path / "p.txt.gz"
    path.write_bytes(gzip.compress(b"Headline\n\nBody text.\n"))
    assert [line.text for line in read_page(path).lines] == ["Headline", "", "Body text."]


def test_a_mets_file_is_not_a_page(tmp_path: Path) -> None:
    path = tmp_path / "issue-mets.xml"
    path.write_text('<mets:mets xmlns:mets="http://www.loc.gov/METS/"/>')
    with pytest.raises(InputError, match="open its folder"):
        read_page(path)


def test_unknown_xml_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "x.xml"
    path.write_text("<text><p>hello</p></text>")
    with pytest.raises(InputError, match="does not know"):
        read_page(path)


def test_text_twin_of_a_layout_file_is_one_page_read_from_the_layout_file(tmp_path: Path) -> None:
    shutil.copy(ALTO_EXAMPLE, tmp_path / "page1.alto.xml")
    shutil.copy(EXAMPLES / "page1.txt", tmp_path / "page1.txt")
    (tmp_path / "page2.txt").write_text("Second page\n", encoding="utf-8")
    (tmp_path / "issue.json").write_text(json.dumps({"title": "Gazette"}), encoding="utf-8")
    assert [p.name for p in find_page_files(tmp_path)] == ["page1.alto.xml", "page2.txt"]
    issue = load_issue(tmp_path)
    assert [page.format for page in issue.pages] == ["alto", "text"]
    assert issue.pages[0].source.endswith("page1.alto.xml")


def test_chronicling_america_issue_reads_one_page_per_seq_folder_xml_first(tmp_path: Path) -> None:
    edition = tmp_path / "1903" / "05" / "01" / "ed-1"
    for seq in (1, 2, 10):
        folder = edition / f"seq-{seq}"
        folder.mkdir(parents=True)
        (folder / "ocr.txt").write_text(f"Page {seq} text\n", encoding="utf-8")
    shutil.copy(ALTO_EXAMPLE, edition / "seq-1" / "ocr.xml")
    files = find_page_files(edition)
    assert [(p.parent.name, p.name) for p in files] == [
        ("seq-1", "ocr.xml"),
        ("seq-2", "ocr.txt"),
        ("seq-10", "ocr.txt"),
    ]
    assert not is_library(edition)
    assert len(load_issue(edition).pages) == 3


def _mets(hrefs: list[str]) -> str:
    files = "".join(
        f'<mets:file ID="ALTO{i}"><mets:FLocat LOCTYPE="URL" xlink:href="{href}"/></mets:file>'
        for i, href in enumerate(hrefs)
    )
    pages = "".join(
        f'<mets:div TYPE="page" ORDER="{i}"><mets:fptr><mets:area FILEID="ALTO{i}" BEGIN="P1"/></mets:fptr></mets:div>'
        for i in range(len(hrefs))
    )
    return (
        '<mets:mets xmlns:mets="http://www.loc.gov/METS/" xmlns:xlink="http://www.w3.org/1999/xlink">'
        f'<mets:fileSec><mets:fileGrp USE="Text">{files}</mets:fileGrp></mets:fileSec>'
        f'<mets:structMap TYPE="LOGICAL"><mets:div TYPE="ARTICLE"/></mets:structMap>'
        f'<mets:structMap TYPE="PHYSICAL"><mets:div TYPE="Newspaper">{pages}</mets:div></mets:structMap>'
        "</mets:mets>"
    )


def test_mets_issue_with_alto_folder_takes_page_order_from_the_physical_structmap(tmp_path: Path) -> None:
    (tmp_path / "ALTO").mkdir()
    for name in ("issue-0001.xml", "issue-0002.xml", "issue-0003.xml"):
        shutil.copy(ALTO_EXAMPLE, tmp_path / "ALTO" / name)
    # The METS puts page 3 first; "../escape.xml" must never be followed out of the folder.
    hrefs = ["file://./ALTO/issue-0003.xml", "file://./ALTO/issue-0001.xml", "ALTO/issue-0002.xml", "../escape.xml"]
    (tmp_path / "issue-METS.xml").write_text(_mets(hrefs), encoding="utf-8")
    assert [p.name for p in find_page_files(tmp_path)] == ["issue-0003.xml", "issue-0001.xml", "issue-0002.xml"]


def test_alto_folder_without_usable_mets_is_read_in_natural_order(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    for name in ("p-10.xml", "p-2.xml", "p-1.xml"):
        shutil.copy(ALTO_EXAMPLE, tmp_path / "text" / name)
    (tmp_path / "issue-mets.xml").write_text(_mets([]), encoding="utf-8")
    assert [p.name for p in find_page_files(tmp_path)] == ["p-1.xml", "p-2.xml", "p-10.xml"]


def test_empty_issue_folder_names_every_supported_format(tmp_path: Path) -> None:
    (tmp_path / "notes.xml").write_text("<text/>")
    with pytest.raises(InputError, match="ALTO"):
        load_issue(tmp_path)


def test_impresso_issues_open_in_page_order(corpus: Path) -> None:
    sample = corpus / "impresso" / "sample_data"
    bnf = load_issue(sample / "BNF-EN" / "JDPL" / "18210801_1")
    assert [Path(page.source).name for page in bnf.pages] == [f"18210801_1-000{n}.xml" for n in (1, 2, 3, 4)]
    assert all(page.format == "alto" and page.lines for page in bnf.pages)


def test_chronam_folder_reads_the_xml_not_its_text_twin(corpus: Path) -> None:
    sources = [Path(page.source).name for page in load_issue(corpus / "chronam").pages]
    assert "ocr.xml" in sources and "ocr.txt" not in sources


def test_a_data_sets_documentation_is_not_a_page(tmp_path: Path) -> None:
    """README, SOURCE and LICENSE files beside the pages (as data sets ship them) are not pages, so a folder of
    them and issue folders is a library, not an issue of its own."""
    data_set = tmp_path / "data-set"
    for name in ("README.txt", "SOURCE.txt", "LICENSE.apache-2.0.txt", "notice.txt", "Copying.txt"):
        (data_set / name).parent.mkdir(parents=True, exist_ok=True)
        (data_set / name).write_text("Where these pages come from.\n", encoding="utf-8")
    for issue in ("1939-04-25", "1939-04-26"):
        (data_set / issue).mkdir()
        (data_set / issue / "page-1.txt").write_text("高新区召开工作会议\n\n本报讯 会议部署工作。\n", encoding="utf-8")
        (data_set / issue / "notice-2.txt").write_text("本报讯 会议部署工作。\n", encoding="utf-8")
    assert find_page_files(data_set) == []
    assert is_library(data_set)
    pages = [path.name for path in find_page_files(data_set / "1939-04-25")]
    assert pages == ["notice-2.txt", "page-1.txt"]  # a page whose name only starts with such a word
