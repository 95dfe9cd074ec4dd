"""The on-disk schema: documents to dataclasses and back, the version number and ordered migrations.

Version 1 (reader 0.1) kept everything in one TinyDB file, ``reader.json``::

    {"state":     {"1": {"key": "theme", "value": "dark"}},
     "bookmarks": {"1": {"issue": ISSUE_ID, "article": ARTICLE_ID, "headline": "…", "created": 1700000000.0}},
     "notes":     {"1": {"issue": …, "article": …, "headline": "…", "quote": "…", "text": "…",
                         "tags": "a, b", "created": 1700000000.0, "updated": 1700000000.0}}}

Identity was TinyDB's document id, which TinyDB reuses after a delete, and that one file grew with every note.

Version 2 splits the data dir into small files, each with a ``meta`` table holding
``{"schema_version": 2}``::

    state.json              reading state: {"key": …, "value": …}
    bookmarks.json          bookmarks, each with a UUID and a full anchor
    notes/ISSUE_ID.json     the notes on one issue, each with a UUID and a full anchor

A save rewrote the whole file of its issue, so 10,000 notes on one issue cost as much as TinyDB's default.

Version 3 (current) keeps those files but puts an issue's notes in hash buckets of bounded size once it has
many (see :mod:`reader.store.buckets`): ``notes/ISSUE_ID.json`` while small, then ``notes/ISSUE_ID/0.json``,
``notes/ISSUE_ID/1.json``, ``notes/ISSUE_ID/10.json`` … A version-2 file is a valid version-3 root bucket, so
the upgrade only splits oversized note files; ``schema.json`` records that the data dir is at version 3 and is
written last, so an interrupted upgrade runs again.

Documents are converted at this boundary; unknown keys are ignored and missing ones get defaults, so a newer
minor addition never breaks an older reader.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from reader.annotations import Bookmark, Note
from reader.store import buckets, storage

CURRENT_VERSION = 3
V1_FILE = "reader.json"
SCHEMA_FILE = "schema.json"
STATE_FILE = "state.json"
BOOKMARKS_FILE = "bookmarks.json"
ISSUES_FILE = "issues.json"
"""The user's edits of issue metadata (title, date, edition), keyed by issue id: a file added beside the
others at version 3 (older readers ignore it, so no migration is needed)."""
NOTES_DIR = "notes"
META_TABLE = "meta"
STATE_TABLE = "state"
BOOKMARKS_TABLE = "bookmarks"
ISSUES_TABLE = "issues"
NOTES_TABLE = "notes"
_V1_NAMESPACE = uuid.UUID("9f6d3a52-5c1e-4b8e-9b0e-0d7f1c3a2b61")


_stamp_lock = threading.Lock()
_last_stamp = [datetime.min.replace(tzinfo=UTC)]


def now_iso() -> str:
    """The current UTC time in ISO 8601 with milliseconds (sorts as text).

    Stamps from one process strictly increase: two notes saved in the same millisecond still list in the
    order they were saved (notes sort by ``created``, and ties would fall back to file order).
    """
    now = datetime.now(UTC)
    stamp = now.replace(microsecond=now.microsecond // 1000 * 1000)
    with _stamp_lock:
        if stamp <= _last_stamp[0]:
            stamp = _last_stamp[0] + timedelta(milliseconds=1)
        _last_stamp[0] = stamp
    return stamp.isoformat(timespec="milliseconds")


def new_id() -> str:
    """A fresh UUID for a note or bookmark (never reused, unlike TinyDB's document ids)."""
    return uuid.uuid4().hex


def _str(value: Any, default: str = "") -> str:
    return value if isinstance(value, str) else default


def _opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _opt_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _ints(value: Any) -> tuple[int, ...]:
    if not isinstance(value, list | tuple):
        return ()
    return tuple(item for item in value if isinstance(item, int) and not isinstance(item, bool))


def _tags(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list | tuple):
        return ()
    return normalize_tags(item for item in value if isinstance(item, str))


def normalize_tags(tags: Any) -> tuple[str, ...]:
    """Tags stripped, without empties or duplicates, in the order given."""
    seen: dict[str, None] = {}
    for tag in tags:
        cleaned = " ".join(str(tag).split()).lstrip("#")
        if cleaned:
            seen.setdefault(cleaned, None)
    return tuple(seen)


_ANCHOR_KEYS = (
    "issue_id",
    "article_id",
    "fingerprint",
    "headline",
    "byline",
    "page",
    "source_file",
    "source_lines",
    "excerpt",
    "newspaper",
    "date",
    "edition",
    "issue_path",
)


def _anchor_from_doc(doc: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "issue_id": _str(doc.get("issue_id")),
        "article_id": _str(doc.get("article_id")),
        "fingerprint": _str(doc.get("fingerprint")),
        "headline": _opt_str(doc.get("headline")),
        "byline": _opt_str(doc.get("byline")),
        "page": _opt_int(doc.get("page")),
        "source_file": _opt_str(doc.get("source_file")),
        "source_lines": _ints(doc.get("source_lines")),
        "excerpt": _str(doc.get("excerpt")),
        "newspaper": _opt_str(doc.get("newspaper")),
        "date": _opt_str(doc.get("date")),
        "edition": _opt_str(doc.get("edition")),
        "issue_path": _opt_str(doc.get("issue_path")),
    }


def note_from_doc(doc: Mapping[str, Any]) -> Note | None:
    """A :class:`Note` from a stored document; None when the document has no usable id."""
    note_id = doc.get("id")
    if not isinstance(note_id, str) or not note_id:
        return None
    return Note(
        id=note_id,
        text=_str(doc.get("text")),
        quote=_str(doc.get("quote")),
        tags=_tags(doc.get("tags")),
        created=_str(doc.get("created")),
        updated=_str(doc.get("updated")) or _str(doc.get("created")),
        **_anchor_from_doc(doc),
    )


_TEXT_FIELDS = ("text", "quote", "created", "updated", "issue_id", "article_id", "fingerprint", "excerpt")
_OPTIONAL_TEXT_FIELDS = ("headline", "byline", "source_file", "newspaper", "date", "edition", "issue_path")


def doc_problems(doc: Mapping[str, Any]) -> list[str]:
    """The fields of a stored note or bookmark whose value has the wrong type, as ``name (type)``.

    Such a document is still shown (the field reads as empty), but the user is told, so nothing is hidden.
    """

    def kind(value: Any) -> str:
        return "null" if value is None else type(value).__name__

    problems = []
    if not isinstance(doc.get("id"), str) or not doc.get("id"):
        problems.append(f"id ({kind(doc.get('id'))})")
    for name in _TEXT_FIELDS:
        if name in doc and not isinstance(doc[name], str):
            problems.append(f"{name} ({kind(doc[name])})")
    for name in _OPTIONAL_TEXT_FIELDS:
        if doc.get(name) is not None and not isinstance(doc[name], str):
            problems.append(f"{name} ({kind(doc[name])})")
    page = doc.get("page")
    if page is not None and (not isinstance(page, int) or isinstance(page, bool)):
        problems.append(f"page ({kind(page)})")
    lines = doc.get("source_lines")
    if lines is not None and (
        not isinstance(lines, list) or any(not isinstance(n, int) or isinstance(n, bool) for n in lines)
    ):
        problems.append(f"source_lines ({kind(lines)})")
    tags = doc.get("tags")
    if (
        tags is not None
        and not isinstance(tags, str)
        and (not isinstance(tags, list) or any(not isinstance(tag, str) for tag in tags))
    ):
        problems.append(f"tags ({kind(tags)})")
    return problems


def bookmark_from_doc(doc: Mapping[str, Any]) -> Bookmark | None:
    """A :class:`Bookmark` from a stored document; None when the document has no usable id."""
    bookmark_id = doc.get("id")
    if not isinstance(bookmark_id, str) or not bookmark_id:
        return None
    return Bookmark(id=bookmark_id, created=_str(doc.get("created")), **_anchor_from_doc(doc))


def note_to_doc(note: Note) -> dict[str, Any]:
    """The stored document for a note (plain JSON types only)."""
    doc: dict[str, Any] = {"id": note.id}
    doc.update({key: getattr(note, key) for key in _ANCHOR_KEYS})
    doc.update(
        source_lines=list(note.source_lines),
        text=note.text,
        quote=note.quote,
        tags=list(note.tags),
        created=note.created,
        updated=note.updated,
    )
    return doc


def bookmark_to_doc(bookmark: Bookmark) -> dict[str, Any]:
    """The stored document for a bookmark."""
    doc: dict[str, Any] = {"id": bookmark.id}
    doc.update({key: getattr(bookmark, key) for key in _ANCHOR_KEYS})
    doc.update(source_lines=list(bookmark.source_lines), created=bookmark.created)
    return doc


def meta_table(version: int = CURRENT_VERSION) -> dict[str, Any]:
    """The ``meta`` table every file carries (since version 2)."""
    return {"1": {"schema_version": version}}


def file_version(tables: Mapping[str, Any] | None) -> int:
    """The schema version recorded in a file's ``meta`` table (current when absent)."""
    if not tables:
        return CURRENT_VERSION
    for doc in (tables.get(META_TABLE) or {}).values():
        version = doc.get("schema_version") if isinstance(doc, dict) else None
        if isinstance(version, int):
            return version
    return CURRENT_VERSION


def shard_name(issue_id: str) -> str:
    """The notes file name for an issue: its id when that is a safe file name, else a hash of it."""
    if issue_id and len(issue_id) <= 100 and all(c.isascii() and (c.isalnum() or c in "-_") for c in issue_id):
        return f"{issue_id}.json"
    return f"x-{uuid.uuid5(_V1_NAMESPACE, issue_id).hex}.json"


def issue_key(issue_id: str) -> str:
    """The name an issue's notes go under: ``notes/KEY.json`` and the bucket folder ``notes/KEY/``."""
    return shard_name(issue_id)[: -len(".json")]


# ── migrations ─────────────────────────────────────────────────────────────────────────────────────────


def detect_version(data_dir: Path) -> int:
    """The schema version of a data dir: 1 while a version-1 ``reader.json`` is there, else the version in
    ``schema.json``, else 2 (``schema.json`` is new in version 3; an empty data dir upgrades trivially).

    Raises:
        CorruptFileError: ``schema.json`` is unreadable (the caller moves it aside and upgrades again).
    """
    if (data_dir / V1_FILE).exists():
        return 1
    tables = storage.read_file(data_dir / SCHEMA_FILE)
    if tables is None:
        return 2
    version = file_version(tables)
    if version < 1 or isinstance(version, bool):
        raise storage.CorruptFileError(data_dir / SCHEMA_FILE, f"records schema version {version}, which is not one")
    return version


def _v1_time(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, UTC).isoformat(timespec="milliseconds")
        except (OverflowError, OSError, ValueError):
            return ""
    return _str(value)


def _merge_into(path: Path, table: str, docs: list[dict[str, Any]]) -> None:
    """Add ``docs`` to ``table`` of ``path``, skipping ids already there (so a re-run migration is harmless)."""
    try:
        tables = storage.read_file(path) or {}
    except storage.CorruptFileError:
        storage.move_aside(path)
        tables = {}
    rows = tables.setdefault(table, {})
    present = {doc.get("id") for doc in rows.values()}
    next_id = max((int(key) for key in rows), default=0) + 1
    for doc in docs:
        if doc["id"] in present:
            continue
        rows[str(next_id)] = doc
        next_id += 1
    tables[META_TABLE] = meta_table(2)
    storage.atomic_write(path, storage.encode(tables))


def migrate_1_to_2(data_dir: Path) -> list[str]:
    """Split the single version-1 ``reader.json`` into the version-2 files, after backing it up.

    Ids are derived deterministically (UUID5 of the old document id and content), so if this is interrupted
    and run again, nothing is duplicated. The old file is removed only after everything else is on disk.
    A corrupt ``reader.json`` is moved aside instead (the data dir then starts empty at version 2).
    """
    source = data_dir / V1_FILE
    backup = storage.copy_aside(source, "v1-backup")
    try:
        tables = storage.read_file(source) or {}
    except storage.CorruptFileError as exc:
        moved = storage.move_aside(source)
        return [f"{exc.path} {exc.reason}; it was moved to {moved} and could not be upgraded"]
    state_docs = []
    for doc in (tables.get("state") or {}).values():
        key = doc.get("key")
        if isinstance(key, str):
            state_docs.append({"id": f"state:{key}", "key": key, "value": doc.get("value")})
    bookmark_docs = []
    for doc_id, doc in (tables.get("bookmarks") or {}).items():
        issue, article = _str(doc.get("issue")), _str(doc.get("article"))
        stable = uuid.uuid5(_V1_NAMESPACE, f"bookmark/{doc_id}/{issue}/{article}").hex
        bookmark = Bookmark(
            id=stable,
            issue_id=issue,
            article_id=article,
            headline=_opt_str(doc.get("headline")),
            created=_v1_time(doc.get("created")),
        )
        bookmark_docs.append(bookmark_to_doc(bookmark))
    notes_by_issue: dict[str, list[dict[str, Any]]] = {}
    for doc_id, doc in (tables.get("notes") or {}).items():
        issue, article = _str(doc.get("issue")), _str(doc.get("article"))
        text = _str(doc.get("text"))
        stable = uuid.uuid5(_V1_NAMESPACE, f"note/{doc_id}/{issue}/{article}/{text}").hex
        created = _v1_time(doc.get("created"))
        note = Note(
            id=stable,
            issue_id=issue,
            article_id=article,
            text=text,
            quote=_str(doc.get("quote")),
            tags=_tags(doc.get("tags")),
            headline=_opt_str(doc.get("headline")),
            created=created,
            updated=_v1_time(doc.get("updated")) or created,
        )
        notes_by_issue.setdefault(issue, []).append(note_to_doc(note))
    (data_dir / NOTES_DIR).mkdir(exist_ok=True)
    for issue, docs in notes_by_issue.items():
        _merge_into(data_dir / NOTES_DIR / shard_name(issue), NOTES_TABLE, docs)
    _merge_into(data_dir / BOOKMARKS_FILE, BOOKMARKS_TABLE, bookmark_docs)
    _merge_into(data_dir / STATE_FILE, STATE_TABLE, state_docs)
    source.unlink()
    storage.fsync_dir(data_dir)
    return [f"notes upgraded from schema 1 to 2; backup kept at {backup}"]


def _backup_v2(data_dir: Path) -> Path:
    """Copy every version-2 file (state, bookmarks, notes) durably into a new ``v2-backup-TIME`` folder."""
    base = f"v2-backup-{storage.timestamp()}"
    folder, counter = data_dir / base, 1
    while True:
        try:
            folder.mkdir()
            break
        except FileExistsError:
            counter += 1
            folder = data_dir / f"{base}-{counter}"
    sources = [data_dir / STATE_FILE, data_dir / BOOKMARKS_FILE, *buckets.all_files(data_dir / NOTES_DIR)]
    for source in sources:
        if source.is_file():
            storage.copy_to(source, folder / source.relative_to(data_dir))
    storage.fsync_dir(data_dir)
    return folder


def _read_or_empty(path: Path) -> dict[str, Any]:
    return storage.read_file(path) or {}


def migrate_2_to_3(data_dir: Path) -> list[str]:
    """Split every issue file holding more than ``BUCKET_MAX_NOTES`` notes into hash buckets.

    Every other version-2 file is already a valid version-3 file and is left alone, so nothing is backed up
    or reported when no file needs splitting. Otherwise all version-2 files are first copied to a backup
    folder. Splits are written child first, parent last (see :mod:`reader.store.buckets`), and ``schema.json``
    is written at the very end, so an interrupted upgrade is finished by the next open (or the next write).
    A corrupt or newer file is skipped here: the store quarantines or refuses it when it gets to it.
    """
    notes_dir = data_dir / NOTES_DIR
    notes_dir.mkdir(exist_ok=True)
    limit = buckets.BUCKET_MAX_NOTES
    work: list[str] = []
    for key in buckets.issue_keys(notes_dir):
        try:
            files = {p: storage.read_file(path) or {} for p, path in buckets.existing(notes_dir, key).items()}
        except storage.CorruptFileError:
            continue
        if any(file_version(tables) > CURRENT_VERSION for tables in files.values()):
            continue
        if buckets.pending(files) or any(len(buckets.notes_of(t)) > limit for t in files.values()):
            work.append(key)
    messages = []
    if work:
        backup = _backup_v2(data_dir)
        for key in work:
            buckets.finish_splits(notes_dir, key, _read_or_empty, meta_table(), limit)
            for prefix, path in buckets.existing(notes_dir, key).items():
                tables = storage.read_file(path) or {}
                if len(buckets.notes_of(tables)) > limit:
                    buckets.split(notes_dir, key, prefix, tables, meta_table(), limit)
        messages.append(
            f"notes upgraded from schema 2 to 3 ({len(work)} large issue files split into buckets);"
            f" backup kept at {backup}"
        )
    storage.atomic_write(data_dir / SCHEMA_FILE, storage.encode({META_TABLE: meta_table()}))
    return messages


MIGRATIONS: dict[int, Callable[[Path], list[str]]] = {1: migrate_1_to_2, 2: migrate_2_to_3}
"""Ordered migrations: ``MIGRATIONS[n]`` takes a data dir from version n to n + 1 and returns messages."""


def migrate(data_dir: Path) -> list[str]:
    """Bring ``data_dir`` to the current schema, each step backing up what it changes; return messages.

    The caller holds the store lock.
    """
    messages = []
    try:
        version = detect_version(data_dir)
    except storage.CorruptFileError as exc:
        moved = storage.move_aside(exc.path)
        messages.append(f"{exc.path} {exc.reason}; it was moved to {moved} and the upgrade check runs again")
        version = 2
    while version < CURRENT_VERSION:
        messages.extend(MIGRATIONS[version](data_dir))
        version += 1
    return messages
