"""Fuzz: ingest and analysis over random bytes, random encodings and random folder shapes never crash.

Every outcome is either an issue (with error pages where a page is bad) or one clear ``InputError``.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.analysis import analyze_page
from reader.errors import InputError
from reader.ingest.issue import is_library, load_issue, scan_library

_ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "gb18030", "big5", "latin-1", "shift_jis", "cp1252"]
_TEXT = st.lists(
    st.sampled_from(
        list("高新区召开会议本报讯记者孙庆辉，。“”\n\n \t[]/<>&;abcXYZ019-") + ["\r\n", "\x1b[31m", "<?xml"]
    ),
    max_size=300,
).map("".join)


@st.composite
def page_bytes(draw: st.DrawFn) -> bytes:
    """Random bytes, or random text in a random encoding (characters it cannot encode replaced)."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=400))
    encoding = draw(st.sampled_from(_ENCODINGS))
    return draw(_TEXT).encode(encoding, errors="replace")


_NAMES = st.sampled_from(
    ["p1.txt", "p2.txt", "page.xml", "issue.json", "x.hocr", "o.json", "ocr.txt", "ocr.xml", "a.txt.gz", "mets.xml"]
)
_FOLDERS = st.sampled_from(["", "ed-1/seq-1", "ed-1/seq-2", "ALTO", "issue-a", "issue-b"])


@st.composite
def folder_shape(draw: st.DrawFn) -> list[tuple[str, bytes]]:
    """A few files in a few folders, named as issues and libraries are, with random content."""
    files = draw(st.lists(st.tuples(_FOLDERS, _NAMES, page_bytes()), min_size=1, max_size=6))
    return [(f"{folder}/{name}" if folder else name, data) for folder, name, data in files]


def _open_everything(root: Path) -> None:
    try:
        if is_library(root):
            for ref in scan_library(root):
                if ref.error is None:
                    _analyze(ref.path)
            return
        _analyze(root)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)


def _analyze(path: Path) -> None:
    try:
        issue = load_issue(path)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    for page in issue.pages:
        assert page.error is None or not page.lines
        articles = analyze_page(page)
        assert len({article.id for article in articles}) == len(articles)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page_bytes())
def test_one_random_page_reads_or_fails_cleanly(data: bytes) -> None:
    root = Path(tempfile.mkdtemp())
    try:
        (root / "page.txt").write_bytes(data)
        _analyze(root / "page.txt")
    finally:
        shutil.rmtree(root)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(folder_shape())
def test_random_folder_shapes_open_or_fail_cleanly(files: list[tuple[str, bytes]]) -> None:
    root = Path(tempfile.mkdtemp())
    try:
        for relative, data in files:
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        _open_everything(root)
    finally:
        shutil.rmtree(root)
