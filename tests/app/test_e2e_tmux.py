"""End to end: the real ``reader`` command in tmux, driven with send-keys and read with capture-pane."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.app.tmux import kill_session, new_session, tmux

READER = Path(sys.executable).parent / "reader"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


@pytest.fixture
def session(tmp_path: Path) -> Iterator[str]:
    command = f"{READER} --data-dir {tmp_path / 'data'} --cache-dir {tmp_path / 'cache'}; echo EXIT=$?"
    name = new_session("reader-e2e", 140, 40)
    tmux("send-keys", "-t", name, command, "Enter")
    try:
        yield name
    finally:
        kill_session(name)


def _capture(name: str) -> str:
    return tmux("capture-pane", "-p", "-t", name)


def _wait_for(name: str, check: Callable[[str], bool], timeout: float = 15.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = _capture(name)
        if check(screen):
            return screen
        time.sleep(0.2)
    raise AssertionError(f"timed out; the screen was:\n{screen}")


def _listed_articles() -> list[tuple[str, str]]:
    """Titles and bylines of the sample issue's articles, as ``reader list`` prints them."""
    output = subprocess.run([str(READER), "list"], check=True, capture_output=True, text=True).stdout
    rows = [line.split("\t") for line in output.splitlines() if line.strip()]
    return [(row[1], row[2] if len(row) > 2 else "") for row in rows]


def test_read_the_sample_issue_in_a_real_terminal(session: str) -> None:
    articles = _listed_articles()
    assert len(articles) == 4
    # The list (a fifth of the width) wraps a long title onto several lines: compare on its first characters.
    screen = _wait_for(session, lambda s: all(title[:4] in s for title, _ in articles[:2]))
    assert "郑州高新区地方报" in screen

    tmux("send-keys", "-t", session, "Down", "Enter")
    second_title, second_byline = articles[1]
    # the header's details line, right of the list (whose row may show a short byline in full too)
    screen = _wait_for(
        session,
        lambda s: second_title[:10] in s and any(second_byline in line.partition("│")[2] for line in s.splitlines()),
    )

    tmux("send-keys", "-t", session, "r")
    screen = _wait_for(session, lambda s: "Raw OCR" in s)
    numbered = [line for line in screen.splitlines() if "Raw OCR" not in line]
    first_line = screen.split("lines ", 1)[1].split("–", 1)[0]
    assert any(line.split("│")[-1].strip().startswith(f"{first_line} ") for line in numbered), screen

    tmux("send-keys", "-t", session, "r")
    _wait_for(session, lambda s: "Raw OCR" not in s)
    tmux("send-keys", "-t", session, "q")
    screen = _wait_for(session, lambda s: "EXIT=" in s.replace("echo EXIT=", ""))
    assert "EXIT=0" in screen
    assert "Traceback" not in screen
