"""The store's API: state, bookmarks, notes, identity, unknown keys, encoding."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.annotations import Note
from reader.store import NoteNotFound, Store, StoreError
from tests.unit.test_store_support import ARTICLE_A, ARTICLE_B, ARTICLE_C, make_analysis, sample_analysis


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "data")


def test_state_round_trip_and_copies(store: Store, tmp_path: Path) -> None:
    store.set_state("theme", "textual-dark")
    store.set_state("last_article", {"issue0001": "p1-aaaaaaaaaaaa"})
    store.set_state("theme", "gruvbox")
    assert store.get_state("theme") == "gruvbox"
    assert store.get_state("missing", 7) == 7
    value = store.get_state("last_article")
    value["issue0001"] = "changed"  # mutating what we got must not change the store
    assert Store.open(tmp_path / "data").get_state("last_article") == {"issue0001": "p1-aaaaaaaaaaaa"}
    with pytest.raises(StoreError):
        store.set_state("bad", object())


def test_bookmarks(store: Store) -> None:
    analysis = sample_analysis()
    assert not store.is_bookmarked("issue0001", ARTICLE_A.id)
    assert store.toggle_bookmark(analysis, ARTICLE_A) is True
    assert store.is_bookmarked("issue0001", ARTICLE_A.id)
    again = store.add_bookmark(analysis, ARTICLE_A)
    assert len(store.list_bookmarks()) == 1 and again.id == store.list_bookmarks()[0].id
    bookmark = store.list_bookmarks()[0]
    assert (bookmark.headline, bookmark.newspaper, bookmark.date, bookmark.page) == (
        "中央人民政府成立",
        "人民日报",
        "1949-10-01",
        1,
    )
    assert store.toggle_bookmark(analysis, ARTICLE_A) is False
    assert store.list_bookmarks() == []
    store.add_bookmark(analysis, ARTICLE_B)
    assert store.remove_bookmark("issue0001", ARTICLE_B.id) is True
    assert store.remove_bookmark("issue0001", ARTICLE_B.id) is False


def test_notes_crud_and_filters(store: Store, tmp_path: Path) -> None:
    analysis = sample_analysis()
    other = make_analysis((ARTICLE_C,), issue_id="issue0002", title="大公报")
    first = store.add_note(analysis, ARTICLE_A, "开国 𠮷 😀", quote="宣告成立", tags=["history", " #1949 ", "history"])
    store.add_note(analysis, ARTICLE_B, "集会", tags=["crowd"])
    store.add_note(other, ARTICLE_C, "庆祝", tags=["History"])
    assert first.tags == ("history", "1949")
    reopened = Store.open(tmp_path / "data")
    assert [n.text for n in reopened.notes_for_article("issue0001", ARTICLE_A.id)] == ["开国 𠮷 😀"]
    assert len(reopened.list_notes()) == 3
    assert [n.text for n in reopened.list_notes(issue_id="issue0002")] == ["庆祝"]
    assert {n.text for n in reopened.list_notes(tag="history")} == {"开国 𠮷 😀", "庆祝"}
    edited = reopened.update_note(first.id, text="改过", tags=["x"])
    assert (edited.text, edited.quote, edited.tags, edited.created) == ("改过", "宣告成立", ("x",), first.created)
    assert edited.updated >= first.updated
    assert reopened.get_note(first.id) == edited
    assert reopened.delete_note(first.id) is True
    assert reopened.delete_note(first.id) is False
    assert reopened.get_note(first.id) is None
    with pytest.raises(NoteNotFound):
        reopened.update_note(first.id, text="gone")


def test_identity_never_reused(tmp_path: Path) -> None:
    """Add A and B, delete B, reopen, add C: C never takes B's id, and a reference to B stays dangling."""
    analysis = sample_analysis()
    store = Store.open(tmp_path / "data")
    note_a = store.add_note(analysis, ARTICLE_A, "A")
    note_b = store.add_note(analysis, ARTICLE_A, "B")
    mark_a = store.add_bookmark(analysis, ARTICLE_A)
    mark_b = store.add_bookmark(analysis, ARTICLE_B)
    assert store.delete_note(note_b.id) and store.delete_bookmark(mark_b.id)
    store = Store.open(tmp_path / "data")
    note_c = store.add_note(analysis, ARTICLE_A, "C")
    mark_c = store.add_bookmark(analysis, ARTICLE_C)
    assert note_c.id not in {note_a.id, note_b.id}
    assert mark_c.id not in {mark_a.id, mark_b.id}
    assert store.get_note(note_b.id) is None  # a link to B is dangling, never C
    assert store.get_bookmark(mark_b.id) is None
    assert store.get_note(note_a.id).text == "A"
    # TinyDB did reuse its document id: the store's UUIDs are what keeps identity.
    raw = json.loads((tmp_path / "data" / "notes" / "issue0001.json").read_text(encoding="utf-8"))["notes"]
    assert {doc["text"]: key for key, doc in raw.items()}["C"] == "2"


def test_unknown_keys_tolerated_and_kept(store: Store, tmp_path: Path) -> None:
    note = store.add_note(sample_analysis(), ARTICLE_A, "text")
    path = tmp_path / "data" / "notes" / "issue0001.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["notes"]["1"]["colour"] = "yellow"
    data["notes"]["1"]["page"] = "not a number"
    data["notes"]["2"] = {"no_id": True}
    path.write_text(json.dumps(data), encoding="utf-8")
    assert store.get_note(note.id).page is None
    store.update_note(note.id, text="new")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["notes"]["1"]["colour"] == "yellow"
    assert [n.text for n in store.list_notes()] == ["new"]


def test_files_are_utf8_under_a_non_utf8_locale(tmp_path: Path) -> None:
    """Under LANG=C the store still writes UTF-8 that reads back (𠮷 and an emoji)."""
    script = (
        "import locale, sys; from pathlib import Path; from reader.store import Store;"
        "from tests.unit.test_store_support import sample_analysis, ARTICLE_A;"
        "assert 'utf' not in locale.getpreferredencoding(False).lower();"
        "s = Store.open(Path(sys.argv[1])); s.add_note(sample_analysis(), ARTICLE_A, '\\U00020bb7\\U0001f600')"
    )
    env = {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0", "PATH": "/usr/bin:/bin"}
    repo = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "d")], check=True, env=env, cwd=repo)
    raw = (tmp_path / "d" / "notes" / "issue0001.json").read_bytes()
    assert "𠮷😀".encode() in raw
    assert [n.text for n in Store.open(tmp_path / "d").list_notes()] == ["𠮷😀"]


def test_newer_schema_is_not_touched(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "data" / "notes" / "issue0001.json"
    payload = json.dumps({"meta": {"1": {"schema_version": 99}}, "notes": {}}).encode()
    path.write_bytes(payload)
    with pytest.raises(StoreError, match="newer reader"):
        store.add_note(sample_analysis(), ARTICLE_A, "x")
    assert path.read_bytes() == payload


def test_save_note_returns_dataclass_not_tinydb_document(store: Store) -> None:
    note = store.add_note(sample_analysis(), ARTICLE_A, "t")
    listed = store.list_notes()[0]
    assert type(listed) is Note and listed == note
    assert listed.source_lines == (1, 2, 3, 4) and listed.issue_path == "/library/issue-1949-10-01"


def test_thread_safety_in_one_process(store: Store) -> None:
    import threading

    analysis = sample_analysis()
    threads = [
        threading.Thread(target=lambda k=k: [store.add_note(analysis, ARTICLE_A, f"{k}-{i}") for i in range(25)])
        for k in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(store.list_notes()) == 100
