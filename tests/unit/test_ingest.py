"""Ingest: encodings, line ends, line numbers, and every kind of bad input."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from reader.errors import InputError
from reader.ingest import decode_bytes, load_issue, read_page
from reader.ingest.issue import is_library, issue_id, scan_library

SIMPLIFIED_SHORT = "高新区四个重大项目集中开工"
SIMPLIFIED_LONG = (
    "本报讯 11月29日，高新区梧桐园区运营中心党支部召开专题组织生活会，党支部全体党员参会。"
    "会上，全体党员首先观看了专题片，随后围绕会议主题，谈认识、话感悟，对照自身工作实际交流学习心得。"
)
TRADITIONAL_SHORT = "國旗案昨已解決"
TRADITIONAL_LONG = (
    "上海晶報館出版，每逢三六九日發行。本報記者昨日訪問某君，談及時局，頗多感慨。"
    "據云此次會議，各方代表均已到齊，議決事項甚多，容後再誌。"
)
TEXTS = {
    "simplified-short": SIMPLIFIED_SHORT,
    "simplified-long": SIMPLIFIED_LONG,
    "traditional-short": TRADITIONAL_SHORT,
    "traditional-long": TRADITIONAL_LONG,
}
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom", "gb18030", "gbk", "big5"]


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16-be-bom":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    return text.encode(encoding)


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("name", sorted(TEXTS))
def test_encoding_matrix_decodes_exactly(name: str, encoding: str) -> None:
    text = TEXTS[name]
    try:
        data = _encode(text, encoding)
    except UnicodeEncodeError:
        pytest.skip(f"{encoding} cannot encode {name}")
    decoded = decode_bytes(data)
    assert decoded.text == text
    assert decoded.confidence >= 0.8, decoded


def test_big5_is_not_mistaken_for_gb18030() -> None:
    # Big5 bytes decode as GB18030 without any error; plausibility must pick Big5.
    data = TRADITIONAL_LONG.encode("big5")
    assert data.decode("gb18030") != TRADITIONAL_LONG
    assert decode_bytes(data).encoding == "big5"


def test_ambiguous_tiny_text_reports_low_confidence() -> None:
    # Two characters of Big5 are also two common characters in GB18030: we cannot know, so we say so.
    decoded = decode_bytes("晶報".encode("big5"))
    assert decoded.confidence < 0.8


def test_undecodable_legacy_bytes_are_refused() -> None:
    with pytest.raises(InputError, match="encoding"):
        decode_bytes(bytes([0x81, 0x30, 0xFF, 0xFE, 0x80]) * 40)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_ends_and_physical_line_numbers(tmp_path: Path, newline: str) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(newline.join(["", "第一行", "", "第三行", ""]).encode("utf-8"))
    page = read_page(path)
    assert [(line.number, line.text) for line in page.lines] == [(1, ""), (2, "第一行"), (3, ""), (4, "第三行")]


def test_only_real_line_ends_count(tmp_path: Path) -> None:
    # U+2028 and form feeds are not line ends in a text editor; str.splitlines() would count them.
    path = tmp_path / "page.txt"
    path.write_text("甲\u2028乙\n丙\x0c丁\n", encoding="utf-8")
    assert [line.number for line in read_page(path).lines] == [1, 2]


def test_escape_sequences_are_removed_at_ingest(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("标题\x1b[31m红\x1b[0m\n\x1b]52;c;ZXZpbA==\x07正文[red]号外[/]\n", encoding="utf-8")
    lines = [line.text for line in read_page(path).lines]
    assert lines == ["标题红", "正文[red]号外[/]"]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: _write(d / "empty.txt", b""), "empty"),
        (lambda d: _write(d / "blank.txt", b"  \n\n \r\n"), "empty"),
        (lambda d: _write(d / "image.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4), "binary"),
        (lambda d: _write(d / "nul.txt", b"abc\x00def" * 100), "binary"),
    ],
)
def test_bad_page_files_raise_one_line_errors(tmp_path: Path, make, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        read_page(make(tmp_path))
    assert "\n" not in str(caught.value)


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: costs no disk
    with pytest.raises(InputError, match="refused"):
        read_page(path)


def test_issue_folder_with_metadata_and_natural_page_order(tmp_path: Path) -> None:
    folder = tmp_path / "issue"
    folder.mkdir()
    for name in ("page-10.txt", "page-2.txt", "page-1.txt"):
        (folder / name).write_text(f"{name}\n正文。\n", encoding="utf-8")
    (folder / "issue.json").write_text('{"title": "晶報", "date": "1930-04-03", "edition": "A"}', encoding="utf-8")
    issue = load_issue(folder)
    assert [Path(p.source).name for p in issue.pages] == ["page-1.txt", "page-2.txt", "page-10.txt"]
    assert [p.number for p in issue.pages] == [1, 2, 3]
    assert (issue.meta.title, issue.meta.date, issue.meta.edition) == ("晶報", "1930-04-03", "A")


def test_issue_id_is_content_based(tmp_path: Path) -> None:
    first = tmp_path / "a" / "p1.txt"
    first.parent.mkdir()
    first.write_text("标题\n正文。\n", encoding="utf-8")
    moved = tmp_path / "b" / "renamed.txt"
    moved.parent.mkdir()
    moved.write_bytes("标题\r\n正文。\r\n".encode("gb18030"))
    assert load_issue(first).id == load_issue(moved).id
    other = tmp_path / "c.txt"
    other.write_text("标题\n另一篇正文。\n", encoding="utf-8")
    assert load_issue(other).id != load_issue(first).id
    assert issue_id(load_issue(first).pages) == load_issue(first).id


def test_folder_without_pages_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="no page files"):
        load_issue(tmp_path)


def test_bad_metadata_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "p.txt").write_text("正文\n", encoding="utf-8")
    (tmp_path / "issue.json").write_text('{"date": "April 1930"}', encoding="utf-8")
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        load_issue(tmp_path)


def test_library_scan_sorts_by_date(tmp_path: Path) -> None:
    for folder, date in (("b", "1939-04-21"), ("a", "1930-04-03"), ("c", None)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "p.txt").write_text("正文\n", encoding="utf-8")
        if date:
            (tmp_path / folder / "issue.json").write_text(f'{{"date": "{date}"}}', encoding="utf-8")
    assert is_library(tmp_path)
    assert [ref.path.name for ref in scan_library(tmp_path)] == ["a", "b", "c"]
    with pytest.raises(InputError, match="library"):
        load_issue(tmp_path)
