"""Finding the page files of an issue folder, in the shapes libraries ship them.

- A folder of page files: ``*.txt`` and any layout format (``*.alto.xml``, ``*.page.xml``, ``*.xml``,
  ``*.hocr``, PaddleOCR ``*.json``, ``*_abbyy.xml``, each possibly ``.gz``), mixed freely, in natural order
  (page2 before page10). Formats are told by content; XML that is not a page (METS, DIDL, per-article text)
  is not a page.
- Twins: ``X.txt`` beside ``X.alto.xml`` (or ``X.page.xml``, ``X.hocr``, ``X.xml`` …) is one page, read
  from the layout file, which keeps boxes and regions the text has lost.
- A Chronicling America issue: ``ed-N/seq-N/ocr.xml`` (with ``ocr.txt`` beside it: the XML wins), one page
  per ``seq-N`` folder in natural order.
- A data set's documentation beside its pages (``README.txt``, ``SOURCE.txt``, ``LICENSE.apache-2.0.txt``,
  ``NOTICE``, ``COPYING`` …) is not a page, so a folder holding only that and issue folders is a library.
- An impresso / BnF / BnL / BL issue: a METS file with the ALTO pages beside it or in a sub-folder
  (``ALTO/``, ``text/``). When the METS physical structMap names the page files, those are the pages, in
  its order; otherwise the pages of the ``ALTO/`` or ``text/`` folder in natural order.
"""

from __future__ import annotations

import re
from pathlib import Path

from reader.errors import InputError
from reader.ingest.detect import ABBYY, ALTO, HOCR, METS, PADDLE, PAGE, TEXT, sniff
from reader.ingest.source import href_in_folder, read_bounded, read_head, strip_gz

METADATA_FILE = "issue.json"
PAGE_SUFFIXES = (".txt", ".xml", ".hocr", ".html", ".htm", ".json")
"""File name endings that may hold a page (each also with ``.gz``); the content decides."""

LAYOUT_SUBFOLDERS = ("alto", "text")
"""Sub-folder names (any case) that libraries put an issue's page XML in, beside its METS file."""

_SNIFF_BYTES = 8192
_DOCUMENTATION_WORDS = r"readme|licen[cs]e|copying|notice|sources?|authors|changes|changelog|contributing|citation"
# The word as the whole name (readme.txt, Copying.txt), or in capitals before more (LICENSE-MIT.txt, README.de.txt):
# a page may well be called notice-2.txt.
_DOCUMENTATION = re.compile(rf"^(?i:{_DOCUMENTATION_WORDS})\.[^.]+$|^(?:{_DOCUMENTATION_WORDS.upper()})([._ -]|$)")
_SEQ = re.compile(r"^seq-\d+$", re.I)
_TWIN_SUFFIXES = re.compile(r"(\.(alto|page|hocr|abbyy|ocr))+$|_(abbyy|djvu|alto|hocr)$", re.I)
# When twins disagree, the richer format wins.
_RANK = {ALTO: 0, PAGE: 1, ABBYY: 2, HOCR: 3, PADDLE: 4, TEXT: 9}


def natural_key(path: Path) -> list[object]:
    """Sort key that puts page2 before page10."""
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", path.name)]


def _candidate(path: Path) -> bool:
    name = strip_gz(path.name).lower()
    return (
        name != METADATA_FILE
        and name.endswith(PAGE_SUFFIXES)
        and _DOCUMENTATION.match(strip_gz(path.name)) is None
        and path.is_file()
    )


def file_format(path: Path) -> str:
    """The format of a candidate page file; plain ``*.txt`` files are text without reading them."""
    name = path.name
    if name.lower().endswith(".txt"):
        return TEXT
    if strip_gz(name).lower().endswith(".json"):
        # In a folder the content decides: a JSON sidecar (metadata, settings, truth files) is not a page.
        return PADDLE if sniff(read_head(path, _SNIFF_BYTES)) == PADDLE else "json"
    return sniff(read_head(path, _SNIFF_BYTES), strip_gz(name))


def twin_key(path: Path) -> str:
    """The page a file renders: ``p1.txt``, ``p1.alto.xml`` and ``p1.xml.gz`` all give ``p1``."""
    name = strip_gz(path.name)
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return _TWIN_SUFFIXES.sub("", stem).lower()


def _pages_in(folder: Path) -> tuple[list[Path], list[Path]]:
    """Page files directly in ``folder`` (twins merged, natural order) and the METS files found there."""
    chosen: dict[str, tuple[int, Path]] = {}
    mets: list[Path] = []
    try:
        children = sorted(folder.iterdir(), key=natural_key)
    except OSError as exc:
        raise InputError(f"{folder}: cannot list the folder ({exc.strerror or exc})") from exc
    for child in children:
        if not _candidate(child):
            continue
        fmt = file_format(child)
        if fmt == METS:
            mets.append(child)
        if fmt not in _RANK:
            continue  # METS, DIDL, XML of no page format: read with the issue or not at all
        key = twin_key(child)
        rank = _RANK[fmt]
        if key not in chosen or rank < chosen[key][0]:
            chosen[key] = (rank, child)
    pages = sorted((path for _, path in chosen.values()), key=natural_key)
    return pages, mets


def mets_page_files(mets: Path, folder: Path) -> list[Path]:
    """The page files the METS physical structMap names, in its order (empty when it names none here).

    Raises:
        InputError: the METS file is unreadable or malformed.
    """
    from reader.ingest.xmlsafe import parse_xml_bytes

    root = parse_xml_bytes(read_bounded(mets), mets)
    hrefs: dict[str, str] = {}
    for file_element in root.iter("{*}file"):
        location = next(file_element.iter("{*}FLocat"), None)
        file_id = file_element.get("ID")
        if location is not None and file_id:
            href = location.get("{http://www.w3.org/1999/xlink}href") or location.get("href")
            if href:
                hrefs[file_id] = href
    ordered: list[Path] = []
    seen: set[Path] = set()
    for struct_map in root.iter("{*}structMap"):
        if (struct_map.get("TYPE") or "").upper() != "PHYSICAL":
            continue
        for pointer in struct_map.iter("{*}fptr", "{*}area"):
            href = hrefs.get(pointer.get("FILEID") or "")
            target = href_in_folder(href, folder) if href else None
            if target is None or target in seen or not _candidate(target):
                continue
            if file_format(target) in _RANK:
                seen.add(target)
                ordered.append(target)
    return ordered


def _subfolder_pages(folder: Path) -> list[Path]:
    for child in sorted(folder.iterdir(), key=natural_key):
        if child.is_dir() and child.name.lower() in LAYOUT_SUBFOLDERS:
            pages, _ = _pages_in(child)
            if pages:
                return pages
    return []


def _seq_pages(folder: Path) -> list[Path]:
    """One page per Chronicling America ``seq-N`` sub-folder, in natural order."""
    pages: list[Path] = []
    for child in sorted(folder.iterdir(), key=natural_key):
        if child.is_dir() and _SEQ.match(child.name):
            found, _ = _pages_in(child)
            pages.extend(found[:1])  # a seq folder is one page: its richest file (ocr.xml over ocr.txt)
    return pages


def find_page_files(folder: Path) -> list[Path]:
    """The page files of the issue folder ``folder``, in page order (see the module docstring)."""
    pages, mets_files = _pages_in(folder)
    for mets in mets_files:
        try:
            listed = mets_page_files(mets, folder)
        except InputError:
            continue  # a broken METS only loses its order; the pages still read in natural order
        if listed:
            return listed
    if pages:
        return pages
    return _subfolder_pages(folder) or _seq_pages(folder)
