"""Signals end the real ``reader`` command cleanly, at start-up or while a large issue loads: SIGTERM, SIGHUP
(sent, or the terminal closing) and SIGINT. It exits promptly without a traceback, restores the terminal,
leaves no worker process behind, and the notes are intact."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

READER = Path(sys.executable).parent / "reader"
LEAVE_ALT_SCREEN = b"\x1b[?1049l"

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or sys.platform != "linux", reason="needs a pty and /proc")

PAGE = (
    "高新区召开工作会议\n\n记者 张三\n\n"
    + "本报讯 11月29日，高新区召开工作会议，部署下一阶段工作，会议要求各部门认真落实。" * 40
    + "\n\nCouncil Approves Budget\n\nBy Jane Smith\n\n"
    + "The city council voted on Tuesday to approve the budget for the coming year. " * 20
    + "\n"
)


@pytest.fixture(scope="module")
def big_issue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An issue over the size read before the first frame (256 KB): it loads page by page in workers."""
    folder = tmp_path_factory.mktemp("signals") / "big-issue"
    folder.mkdir()
    for number in range(1, 121):
        (folder / f"page-{number:03d}.txt").write_text(f"{PAGE}\n第{number}页\n", encoding="utf-8")
    return folder


def _descendants(pid: int) -> set[int]:
    """The live processes whose parent is ``pid`` (the app's workers and prefetch)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _read(fd: int, until: float, output: bytearray, stop: bytes | None = None) -> None:
    while time.monotonic() < until and (stop is None or stop not in output):
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            output.extend(chunk)


def _launch(issue: Path, data: Path, cache: Path) -> tuple[int, int]:
    env = dict(os.environ, TERM="xterm-256color", READER_CACHE_DIR=str(cache), COLUMNS="120", LINES="40")
    env.pop("TEXTUAL_DRIVER", None)
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child becomes the reader
        os.execve(str(READER), [str(READER), "--data-dir", str(data), str(issue)], env)
    return pid, fd


def _wait(pid: int, fd: int | None, output: bytearray, timeout: float = 20.0) -> int:
    """Wait for the app to exit (reading what it writes meanwhile); its wait status."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            if fd is not None:
                _read(fd, time.monotonic() + 0.2, output)
            return status
        if fd is not None:
            _read(fd, time.monotonic() + 0.05, output)
        else:
            time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    pytest.fail("the app did not exit after the signal")


@pytest.mark.parametrize(
    ("how", "moment"),
    [
        ("SIGTERM", "loading"),
        ("SIGHUP", "loading"),
        ("SIGINT", "loading"),
        ("close-terminal", "loading"),
        ("SIGTERM", "start-up"),
        ("SIGINT", "start-up"),
    ],
)
def test_a_signal_ends_the_app_cleanly(big_issue: Path, tmp_path: Path, how: str, moment: str) -> None:
    data, cache = tmp_path / "data", tmp_path / "cache"
    subprocess.run(
        [str(READER), "--data-dir", str(data), "--cache-dir", str(tmp_path / "cli-cache"), "notes", "add"]
        + [str(big_issue), "1", "keep me"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pid, fd = _launch(big_issue, data, cache)
    output = bytearray()
    children: set[int] = set()
    if moment == "loading":
        _read(fd, time.monotonic() + 30, output, stop=b"\xe9\xab\x98\xe6\x96\xb0")  # 高新: the first page is drawn
        assert b"\xe9\xab\x98\xe6\x96\xb0" in output, "the app did not draw the first page"
        deadline = time.monotonic() + 10
        while not children and time.monotonic() < deadline:  # the workers loading the other pages
            children = _descendants(pid)
            _read(fd, time.monotonic() + 0.05, output)
        assert children, "no worker process was loading the issue"
    else:
        _read(fd, time.monotonic() + 0.1, output)
        children = _descendants(pid)
    if how == "close-terminal":
        os.close(fd)  # the kernel hangs the session up: SIGHUP to the app and its workers
        status = _wait(pid, None, output)
    else:
        os.kill(pid, getattr(signal, how))
        status = _wait(pid, fd, output)
        os.close(fd)
    if moment == "start-up" and os.WIFSIGNALED(status):
        # The signal came before the interpreter reached the reader's code: nothing was started or changed
        # yet, and the default action ended the process as cleanly as anything could.
        assert not output and not children
    else:
        assert os.WIFEXITED(status), f"killed by signal {os.WTERMSIG(status)} instead of exiting"
    assert b"Traceback" not in output
    if moment == "loading" and how != "close-terminal":
        assert output.rfind(LEAVE_ALT_SCREEN) > output.find(b"\xe9\xab\x98\xe6\x96\xb0")  # terminal restored
    deadline = time.monotonic() + 5
    while any(_alive(child) for child in children) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(child) for child in children), "a worker process outlived the app"
    notes = subprocess.run(
        [str(READER), "--data-dir", str(data), "notes", "list"], capture_output=True, text=True, timeout=60
    )
    assert "keep me" in notes.stdout and not notes.stderr
