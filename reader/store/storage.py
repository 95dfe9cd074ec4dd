"""Durable JSON files for TinyDB: atomic replace, fsync, validation and quarantine of corrupt files.

TinyDB's default ``JSONStorage`` rewrites its file in place, so a kill in mid-write leaves a torn file. Here
every write goes to a temporary file in the same folder, is flushed and fsynced, replaces the old file with
``os.replace`` and then the folder itself is fsynced: a write that returned is on disk, and a reader only
ever sees the old or the new file.
"""

from __future__ import annotations

import json
import os
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from reader.errors import InputError, ReaderError

ENCODING = "utf-8"
TEMP_SUFFIX = ".tmp"


class StoreError(ReaderError):
    """Notes, bookmarks or reading state could not be read or saved; the message says which file and why."""


class CorruptFileError(Exception):
    """A store file exists but is not a valid TinyDB document (internal: the store quarantines it)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def _describe(exc: OSError) -> str:
    return exc.strerror or exc.__class__.__name__


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries (a rename is durable only once its folder is fsynced)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, payload: bytes) -> None:
    """Replace ``path`` with ``payload`` so that a crash leaves either the old or the new file, whole.

    Raises:
        StoreError: any step failed (no space, I/O error …); the previous file is left untouched.
    """
    folder = path.parent
    temp = folder / f".{path.name}.{secrets.token_hex(6)}{TEMP_SUFFIX}"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except OSError as exc:
        try:
            temp.unlink(missing_ok=True)
        except OSError:
            pass
        raise StoreError(f"could not save {path}: {_describe(exc)}; the previous version is intact") from exc
    try:
        fsync_dir(folder)
    except OSError as exc:
        raise StoreError(f"saved {path} but could not flush its folder: {_describe(exc)}") from exc


def encode(data: dict[str, Any]) -> bytes:
    """The bytes written for a TinyDB document: compact UTF-8 JSON (never ASCII-escaped)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(ENCODING)


def decode(raw: bytes, path: Path) -> dict[str, Any]:
    """Parse and validate a TinyDB file's bytes.

    Raises:
        CorruptFileError: not UTF-8 (a BOM counts as foreign: we never write one), not JSON, or not shaped
            ``{table: {doc_id: {…}}}``.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        raise CorruptFileError(path, "starts with a UTF-8 byte-order mark")
    if not raw.strip():
        raise CorruptFileError(path, "is empty")
    try:
        text = raw.decode(ENCODING)
    except UnicodeDecodeError as exc:
        raise CorruptFileError(path, f"is not UTF-8 ({exc.reason} at byte {exc.start})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CorruptFileError(path, f"is not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        raise CorruptFileError(path, "is JSON nested too deeply to read") from None
    validate(data, path)
    return data


def validate(data: Any, path: Path) -> None:
    """Check the TinyDB shape ``{table: {doc_id: {…}}}``.

    Raises:
        CorruptFileError: the shape is wrong.
    """
    if not isinstance(data, dict):
        raise CorruptFileError(path, f"holds a JSON {type(data).__name__}, not an object of tables")
    for table_name, table in data.items():
        if not isinstance(table, dict):
            raise CorruptFileError(path, f"table {table_name!r} is a {type(table).__name__}, not an object")
        for doc_id, doc in table.items():
            if not str(doc_id).isdigit() or not isinstance(doc, dict):
                raise CorruptFileError(path, f"table {table_name!r} has a malformed document {doc_id!r}")


def read_file(path: Path) -> dict[str, Any] | None:
    """The parsed content of a store file, or None when it does not exist.

    Raises:
        CorruptFileError: the file is unreadable as a TinyDB document.
        StoreError: the file exists but cannot be read (permissions, I/O).
    """
    if not path.exists() and not path.is_symlink():
        return None
    return decode(read_bytes(path), path)


MAX_STORE_FILE_BYTES = 256 * 1024 * 1024
"""The largest store file read. Buckets hold at most 128 notes, so a real file is far smaller; the limit only
keeps a device or FIFO put in its place (or a runaway file) from being read without end."""


def read_bytes(path: Path) -> bytes:
    """The bytes of a store file, read with a bound; a FIFO, device or socket in its place is refused.

    Raises:
        StoreError: the file cannot be read, is not a regular file or is over the limit.
    """
    from reader.fileread import read_limited

    try:
        return read_limited(path, MAX_STORE_FILE_BYTES, what="store files")
    except InputError as exc:
        raise StoreError(f"could not read {exc}") from exc


def timestamp() -> str:
    """A compact UTC timestamp for file names: ``20240131T235959Z``."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def unique_sibling(path: Path, label: str) -> Path:
    """A free name next to ``path``: ``NAME.LABEL-TIMESTAMP`` (with ``-2``, ``-3`` … if taken)."""
    base = f"{path.name}.{label}-{timestamp()}"
    candidate = path.with_name(base)
    counter = 1
    while candidate.exists():
        counter += 1
        candidate = path.with_name(f"{base}-{counter}")
    return candidate


def move_aside(path: Path, label: str = "corrupt") -> Path:
    """Move ``path`` to a new timestamped name beside it, never overwriting anything; return the new path.

    A hard link then unlink is used because ``os.link`` refuses to replace an existing file, unlike rename.
    """
    while True:
        target = unique_sibling(path, label)
        try:
            os.link(path, target)
        except FileExistsError:
            continue
        except OSError:
            # File systems without hard links: rename, having just checked the name is free.
            os.rename(path, target)
            fsync_dir(path.parent)
            return target
        path.unlink()
        fsync_dir(path.parent)
        return target


def copy_aside(path: Path, label: str) -> Path:
    """Copy ``path`` durably to a new timestamped name beside it (used for backups before migrations)."""
    payload = read_bytes(path)
    while True:
        target = unique_sibling(path, label)
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        try:
            os.write(fd, payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        fsync_dir(path.parent)
        return target


def copy_to(source: Path, target: Path) -> None:
    """Copy ``source`` durably to the new file ``target`` (its folders are created; never overwrites)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = read_bytes(source)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    fsync_dir(target.parent)


def salvage(raw: bytes, path: Path) -> dict[str, Any] | None:
    """The data of a quarantined file when it is only mis-encoded (BOM, UTF-16, GB18030); else None."""
    attempts = [(raw[3:], "utf-8")] if raw.startswith(b"\xef\xbb\xbf") else []
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        attempts.append((raw, "utf-16"))
    attempts.append((raw, "gb18030"))
    for payload, encoding in attempts:
        try:
            data = json.loads(payload.decode(encoding))
            validate(data, path)
        except (UnicodeDecodeError, json.JSONDecodeError, CorruptFileError):
            continue
        return data
    return None


class AtomicJSONStorage(Storage):
    """A TinyDB storage that validates on read and writes atomically and durably.

    Each ``read`` parses the file afresh and returns a new object: TinyDB mutates what it reads, so nothing
    may be shared between calls. There is deliberately no caching.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, Any] | None:
        """The file's tables, or None for a missing file."""
        return read_file(self.path)

    def write(self, data: dict[str, Any]) -> None:
        """Replace the file with ``data``."""
        atomic_write(self.path, encode(data))

    def close(self) -> None:
        """Nothing to release: no handle is kept open between operations."""


class TransactionStorage(AtomicJSONStorage):
    """The storage for one read-modify-write under the store lock: the file is parsed once.

    TinyDB reads the whole file before every step of an operation (search, next id, update). Under the lock
    nobody else can change the file, so the first parse is kept and handed back (TinyDB may mutate it: the
    object lives only as long as this transaction, and is replaced by what was written). Every write also
    stamps the ``meta`` table, so a new file records its schema version without a second write.
    """

    def __init__(self, path: str | os.PathLike[str], meta: dict[str, Any] | None = None) -> None:
        super().__init__(path)
        self._meta = meta
        self._cache: dict[str, Any] | None = None
        self._loaded = False

    def read(self) -> dict[str, Any] | None:
        """The tables as parsed at the start of the transaction, with this transaction's writes."""
        if not self._loaded:
            self._cache = read_file(self.path)
            self._loaded = True
        return self._cache

    def write(self, data: dict[str, Any]) -> None:
        """Replace the file with ``data`` (plus the ``meta`` table when missing)."""
        if self._meta is not None and "meta" not in data:
            data = {"meta": self._meta, **data}
        self._loaded = False  # on failure, re-read rather than trust what TinyDB mutated
        atomic_write(self.path, encode(data))
        self._cache, self._loaded = data, True
