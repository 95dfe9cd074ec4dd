"""Issue metadata with provenance: dates and editions from paths, dates and nameplates from pages, the user's edits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.dates import cn_number, find_dates, ganzhi
from reader.ingest import load_issue
from reader.metadata import apply_edits, date_from_path, edition_from_path, infer_meta, parse_user_date, shown
from reader.model import IssueMeta, Line, Page
from reader.store import Store


def _page(*lines: str, number: int = 1) -> Page:
    return Page(number, f"p{number}.txt", tuple(Line(i, text) for i, text in enumerate(lines, start=1)))


@pytest.mark.parametrize(
    ("path", "date"),
    [
        ("lib/jingbao-1920-04-09", "1920-04-09"),
        ("lib/gaoxin_2022_12_02", "2022-12-02"),
        ("BNF/JDPL/18210801_1", "1821-08-01"),
        ("batch/sn83030214/1903/05/01/ed-1", "1903-05-01"),
        ("KB/newspaper/1813/11/16", "1813-11-16"),
        ("BL/0002244/1855/0922", "1855-09-22"),
        ("Lux/2385348_newspaper_luxzeit1858_1858-12-07_01", "1858-12-07"),
        ("lib/issue-7", None),
        ("lib/2022-13-40", None),
    ],
)
def test_dates_from_paths(path: str, date: str | None) -> None:
    found = date_from_path(Path(path))
    assert (found[0] if found else None) == date


def test_page_file_names_give_a_date_only_when_they_agree() -> None:
    assert date_from_path(Path("x"), ["jb_1920-04-09_a.txt", "jb_1920-04-09_b.txt"]) == (
        "1920-04-09",
        "page file names",
    )
    assert date_from_path(Path("x"), ["a_1920-04-09.txt", "b_1920-04-10.txt"]) is None


def test_editions_from_paths() -> None:
    assert edition_from_path(Path("sn1/1903/05/01/ed-2"))[0] == "2"
    assert edition_from_path(Path("Olive/GDL-1900-01-02-a"))[0] == "a"
    assert edition_from_path(Path("lib/plain")) is None


def test_chinese_numerals_and_ganzhi() -> None:
    assert [cn_number(t) for t in ("九", "十九", "廿一", "貳拾捌", "一九二〇", "十　八", "２０２２")] == [
        9, 19, 21, 28, 1920, 18, 2022
    ]  # fmt: skip
    assert ganzhi(1920) == "庚申" and ganzhi(1939) == "己卯"


def test_a_minguo_date_checked_by_ganzhi_and_weekday_beats_a_founding_date() -> None:
    lines = [
        "中華民國貳拾捌年四月廿一日　星期五　本報創於民國八年三月三日",
        "第四版　民國九年四月三日　晶　報　庚申年二月十五日　星期六",
    ]
    found = {f.date: f.score for f in find_dates(lines)}
    assert found["1939-04-21"] >= 4 and found["1920-04-03"] >= 4  # weekday / 干支 agree
    assert found["1919-03-03"] < 0  # the paper's founding date


def test_a_date_broken_over_two_lines_is_found() -> None:
    assert [f.date for f in find_dates(["第一版　民國十九年四", "月十　八日"])] == ["1930-04-18"]


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("VOLUME 56, NO. 20 ★ Wednesday, October 23, 1991", "1991-10-23"),
        ("Monday, January 17,1983", "1983-01-17"),
        ("MONDAY, MAY 1 1, 1992", "1992-05-11"),
        ("_____MAY 3,1994 VOLUME LVIII", "1994-05-03"),
        ("PARIS, samedi 15 mars 1884", "1884-03-15"),
        ("Luxemburg, Dienstag, den 7. Dezember 1858", "1858-12-07"),
        ("le 1er janvier 1900", "1900-01-01"),
        ("2022年12月2日", "2022-12-02"),
    ],
)
def test_latin_and_chinese_dates(line: str, date: str) -> None:
    assert [f.date for f in find_dates([line])] == [date]


def test_a_weekday_that_does_not_match_lowers_the_score() -> None:
    (found,) = find_dates(["Saturday, May 15, 1981"])  # it was a Friday
    assert found.score < 2


def test_infer_keeps_given_values_and_marks_inferred_ones() -> None:
    pages = [_page("Mustang Daily", "Friday, May 15, 1981", "Hawk wins runoff"), _page("2 Mustang Daily", number=2)]
    meta = infer_meta(IssueMeta(edition="late"), Path("lib/issue"), pages)
    assert (meta.title, meta.date, meta.edition) == ("Mustang Daily", "1981-05-15", "late")
    assert [meta.source(n) for n in ("title", "date", "edition")] == ["inferred", "inferred", "given"]
    assert shown(meta, "date") == "1981-05-15?" and shown(meta, "edition") == "late"
    assert "May 15, 1981" in meta.reason("date")
    unknown = infer_meta(IssueMeta(), Path("lib/issue"), [_page("no date here")])
    assert unknown.source("date") == "unknown" and shown(unknown, "date", "undated") == "undated"


def test_the_path_wins_over_the_page_and_the_user_over_both() -> None:
    meta = infer_meta(IssueMeta(), Path("lib/1920-04-10"), [_page("民國九年四月九日")])
    assert meta.date == "1920-04-10" and "folder name" in meta.reason("date")
    edited = apply_edits(meta, {"date": "1920-04-09", "title": "晶報"})
    assert (edited.date, edited.source("date"), edited.reason("date")) == ("1920-04-09", "given", "your edit")


def test_user_dates_are_checked() -> None:
    assert parse_user_date("1920-4-9") == "1920-04-09" and parse_user_date("19200409") == "1920-04-09"
    with pytest.raises(ValueError):
        parse_user_date("1920-02-30")


def test_load_issue_infers_from_folder_and_pages(tmp_path: Path) -> None:
    folder = tmp_path / "paper-1903-05-01"
    folder.mkdir()
    (folder / "p1.txt").write_text("THE SUN\nFriday, May 1, 1903\n\nStrike ends\n", encoding="utf-8")
    issue = load_issue(folder)
    assert issue.meta.date == "1903-05-01" and issue.meta.source("date") == "inferred"
    (folder / "issue.json").write_text(json.dumps({"title": "The Sun", "date": "1903-05-02"}), encoding="utf-8")
    given = load_issue(folder).meta
    assert (given.title, given.date, given.source("date")) == ("The Sun", "1903-05-02", "given")


def test_store_keeps_the_users_edits_by_issue_id(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    assert store.set_issue_edits("abc", title="晶報", date="1920-04-09") == {"title": "晶報", "date": "1920-04-09"}
    assert store.set_issue_edits("abc", date="", edition="2") == {"title": "晶報", "edition": "2"}
    assert Store.open(tmp_path / "data").get_issue_edits("abc") == {"title": "晶報", "edition": "2"}
    assert store.get_issue_edits("other") == {}


METS = """<?xml version="1.0" encoding="UTF-8"?>
<mets xmlns="http://www.loc.gov/METS/" xmlns:mods="http://www.loc.gov/mods/v3">
  <dmdSec ID="MODSMD_ISSUE1"><mdWrap MDTYPE="MODS"><xmlData><mods:mods>
    <mods:titleInfo><mods:title>Le Journal des Débats</mods:title></mods:titleInfo>
    <mods:originInfo><mods:dateIssued keyDate="yes">01.08.1821</mods:dateIssued></mods:originInfo>
  </mods:mods></xmlData></mdWrap></dmdSec>
  <dmdSec ID="MODSMD_ARTICLE1"><mdWrap MDTYPE="MODS"><xmlData><mods:mods>
    <mods:titleInfo><mods:title>ALLEMAGNE.</mods:title></mods:titleInfo>
  </mods:mods></xmlData></mdWrap></dmdSec>
  <structMap TYPE="PHYSICAL"><div TYPE="page"/></structMap>
</mets>
"""


def test_a_mets_file_gives_the_issue_title_and_date_not_an_articles(tmp_path: Path) -> None:
    from reader.metadata import mets_meta

    (tmp_path / "issue-METS.xml").write_text(METS, encoding="utf-8")
    meta = mets_meta(tmp_path)
    assert (meta.title, meta.date, meta.source("date")) == ("Le Journal des Débats", "1821-08-01", "given")
    assert "METS/MODS" in meta.reason("title")
    (tmp_path / "issue-METS.xml").write_text("<mets", encoding="utf-8")  # malformed: nothing, no error
    assert mets_meta(tmp_path) == IssueMeta()
