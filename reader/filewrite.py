"""Writing a file the user named (exports): only ever a new file or a regular file, atomically.

``os.replace`` onto a symlink, a FIFO or a device replaces the link or the node itself: a forced export once
turned ``/dev/full`` into a regular file. So before writing we look at what the path is:
- nothing there: a new file is created (never overwriting one that appears meanwhile);
- a regular file: replaced only with ``force``, and the new file keeps the old one's permission bits;
- a symlink: followed to its target, and the target is judged by these same rules. ``cp`` and the shell's
  ``>`` follow links too, and a notes file linked into another folder (a notes vault, a synced folder) should
  stay linked and get the new content, not be replaced by a plain file;
- a directory, FIFO, device or socket: refused, with or without ``force``.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from reader.errors import ReaderError

MAX_NAME_BYTES = 255
"""The longest file name most file systems accept, in bytes."""


def _what(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _temp_name(path: Path) -> Path:
    """A hidden temporary name beside ``path``, kept under the name limit in bytes."""
    stem = os.fsdecode(os.fsencode(path.name)[:200]).encode("utf-8", "ignore").decode("utf-8")
    return path.with_name(f".{stem}.{secrets.token_hex(4)}.tmp")


def resolve_target(path: Path) -> tuple[Path, int | None]:
    """Where writing ``path`` goes (a symlink is followed) and the permission bits of a file already there.

    Raises:
        ReaderError: the path (or the link's target) is a folder, FIFO, device or socket, its folder is
            missing, or its name is too long.
    """
    if len(os.fsencode(path.name)) > MAX_NAME_BYTES:
        raise ReaderError(f"cannot write {path}: the file name is longer than {MAX_NAME_BYTES} bytes")
    try:
        target = Path(os.path.realpath(path)) if path.is_symlink() else path
        if len(os.fsencode(target.name)) > MAX_NAME_BYTES:
            raise ReaderError(f"cannot write {path}: the file name is longer than {MAX_NAME_BYTES} bytes")
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise ReaderError(f"cannot write {path}: {exc.strerror or exc}") from exc
    if info is not None:
        kind = _what(info.st_mode)
        if kind is not None:
            shown = path if target == path else f"{path} (a link to {target})"
            raise ReaderError(f"refusing to write to {shown}: it is {kind}, not a regular file")
    if not target.parent.is_dir():
        raise ReaderError(f"cannot write {path}: the folder {target.parent} does not exist")
    return target, None if info is None else stat.S_IMODE(info.st_mode)


def write_new_file(path: Path, content: str, *, force: bool = False) -> Path:
    """Write ``content`` (UTF-8) to ``path`` atomically; never replace an existing file unless ``force``.

    With ``force`` only a regular file is replaced, keeping its mode; a symlink is followed (see the module
    docstring). Returns the path written (the link's target for a symlink).

    Raises:
        ReaderError: the file exists (and not ``force``), is not a regular file, or could not be written.
    """
    target, mode = resolve_target(path)
    if (mode is not None or path.is_symlink()) and not force:
        raise ReaderError(f"{path} already exists; use --force to overwrite it")
    temp = _temp_name(target)
    try:
        with open(temp, "xb") as handle:
            handle.write(content.encode("utf-8"))
            handle.flush()
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        if force:
            # The last look: a FIFO or device put there since resolve_target is never replaced.
            resolve_target(target)
            os.replace(temp, target)
        else:
            os.link(temp, target)  # fails if the file appeared meanwhile: never overwrite
            temp.unlink()
    except FileExistsError:
        temp.unlink(missing_ok=True)
        raise ReaderError(f"{path} already exists; use --force to overwrite it") from None
    except ReaderError:
        temp.unlink(missing_ok=True)
        raise
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise ReaderError(f"could not write {path}: {exc.strerror or exc}") from exc
    return target
