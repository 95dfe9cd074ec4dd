"""``reader notes …`` and ``reader bookmarks …`` round trips through ``reader.cli.main``."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from reader.cli import main
from reader.store import Store

ISSUE = Path(__file__).resolve().parents[2] / "issues" / "gaoxin-2022-12-02"


@pytest.fixture
def data(tmp_path: Path) -> str:
    return str(tmp_path / "data")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_notes_round_trip(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "notes", "add", str(ISSUE), "1", "开国 [red]x[/]", "--quote", "组织生活会",
                       "--tag", "党建", "--tag", "会议", "--data-dir", data)  # fmt: skip
    assert code == 0
    note_id = out.strip()
    assert len(note_id) == 32
    run(capsys, "notes", "add", str(ISSUE), "2", "第二条", "--data-dir", data)
    code, out, _ = run(capsys, "notes", "list", "--data-dir", data)
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2
    assert lines[0].startswith(note_id[:8]) and "开国 [red]x[/]" in lines[0] and "#党建 #会议" in lines[0]
    code, out, _ = run(capsys, "notes", "list", "--tag", "会议", "--json", "--data-dir", data)
    listed = json.loads(out)
    assert [n["id"] for n in listed] == [note_id]
    assert listed[0]["quote"] == "组织生活会" and listed[0]["article_found"] is True
    assert listed[0]["newspaper"] == "郑州高新区地方报" and listed[0]["date"] == "2022-12-02"
    assert run(capsys, "notes", "edit", note_id[:8], "改过", "--data-dir", data)[0] == 0
    code, out, _ = run(capsys, "notes", "list", "--issue", str(ISSUE), "--json", "--data-dir", data)
    assert [n["text"] for n in json.loads(out)] == ["改过", "第二条"]
    assert run(capsys, "notes", "delete", note_id, "--data-dir", data)[0] == 0
    code, _, err = run(capsys, "notes", "delete", note_id, "--data-dir", data)
    assert code != 0 and "no note with id" in err and err.count("\n") == 1
    code, _, err = run(capsys, "notes", "edit", "zzzz", "x", "--data-dir", data)
    assert code != 0 and "no note" in err


def test_reader_data_dir_is_used_without_the_option(
    capsys: pytest.CaptureFixture[str], monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "env"))
    assert run(capsys, "notes", "add", str(ISSUE), "1", "env")[0] == 0
    assert [n.text for n in Store.open(tmp_path / "env").list_notes()] == ["env"]


def test_bad_article_is_one_line_error(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "notes", "add", str(ISSUE), "99", "x", "--data-dir", data)
    assert code != 0 and err.startswith("reader: error: no article 99")


def test_bookmarks_round_trip(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "bookmarks", "add", str(ISSUE), "1", "--data-dir", data)[0] == 0
    assert run(capsys, "bookmarks", "add", str(ISSUE), "1", "--data-dir", data)[0] == 0  # idempotent
    code, out, _ = run(capsys, "bookmarks", "list", "--data-dir", data)
    assert code == 0 and len(out.splitlines()) == 1
    assert "2022-12-02\t郑州高新区地方报\tp1\t高新区领导以普通党员身份参加基层党支部组织生活会" in out
    code, out, _ = run(capsys, "bookmarks", "list", "--json", "--data-dir", data)
    assert json.loads(out)[0]["issue_path"] == str(ISSUE)
    assert run(capsys, "bookmarks", "remove", str(ISSUE), "1", "--data-dir", data)[0] == 0
    code, _, err = run(capsys, "bookmarks", "remove", str(ISSUE), "1", "--data-dir", data)
    assert code == 1 and "not bookmarked" in err
    assert run(capsys, "bookmarks", "list", "--data-dir", data)[1] == ""


def test_notes_follow_a_moved_issue(data: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run(capsys, "notes", "add", str(ISSUE), "1", "搬家前", "--data-dir", data)
    moved = tmp_path / "elsewhere" / "renamed-issue"
    shutil.copytree(ISSUE, moved)
    code, out, _ = run(capsys, "notes", "list", "--issue", str(moved), "--json", "--data-dir", data)
    assert [(n["text"], n["article_found"]) for n in json.loads(out)] == [("搬家前", True)]


def test_missing_article_still_lists_and_exports(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "notes", "add", str(ISSUE), "1", "孤儿", "--data-dir", data)
    store = Store.open(Path(data))
    (note,) = store.list_notes()
    store.save_note(replace(note, article_id="p1-gone", fingerprint="0" * 40, excerpt="", headline="已删除的文章",
                            source_lines=(), quote=""))  # fmt: skip
    code, out, _ = run(capsys, "notes", "list", "--data-dir", data)
    assert code == 0 and "已删除的文章 (article not found)" in out
    code, out, _ = run(capsys, "notes", "export", "--data-dir", data)
    assert code == 0 and "**article not found**" in out and "孤儿" in out


def test_export_files(data: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run(capsys, "notes", "add", str(ISSUE), "1", "导出", "--quote", "组织生活会", "--tag", "t", "--data-dir", data)
    target = tmp_path / "out.md"
    code, out, _ = run(capsys, "notes", "export", "--issue", str(ISSUE), "-o", str(target), "--data-dir", data)
    assert code == 0 and str(target) in out
    first = target.read_text(encoding="utf-8")
    assert first.startswith('---\nnewspaper: "郑州高新区地方报"') and "\n> 组织生活会\n" in first
    assert (
        "Citation: 孙庆辉, 陈璐. 高新区领导以普通党员身份参加基层党支部组织生活会\\[N\\]. 郑州高新区地方报, 2022-12-02(1)."
        in first
    )
    code, _, err = run(capsys, "notes", "export", "-o", str(target), "--format", "json", "--data-dir", data)
    assert code != 0 and "--force" in err and target.read_text(encoding="utf-8") == first
    code, _, _ = run(capsys, "notes", "export", "-o", str(target), "--format", "json", "--force", "--data-dir", data)
    assert code == 0 and json.loads(target.read_text(encoding="utf-8"))["notes"][0]["text"] == "导出"
    folder = tmp_path / "folder"
    folder.mkdir()
    code, out, _ = run(capsys, "notes", "export", "-o", str(folder), "--tag", "t", "--data-dir", data)
    (written,) = folder.iterdir()
    assert code == 0 and written.name == "2022-12-02 郑州高新区地方报 notes.md"
    code, _, err = run(capsys, "notes", "export", "--tag", "nothing", "--data-dir", data)
    assert code != 0 and "no notes" in err


def test_export_with_script(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "notes", "add", str(ISSUE), "1", "简体笔记", "--quote", "党支部", "--data-dir", data)
    code, out, _ = run(capsys, "notes", "export", "--script", "traditional", "--data-dir", data)
    assert code == 0
    assert "# 高新區領導以普通黨員身份參加基層黨支部組織生活會" in out
    assert "\n> 党支部\n" in out and "\n简体笔记\n" in out  # quotes and notes are kept as written
    assert 'converted_with: "traditional"' in out
    code, _, err = run(capsys, "notes", "export", "--script", "klingon", "--data-dir", data)
    assert code != 0 and "unknown script" in err
