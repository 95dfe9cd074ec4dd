"""The notes of one issue in hash buckets of bounded size (schema 3).

A save rewrites one whole file, so its cost grows with the file: one file per issue made a save with 10,000
notes on one issue as slow as TinyDB's default single file. Instead each issue's notes live in *buckets*,
chosen by the bits of a hash of the note's id (never by article, so 10,000 notes on one article spread too)::

    notes/KEY.json          the root bucket (prefix ""): every note of the issue while there are few
    notes/KEY/0.json        after the root passed BUCKET_MAX_NOTES: the notes whose hash starts with bit 0
    notes/KEY/1.json        … and with bit 1; a bucket that grows past the limit splits the same way:
    notes/KEY/10.json       notes/KEY/1.json becomes 10.json and 11.json, and so on

``KEY`` is :func:`reader.store.schema.shard_name` without ``.json``, so a small issue keeps the single file it
had in schema 2. The existing buckets of an issue always cover the whole hash space without overlap (their
prefixes are the leaves of a binary tree); a note lives in the one bucket whose prefix starts its hash.

A split writes every child (durably, even an empty one) and only then removes the parent. A crash in between
leaves the parent beside some children: the parent is still complete, and the children written hold exactly
its notes. Any writer, under the lock and before anything else, finishes such a split: it merges the parent
into the leaves below it (creating the missing ones) by note id, then removes the parent. No write ever goes
to a bucket that has children, so the merge can neither lose nor resurrect anything; lock-free readers meanwhile
see every note at least once and drop duplicates by id.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from reader.store import storage

BUCKET_MAX_NOTES = 128
"""A bucket holding more notes than this after a write is split in two (a save costs ~0.03 ms per note)."""
HASH_BITS = 64
_BUCKET_NAME = re.compile(r"[01]{1,64}\.json")
NOTES_TABLE = "notes"
META_TABLE = "meta"

Read = Callable[[Path], Mapping[str, Any]]
"""Reads a bucket's tables ({} when missing); the store's version quarantines a corrupt file first."""


def note_bits(note_id: str) -> str:
    """The 64 bits (as ``"0"``/``"1"`` text) that place a note: a hash of its id, spread evenly."""
    digest = hashlib.blake2b(note_id.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return format(int.from_bytes(digest, "big"), f"0{HASH_BITS}b")


def doc_bits(doc: Mapping[str, Any]) -> str:
    """The bits of a stored document (a document without a usable id still gets a fixed place)."""
    note_id = doc.get("id")
    return note_bits(note_id if isinstance(note_id, str) else "")


def bucket_path(notes_dir: Path, key: str, prefix: str) -> Path:
    """The file of bucket ``prefix`` of issue ``key`` (the root ``""`` is ``notes/KEY.json``)."""
    if not prefix:
        return notes_dir / f"{key}.json"
    return notes_dir / key / f"{prefix}.json"


def existing(notes_dir: Path, key: str) -> dict[str, Path]:
    """The buckets of issue ``key`` on disk: prefix → path."""
    found: dict[str, Path] = {}
    root = bucket_path(notes_dir, key, "")
    if root.exists():
        found[""] = root
    try:
        entries = os.scandir(notes_dir / key)
    except (FileNotFoundError, NotADirectoryError):
        return found
    with entries:
        for entry in entries:
            if _BUCKET_NAME.fullmatch(entry.name):
                found[entry.name[:-5]] = Path(entry.path)
    return found


def issue_keys(notes_dir: Path) -> list[str]:
    """Every issue key that has a root bucket or a bucket folder."""
    keys = set()
    for entry in os.scandir(notes_dir):
        if entry.name.endswith(".json") and not entry.name.startswith("."):
            keys.add(entry.name[:-5])
        elif entry.is_dir() and not entry.name.startswith("."):
            keys.add(entry.name)
    return sorted(keys)


def all_files(notes_dir: Path) -> list[Path]:
    """Every bucket file of every issue, deepest bucket of an issue first (see :func:`ordered`)."""
    return [path for key in issue_keys(notes_dir) for path in ordered(existing(notes_dir, key))]


def ordered(found: Mapping[str, Path]) -> list[Path]:
    """Bucket files deepest first, so that dropping duplicate ids keeps a child's copy over its parent's."""
    return [found[prefix] for prefix in sorted(found, key=lambda p: (-len(p), p))]


def leaf(prefixes: Iterable[str], bits: str) -> str:
    """The bucket (longest existing prefix of ``bits``) a note belongs in; the root when there is none."""
    return max((p for p in prefixes if bits.startswith(p)), key=len, default="")


def pending(prefixes: Iterable[str]) -> list[str]:
    """Buckets left beside their children by an interrupted split, deepest first."""
    present = set(prefixes)
    ancestors = {prefix[:end] for prefix in present for end in range(len(prefix))}
    return sorted(present & ancestors, key=lambda p: (-len(p), p))


def cover(prefix: str, below: set[str]) -> list[str]:
    """The leaves that cover ``prefix``'s part of the hash space: those in ``below``, plus the gaps."""
    if prefix in below or len(prefix) >= HASH_BITS:
        return [prefix]
    if not any(q.startswith(prefix) for q in below):
        return [prefix]
    return cover(prefix + "0", below) + cover(prefix + "1", below)


def plan(docs: list[dict[str, Any]], prefix: str, limit: int) -> dict[str, list[dict[str, Any]]]:
    """Split ``docs`` of bucket ``prefix`` into leaves of at most ``limit`` notes (both halves, even empty)."""
    if len(docs) <= limit or len(prefix) >= HASH_BITS:
        return {prefix: docs}
    halves: dict[str, list[dict[str, Any]]] = {prefix + "0": [], prefix + "1": []}
    for doc in docs:
        halves[prefix + doc_bits(doc)[len(prefix)]].append(doc)
    result: dict[str, list[dict[str, Any]]] = {}
    for child, child_docs in halves.items():
        result.update(plan(child_docs, child, limit))
    return result


def notes_of(tables: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The note documents of a bucket's tables, in document-id order."""
    rows = tables.get(NOTES_TABLE) or {}
    return [rows[k] for k in sorted(rows, key=int) if isinstance(rows[k], dict)]


def _tables(docs: list[dict[str, Any]], meta: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    tables: dict[str, Any] = {
        META_TABLE: meta,
        **{k: v for k, v in extra.items() if k not in (META_TABLE, NOTES_TABLE)},
    }
    tables[NOTES_TABLE] = {str(n): doc for n, doc in enumerate(docs, 1)}
    return tables


def _ensure_folder(notes_dir: Path, key: str) -> None:
    folder = notes_dir / key
    if not folder.is_dir():
        folder.mkdir()
        storage.fsync_dir(notes_dir)


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)
    storage.fsync_dir(path.parent)


def split(
    notes_dir: Path, key: str, prefix: str, tables: Mapping[str, Any], meta: dict[str, Any], limit: int
) -> list[str]:
    """Replace bucket ``prefix`` (holding ``tables``) by leaves of at most ``limit`` notes; return them.

    The caller holds the store lock. Children are written first, the parent removed last (see the module).
    """
    groups = plan(notes_of(tables), prefix, limit)
    if list(groups) == [prefix]:
        return [prefix]
    _ensure_folder(notes_dir, key)
    for index, (child, docs) in enumerate(sorted(groups.items())):
        extra = tables if index == 0 else {}  # unknown tables follow the first child
        storage.atomic_write(bucket_path(notes_dir, key, child), storage.encode(_tables(docs, meta, extra)))
    _remove(bucket_path(notes_dir, key, prefix))
    return sorted(groups)


def finish_splits(notes_dir: Path, key: str, read: Read, meta: dict[str, Any], limit: int) -> int:
    """Complete the interrupted splits of issue ``key`` (caller holds the lock); return how many there were.

    The leaves a crash left unwritten are written again from the parent, split to at most ``limit`` notes.
    """
    done = 0
    for parent in pending(existing(notes_dir, key)):
        found = existing(notes_dir, key)
        if parent not in found:
            continue
        below = {p for p in found if p != parent and p.startswith(parent)}
        parent_tables = read(found[parent])
        groups: dict[str, list[dict[str, Any]]] = {p: [] for p in cover(parent, below)}
        for doc in notes_of(parent_tables):
            groups[leaf(groups, doc_bits(doc))].append(doc)
        _ensure_folder(notes_dir, key)
        for index, (child, docs) in enumerate(sorted(groups.items())):
            extra = parent_tables if index == 0 else {}
            path = bucket_path(notes_dir, key, child)
            current = read(path) if child in found else {}
            kept = notes_of(current)
            have = {doc.get("id") for doc in kept if isinstance(doc.get("id"), str)}
            added = [doc for doc in docs if doc.get("id") not in have and doc not in kept]
            tables = {t: v for t, v in extra.items() if t not in current}
            tables.update(current)
            if child not in found:
                for index_in, (part, part_docs) in enumerate(sorted(plan(docs, child, limit).items())):
                    part_tables = _tables(part_docs, meta, tables if index_in == 0 else {})
                    storage.atomic_write(bucket_path(notes_dir, key, part), storage.encode(part_tables))
                continue
            if not added and tables.keys() == current.keys():
                continue
            child_meta = tables.get(META_TABLE) or meta
            storage.atomic_write(path, storage.encode(_tables(kept + added, child_meta, tables)))
        _remove(found[parent])
        done += 1
    return done


def write_issue(notes_dir: Path, key: str, docs: list[dict[str, Any]], meta: dict[str, Any], limit: int) -> None:
    """Lay out a new issue's notes directly in balanced buckets (benchmarks and tests prefill with it)."""
    groups = plan(docs, "", limit)
    if len(groups) > 1:
        _ensure_folder(notes_dir, key)
    for prefix, bucket_docs in groups.items():
        storage.atomic_write(bucket_path(notes_dir, key, prefix), storage.encode(_tables(bucket_docs, meta, {})))
