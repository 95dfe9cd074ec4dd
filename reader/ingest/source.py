"""Opening layout page files: regular files only, a size limit, and gzip with bounded decompression.

Every layout reader (ALTO, hOCR, PaddleOCR JSON, ABBYY, PAGE XML) opens its file here, so the limits hold
for all of them: a file larger than the limit is refused before it is read, and a ``.gz`` file is refused as
soon as its decompressed bytes pass the same limit (a gzip bomb never grows past it). Devices, FIFOs and
folders are refused without reading, since their ``st_size`` says nothing.
"""

from __future__ import annotations

import gzip
import io
import stat
import zlib
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote

from reader.errors import InputError

MAX_LAYOUT_BYTES = 64 * 1024 * 1024
"""The largest layout page we read, measured after decompression; larger ones are refused."""

GZIP_MAGIC = b"\x1f\x8b"
HEAD_BYTES = 64 * 1024
"""How much of a file format detection and the XML prolog check look at."""


def _megabytes(size: int) -> str:
    return f"{size / 1048576:.0f} MB"


class _BoundedReader(io.RawIOBase):
    """A read-only stream that raises :class:`InputError` once more than ``limit`` bytes came through it."""

    def __init__(self, stream: BinaryIO, limit: int, source: str) -> None:
        super().__init__()
        self._stream = stream
        self._limit = limit
        self._source = source
        self._count = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        # Never ask the decompressor for more than one byte past the limit, whatever the caller wants.
        room = self._limit + 1 - self._count
        want = room if size is None or size < 0 else min(size, room)
        try:
            data = self._stream.read(max(want, 0)) if want > 0 else b""
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(f"{self._source}: not a readable gzip file ({exc})") from exc
        self._count += len(data)
        if self._count > self._limit:
            raise InputError(
                f"{self._source}: decompresses to more than {_megabytes(self._limit)}; larger pages are refused"
            )
        return data

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._stream.close()
        super().close()


def check_regular_file(path: Path, limit: int = MAX_LAYOUT_BYTES) -> int:
    """Return the size of ``path`` after checking it is a regular file no larger than ``limit``.

    Raises:
        InputError: missing, a folder, a device or FIFO, unreadable, or too large.
    """
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path}: is a directory, not a page file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path}: not a regular file (a device, FIFO or socket); refused")
    if info.st_size > limit:
        raise InputError(
            f"{path}: the file is {_megabytes(info.st_size)}; pages larger than {_megabytes(limit)} are refused"
        )
    return info.st_size


def check_size(path: Path, limit: int = MAX_LAYOUT_BYTES) -> Path:
    """``path`` itself, after :func:`check_regular_file`: for readers that let libxml2 open a plain file.

    Raises:
        InputError: see :func:`check_regular_file`.
    """
    check_regular_file(path, limit)
    return path


def is_gzip(path: Path) -> bool:
    """True when ``path`` is a regular file that starts with the gzip magic bytes (whatever its name)."""
    try:
        if not path.is_file():
            return False
        with path.open("rb") as handle:
            return handle.read(2) == GZIP_MAGIC
    except OSError:
        return False


def open_bounded(path: Path, limit: int = MAX_LAYOUT_BYTES) -> BinaryIO:
    """Open a page file for streaming, decompressing gzip transparently, never yielding more than ``limit`` bytes.

    Raises:
        InputError: see :func:`check_regular_file`; reading later raises it too once the limit is passed.
    """
    check_regular_file(path, limit)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if handle.read(2) == GZIP_MAGIC:
        handle.seek(0)
        stream: BinaryIO = gzip.GzipFile(fileobj=handle, mode="rb")  # type: ignore[assignment]
    else:
        handle.seek(0)
        stream = handle
    return io.BufferedReader(_BoundedReader(stream, limit, str(path)), buffer_size=256 * 1024)  # type: ignore[return-value]


def read_bounded(path: Path, limit: int = MAX_LAYOUT_BYTES) -> bytes:
    """All the (decompressed) bytes of a page file, at most ``limit`` of them.

    Raises:
        InputError: see :func:`open_bounded`.
    """
    with open_bounded(path, limit) as stream:
        return stream.read()


def read_head(path: Path, size: int = HEAD_BYTES) -> bytes:
    """The first ``size`` (decompressed) bytes of a file, for format detection; b'' when unreadable."""
    try:
        # No size limit here: a file too large to read is still recognized, and refused by its reader.
        check_regular_file(path, 1 << 62)
        with path.open("rb") as handle:
            head = handle.read(size)
            if not head.startswith(GZIP_MAGIC):
                return head  # the common case: one open, one read
            handle.seek(0)
            with gzip.GzipFile(fileobj=handle, mode="rb") as stream:
                return stream.read(size)
    except (InputError, OSError, EOFError, zlib.error):
        return b""


def strip_gz(name: str) -> str:
    """A file name without a trailing ``.gz`` (``p1.alto.xml.gz`` → ``p1.alto.xml``)."""
    return name[:-3] if name.lower().endswith(".gz") else name


def href_in_folder(href: str, folder: Path) -> Path | None:
    """A METS ``FLocat`` href as a file inside (or below) ``folder``, or None: never remote, never outside it."""
    href = unquote(href.strip())
    for prefix in ("file://", "file:"):
        if href.lower().startswith(prefix):
            href = href[len(prefix) :]
            break
    if "://" in href or href.startswith(("/", "\\")):
        return None
    href = href.replace("\\", "/")
    while href.startswith("./"):
        href = href[2:]
    target = folder / href
    try:
        target.resolve().relative_to(folder.resolve())
    except (OSError, ValueError):
        return None  # never leave the issue folder
    return target if target.is_file() else None
