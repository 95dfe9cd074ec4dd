"""Reading pages, issues and libraries from disk into frozen model objects (no Textual)."""

from __future__ import annotations

from reader.ingest.detect import detect_format, read_page
from reader.ingest.issue import IssueRef, find_page_files, load_issue, scan_library
from reader.ingest.text import MAX_PAGE_BYTES, DecodedText, decode_bytes

__all__ = [
    "MAX_PAGE_BYTES",
    "DecodedText",
    "IssueRef",
    "decode_bytes",
    "detect_format",
    "find_page_files",
    "load_issue",
    "read_page",
    "scan_library",
]
