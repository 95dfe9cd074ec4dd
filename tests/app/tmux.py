"""The end-to-end tests' own tmux server, and sessions of an exact size on it.

A private socket (``tmux -L``): a server the user or another test run has open, with its own clients, sizes,
options and environment, must not change what a test sees. The server ends with its last session.
"""

from __future__ import annotations

import subprocess
import time
import uuid

SOCKET = f"reader-tests-{uuid.uuid4().hex[:8]}"


def tmux(*args: str) -> str:
    """Run a tmux command on the tests' server; its output."""
    return subprocess.run(["tmux", "-L", SOCKET, *args], check=True, capture_output=True, text=True).stdout


def new_session(prefix: str, width: int, height: int) -> str:
    """A new detached session running ``sh`` in a window of exactly ``width`` x ``height``; its name."""
    name = f"{prefix}-{uuid.uuid4().hex[:8]}"
    tmux("new-session", "-d", "-s", name, "-x", str(width), "-y", str(height), "-e", "TERM=xterm-256color", "sh")
    tmux("set-option", "-t", name, "window-size", "manual")
    deadline = time.monotonic() + 5
    size = f"{width}x{height}"
    while tmux("display", "-p", "-t", name, "#{window_width}x#{window_height}").strip() != size:
        assert time.monotonic() < deadline, "tmux would not resize the window"
        tmux("resize-window", "-t", name, "-x", str(width), "-y", str(height))
        time.sleep(0.1)
    return name


def kill_session(name: str) -> None:
    subprocess.run(["tmux", "-L", SOCKET, "kill-session", "-t", name], capture_output=True)
