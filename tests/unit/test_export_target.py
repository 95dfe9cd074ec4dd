"""What ``notes export -o PATH --force`` may write to: a new path or a regular file, never a node or a link."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from reader.errors import ReaderError
from reader.export import safe_filename
from reader.filewrite import write_new_file


def test_force_replaces_a_regular_file_keeping_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "notes.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_new_file(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_force_keeps_a_read_only_mode(tmp_path: Path) -> None:
    target = tmp_path / "notes.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o444)
    write_new_file(target, "new", force=True)
    assert stat.S_IMODE(target.stat().st_mode) == 0o444 and target.read_text(encoding="utf-8") == "new"


def test_a_symlink_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "vault" / "notes.md"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "notes.md"
    link.symlink_to(real)
    with pytest.raises(ReaderError, match="--force"):
        write_new_file(link, "new")
    assert write_new_file(link, "new", force=True) == real
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


def test_a_symlink_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "out.md"
    link.symlink_to("/dev/null")
    with pytest.raises(ReaderError, match="a device, not a regular file"):
        write_new_file(link, "x", force=True)
    assert link.is_symlink()


def test_devices_fifos_sockets_and_folders_are_refused_even_with_force(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    sock_path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(sock_path))
        for path, kind in ((Path("/dev/null"), "device"), (fifo, "FIFO"), (sock_path, "socket"), (folder, "folder")):
            with pytest.raises(ReaderError, match=kind):
                write_new_file(path, "x", force=True)
    assert stat.S_ISFIFO(fifo.stat().st_mode) and stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo", "folder", "sock"]  # no temp file left


def test_a_name_too_long_for_the_file_system_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="longer than 255 bytes"):
        write_new_file(tmp_path / ("長" * 100 + ".md"), "x")


def test_a_long_name_within_the_limit_writes(tmp_path: Path) -> None:
    """The temporary name beside it stays under 255 bytes too."""
    name = safe_filename("長" * 1000)
    assert write_new_file(tmp_path / name, "x").read_text(encoding="utf-8") == "x"


def test_safe_filename_of_a_ten_million_character_title_is_bounded_work() -> None:
    name = safe_filename("標題" * 5_000_000)
    assert len(name.encode("utf-8")) <= 255 and name.endswith(".md")


def test_export_to_dash_writes_stdout(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from reader.cli import main

    from ..conftest import SEED_PAGE

    assert main(["notes", "add", str(SEED_PAGE), "1", "a note"]) == 0
    capsys.readouterr()
    assert main(["notes", "export", "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert "a note" in out and not (tmp_path / "-").exists()
