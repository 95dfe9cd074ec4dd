"""Issues and libraries on disk.

An issue is a folder of page files plus an optional ``issue.json`` (newspaper title, date, edition), or a
single page file. A library is a folder whose sub-folders are issues. An issue's id is a hash of the
normalized text of its pages, so moving or renaming the files keeps its notes.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from reader.errors import InputError
from reader.fileread import STDIN, read_json
from reader.ingest.detect import read_page
from reader.ingest.folders import METADATA_FILE, PAGE_SUFFIXES, find_page_files, natural_key
from reader.model import Issue, IssueMeta, Page
from reader.sanitize import sanitize
from reader.textformat import shorten

__all__ = [
    "METADATA_FILE",
    "PAGE_SUFFIXES",
    "IssueRef",
    "find_page_files",
    "load_issue",
    "read_meta",
    "read_page_or_error",
    "scan_library",
]

MAX_METADATA_BYTES = 1024 * 1024
"""The largest ``issue.json`` we read: a few fields of metadata are a few hundred bytes."""
MAX_FIELD_CHARS = {"title": 300, "edition": 300, "date": 10, "note": 4000}
"""Metadata fields are cut to these lengths (with …): they go into headers, file names and citations."""
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class IssueRef:
    """An issue found in a library, before its pages are read."""

    path: Path
    meta: IssueMeta
    page_count: int
    error: str | None = None
    """Why the issue cannot be opened (an unreadable folder or ``issue.json``); the library lists it anyway."""


def read_meta(folder: Path) -> IssueMeta:
    """Read ``issue.json`` from an issue folder; missing fields are None.

    Raises:
        InputError: the file exists but is not a JSON object.
    """
    meta_path = folder / METADATA_FILE
    if not meta_path.exists():
        return IssueMeta()
    raw = read_json(meta_path, MAX_METADATA_BYTES, what="issue.json files")
    if not isinstance(raw, dict):
        raise InputError(f"{meta_path}: expected a JSON object")

    def field(name: str) -> str | None:
        value = raw.get(name)
        if value in (None, ""):
            return None
        text = str(value)[: MAX_FIELD_CHARS.get(name, 300) + 1]  # before sanitizing: bounded work
        return shorten(sanitize(text).strip(), MAX_FIELD_CHARS.get(name, 300)) or None

    date = field("date")
    if date is not None and not _DATE.fullmatch(date):
        raise InputError(f"{meta_path}: date must be YYYY-MM-DD, not {date!r}")
    return IssueMeta(title=field("title"), date=date, edition=field("edition"), note=field("note"))


def page_identity(page: Page) -> bytes:
    """What a page contributes to its issue's id: its text, NFC-normalized, without whitespace."""
    text = unicodedata.normalize("NFC", "".join(line.text for line in page.lines))
    return "".join(text.split()).encode("utf-8")


def issue_id_from(identities: Iterable[bytes]) -> str:
    """The issue id from each page's :func:`page_identity`, in page order (an iterator is hashed as it goes)."""
    digest = hashlib.sha256()
    for identity in identities:
        digest.update(identity)
        digest.update(b"\x00")
    return digest.hexdigest()[:16]


def issue_id(pages: tuple[Page, ...]) -> str:
    """A content hash of the pages: whitespace-insensitive, NFC-normalized, independent of file names."""
    return issue_id_from([page_identity(page) for page in pages])


def issue_page_files(path: Path) -> tuple[list[Path], IssueMeta]:
    """The page files of an issue (a page file or an issue folder), in page order, and its metadata.

    Raises:
        InputError: the path is missing or holds no page file.
    """
    if not path.exists():
        raise InputError(f"{path}: no such file or directory")
    if not path.is_dir():
        return [path], IssueMeta()
    page_files = find_page_files(path)
    if not page_files:
        if next(iter_issue_folders(path), None) is not None:
            raise InputError(f"{path}: is a library of issues; give one issue folder")
        raise InputError(f"{path}: no page files (text, ALTO, PAGE XML, hOCR, PaddleOCR or ABBYY) in this folder")
    return page_files, read_meta(path)


def read_page_or_error(path: Path, number: int) -> Page:
    """Read one page of an issue folder; a page that cannot be read becomes an error page (no lines).

    One bad page then never keeps the rest of its issue from opening; the page says why it is empty.
    """
    try:
        return read_page(path, number)
    except InputError as exc:
        return Page(number=number, source=str(path), lines=(), error=str(exc))


def load_issue(path: Path, segmentation: str | None = None) -> Issue:
    """Read an issue from a page file or an issue folder.

    With ``segmentation`` ``auto`` (or ``library``) and a METS or DIDL article map in the folder, each page
    carries the library's articles (``Page.library_articles``), which the analysis then follows. None means
    ``$READER_SEGMENTATION`` (set by ``reader --segmentation``), else ``auto``.

    Raises:
        InputError: the path is missing or holds no readable page; ``library`` without a map.
    """
    if str(path) == STDIN:
        from reader.ingest.text import read_page as read_text_page  # a stream: no format sniffing, plain text

        pages = (read_text_page(path),)
        return Issue(id=issue_id(pages), source=STDIN, meta=IssueMeta(), pages=pages)
    from reader.ingest.articlemap import attach_article_map, map_for_issue, mapped_pages, no_library_map
    from reader.metadata import complete_issue_meta

    page_files, meta = issue_page_files(path)
    if path.is_dir():
        pages = tuple(read_page_or_error(page_file, number) for number, page_file in enumerate(page_files, start=1))
        if all(page.error for page in pages):
            raise InputError(f"{path}: no page could be read ({pages[0].error})")
    else:
        pages = (read_page(path, 1),)
    choice = segmentation or os.environ.get("READER_SEGMENTATION") or "auto"
    map_file = map_for_issue(path, choice)
    if map_file is not None:
        pages = attach_article_map(pages, mapped_pages(map_file))
    if choice == "ours":  # PAGE XML may carry its own article map: ignored too
        pages = tuple(replace(page, library_articles=()) if page.library_articles else page for page in pages)
    elif choice == "library" and not any(page.library_articles for page in pages):
        raise no_library_map(path)
    return complete_issue_meta(Issue(id=issue_id(pages), source=str(path), meta=meta, pages=pages))


MAX_LIBRARY_DEPTH = 8
"""How deep below a library folder issues are looked for (Chronicling America's YYYY/MM/DD/ed-N is 4)."""


def iter_issue_folders(
    folder: Path, depth: int = MAX_LIBRARY_DEPTH, *, errors: list[tuple[Path, str]] | None = None
) -> Iterator[tuple[Path, list[Path]]]:
    """``(folder, page files)`` of every issue at or below ``folder``; an issue's sub-folders are not entered.

    A sub-folder that cannot be read is added to ``errors`` (with the reason) when a list is given, and is
    not entered.
    """
    try:
        children = sorted(folder.iterdir(), key=natural_key)
    except OSError:
        return
    for child in children:
        if child.name.startswith(".") or child.is_symlink() or not child.is_dir():
            continue
        try:
            pages = find_page_files(child)
        except (InputError, OSError) as exc:
            if errors is not None:
                errors.append((child, str(exc) if isinstance(exc, InputError) else f"{child}: {exc.strerror or exc}"))
            continue
        if pages:
            yield child, pages
        elif depth > 1:
            yield from iter_issue_folders(child, depth - 1, errors=errors)


def issue_folders(folder: Path, depth: int = MAX_LIBRARY_DEPTH) -> list[tuple[Path, list[Path]]]:
    """Every issue of a library folder at any depth, with its page files (see :func:`iter_issue_folders`)."""
    return list(iter_issue_folders(folder, depth))


def scan_library(path: Path) -> tuple[IssueRef, ...]:
    """The issues in a library folder at any depth, sorted by date then newspaper title (undated last).

    A folder that holds pages is an issue, however deep (``YYYY/MM/DD/ed-1`` of Chronicling America); its
    sub-folders are not searched further.

    Raises:
        InputError: the path is not a folder or holds no issue.
    """
    from reader.metadata import infer_meta

    if not path.is_dir():
        raise InputError(f"{path}: a library must be a folder of issue folders")
    refs = []
    errors: list[tuple[Path, str]] = []
    for folder, page_files in iter_issue_folders(path, errors=errors):
        try:
            meta = infer_meta(read_meta(folder), folder, (), [f.name for f in page_files])  # path only: cheap
        except InputError as exc:
            errors.append((folder, str(exc)))
            continue
        refs.append(IssueRef(folder, meta, len(page_files)))
    # An issue that cannot be read is an error row; the rest of the library still opens.
    refs.extend(IssueRef(folder, IssueMeta(), 0, error=reason) for folder, reason in errors)
    if not refs:
        raise InputError(f"{path}: no issue folders with page files")
    return tuple(sorted(refs, key=lambda ref: (ref.meta.date or "9999", ref.meta.title or "", str(ref.path))))


def is_library(path: Path) -> bool:
    """True when ``path`` is a folder with no pages of its own but issue folders below it, at any depth."""
    if not path.is_dir() or find_page_files(path):
        return False
    errors: list[tuple[Path, str]] = []
    return next(iter_issue_folders(path, errors=errors), None) is not None or bool(errors)
