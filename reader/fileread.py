"""Bounded reads: every file the reader opens is read through here, at most a stated number of bytes.

A size check on ``st_size`` is not enough: it is 0 for devices, FIFOs and ``/proc`` files, so ``/dev/zero``
would be read until memory runs out and a FIFO would block forever. We refuse anything that is not a regular
file (the FIFO is opened non-blocking, so refusing it never waits for a writer), and read at most
``limit + 1`` bytes, so a file that grows or lies about its size is still refused at the limit. ``-`` means
standard input, read with the same bound.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path
from typing import Any

from reader.errors import InputError

STDIN = "-"
"""The path that means standard input."""

_CHUNK = 1 << 20


def describe_limit(limit: int) -> str:
    """``16 MB``, ``64 KB``: the limit as the user reads it in an error message."""
    if limit >= 1 << 20 and limit % (1 << 20) == 0:
        return f"{limit >> 20} MB"
    if limit >= 1 << 10 and limit % (1 << 10) == 0:
        return f"{limit >> 10} KB"
    return f"{limit:,} bytes"


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _read_stream(read: Any, limit: int) -> bytes:
    """Read at most ``limit + 1`` bytes with ``read(n)``, in chunks, stopping at end of file."""
    chunks: list[bytes] = []
    remaining = limit + 1
    while remaining > 0:
        chunk = read(min(_CHUNK, remaining))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def read_limited(path: Path | str, limit: int, *, what: str = "files") -> bytes:
    """Read a regular file (or standard input for ``-``), refusing more than ``limit`` bytes.

    Args:
        path: the file; ``-`` reads standard input.
        limit: the largest size accepted, in bytes.
        what: what such files are called in the error message ("pages", "issue.json files" …).

    Raises:
        InputError: one line naming the path: missing, not a regular file, unreadable or over the limit.
    """
    shown = os.fsdecode(path)
    if shown == STDIN:
        data = _read_stream(sys.stdin.buffer.read, limit)
        name = "standard input"
    else:
        data = _read_file(Path(path), limit, shown)
        name = shown
    if len(data) > limit:
        raise InputError(f"{name}: larger than {describe_limit(limit)}; {what} over that size are refused")
    return data


def _read_file(path: Path, limit: int, shown: str) -> bytes:
    try:
        kind = _kind(os.stat(path).st_mode)
        if kind is not None:
            raise InputError(f"{shown}: is {kind}, not a regular file")
        # Non-blocking: should the path be swapped for a FIFO after the check, opening it still returns at once.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError as exc:
        raise InputError(f"{shown}: no such file") from exc
    except PermissionError as exc:
        raise InputError(f"{shown}: permission denied") from exc
    except OSError as exc:
        raise InputError(f"{shown}: cannot read ({exc.strerror or exc})") from exc
    try:
        kind = _kind(os.fstat(fd).st_mode)
        if kind is not None:
            raise InputError(f"{shown}: is {kind}, not a regular file")
        return _read_stream(lambda size: os.read(fd, size), limit)
    except OSError as exc:
        raise InputError(f"{shown}: cannot read ({exc.strerror or exc})") from exc
    finally:
        os.close(fd)


def parse_json(data: bytes, shown: str) -> Any:
    """Parse JSON bytes (UTF-8, BOM allowed); every failure is one line naming ``shown``.

    Raises:
        InputError: not UTF-8, not JSON (with line and column), or nested too deeply to parse.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{shown}: not UTF-8 text (byte {exc.start})") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{shown}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from exc
    except RecursionError as exc:
        raise InputError(f"{shown}: JSON nested too deeply to read") from exc


def read_json(path: Path | str, limit: int, *, what: str = "JSON files") -> Any:
    """Read and parse a JSON file through :func:`read_limited`.

    Raises:
        InputError: as :func:`read_limited` and :func:`parse_json`.
    """
    return parse_json(read_limited(path, limit, what=what), os.fsdecode(path))
