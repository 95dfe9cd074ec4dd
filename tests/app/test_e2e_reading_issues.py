"""End to end on real pages: a Jing bao issue and an English issue, read in tmux with Space alone from the first
article to the last. The issues are built in a temporary folder from ``../shared/corpus`` pages (skipped
without it); nothing from the corpus is kept in the project."""

from __future__ import annotations

import re
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app.tmux import kill_session, new_session, tmux

READER = Path(sys.executable).parent / "reader"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
ISSUES = {
    "jingbao": ("jingbao/dev", "jb_0129_1920-04-03_000*.txt"),
    "english": ("mustang/dev", "ua-nws_00002941_md-1981-45-103_p0[12].txt"),
}
POSITION = re.compile(r"article (\d+) of (\d+)")

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not here"),
    pytest.mark.skipif(sys.platform == "win32", reason="tmux"),
]


def _issue(tmp_path: Path, name: str) -> Path:
    folder, pattern = ISSUES[name]
    issue = tmp_path / name
    issue.mkdir()
    pages = sorted((CORPUS / folder).glob(pattern))
    assert pages, f"no pages {pattern} in {folder}"
    for page in pages:
        shutil.copy(page, issue / page.name)
    return issue


@pytest.fixture
def run_reader(tmp_path: Path) -> Iterator:
    names: list[str] = []

    def start(issue: Path) -> str:
        name = new_session("reader-e2e", 150, 40)
        names.append(name)
        tmux("send-keys", "-t", name, f"{READER} {issue} --data-dir {tmp_path / 'data'}; echo EXIT=$?", "Enter")
        return name

    yield start
    for name in names:
        kill_session(name)


def _capture(name: str) -> str:
    return tmux("capture-pane", "-p", "-t", name)


def _position(screen: str) -> tuple[int, int] | None:
    found = POSITION.search(screen)
    return (int(found.group(1)), int(found.group(2))) if found else None


def _settled(name: str, screen: str) -> str:
    """The screen once two captures a moment apart agree (a frame may be drawn in parts)."""
    for _ in range(20):
        time.sleep(0.1)
        again = _capture(name)
        if again == screen:
            return screen
        screen = again
    return screen


def _read_with_space(name: str, presses: int = 400) -> list[int]:
    """Press Space until the last article's last screen; return the article numbers seen, in order."""
    deadline = time.monotonic() + 20
    screen = _capture(name)
    while _position(screen) is None or "analyzing" in screen:
        assert time.monotonic() < deadline, f"the issue did not open:\n{screen}"
        time.sleep(0.2)
        screen = _capture(name)
    seen: list[int] = []
    for _ in range(presses):
        position = _position(screen)
        assert position is not None, screen
        seen.append(position[0])
        if "Last article" in screen:
            return seen
        tmux("send-keys", "-t", name, "Space")
        wait_until = time.monotonic() + 3
        new = _capture(name)
        while new == screen and time.monotonic() < wait_until:
            time.sleep(0.05)
            new = _capture(name)
        screen = _settled(name, new)
    raise AssertionError(f"Space never reached the end; the screen was:\n{screen}")


@pytest.mark.parametrize("issue_name", sorted(ISSUES))
def test_space_reads_a_real_issue_from_the_first_article_to_the_last(
    run_reader, tmp_path: Path, issue_name: str
) -> None:
    session = run_reader(_issue(tmp_path, issue_name))
    seen = _read_with_space(session)
    total = _position(_capture(session))[1]
    assert seen[0] == 1 and seen[-1] == total > 1, (seen, _capture(session))
    assert seen == sorted(seen) and set(seen) == set(range(1, total + 1))  # every article, in order
    tmux("send-keys", "-t", session, "q")
    deadline = time.monotonic() + 10
    while "EXIT=" not in _capture(session).replace("echo EXIT=", "") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert "EXIT=0" in _capture(session)
