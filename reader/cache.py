"""The analysis cache: a page that has not changed has the same analysis, so it is worked out once.

Derived data, not user data: it lives in the platform's cache folder (``--cache-dir`` / ``READER_CACHE_DIR``
move it), never shares a file with notes, and can be deleted at any time (``reader cache clear``).

Layout under the cache folder::

    analysis/<analyser version>/<ab>/<page key>.json   one page's articles (reader.cache_codec)
    folders/<ab>/<folder hash>.json                    an issue folder's pages: name, size, mtime, page key

- **Keys.** A page key is a hash of the file's bytes (and its suffix, which picks the reader) plus the page
  number, which is part of every article id. Entries sit under the analyser's version, a hash of the source
  and data files of ``reader/analysis`` and ``reader/ingest`` (:func:`analyser_version`), so changing the
  analysis never serves stale articles and nobody has to remember to bump a number.
- **Cheap check first.** A folder record lists each page's size and mtime with its key, so a warm issue is
  opened with one ``stat`` per page and no read or hash of its pages.
- **Atomic, not durable.** Each file is written to a temporary name and renamed over (no fsync: a lost or torn
  entry after a power cut is only a miss). Readers see the old file or the new one; a file that does not
  decode is a miss, and is deleted. Writers race harmlessly: the same key always means the same content.
- **Bounded.** Hits refresh an entry's mtime; :meth:`AnalysisCache.maintain` evicts the least recently used
  entries past ``max_bytes``, drops folder records (and their entries) of folders that no longer exist, and
  stale temporary files of killed writers.
- **Never fatal.** Any ``OSError`` while reading or writing the cache degrades to a miss or a skipped write.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    from reader.model import Article, Page

DEFAULT_MAX_BYTES = 1 << 30
"""1 GiB: about 75,000 pages of articles."""
TEMP_MARK = ".tmp-"
STALE_TEMP_SECONDS = 3600
MAINTAIN_EVERY_SECONDS = 600
FOLDER_FORMAT = 1
_PACKAGE = Path(__file__).resolve().parent
ANALYSER_PACKAGES = ("analysis", "ingest")
"""The packages whose source and data decide what a page's analysis is."""


def cache_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The cache folder: ``override`` (``--cache-dir``), then ``READER_CACHE_DIR``, then the platform's."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get("READER_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    from reader.paths import user_dir

    return user_dir("cache")


@lru_cache(maxsize=1)
def analyser_version() -> str:
    """A hash of every file of the analysis and ingest packages (source and data), once per process."""
    digest = hashlib.sha256()
    for package in ANALYSER_PACKAGES:
        root = _PACKAGE / package
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                digest.update(path.relative_to(_PACKAGE).as_posix().encode())
                digest.update(b"\0")
                digest.update(path.read_bytes())
                digest.update(b"\0")
    # The article and page types are part of what an entry means.
    digest.update((_PACKAGE / "model.py").read_bytes())
    return digest.hexdigest()[:16]


def page_key(path: Path, data: bytes, number: int) -> str:
    """The cache key of a page: its bytes, its suffix (which decides the reader) and its page number."""
    digest = hashlib.sha256("".join(path.suffixes).lower().encode())
    digest.update(b"\0")
    digest.update(data)
    return f"{digest.hexdigest()[:32]}-{number}"


@dataclass(frozen=True, slots=True)
class CacheInfo:
    """What ``reader cache info`` prints."""

    root: Path
    entries: int
    entry_bytes: int
    folders: int
    versions: int
    max_bytes: int


@dataclass(frozen=True, slots=True)
class PageStat:
    """A page file's path, size and mtime: what the cheap check compares (ChronAm pages are all ocr.xml)."""

    name: str
    size: int
    mtime_ns: int


def stat_pages(files: list[Path]) -> list[PageStat] | None:
    """The stats of ``files``, or None when one cannot be stat'ed (the cold path reports why)."""
    stats = []
    for file in files:
        try:
            st = file.stat()
        except OSError:
            return None
        stats.append(PageStat(str(file), st.st_size, st.st_mtime_ns))
    return stats


def write_atomic(path: str | os.PathLike[str], payload: bytes) -> bool:
    """Write ``payload`` to ``path`` by temp + rename (no fsync); False when it could not.

    The folder is made only when the temporary file cannot be created (a cold run writes an entry a page:
    a ``mkdir`` for each cost a tenth of the write).
    """
    import secrets  # here, not at the top: a warm command never writes

    target = os.fspath(path)
    folder, name = os.path.split(target)
    temp = os.path.join(folder, f"{TEMP_MARK}{name}.{secrets.token_hex(4)}")
    try:
        try:
            handle = open(temp, "wb")  # noqa: SIM115 - closed just below
        except FileNotFoundError:  # a new folder
            os.makedirs(folder or ".", exist_ok=True)
            handle = open(temp, "wb")  # noqa: SIM115
        with handle:
            handle.write(payload)
        os.replace(temp, target)
        return True
    except OSError:
        try:
            os.unlink(temp)
        except OSError:
            pass
        return False


class AnalysisCache:
    """Pages' articles by content, and issue folders' page lists by path (see the module docstring).

    Args:
        root: the cache folder (see :func:`cache_dir`); created on the first write.
        max_bytes: the size past which :meth:`maintain` evicts least recently used entries.
    """

    def __init__(self, root: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.root = root
        self.max_bytes = max_bytes
        self.version = analyser_version()
        self.written = 0
        """Entries written by this object (a command calls :meth:`maintain` when it wrote some)."""

    @classmethod
    def open(cls, override: str | os.PathLike[str] | None = None) -> AnalysisCache:
        """The cache at :func:`cache_dir`; ``READER_CACHE_MAX_MB`` sets the bound."""
        raw = os.environ.get("READER_CACHE_MAX_MB", "")
        max_bytes = int(raw) * 1024 * 1024 if raw.isdigit() else DEFAULT_MAX_BYTES
        return cls(cache_dir(override), max_bytes)

    # ---- page entries ----------------------------------------------------------------------------

    @property
    def entries_dir(self) -> Path:
        """Where this analyser version's entries live."""
        return self.root / "analysis" / self.version

    def entry_path(self, key: str) -> Path:
        """The file of one entry."""
        return Path(self._entry_name(key))

    def _entry_name(self, key: str) -> str:
        # A string built by formatting: a warm open of a 300-page issue names 300 entries, and four pathlib
        # joins each cost more than reading the files.
        return f"{self.root}{os.sep}analysis{os.sep}{self.version}{os.sep}{key[:2]}{os.sep}{key}.json"

    def get_bytes(self, key: str) -> bytes | None:
        """The raw entry for ``key``, or None; a hit refreshes its mtime (least recently used eviction)."""
        path = self._entry_name(key)
        try:
            with open(path, "rb") as handle:
                data = handle.read()
            os.utime(path)
        except OSError:
            return None
        return data

    def get(self, key: str, source: str) -> tuple[Page, tuple[Article, ...]] | None:
        """The page (without lines) and articles stored for ``key``, or None on a miss or a corrupt entry."""
        data = self.get_bytes(key)
        if data is None:
            return None
        from reader.cache_codec import CorruptEntry, decode_entry  # the articles' types, off a search's start-up

        try:
            return decode_entry(data, key, source)
        except CorruptEntry:
            self.discard(key)
            return None

    def put(self, key: str, page: Page, articles: tuple[Article, ...]) -> bytes:
        """Store a page's articles; returns the entry's bytes (written or not)."""
        from reader.cache_codec import encode_entry

        payload = encode_entry(key, page, articles)
        self.put_bytes(key, payload)
        return payload

    def put_bytes(self, key: str, payload: bytes) -> None:
        """Store an entry already encoded (by a worker process)."""
        if write_atomic(self._entry_name(key), payload):
            self.written += 1

    def discard(self, key: str) -> None:
        """Delete an entry that did not decode."""
        try:
            self.entry_path(key).unlink(missing_ok=True)
        except OSError:
            pass

    # ---- folder records --------------------------------------------------------------------------

    def folder_path(self, target: Path) -> Path:
        """The record file of an issue folder or page file (by absolute path)."""
        name = hashlib.sha256(str(target.absolute()).encode()).hexdigest()[:24]
        return self.root / "folders" / name[:2] / f"{name}.json"

    def folder_record(self, target: Path, stats: list[PageStat]) -> tuple[str, list[str]] | None:
        """``(issue id, page keys)`` when the record of ``target`` matches ``stats`` exactly, else None."""
        try:
            record = orjson.loads(self.folder_path(target).read_bytes())
            if record["format"] != FOLDER_FORMAT or record["version"] != self.version:
                return None
            pages = record["pages"]
            if len(pages) != len(stats):
                return None
            for (name, size, mtime_ns, _key), stat in zip(pages, stats, strict=True):
                if name != stat.name or size != stat.size or mtime_ns != stat.mtime_ns:
                    return None
            return str(record["issue_id"]), [str(page[3]) for page in pages]
        except (OSError, orjson.JSONDecodeError, KeyError, TypeError, ValueError):
            return None

    def last_issue_id(self, target: Path) -> str | None:
        """The issue id ``target`` had when it was last opened (its record, unchecked against its pages), or None.

        For marks that may be a little stale, such as the library screen's note and bookmark counts: an issue
        whose pages changed since has a new id, and its old notes stay with the old one.
        """
        try:
            record = orjson.loads(self.folder_path(target).read_bytes())
            return str(record["issue_id"]) if record["format"] == FOLDER_FORMAT else None
        except (OSError, orjson.JSONDecodeError, KeyError, TypeError, ValueError):
            return None

    def put_folder_record(self, target: Path, issue_id: str, stats: list[PageStat], keys: list[str]) -> None:
        """Remember which key each page of ``target`` had at these sizes and mtimes."""
        record = {
            "format": FOLDER_FORMAT,
            "version": self.version,
            "path": str(target.absolute()),
            "issue_id": issue_id,
            "pages": [[s.name, s.size, s.mtime_ns, key] for s, key in zip(stats, keys, strict=True)],
        }
        write_atomic(self.folder_path(target), orjson.dumps(record))

    # ---- housekeeping ----------------------------------------------------------------------------

    def _entry_files(self) -> list[tuple[Path, os.stat_result]]:
        """Every file under ``analysis/`` (entries and temporary files), with its stat."""
        files = []
        for folder, _dirs, names in os.walk(self.root / "analysis"):
            for name in names:
                path = Path(folder, name)
                try:
                    files.append((path, path.stat()))
                except OSError:
                    continue
        return files

    def info(self) -> CacheInfo:
        """Counts and sizes, for ``reader cache info``."""
        files = [(p, st) for p, st in self._entry_files() if TEMP_MARK not in p.name]
        base = self.root / "analysis"
        versions = sum(1 for p in base.iterdir() if p.is_dir()) if base.is_dir() else 0
        folders = self.root / "folders"
        folder_count = sum(1 for _ in folders.rglob("*.json")) if folders.is_dir() else 0
        return CacheInfo(
            self.root, len(files), sum(st.st_size for _, st in files), folder_count, versions, self.max_bytes
        )

    def clear(self) -> None:
        """Delete everything the cache holds (entries, folder records, indexes and library listings)."""
        import shutil

        for name in ("analysis", "folders", "index", "listings"):
            shutil.rmtree(self.root / name, ignore_errors=True)

    def maintain(self, *, force: bool = False) -> int:
        """Prune records of deleted folders, stale temp files, and evict past ``max_bytes``; entries removed.

        Without ``force`` it runs at most every few minutes (a scan of the whole cache costs a ``stat`` per entry).
        """
        stamp = self.root / "maintained"
        now = time.time()
        if not force:
            try:
                if now - stamp.stat().st_mtime < MAINTAIN_EVERY_SECONDS:
                    return 0
            except OSError:
                pass
        write_atomic(stamp, b"")
        removed = self._prune_folders()
        files = self._entry_files()
        stale = [(p, st) for p, st in files if TEMP_MARK in p.name]
        for path, st in stale:
            if now - st.st_mtime > STALE_TEMP_SECONDS:
                _unlink(path)
        files = [(p, st) for p, st in files if TEMP_MARK not in p.name]
        total = sum(st.st_size for _, st in files)
        if total > self.max_bytes:
            target = self.max_bytes * 8 // 10  # evict to 80%, so the next write does not evict again
            for path, st in sorted(files, key=lambda item: item[1].st_mtime):
                if total <= target:
                    break
                if _unlink(path):
                    total -= st.st_size
                    removed += 1
        return removed

    def _prune_folders(self) -> int:
        """Drop the records of folders that are gone, and the entries that only they named."""
        folders = self.root / "folders"
        if not folders.is_dir():
            return 0
        live: set[str] = set()
        dead: list[tuple[Path, list[str]]] = []
        for record_path in folders.rglob("*.json"):
            try:
                record: dict[str, Any] = orjson.loads(record_path.read_bytes())
                keys = [str(page[3]) for page in record["pages"]]
                exists = Path(record["path"]).exists()
            except (OSError, orjson.JSONDecodeError, KeyError, TypeError, IndexError, ValueError):
                _unlink(record_path)
                continue
            if exists:
                live.update(keys)
            else:
                dead.append((record_path, keys))
        removed = 0
        for record_path, keys in dead:
            _unlink(record_path)
            for key in keys:
                if key not in live and _unlink(self.entry_path(key)):
                    removed += 1
        return removed


def _unlink(path: Path) -> bool:
    try:
        path.unlink()
        return True
    except OSError:
        return False
