"""Schema 3: an issue's notes in hash buckets of bounded size, splits, their crash repair, the v2→v3 upgrade."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from reader.annotations import Note
from reader.store import Store, StoreError, buckets, schema
from reader.store import storage as storage_module
from tests.unit.test_store_support import ARTICLE_A, ARTICLE_B, ARTICLE_C, make_analysis, sample_analysis

LIMIT = 4


@pytest.fixture(autouse=True)
def small_buckets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(buckets, "BUCKET_MAX_NOTES", LIMIT)


def _layout(data: Path, key: str = "issue0001") -> dict[str, list[str]]:
    """Bucket prefix → ids of the notes in that file."""
    found = buckets.existing(data / "notes", key)
    return {
        prefix: [doc["id"] for doc in json.loads(path.read_text(encoding="utf-8"))["notes"].values()]
        for prefix, path in found.items()
    }


def _assert_sound(layout: dict[str, list[str]], limit: int = LIMIT) -> None:
    """Leaves of a binary tree covering the whole hash space; each note in its own bucket; none too full."""
    prefixes = list(layout)
    assert not buckets.pending(prefixes), f"a parent is left beside its children: {prefixes}"
    assert sum(2.0 ** -len(p) for p in prefixes) == 1.0, f"the buckets do not cover the hash space: {prefixes}"
    for prefix, ids in layout.items():
        assert len(ids) <= limit, (prefix, len(ids))
        assert all(buckets.note_bits(i).startswith(prefix) for i in ids)


def _docs(count: int, issue: str = "issue0001") -> list[dict]:
    return [
        schema.note_to_doc(
            Note(id=schema.new_id(), issue_id=issue, article_id=ARTICLE_A.id, text=f"n{n}", created=f"2024-01-{n:04d}")
        )
        for n in range(count)
    ]


def _write_v2(path: Path, docs: list[dict], extra: dict | None = None) -> bytes:
    tables = {"meta": schema.meta_table(2), "notes": {str(n): d for n, d in enumerate(docs, 1)}, **(extra or {})}
    payload = json.dumps(tables, ensure_ascii=False).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(payload)
    return payload


# ── the layout ─────────────────────────────────────────────────────────────────────────────────────────


def test_one_article_spreads_over_bounded_buckets(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = Store.open(data)
    analysis = sample_analysis()
    added = [store.add_note(analysis, ARTICLE_A, f"note {n}", tags=["t" if n % 2 else "u"]) for n in range(40)]
    layout = _layout(data)
    assert "" not in layout and len(layout) >= 40 // LIMIT
    _assert_sound(layout)
    assert sorted(i for ids in layout.values() for i in ids) == sorted(n.id for n in added)
    assert store.take_warnings() == []
    reopened = Store.open(data)
    assert [n.id for n in reopened.notes_for_article("issue0001", ARTICLE_A.id)] == [n.id for n in added]
    assert len(reopened.list_notes(issue_id="issue0001", tag="t")) == 20
    assert reopened.get_note(added[7].id) == added[7]
    assert reopened.update_note(added[7].id, text="edited").text == "edited"
    assert reopened.delete_note(added[8].id) is True and reopened.get_note(added[8].id) is None
    assert Store.open(data).get_note(added[7].id).text == "edited"
    assert len(Store.open(data).list_notes()) == 39


def test_small_issues_keep_one_file_and_other_issues_are_untouched(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = Store.open(data)
    store.add_note(make_analysis((ARTICLE_C,), issue_id="issue0002"), ARTICLE_C, "small")
    for n in range(12):
        store.add_note(sample_analysis(), ARTICLE_B, f"big {n}")
    assert list(_layout(data, "issue0002")) == [""]
    assert (data / "notes" / "issue0002.json").is_file() and not (data / "notes" / "issue0002").exists()
    assert [n.text for n in store.list_notes(issue_id="issue0002")] == ["small"]
    assert len(store.list_notes(issue_id="issue0001")) == 12


def test_save_note_replaces_in_its_bucket(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = Store.open(data)
    notes = [store.add_note(sample_analysis(), ARTICLE_A, f"n{n}") for n in range(10)]
    changed = Note(**{**{f: getattr(notes[3], f) for f in Note.__slots__}, "text": "imported"})
    store.save_note(changed)
    assert [n.text for n in store.list_notes()].count("imported") == 1 and len(store.list_notes()) == 10
    _assert_sound(_layout(data))


def test_unknown_keys_and_tables_survive_a_split(tmp_path: Path) -> None:
    data = tmp_path / "data"
    docs = _docs(LIMIT)
    docs[0]["colour"] = "yellow"
    path = data / "notes" / "issue0001.json"
    _write_v2(path, docs, {"future": {"1": {"x": 1}}})
    (data / "schema.json").parent.mkdir(exist_ok=True)
    (data / "schema.json").write_text(json.dumps({"meta": schema.meta_table()}), encoding="utf-8")
    store = Store.open(data)
    store.add_note(sample_analysis(), ARTICLE_A, "one more: split")
    assert not path.exists()
    tables = [json.loads(p.read_text(encoding="utf-8")) for p in (data / "notes" / "issue0001").glob("*.json")]
    assert sum("future" in t for t in tables) == 1
    kept = [d for t in tables for d in t["notes"].values() if d["id"] == docs[0]["id"]]
    assert kept[0]["colour"] == "yellow"
    assert all(t["meta"]["1"]["schema_version"] == 3 for t in tables)


# ── crashes and faults during a split ─────────────────────────────────────────────────────────────────


def test_interrupted_split_reads_once_and_next_write_finishes_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    Store.open(data)
    docs = _docs(9)
    _write_v2(data / "notes" / "issue0001.json", docs)  # the parent, still complete …
    first, first_docs = min(buckets.plan(docs, "", LIMIT).items())
    _write_v2(data / "notes" / "issue0001" / f"{first}.json", first_docs)  # … and the child written before the crash
    store = Store.open(data)
    assert sorted(n.id for n in store.list_notes()) == sorted(d["id"] for d in docs)  # each note once
    added = store.add_note(sample_analysis(), ARTICLE_B, "after the crash")
    layout = _layout(data)
    _assert_sound(layout)
    assert sorted(i for ids in layout.values() for i in ids) == sorted([d["id"] for d in docs] + [added.id])


@pytest.mark.parametrize("failing_write", [1, 2, 3])
def test_fault_during_split_keeps_the_note_and_is_repaired(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing_write: int
) -> None:
    """ENOSPC on the n-th file write of a save that splits: the save is kept, the split finished later."""
    data = tmp_path / "data"
    store = Store.open(data)
    before = [store.add_note(sample_analysis(), ARTICLE_A, f"n{n}") for n in range(LIMIT)]
    calls = {"n": 0}
    real_replace = os.replace

    def replace(src: str, dst: str) -> None:
        calls["n"] += 1
        if calls["n"] == failing_write:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(src, dst)

    monkeypatch.setattr(storage_module.os, "replace", replace)
    try:
        trigger = store.add_note(sample_analysis(), ARTICLE_A, "the fifth")
    except StoreError:
        trigger = None  # the note's own write failed (first write): nothing changed
    monkeypatch.undo()
    monkeypatch.setattr(buckets, "BUCKET_MAX_NOTES", LIMIT)
    expected = {n.id for n in before} | ({trigger.id} if trigger else set())
    assert {n.id for n in Store.open(data).list_notes()} == expected
    if trigger is not None and failing_write > 1:
        assert any("could not split" in w for w in store.take_warnings())
    extra = Store.open(data).add_note(sample_analysis(), ARTICLE_A, "later")
    layout = _layout(data)
    assert not buckets.pending(layout) and sum(2.0 ** -len(p) for p in layout) == 1.0
    assert sorted(i for ids in layout.values() for i in ids) == sorted(expected | {extra.id})
    assert not list(data.rglob("*.tmp"))


def test_corrupt_bucket_is_quarantined_alone(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = Store.open(data)
    notes = [store.add_note(sample_analysis(), ARTICLE_A, f"n{n}") for n in range(12)]
    layout = _layout(data)
    victim_prefix = max(layout, key=lambda p: len(layout[p]))
    victim = buckets.bucket_path(data / "notes", "issue0001", victim_prefix)
    victim.write_bytes(b"[]")
    fresh = Store.open(data)
    listed = {n.id for n in fresh.list_notes()}
    assert listed == {n.id for n in notes} - set(layout[victim_prefix])
    (warning,) = fresh.take_warnings()
    (aside,) = [p for p in victim.parent.iterdir() if p.name.startswith(victim.name + ".corrupt-")]
    assert str(aside) in warning and aside.read_bytes() == b"[]"
    fresh.add_note(sample_analysis(), ARTICLE_A, "still works")
    assert len(fresh.list_notes()) == len(listed) + 1


def test_newer_bucket_is_not_touched(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = Store.open(data)
    for n in range(8):
        store.add_note(sample_analysis(), ARTICLE_A, f"n{n}")
    path = next(iter(buckets.existing(data / "notes", "issue0001").values()))
    payload = json.dumps({"meta": {"1": {"schema_version": 99}}, "notes": {}}).encode()
    path.write_bytes(payload)
    with pytest.raises(StoreError, match="newer reader"):
        for n in range(40):  # some land in the newer file
            store.add_note(sample_analysis(), ARTICLE_A, f"x{n}")
    assert path.read_bytes() == payload


# ── the upgrade from schema 2 ──────────────────────────────────────────────────────────────────────────


def _v2_data_dir(data: Path, big: int = 30) -> tuple[list[dict], dict[str, bytes]]:
    docs = _docs(big)
    originals = {
        "notes/issue0001.json": _write_v2(data / "notes" / "issue0001.json", docs),
        "notes/issue0002.json": _write_v2(data / "notes" / "issue0002.json", _docs(2, "issue0002")),
    }
    state = {"meta": schema.meta_table(2), "state": {"1": {"id": "state:theme", "key": "theme", "value": "x"}}}
    originals["state.json"] = json.dumps(state).encode()
    (data / "state.json").write_bytes(originals["state.json"])
    return docs, originals


def test_migration_from_version_2(tmp_path: Path) -> None:
    data = tmp_path / "data"
    docs, originals = _v2_data_dir(data)
    store = Store.open(data)
    (message,) = store.take_warnings()
    (backup,) = [p for p in data.iterdir() if p.name.startswith("v2-backup-")]
    assert "schema 2 to 3" in message and str(backup) in message
    assert {name: (backup / name).read_bytes() for name in originals} == originals
    layout = _layout(data)
    _assert_sound(layout)
    assert sorted(i for ids in layout.values() for i in ids) == sorted(d["id"] for d in docs)
    assert (data / "notes" / "issue0002.json").read_bytes() == originals["notes/issue0002.json"]  # small: as is
    assert schema.detect_version(data) == 3
    assert [n.text for n in store.list_notes(issue_id="issue0001")] == [d["text"] for d in docs]
    assert store.get_state("theme") == "x"
    # Done once: opening again neither migrates nor backs up.
    assert Store.open(data).take_warnings() == []
    assert len([p for p in data.iterdir() if p.name.startswith("v2-backup-")]) == 1


def test_small_version_2_data_upgrades_silently(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _, originals = _v2_data_dir(data, big=LIMIT)
    assert Store.open(data).take_warnings() == []
    assert schema.detect_version(data) == 3
    assert not [p for p in data.iterdir() if p.name.startswith("v2-backup-")]
    assert all((data / name).read_bytes() == payload for name, payload in originals.items())


@pytest.mark.parametrize("crash_after", [1, 3, 6])
def test_interrupted_migration_runs_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, crash_after: int) -> None:
    data = tmp_path / "data"
    docs, originals = _v2_data_dir(data)
    calls = {"n": 0}
    real_write = storage_module.atomic_write

    def crashing_write(path: Path, payload: bytes) -> None:
        calls["n"] += 1
        if calls["n"] > crash_after:
            raise StoreError("simulated crash")
        real_write(path, payload)

    monkeypatch.setattr(storage_module, "atomic_write", crashing_write)
    with pytest.raises(StoreError, match="simulated crash"):
        Store.open(data)
    monkeypatch.setattr(storage_module, "atomic_write", real_write)
    assert schema.detect_version(data) == 2  # schema.json is written last
    store = Store.open(data)
    assert "schema 2 to 3" in " ".join(store.take_warnings())
    layout = _layout(data)
    _assert_sound(layout)
    assert sorted(i for ids in layout.values() for i in ids) == sorted(d["id"] for d in docs)
    first_backup = min(p for p in data.iterdir() if p.name.startswith("v2-backup-"))
    assert (first_backup / "notes/issue0001.json").read_bytes() == originals["notes/issue0001.json"]
    assert schema.detect_version(data) == 3


def test_version_1_upgrades_through_2_to_3(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    notes = {
        str(n): {"issue": "issue0001", "article": ARTICLE_A.id, "text": f"old {n}", "created": 1.7e9 + n}
        for n in range(1, 11)
    }
    (data / "reader.json").write_text(json.dumps({"notes": notes}), encoding="utf-8")
    store = Store.open(data)
    warnings = store.take_warnings()
    assert len(warnings) == 2 and "1 to 2" in warnings[0] and "2 to 3" in warnings[1]
    assert [n.text for n in store.list_notes()] == [f"old {n}" for n in range(1, 11)]
    _assert_sound(_layout(data))
    assert schema.detect_version(data) == 3


def test_corrupt_schema_marker_is_moved_aside(tmp_path: Path) -> None:
    data = tmp_path / "data"
    Store.open(data).add_note(sample_analysis(), ARTICLE_A, "kept")
    (data / "schema.json").write_bytes(b"{broken")
    store = Store.open(data)
    (warning,) = store.take_warnings()
    assert "schema.json.corrupt-" in warning
    assert [n.text for n in store.list_notes()] == ["kept"]
    assert schema.detect_version(data) == 3


def test_stamps_strictly_increase_so_notes_list_in_saving_order() -> None:
    from reader.store import schema

    stamps = [schema.now_iso() for _ in range(2000)]  # far more than one per millisecond
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)
