"""Every file the reader opens is read with a bound and must be a regular file (or ``-``, standard input)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.errors import InputError
from reader.fileread import read_json, read_limited
from reader.ingest.issue import load_issue, read_meta
from reader.ingest.text import read_page
from reader.keymap import load_keymap

from ..conftest import SEED_PAGE


def test_a_device_is_refused_without_reading_it() -> None:
    with pytest.raises(InputError, match="/dev/zero: is a device, not a regular file"):
        read_page(Path("/dev/zero"))


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "page.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="FIFO"):
        read_page(fifo)


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(InputError, match="socket"):
            read_page(path)


def test_a_symlink_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "page.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(InputError, match="device"):
        read_page(link)


def test_at_most_limit_plus_one_bytes_are_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 1001)
    assert read_limited(big, 1001) == b"x" * 1001
    with pytest.raises(InputError, match="larger than 1,000 bytes; pages over that size are refused"):
        read_limited(big, 1000, what="pages")


def test_standard_input_is_a_bounded_page() -> None:
    """``reader list -`` reads the page from stdin; an endless stream stops at the limit with one line."""
    done = subprocess.run(
        [sys.executable, "-m", "reader", "list", "-"],
        input=SEED_PAGE.read_bytes(),
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0 and "高新区四个重大项目集中开工" in done.stdout.decode()
    code = "import sys; from reader.fileread import read_limited; read_limited('-', 1 << 20)"
    with subprocess.Popen(["yes"], stdout=subprocess.PIPE) as endless:
        done = subprocess.run([sys.executable, "-c", code], stdin=endless.stdout, capture_output=True, timeout=60)
        endless.kill()
    assert done.returncode == 1 and b"standard input: larger than 1 MB" in done.stderr


def test_a_huge_issue_json_is_refused(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text("高新区召开会议\n\n本报讯 会议召开。\n", encoding="utf-8")
    (tmp_path / "issue.json").write_bytes(b'{"title": "' + b"x" * (2 << 20) + b'"}')
    with pytest.raises(InputError, match="issue.json: larger than 1 MB"):
        read_meta(tmp_path)


def test_issue_json_nested_deeply_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "issue.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(InputError, match="nested too deeply"):
        read_meta(tmp_path)


def test_issue_json_that_is_a_fifo_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "issue.json")
    with pytest.raises(InputError, match="FIFO"):
        read_meta(tmp_path)


def test_metadata_fields_are_bounded(tmp_path: Path) -> None:
    (tmp_path / "issue.json").write_text('{"title": "' + "長" * 100_000 + '"}', encoding="utf-8")
    title = read_meta(tmp_path).title
    assert title is not None and len(title) <= 300 and title.endswith("…")


def test_a_keymap_pointing_at_dev_zero_is_ignored_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "keymap.json").symlink_to("/dev/zero")
    keymap, warning = load_keymap(tmp_path)
    assert keymap == {} and warning is not None and "device" in warning and "\n" not in warning


def test_malformed_json_names_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text('{"a": 1,\n  oops}', encoding="utf-8")
    with pytest.raises(InputError, match=r"line 2, column 3"):
        read_json(bad, 1000)


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom"])
def test_cli_refuses_devices_with_one_line(target: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", target]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a regular file" in err


def test_an_issue_path_as_fifo_fails_fast(tmp_path: Path) -> None:
    fifo = tmp_path / "p.txt"
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, "-m", "reader", "list", str(fifo)], capture_output=True, timeout=60)
    assert done.returncode == 2 and b"FIFO" in done.stderr and b"Traceback" not in done.stderr


def test_load_issue_reads_stdin_for_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED_PAGE.read_bytes())))
    issue = load_issue(Path("-"))
    assert issue.source == "-" and len(issue.pages) == 1 and issue.pages[0].lines
