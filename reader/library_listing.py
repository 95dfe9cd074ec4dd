"""The last listing of a library folder, kept in the cache folder so that the library screen draws at once,
and the marks (notes, bookmarks) its rows show.

Scanning a library means a ``stat`` or a ``listdir`` for every folder and page and a read of every
``issue.json``: about 220 ms for 1,000 issues of 3 pages here, which is most of the time to the first frame.
The screen shows the listing it saw last, then scans in the background and redraws only when the folder has
changed. Derived data like the analysis cache: written atomically (temporary file + rename), and a
missing, damaged or foreign file is only a miss.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import orjson

from reader.cache import AnalysisCache, cache_dir, write_atomic
from reader.ingest.issue import IssueRef
from reader.model import IssueMeta

LISTING_FORMAT = 1


def listing_path(library: Path, cache_root: Path | None = None) -> Path:
    """The listing file of a library folder (by absolute path)."""
    name = hashlib.sha256(str(library.absolute()).encode()).hexdigest()[:24]
    return (cache_root or cache_dir()) / "listings" / f"{name}.json"


def _ref_row(ref: IssueRef) -> list:
    meta = ref.meta
    provenance = [list(entry) for entry in meta.provenance]
    return [str(ref.path), ref.page_count, ref.error, meta.title, meta.date, meta.edition, meta.note, provenance]


def _ref_from_row(row: list) -> IssueRef:
    path, page_count, error, title, date, edition, note, provenance = row
    entries = tuple((str(name), str(source), str(reason)) for name, source, reason in provenance)
    meta = IssueMeta(title=title, date=date, edition=edition, note=note, provenance=entries)
    if not isinstance(path, str) or not isinstance(page_count, int):
        raise TypeError("a listing row of the wrong shape")
    return IssueRef(Path(path), meta, page_count, error)


def load_listing(library: Path, cache_root: Path | None = None) -> tuple[IssueRef, ...] | None:
    """The listing saved for ``library``, or None (never saved, damaged, or saved for another folder)."""
    try:
        document = orjson.loads(listing_path(library, cache_root).read_bytes())
        if document["format"] != LISTING_FORMAT or document["library"] != str(library.absolute()):
            return None
        return tuple(_ref_from_row(row) for row in document["issues"])
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError, ValueError):
        return None


def save_listing(library: Path, refs: tuple[IssueRef, ...], cache_root: Path | None = None) -> bool:
    """Keep ``refs`` as the listing of ``library``; False when the cache folder cannot be written."""
    document = {"format": LISTING_FORMAT, "library": str(library.absolute()), "issues": [_ref_row(r) for r in refs]}
    return write_atomic(listing_path(library, cache_root), orjson.dumps(document))


def issue_marks(refs: tuple[IssueRef, ...], store: Any) -> dict[Path, tuple[int, int]]:
    """``(notes, bookmarks)`` of each issue that has any, by folder, without reading a page.

    A note or bookmark belongs to a folder when it was made there (its ``issue_path``) or when it names the
    issue id the folder had when the analysis cache last recorded it (the folder was moved or renamed since).
    """
    kinds = (list(store.list_notes()), list(store.list_bookmarks()))
    if not any(kinds):
        return {}
    by_id: list[dict[str, set[int]]] = [{}, {}]
    by_folder: list[dict[str, set[int]]] = [{}, {}]
    for kind, items in enumerate(kinds):
        for number, item in enumerate(items):
            by_id[kind].setdefault(item.issue_id, set()).add(number)
            folder = getattr(item, "issue_path", None)
            if folder:
                by_folder[kind].setdefault(folder, set()).add(number)
    cache = AnalysisCache.open()
    marks = {}
    for ref in refs:
        if ref.error:
            continue
        issue_id, folder = cache.last_issue_id(ref.path), str(ref.path.resolve())
        counts = tuple(
            len(by_id[kind].get(issue_id or "", set()) | by_folder[kind].get(folder, set())) for kind in (0, 1)
        )
        if counts != (0, 0):
            marks[ref.path] = (counts[0], counts[1])
    return marks
