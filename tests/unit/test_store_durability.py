"""Failure modes of the store's files: fault injection, corrupt files, migrations (RELIABILITY.md 2, 3, 6)."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from reader.cli import main
from reader.store import Store, StoreError
from reader.store import storage as storage_module
from tests.unit.test_store_support import ARTICLE_A, ARTICLE_B, sample_analysis


def _fail(code: int):
    def failing(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return failing


@pytest.mark.parametrize("step", ["write", "fsync", "replace"])
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO])
def test_fault_injection_keeps_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str, code: int
) -> None:
    data = tmp_path / "data"
    store = Store.open(data)
    kept = store.add_note(sample_analysis(), ARTICLE_A, "kept")
    shard = data / "notes" / "issue0001.json"
    before = shard.read_bytes()
    monkeypatch.setattr(storage_module.os, step, _fail(code))
    with pytest.raises(StoreError) as caught:
        store.add_note(sample_analysis(), ARTICLE_B, "lost")
    monkeypatch.undo()
    message = str(caught.value)
    assert str(shard) in message and os.strerror(code) in message and "\n" not in message
    assert shard.read_bytes() == before
    assert not [p for p in (data / "notes").iterdir() if p.name.endswith(".tmp")]
    assert [n.id for n in Store.open(data).list_notes()] == [kept.id]


def test_directory_fsync_failure_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store.open(tmp_path / "data")
    monkeypatch.setattr(storage_module, "fsync_dir", _fail(errno.EIO))
    with pytest.raises(StoreError, match="could not flush"):
        store.set_state("theme", "x")


def test_fault_reaches_the_cli_user_as_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    issue = Path(__file__).resolve().parents[2] / "issues" / "gaoxin-2022-12-02"
    monkeypatch.setattr(storage_module.os, "replace", _fail(errno.ENOSPC))
    code = main(["notes", "add", str(issue), "1", "text", "--data-dir", str(tmp_path / "d")])
    err = capsys.readouterr().err
    assert code != 0
    assert err.count("\n") == 1 and "No space left on device" in err and "could not save" in err


CORRUPT_VARIANTS = {
    "empty": b"",
    "truncated": b'{"meta":{"1":{"schema_version":2}},"notes":{"1":{"id":"abc","text":"hal',
    "list": b"[]",
    "table-is-number": b'{"_default": 5}',
    "gb18030-bytes": '{"notes":{"1":{"id":"n1","text":"中文"}}}'.encode("gb18030"),
    "latin1-bytes": b'{"notes":{"1":{"id":"n1","text":"caf\xe9"}}}',
    "bom": b'\xef\xbb\xbf{"notes":{"1":{"id":"n1","issue_id":"issue0001","text":"with bom"}}}',
}


@pytest.mark.parametrize("variant", sorted(CORRUPT_VARIANTS))
@pytest.mark.parametrize("which", ["state.json", "bookmarks.json", "notes/issue0001.json"])
def test_corrupt_file_is_moved_aside_and_store_opens(tmp_path: Path, variant: str, which: str) -> None:
    data = tmp_path / "data"
    (data / "notes").mkdir(parents=True)
    path = data / which
    payload = CORRUPT_VARIANTS[variant]
    if which != "notes/issue0001.json":
        payload = payload.replace(b'"notes"', b'"state"' if which == "state.json" else b'"bookmarks"')
    path.write_bytes(payload)
    store = Store.open(data)
    store.list_notes()  # shards are checked when first read
    warnings = store.take_warnings()
    assert len(warnings) == 1, warnings
    aside = [p for p in path.parent.iterdir() if p.name.startswith(path.name + ".corrupt-")]
    assert len(aside) == 1 and aside[0].read_bytes() == payload
    assert str(aside[0]) in warnings[0]
    # The store works afterwards, and the file is valid again.
    store.add_note(sample_analysis(), ARTICLE_A, "after")
    store.set_state("k", 1)
    store.add_bookmark(sample_analysis(), ARTICLE_A)
    assert any(n.text == "after" for n in store.list_notes())
    json.loads(path.read_text(encoding="utf-8"))


def test_mis_encoded_files_are_recovered(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "notes").mkdir(parents=True)
    (data / "notes" / "issue0001.json").write_bytes(CORRUPT_VARIANTS["bom"])
    (data / "notes" / "issue0002.json").write_bytes(CORRUPT_VARIANTS["gb18030-bytes"])
    store = Store.open(data)
    assert sorted(n.text for n in store.list_notes()) == ["with bom", "中文"]
    assert all("recovered" in w for w in store.take_warnings())


def test_corrupt_twice_never_overwrites_the_first_copy(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "state.json").write_bytes(b"first")
    Store.open(data)
    (data / "state.json").write_bytes(b"second")
    Store.open(data)
    copies = sorted(p.read_bytes() for p in data.iterdir() if ".corrupt-" in p.name)
    assert copies == [b"first", b"second"]


def test_cli_prints_the_warning_to_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "d"
    data.mkdir()
    (data / "bookmarks.json").write_bytes(b"[]")
    assert main(["bookmarks", "list", "--data-dir", str(data)]) == 0
    err = capsys.readouterr().err
    assert "bookmarks.json" in err and "moved to" in err


V1_DOCUMENT = {
    "state": {"1": {"key": "theme", "value": "textual-light"}},
    "bookmarks": {"1": {"issue": "issue0001", "article": "p1-aaaaaaaaaaaa", "headline": "旧书签", "created": 1.7e9}},
    "notes": {
        "1": {
            "issue": "issue0001",
            "article": "p1-aaaaaaaaaaaa",
            "headline": "中央人民政府成立",
            "quote": "宣告成立",
            "text": "第一条",
            "tags": "history, 1949",
            "created": 1.7e9,
            "updated": 1.7e9 + 60,
            "extra": "ignored",
        },
        "3": {"issue": "issue0002", "article": "p2-x", "text": "第二条", "created": 1.7e9 + 1},
    },
}


def test_migration_from_version_1(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    original = json.dumps(V1_DOCUMENT, ensure_ascii=False).encode("utf-8")
    (data / "reader.json").write_bytes(original)
    store = Store.open(data)
    warnings = store.take_warnings()
    backups = [p for p in data.iterdir() if p.name.startswith("reader.json.v1-backup-")]
    assert len(backups) == 1 and backups[0].read_bytes() == original
    assert str(backups[0]) in warnings[0]
    assert not (data / "reader.json").exists()
    notes = store.list_notes()
    assert [(n.text, n.issue_id, n.tags) for n in notes] == [
        ("第一条", "issue0001", ("history", "1949")),
        ("第二条", "issue0002", ()),
    ]
    assert notes[0].created.startswith("2023-11-14T22:13:20") and notes[0].quote == "宣告成立"
    assert len({n.id for n in notes}) == 2 and all(len(n.id) == 32 for n in notes)
    assert [b.headline for b in store.list_bookmarks()] == ["旧书签"]
    assert store.get_state("theme") == "textual-light"
    assert store.is_bookmarked("issue0001", "p1-aaaaaaaaaaaa")
    # Interrupted before the old file was removed: running again duplicates nothing.
    (data / "reader.json").write_bytes(original)
    again = Store.open(data)
    assert [n.id for n in again.list_notes()] == [n.id for n in notes]
    assert len(again.list_bookmarks()) == 1
    # Version-2 files record their schema.
    shard = json.loads((data / "notes" / "issue0001.json").read_text(encoding="utf-8"))
    assert shard["meta"]["1"]["schema_version"] == 2


def test_corrupt_version_1_file_is_moved_aside(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "reader.json").write_bytes(b'{"notes": {"1": {"text": "cut')
    store = Store.open(data)
    warnings = store.take_warnings()
    assert any("reader.json.corrupt-" in w for w in warnings)
    assert not (data / "reader.json").exists()
    assert [p.read_bytes() for p in data.iterdir() if ".corrupt-" in p.name] == [b'{"notes": {"1": {"text": "cut']
    store.add_note(sample_analysis(), ARTICLE_A, "works")
