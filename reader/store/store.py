"""The one object that owns the user's notes, bookmarks and reading state (TinyDB under the data dir).

Every change is a read-modify-write done under a file lock shared by all running copies of reader, on a
fresh TinyDB instance (so no stale query cache or next-id counter survives another process's write), through
:class:`~reader.store.storage.AtomicJSONStorage`. Reads take no lock: files are only ever replaced whole.

Notes live in hash buckets of at most :data:`~reader.store.buckets.BUCKET_MAX_NOTES` notes per file (see
:mod:`reader.store.buckets`), so a save costs the same whether an issue holds 10 notes or 10,000.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import filelock
from tinydb import Query, TinyDB

from reader.annotations import Bookmark, Note
from reader.model import Article, IssueAnalysis
from reader.store import buckets, schema, storage
from reader.store.anchor import anchor_fields, resolve_anchor
from reader.store.storage import CorruptFileError, StoreError, TransactionStorage

LOCK_FILE = ".reader-store.lock"
LOCK_TIMEOUT = 15.0
READ_CACHE_FILES = 1024
READ_CACHE_BYTES = 64 * 1024 * 1024
"""How many parsed files (and file bytes) the store keeps for lock-free reads (the app asks per article for
markers, and an issue with 10,000 notes spans about 100 buckets)."""
T = TypeVar("T")


class NoteNotFound(StoreError):
    """No note has the id given."""


class Store:
    """Bookmarks, notes and reading state, durable and safe across processes.

    Open with :meth:`Store.open`. Messages the user must see (a corrupt file moved aside, a migration and its
    backup) collect in :attr:`warnings`; the CLI prints them to stderr and the app notifies them.
    """

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.notes_dir = data_dir / schema.NOTES_DIR
        self.warnings: list[str] = []
        self._file_lock = filelock.FileLock(str(data_dir / LOCK_FILE), timeout=LOCK_TIMEOUT)
        self._thread_lock = threading.RLock()
        self._note_keys: dict[str, str] = {}
        self._read_cache: OrderedDict[Path, _Cached] = OrderedDict()
        self._cached_bytes = 0
        self._cache_lock = threading.Lock()

    # ── opening ───────────────────────────────────────────────────────────────────────────────────────

    @classmethod
    def open(cls, data_dir: Path) -> Store:
        """Open (creating if need be) the store in ``data_dir``: migrate old data and check the main files.

        Raises:
            StoreError: the folder cannot be created or locked, or a file was written by a newer reader.
        """
        data_dir = Path(data_dir)
        try:
            (data_dir / schema.NOTES_DIR).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the data folder {data_dir}: {exc.strerror or exc}") from exc
        store = cls(data_dir)
        with store._locked():
            store._remove_stale_temp_files()
            store.warnings.extend(schema.migrate(data_dir))
        for path in (store._state_path, store._bookmarks_path):
            store._read(path)
        return store

    def close(self) -> None:
        """Release nothing: every write is already on disk when its method returns."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def take_warnings(self) -> list[str]:
        """Return and forget the pending warnings for the user."""
        taken, self.warnings = self.warnings, []
        return taken

    @property
    def _state_path(self) -> Path:
        return self.data_dir / schema.STATE_FILE

    @property
    def _bookmarks_path(self) -> Path:
        return self.data_dir / schema.BOOKMARKS_FILE

    def _remove_stale_temp_files(self) -> None:
        # Called under the lock: no other writer is mid-write, so any temp file is a leftover of a crash.
        for pattern in (".*", f"{schema.NOTES_DIR}/.*", f"{schema.NOTES_DIR}/*/.*"):
            for temp in self.data_dir.glob(pattern + storage.TEMP_SUFFIX):
                temp.unlink(missing_ok=True)

    # ── locking, reading, writing ─────────────────────────────────────────────────────────────────────

    @contextmanager
    def _locked(self) -> Iterator[None]:
        with self._thread_lock:
            try:
                self._file_lock.acquire()
            except filelock.Timeout:
                raise StoreError(
                    f"another reader has held the notes lock for {LOCK_TIMEOUT:.0f} s ({self._file_lock.lock_file})"
                ) from None
            except OSError as exc:
                raise StoreError(f"cannot lock {self._file_lock.lock_file}: {exc.strerror or exc}") from exc
            try:
                yield
            finally:
                self._file_lock.release()

    def _quarantine(self, path: Path) -> None:
        """Move a corrupt file aside (caller holds the lock), keep what can be salvaged, tell the user."""
        try:
            storage.read_file(path)
            return  # another process already dealt with it
        except CorruptFileError as exc:
            reason = exc.reason
        raw = storage.read_bytes(path)
        moved = storage.move_aside(path)
        salvaged = storage.salvage(raw, path)
        if salvaged is not None:
            storage.atomic_write(path, storage.encode(salvaged))
            self.warnings.append(
                f"{path} {reason}; it was moved to {moved} and what could be read was recovered;"
                f" to restore the rest, repair {moved} and copy its records back into {path}"
            )
        else:
            self.warnings.append(
                f"{path} {reason}; it was moved to {moved} and a new empty file started;"
                f" to restore, repair {moved} and move it back to {path}"
            )

    def _entry(self, path: Path) -> _Cached | None:
        """The cache entry of a file, (re)parsed when its inode, size or mtime changed; None when missing.

        Every write replaces the file, so a change always shows. A corrupt file is quarantined first.
        """
        try:
            info = path.stat()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreError(f"could not read {path}: {exc.strerror or exc}") from exc
        key = (info.st_ino, info.st_size, info.st_mtime_ns)
        cached = self._read_cache.get(path)
        if cached is not None and cached.key == key:
            with self._cache_lock:
                if path in self._read_cache:
                    self._read_cache.move_to_end(path)
            return cached
        try:
            data = storage.read_file(path) or {}
        except CorruptFileError:
            with self._locked():
                self._quarantine(path)
            return _Cached((0, 0, 0), storage.read_file(path) or {})
        entry = _Cached(key, data)
        with self._cache_lock:
            previous = self._read_cache.pop(path, None)
            if previous is not None:
                self._cached_bytes -= previous.key[1]
            self._read_cache[path] = entry
            self._cached_bytes += info.st_size
            while len(self._read_cache) > 1 and (
                len(self._read_cache) > READ_CACHE_FILES or self._cached_bytes > READ_CACHE_BYTES
            ):
                _, dropped = self._read_cache.popitem(last=False)
                self._cached_bytes -= dropped.key[1]
        return entry

    def _read(self, path: Path) -> dict[str, Any]:
        """A file's tables (empty for a missing file), quarantining it first if it is corrupt.

        Callers only read the result (it is shared with the cache): it is converted to dataclasses.
        """
        entry = self._entry(path)
        return entry.data if entry is not None else {}

    def _rows(self, path: Path, table: str) -> list[dict[str, Any]]:
        return [doc for doc in (self._read(path).get(table) or {}).values() if isinstance(doc, dict)]

    def _write(self, path: Path, table: str, change: Callable[[Any], T]) -> T:
        """Run ``change(tinydb_table)`` under the lock on a fresh TinyDB; quarantine a corrupt file first."""
        with self._locked():
            for attempt in (1, 2):
                try:
                    db = TinyDB(path, schema.meta_table(), storage=TransactionStorage)
                    version = schema.file_version(db.storage.read())
                    if version > schema.CURRENT_VERSION:
                        raise StoreError(f"{path} was written by a newer reader (schema {version}); not changing it")
                    return change(db.table(table))
                except CorruptFileError:
                    if attempt == 2:
                        raise StoreError(f"{path} is corrupt and could not be replaced") from None
                    self._quarantine(path)
        raise AssertionError("unreachable")

    # ── reading state ─────────────────────────────────────────────────────────────────────────────────

    def get_state(self, key: str, default: Any = None) -> Any:
        """A reading-state value (theme, last article of an issue …), or ``default``."""
        for doc in self._rows(self._state_path, schema.STATE_TABLE):
            if doc.get("key") == key:
                return json.loads(json.dumps(doc.get("value")))  # a private copy, never TinyDB's object
        return default

    def set_state(self, key: str, value: Any) -> None:
        """Save a JSON-able reading-state value under ``key``.

        Raises:
            StoreError: the value is not JSON-able, or it could not be saved.
        """
        try:
            value = json.loads(json.dumps(value, ensure_ascii=False))
        except (TypeError, ValueError) as exc:
            raise StoreError(f"reading state {key!r} is not JSON-able: {exc}") from exc
        doc = {"id": f"state:{key}", "key": key, "value": value}
        self._write(self._state_path, schema.STATE_TABLE, lambda t: t.upsert(doc, Query().key == key))

    # ── issue metadata edits ──────────────────────────────────────────────────────────────────────────

    ISSUE_FIELDS = ("title", "date", "edition")

    def get_issue_edits(self, issue_id: str) -> dict[str, str]:
        """The user's edits of an issue's metadata (``title``, ``date``, ``edition``; only those set)."""
        for doc in self._rows(self.data_dir / schema.ISSUES_FILE, schema.ISSUES_TABLE):
            if doc.get("issue") == issue_id:
                return {
                    name: str(doc[name]) for name in self.ISSUE_FIELDS if isinstance(doc.get(name), str) and doc[name]
                }
        return {}

    def set_issue_edits(self, issue_id: str, **fields: str | None) -> dict[str, str]:
        """Set (a value) or clear (``""``) fields of an issue's metadata; None leaves a field as it is.

        Returns:
            The edits now stored for the issue.
        """
        edits = self.get_issue_edits(issue_id)
        for name, value in fields.items():
            if name not in self.ISSUE_FIELDS or value is None:
                continue
            if value.strip():
                edits[name] = " ".join(value.split())
            else:
                edits.pop(name, None)
        doc = {"id": f"issue:{issue_id}", "issue": issue_id, **edits, "updated": schema.now_iso()}

        def replace_doc(table: Any) -> None:
            table.remove(Query().issue == issue_id)  # a cleared field must go, which an upsert would keep
            table.insert(doc)

        self._write(self.data_dir / schema.ISSUES_FILE, schema.ISSUES_TABLE, replace_doc)
        return edits

    # ── bookmarks ─────────────────────────────────────────────────────────────────────────────────────

    def list_bookmarks(self, issue_id: str | None = None) -> list[Bookmark]:
        """Every bookmark (of one issue if given), oldest first."""
        rows = self._rows(self._bookmarks_path, schema.BOOKMARKS_TABLE)
        bookmarks = [b for b in map(schema.bookmark_from_doc, rows) if b is not None]
        if issue_id is not None:
            bookmarks = [b for b in bookmarks if b.issue_id == issue_id]
        return sorted(bookmarks, key=lambda b: b.created)

    def get_bookmark(self, bookmark_id: str) -> Bookmark | None:
        """The bookmark with this id, or None (ids are never reused, so a stale id never finds another)."""
        return next((b for b in self.list_bookmarks() if b.id == bookmark_id), None)

    def _bookmarks_of(self, issue_id: str, article_id: str, analysis: IssueAnalysis | None = None) -> list[Bookmark]:
        found = []
        for bookmark in self.list_bookmarks(issue_id):
            if bookmark.article_id == article_id:
                found.append(bookmark)
            elif analysis is not None:
                article = resolve_anchor(bookmark, analysis)
                if article is not None and article.id == article_id:
                    found.append(bookmark)
        return found

    def is_bookmarked(self, issue_id: str, article_id: str, analysis: IssueAnalysis | None = None) -> bool:
        """Whether the article is bookmarked; pass ``analysis`` to also match bookmarks re-anchored to it."""
        return bool(self._bookmarks_of(issue_id, article_id, analysis))

    def add_bookmark(self, analysis: IssueAnalysis, article: Article) -> Bookmark:
        """Bookmark ``article`` of ``analysis`` (returning the existing bookmark if there is one)."""
        existing = self._bookmarks_of(analysis.issue.id, article.id, analysis)
        if existing:
            return existing[0]
        bookmark = Bookmark(id=schema.new_id(), created=schema.now_iso(), **anchor_fields(analysis, article))
        doc = schema.bookmark_to_doc(bookmark)
        self._write(self._bookmarks_path, schema.BOOKMARKS_TABLE, lambda t: t.insert(doc))
        return bookmark

    def delete_bookmark(self, bookmark_id: str) -> bool:
        """Remove one bookmark by id; False when there was none."""
        removed = self._write(
            self._bookmarks_path, schema.BOOKMARKS_TABLE, lambda t: t.remove(Query().id == bookmark_id)
        )
        return bool(removed)

    def remove_bookmark(self, issue_id: str, article_id: str, analysis: IssueAnalysis | None = None) -> bool:
        """Remove the bookmark(s) of an article; False when it was not bookmarked."""
        ids = {b.id for b in self._bookmarks_of(issue_id, article_id, analysis)}
        if not ids:
            return False
        removed = self._write(
            self._bookmarks_path, schema.BOOKMARKS_TABLE, lambda t: t.remove(Query().id.one_of(list(ids)))
        )
        return bool(removed)

    def toggle_bookmark(self, analysis: IssueAnalysis, article: Article) -> bool:
        """Bookmark the article, or remove its bookmark; return True when it is now bookmarked."""
        if self.remove_bookmark(analysis.issue.id, article.id, analysis):
            return False
        self.add_bookmark(analysis, article)
        return True

    # ── notes ─────────────────────────────────────────────────────────────────────────────────────────

    def _file_notes(self, path: Path) -> tuple[Note, ...]:
        """The notes of one bucket file, converted once per version of the file."""
        entry = self._entry(path)
        if entry is None:
            return ()
        if entry.notes is None:
            rows = (entry.data.get(schema.NOTES_TABLE) or {}).items()
            notes = []
            for doc_id, doc in rows:
                problems = schema.doc_problems(doc) if isinstance(doc, dict) else ["not an object"]
                note = schema.note_from_doc(doc) if isinstance(doc, dict) else None
                if problems:
                    # Reported, never hidden: the note is shown with those fields empty, or skipped when it
                    # has no id; the file itself is left as it is.
                    what = f"note {note.id}" if note is not None else f"record {doc_id}"
                    outcome = "shown with those fields empty" if note is not None else "skipped"
                    self.warnings.append(
                        f"{path}: {what} has fields of the wrong type: {', '.join(problems)}; it is {outcome},"
                        " and the file is left unchanged for you to repair"
                    )
                if note is not None:
                    notes.append(note)
            entry.notes = tuple(notes)
        return entry.notes

    def _notes_in(self, paths: Iterable[Path]) -> list[Note]:
        """The notes of these bucket files, each id once per issue (a parent left beside its children by an
        interrupted split repeats their notes; ``paths`` come deepest first, so a child's copy wins)."""
        seen: dict[tuple[str, str], Note] = {}
        for path in paths:
            key = self._key_of(path)
            for note in self._file_notes(path):
                if (key, note.id) not in seen:
                    seen[key, note.id] = note
                    self._note_keys[note.id] = key
        return list(seen.values())

    def _key_of(self, path: Path) -> str:
        """The issue key of a bucket file: ``notes/KEY.json`` or ``notes/KEY/BITS.json``."""
        return path.name[: -len(".json")] if path.parent == self.notes_dir else path.parent.name

    def _issue_files(self, key: str) -> list[Path]:
        return buckets.ordered(buckets.existing(self.notes_dir, key))

    def list_notes(self, issue_id: str | None = None, tag: str | None = None) -> list[Note]:
        """Notes, oldest first: all of them, or those of one issue and/or carrying ``tag`` (any case)."""
        if issue_id is not None:
            notes = [n for n in self._notes_in(self._issue_files(schema.issue_key(issue_id))) if n.issue_id == issue_id]
        else:
            notes = self._notes_in(buckets.all_files(self.notes_dir))
        if tag:
            wanted = tag.strip().lstrip("#").casefold()
            notes = [n for n in notes if any(t.casefold() == wanted for t in n.tags)]
        return sorted(notes, key=lambda n: n.created)

    def notes_for_article(self, issue_id: str, article_id: str, analysis: IssueAnalysis | None = None) -> list[Note]:
        """The notes on one article; pass ``analysis`` to include notes re-anchored to it by content."""
        found = []
        for note in self.list_notes(issue_id):
            if note.article_id == article_id:
                found.append(note)
            elif analysis is not None:
                article = resolve_anchor(note, analysis)
                if article is not None and article.id == article_id:
                    found.append(note)
        return found

    def _find_in_issue(self, key: str, note_id: str) -> tuple[Path, Note] | None:
        """The bucket holding ``note_id`` in issue ``key`` and the note: its hash bucket first, then the rest."""
        found = buckets.existing(self.notes_dir, key)
        home = buckets.leaf(found, buckets.note_bits(note_id))
        paths = [found[home]] if home in found else []
        paths += [path for path in buckets.ordered(found) if path not in paths]
        for path in paths:
            note = next((n for n in self._file_notes(path) if n.id == note_id), None)
            if note is not None:
                return path, note
        return None

    def _find(self, note_id: str) -> tuple[str, Path, Note] | None:
        """Where a note is (issue key, bucket file) and the note; None when there is no such note."""
        key = self._note_keys.get(note_id)
        if key is not None:
            hit = self._find_in_issue(key, note_id)
            if hit is not None:
                return key, *hit
        for path in buckets.all_files(self.notes_dir):
            if any(n.id == note_id for n in self._file_notes(path)):
                key = self._key_of(path)
                self._note_keys[note_id] = key
                hit = self._find_in_issue(key, note_id)
                if hit is not None:
                    return key, *hit
        return None

    def get_note(self, note_id: str) -> Note | None:
        """The note with this id, or None (ids are never reused)."""
        hit = self._find(note_id)
        return hit[2] if hit is not None else None

    def match_note_ids(self, prefix: str) -> list[str]:
        """Ids of notes starting with ``prefix`` (the CLI accepts a unique prefix, like git)."""
        prefix = prefix.strip().lower()
        return sorted({n.id for n in self.list_notes() if n.id.startswith(prefix)}) if prefix else []

    def _write_note(self, key: str, note_id: str, change: Callable[[Any], T], *, anywhere: bool) -> T | None:
        """Run ``change`` on the bucket of ``note_id`` in issue ``key`` under the lock; split it if it grew.

        First finishes any split a crash interrupted. With ``anywhere``, the note may sit in another bucket of
        the issue (a file moved by hand): the one holding it is changed, and None is returned when none does.
        """
        with self._locked():
            buckets.finish_splits(
                self.notes_dir, key, self._read_for_split, schema.meta_table(), buckets.BUCKET_MAX_NOTES
            )
            found = buckets.existing(self.notes_dir, key)
            prefix = buckets.leaf(found, buckets.note_bits(note_id))
            path = buckets.bucket_path(self.notes_dir, key, prefix)
            if anywhere:
                hit = self._find_in_issue(key, note_id)
                if hit is None:
                    return None
                path = hit[0]
                prefix = next(p for p, q in found.items() if q == path)
            result, count = self._write(path, schema.NOTES_TABLE, lambda table: (change(table), len(table)))
            self._note_keys[note_id] = key
            if count > buckets.BUCKET_MAX_NOTES:
                try:
                    self._split(key, prefix, path)
                except (StoreError, OSError) as exc:
                    # The change itself is on disk; a half-done split is finished by the next write.
                    self.warnings.append(f"could not split the notes file {path}: {exc}; it will be retried")
            return result

    def _read_for_split(self, path: Path) -> dict[str, Any]:
        tables = self._read(path)
        version = schema.file_version(tables)
        if version > schema.CURRENT_VERSION:
            raise StoreError(f"{path} was written by a newer reader (schema {version}); not changing it")
        return tables

    def _split(self, key: str, prefix: str, path: Path) -> None:
        tables = self._read_for_split(path)
        buckets.split(self.notes_dir, key, prefix, tables, schema.meta_table(), buckets.BUCKET_MAX_NOTES)

    def add_note(
        self,
        analysis: IssueAnalysis,
        article: Article,
        text: str,
        *,
        quote: str = "",
        tags: Iterable[str] = (),
    ) -> Note:
        """Save a new note on ``article``; it is on disk when this returns.

        Raises:
            StoreError: it could not be saved (the message says why; nothing was half-written).
        """
        stamp = schema.now_iso()
        note = Note(
            id=schema.new_id(),
            text=text,
            quote=quote,
            tags=schema.normalize_tags(tags),
            created=stamp,
            updated=stamp,
            **anchor_fields(analysis, article),
        )
        doc = schema.note_to_doc(note)
        self._write_note(schema.issue_key(note.issue_id), note.id, lambda t: t.insert(doc), anywhere=False)
        return note

    def save_note(self, note: Note) -> Note:
        """Store a fully built note as is (import, tests); a note with the same id in its issue is replaced."""
        key = schema.issue_key(note.issue_id)
        doc = schema.note_to_doc(note)
        replaced = self._write_note(key, note.id, lambda t: t.update(doc, Query().id == note.id), anywhere=True)
        if not replaced:
            self._write_note(key, note.id, lambda t: t.insert(doc), anywhere=False)
        return note

    def update_note(
        self,
        note_id: str,
        *,
        text: str | None = None,
        quote: str | None = None,
        tags: Iterable[str] | None = None,
    ) -> Note:
        """Change a note's text, quote and/or tags; return the updated note.

        Raises:
            NoteNotFound: there is no such note (it may have been deleted by another copy of reader).
        """
        hit = self._find(note_id)
        if hit is None:
            raise NoteNotFound(f"no note with id {note_id}")
        changes: dict[str, Any] = {"updated": schema.now_iso()}
        if text is not None:
            changes["text"] = text
        if quote is not None:
            changes["quote"] = quote
        if tags is not None:
            changes["tags"] = list(schema.normalize_tags(tags))
        updated = self._write_note(hit[0], note_id, lambda t: t.update(changes, Query().id == note_id), anywhere=True)
        if not updated:
            raise NoteNotFound(f"no note with id {note_id}")
        note = self.get_note(note_id)
        if note is None:  # deleted by another process between the write and this read
            raise NoteNotFound(f"no note with id {note_id}")
        return note

    def delete_note(self, note_id: str) -> bool:
        """Delete a note; False when there was none."""
        hit = self._find(note_id)
        if hit is None:
            return False
        removed = self._write_note(hit[0], note_id, lambda t: t.remove(Query().id == note_id), anywhere=True)
        self._note_keys.pop(note_id, None)
        return bool(removed)


class _Cached:
    """A parsed file in the read cache: its stat key, its tables and (once asked for) its notes."""

    __slots__ = ("data", "key", "notes")

    def __init__(self, key: tuple[int, int, int], data: dict[str, Any]) -> None:
        self.key = key
        self.data = data
        self.notes: tuple[Note, ...] | None = None
