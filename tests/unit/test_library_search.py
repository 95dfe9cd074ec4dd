"""``reader search LIBRARY QUERY``: every issue at once through the index, kept up to date as issues change."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from reader.cli import main
from reader.ingest.issue import is_library, scan_library
from tests.conftest import SEED_PAGE

SEED = SEED_PAGE.read_text(encoding="utf-8")
ENGLISH = """THE DAILY NEWS

MAYOR OPENS NEW BRIDGE

By John Smith

The Mayor opened the co-operative bridge in Zürich on Monday, and the crowd cheered for the mayor.

CITY COUNCIL MEETS

The council discussed the budget of the university at length.
"""
TRADITIONAL = """晶報

高新區舉行運動會

本報訊 昨日高新區體育場舉行運動會，觀眾甚多，熱鬧非常。
"""


def write_issue(folder: Path, pages: list[str], title: str | None = None, date: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number, text in enumerate(pages, start=1):
        (folder / f"page-{number:02d}.txt").write_text(
            text + f"\nissue {folder.name} page {number}\n", encoding="utf-8"
        )
    if title or date:
        (folder / "issue.json").write_text(json.dumps({"title": title, "date": date}), encoding="utf-8")
    return folder


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    write_issue(root / "gaoxin" / "2022-12-02", [SEED], "高新区报", "2022-12-02")
    write_issue(root / "daily" / "1939" / "04" / "21" / "ed-1", [ENGLISH], "Daily News", "1939-04-21")
    write_issue(
        root / "jingbao" / "1939-04-25", [TRADITIONAL, ENGLISH.replace("Monday", "Tuesday")], "晶報", "1939-04-25"
    )
    return root


def search(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["search", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def search_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    code, out, _ = search(capsys, *argv, "--json")
    assert code in (0, 1)
    return json.loads(out)


def test_issues_are_found_at_any_depth_and_an_issue_is_not_entered(library: Path) -> None:
    chronam = library / "chronam" / "1900" / "01" / "02" / "ed-1"
    (chronam / "seq-1").mkdir(parents=True)
    (chronam / "seq-1" / "ocr.txt").write_text(ENGLISH, encoding="utf-8")
    (chronam / "seq-2").mkdir()
    (chronam / "seq-2" / "ocr.txt").write_text(ENGLISH, encoding="utf-8")
    refs = scan_library(library)
    assert is_library(library)
    by_path = {ref.path.relative_to(library).as_posix(): ref.page_count for ref in refs}
    assert by_path == {
        "gaoxin/2022-12-02": 1,
        "daily/1939/04/21/ed-1": 1,
        "jingbao/1939-04-25": 2,
        "chronam/1900/01/02/ed-1": 2,
    }
    assert [ref.meta.date for ref in refs] == [
        "1900-01-02",
        "1939-04-21",
        "1939-04-25",
        "2022-12-02",
    ]  # ChronAm: from the path


def test_hits_come_from_every_issue_grouped_in_date_order(library: Path, capsys) -> None:
    code, out, err = search(capsys, str(library), "mayor")
    assert code == 0, err
    lines = out.splitlines()
    headings = [line for line in lines if not line.startswith("  ")]
    assert [h.split("  ")[0] for h in headings] == ["1939-04-21", "1939-04-25"]
    assert "«MAYOR» OPENS NEW BRIDGE" in out  # "mayor" found in capitals, shown as printed
    number, page, where, snippet = lines[1].strip().split("\t")
    assert number.isdigit() and page == "p.1"


def test_scripts_fold_together(library: Path, capsys) -> None:
    simplified = search_json(capsys, str(library), "高新区")
    traditional = search_json(capsys, str(library), "高新區")
    assert simplified["hits"] == traditional["hits"]
    assert {hit["title"] for hit in simplified["hits"]} == {"高新区报", "晶報"}
    one_character = search_json(capsys, str(library), "區")
    assert one_character["total"] >= simplified["total"]


def test_phrases_and_terms_and_exclusions(library: Path, capsys) -> None:
    assert search_json(capsys, str(library), '"opened the co-operative"')["total"] == 2
    assert search_json(capsys, str(library), '"the opened"')["total"] == 0
    assert search_json(capsys, str(library), "mayor Monday")["total"] == 1
    assert search_json(capsys, str(library), "mayor -Tuesday")["total"] == 1
    assert search_json(capsys, str(library), "cooperative")["total"] == 2  # hyphenation folded
    assert search_json(capsys, str(library), "zurich")["total"] == 2  # accents folded
    assert search_json(capsys, str(library), "may")["total"] == 0  # Latin matches whole words


def test_limit_total_and_filters(library: Path, capsys) -> None:
    everything = search_json(capsys, str(library), "the")
    limited = search_json(capsys, str(library), "the", "--limit", "1")
    assert len(limited["hits"]) == 1 and limited["total"] == everything["total"] > 1
    code, out, err = search(capsys, str(library), "the", "--limit", "1")
    assert f"{everything['total']} articles match" in err
    assert {h["title"] for h in search_json(capsys, str(library), "the", "--paper", "daily")["hits"]} == {"Daily News"}
    dated = search_json(capsys, str(library), "the", "--from", "1939-04-22", "--to", "1939")["hits"]
    assert {h["date"] for h in dated} == {"1939-04-25"}
    assert search_json(capsys, str(library), "the", "--kind", "advert")["total"] == 0
    code, _, err = search(capsys, str(library), "the", "--from", "April")
    assert code == 2 and "YYYY" in err


def test_no_match_exits_1(library: Path, capsys) -> None:
    code, out, err = search(capsys, str(library), "不存在的词语")
    assert code == 1 and out == "" and "no matches" in err


def test_a_changed_issue_is_indexed_again_and_a_deleted_one_dropped(library: Path, capsys) -> None:
    assert search_json(capsys, str(library), "mayor")["total"] == 2
    page = library / "jingbao" / "1939-04-25" / "page-02.txt"
    page.write_text("NEW HEADLINE\n\nThe aldermen met instead.\n", encoding="utf-8")
    assert search_json(capsys, str(library), "mayor")["total"] == 1
    assert search_json(capsys, str(library), "aldermen")["total"] == 1
    shutil.rmtree(library / "daily")
    assert search_json(capsys, str(library), "mayor")["total"] == 0
    write_issue(library / "late" / "deep" / "issue", [ENGLISH], "Late", "1950-01-01")
    assert [h["title"] for h in search_json(capsys, str(library), "mayor")["hits"]] == ["Late"]


def _index_files(cache: Path) -> list[Path]:
    return sorted((cache / "index").glob("*.sqlite"))


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty"])
def test_a_damaged_index_is_rebuilt(library: Path, capsys, tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "cache"
    expected = search_json(capsys, str(library), "mayor", "--cache-dir", str(cache))
    (index,) = _index_files(cache)
    for suffix in ("-wal", "-shm"):
        Path(f"{index}{suffix}").unlink(missing_ok=True)
    data = index.read_bytes()
    index.write_bytes({"garbage": os.urandom(4096), "truncated": data[: len(data) // 3], "empty": b""}[damage])
    assert search_json(capsys, str(library), "mayor", "--cache-dir", str(cache)) == expected


def test_notes_and_quotes_are_searched_and_marked(library: Path, capsys) -> None:
    issue = library / "daily" / "1939" / "04" / "21" / "ed-1"
    assert main(["notes", "add", str(issue), "1", "remember the zeppelin", "--quote", "crowd cheered"]) == 0
    capsys.readouterr()
    found = search_json(capsys, str(library), "zeppelin")
    assert [(h["source"], h["title"]) for h in found["hits"]] == [("note", "Daily News")]
    quoted = search_json(capsys, str(library), "cheered")
    assert {h["source"] for h in quoted["hits"]} == {"quote", "article"}
    code, out, _ = search(capsys, str(library), "zeppelin")
    assert "[note]" in out


def test_hostile_text_reaches_the_terminal_sanitized(tmp_path: Path, capsys) -> None:
    write_issue(tmp_path / "lib" / "x\x1b[31m", ["HEAD\n\nThe \x1b]52;c;ZXZpbA==\x07 mayor spoke.\n"])
    code, out, _ = search(capsys, str(tmp_path / "lib"), "mayor")
    assert code == 0 and "\x1b" not in out and "\x07" not in out


def test_fold_table_is_what_opencc_gives() -> None:
    from reader.fold import compute_table, fold_table

    table = compute_table()
    folds = {code: target for code, target in fold_table().items() if code != target}  # identities left out
    assert folds == str.maketrans("".join(table), "".join(table.values()))
