"""Which format a page file is in, told by its content (the name is only a hint), and one entry to read it.

:func:`read_page` dispatches to the reader of each format. Plain text goes to
:func:`reader.ingest.text.read_page` unchanged, so text pages read exactly as before. A file whose start
cannot be read is treated as text, which reports the problem in today's words.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from pathlib import Path

from reader.errors import InputError
from reader.ingest.source import HEAD_BYTES, is_gzip, read_head, strip_gz
from reader.model import Page

TEXT, ALTO, PAGE, HOCR, PADDLE, ABBYY, METS, DIDL = "text", "alto", "page", "hocr", "paddle", "abbyy", "mets", "didl"
PAGE_FORMATS = (TEXT, ALTO, PAGE, HOCR, PADDLE, ABBYY)
"""Formats that hold one page each; METS and DIDL describe an issue and are read with its folder."""

LAYOUT_FORMATS = (ALTO, PAGE, HOCR, PADDLE, ABBYY)

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# The first element's name, after the XML declaration, comments, processing instructions and a DOCTYPE.
_ROOT = re.compile(rb"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)[\s/>]")
_SKIP = re.compile(rb"\s*(<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(\[.*?\]\s*)?>)", re.S | re.I)
_ROOT_FORMATS = {b"alto": ALTO, b"PcGts": PAGE, b"mets": METS, b"DIDL": DIDL}
_PADDLE_KEYS = (b'"rec_texts"', b'"rec_polys"', b'"rec_boxes"', b'"dt_polys"')
_PADDLE_LIST = re.compile(rb"^\s*\[\s*\[\s*\[\s*\[?\s*-?\d")  # [[[x, y], …] or [[[[x, y] (one list per page)


def _text_head(head: bytes) -> bytes:
    for bom in _BOMS:
        if head.startswith(bom):
            if bom == b"\xef\xbb\xbf":
                return head[len(bom) :]
            return head[len(bom) :].decode("utf-16-le" if bom == b"\xff\xfe" else "utf-16-be", "replace").encode()
    return head


def root_name(head: bytes) -> str | None:
    """The local name of the document element of XML that starts with ``head``, or None if it is not XML."""
    data = _text_head(head)
    position = 0
    while True:
        skipped = _SKIP.match(data, position)
        if skipped is None or skipped.end() == position:
            break
        position = skipped.end()
    data = data[position:].lstrip()
    if not data.startswith(b"<"):
        return None
    match = _ROOT.match(data)
    return match.group(2).decode("ascii", "replace") if match else None


def sniff(head: bytes, name: str = "") -> str:
    """The format of a file that starts with ``head``; ``name`` (without ``.gz``) breaks ties.

    Returns one of :data:`PAGE_FORMATS`, ``mets``, ``didl``, or ``xml`` for XML of no known kind.
    """
    lowered = name.lower()
    root = root_name(head)
    if root is not None:
        key = root.encode()
        if key in _ROOT_FORMATS:
            return _ROOT_FORMATS[key]
        if root.lower() == "html":
            return HOCR if b"ocr_line" in head or b"ocr_page" in head or b"ocrx_word" in head else "xml"
        if root == "document" and (b"abbyy" in head.lower() or b"charParams" in head):
            return ABBYY
        return "xml"
    data = _text_head(head).lstrip()
    if data.startswith((b"{", b"[")):
        if any(key in data for key in _PADDLE_KEYS) or _PADDLE_LIST.match(data) or lowered.endswith(".json"):
            return PADDLE
    if lowered.endswith((".hocr", ".html")) and b"ocr_" in head:
        return HOCR
    return TEXT


def detect_format(path: Path) -> str:
    """The format of the file at ``path``, from its first bytes (decompressed when gzipped)."""
    return sniff(read_head(path, HEAD_BYTES), strip_gz(path.name))


def _read_text_gz(path: Path, number: int) -> Page:
    from reader.ingest.source import read_bounded
    from reader.ingest.text import MAX_PAGE_BYTES, decode_bytes, split_lines

    data = read_bounded(path, MAX_PAGE_BYTES)
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    try:
        decoded = decode_bytes(data)
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from exc
    lines = split_lines(decoded.text)
    if not any(line.text.strip() for line in lines):
        raise InputError(f"{path}: the file has no text")
    return Page(number, str(path), lines, decoded.encoding, decoded.confidence)


_READERS = {
    ALTO: ("reader.ingest.alto", "read_alto"),
    PAGE: ("reader.ingest.pagexml", "read_pagexml"),  # written by the geometry side of issue 10
    HOCR: ("reader.ingest.hocr", "read_hocr"),
    PADDLE: ("reader.ingest.paddle", "read_paddle"),
    ABBYY: ("reader.ingest.abbyy", "read_abbyy"),
}
_NAMES = {ALTO: "ALTO", PAGE: "PAGE XML", HOCR: "hOCR", PADDLE: "PaddleOCR JSON", ABBYY: "ABBYY FineReader XML"}


def layout_reader(fmt: str) -> Callable[[Path, int], Page] | None:
    """The function that reads pages of layout format ``fmt``, or None when this build has none."""
    module_name, function_name = _READERS[fmt]
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    return getattr(module, function_name, None)


def read_page(path: Path, number: int = 1) -> Page:
    """Read one page file of any supported format, told by its content.

    Raises:
        InputError: the file is unreadable, not a page (a METS or DIDL file, unknown XML), or bad in its format.
    """
    fmt = detect_format(path)
    if fmt == TEXT:
        from reader.ingest.text import read_page as read_text_page

        return _read_text_gz(path, number) if is_gzip(path) else read_text_page(path, number)
    if fmt in _READERS:
        reader = layout_reader(fmt)
        if reader is None:
            raise InputError(f"{path}: {_NAMES[fmt]} support not available")
        return reader(path, number)
    if fmt in (METS, DIDL):
        raise InputError(f"{path}: a {fmt.upper()} file describes an issue, not a page; open its folder")
    raise InputError(f"{path}: XML of a kind reader does not know (not ALTO, PAGE, hOCR or ABBYY)")
