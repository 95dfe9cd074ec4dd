"""End to end in tmux: an issue without issue.json shows its inferred paper and date, i corrects them, a quotes a
keyboard selection, y copies it, e exports through the save dialog into the remembered folder."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.app.tmux import kill_session, new_session, tmux

READER = Path(sys.executable).parent / "reader"
PAGE = """第一版　民國九年四月九日

晶　報

之起居注
（小坡）

昨日天氣晴朗，本報同人遊於公園，見花木扶疏，遊人如織，歸而記之。
園中有亭，亭下有池，池中有魚，遊人投食，魚爭躍出，觀者皆笑。
"""

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def _wait_for(name: str, check: Callable[[str], bool], timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", name)
        if check(screen):
            return screen
        time.sleep(0.2)
    raise AssertionError(f"timed out; the screen was:\n{screen}")


def _keys(name: str, *keys: str) -> None:
    """Send keys one at a time, as typed (a burst of several in one read can be taken as one sequence)."""
    for key in keys:
        time.sleep(0.3)
        tmux("send-keys", "-t", name, key)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    issue = tmp_path / "scans" / "jb"
    issue.mkdir(parents=True)
    (issue / "page1.txt").write_text(PAGE, encoding="utf-8")
    exports = tmp_path / "exports"
    exports.mkdir()
    data = tmp_path / "data"
    subprocess.run([str(READER), "--data-dir", str(data), "issue", "show", str(issue)], check=True, capture_output=True)
    state = json.loads((data / "state.json").read_text(encoding="utf-8")) if (data / "state.json").exists() else {}
    state.setdefault("state", {})["1"] = {"id": "state:export_folder", "key": "export_folder", "value": str(exports)}
    state.setdefault("meta", {"1": {"schema_version": 3}})
    (data / "state.json").write_text(json.dumps(state), encoding="utf-8")
    name = new_session("reader-notes", 120, 36)
    tmux("send-keys", "-t", name, f"cd {tmp_path} && {READER} --data-dir {data} {issue}; echo EXIT=$?", "Enter")
    try:
        yield name, tmp_path
    finally:
        kill_session(name)


def test_metadata_selection_notes_and_export_in_a_real_terminal(workspace: tuple[str, Path]) -> None:
    session, root = workspace
    _wait_for(session, lambda s: "晶報? · 1920-04-09?" in s and "之起居注" in s)

    for _attempt in range(5):  # i says "not available" while the store is still opening: try again
        tmux("send-keys", "-t", session, "i")
        try:
            _wait_for(session, lambda s: "Date (YYYY-MM-DD)" in s and "inferred" in s, timeout=3)
            break
        except AssertionError:
            continue
    _keys(session, "Tab", "1920-04-10", "C-s")  # Tab selects the date field's text: typing replaces it
    _wait_for(session, lambda s: "晶報? · 1920-04-10 ·" in s)

    _keys(session, "Tab", "S-Right", "S-Right", "S-Right", "S-Right", "y")
    _wait_for(session, lambda s: "Copied 4 characters" in s)

    tmux("send-keys", "-t", session, "a")
    _wait_for(session, lambda s: "New note" in s)
    _keys(session, "tmux note", "C-s")
    _wait_for(session, lambda s: "Note saved" in s)

    tmux("send-keys", "-t", session, "e")
    _wait_for(session, lambda s: "1920-04-10 晶報 notes.md" in s and "/exports" in s)
    _keys(session, "Enter")
    _wait_for(session, lambda s: "Exported 1 note(s)" in s)
    written = root / "exports" / "1920-04-10 晶報 notes.md"
    content = written.read_text(encoding="utf-8")
    assert "# 晶報?, 1920-04-10" in content and "\n> 昨日天氣\n" in content and "\ntmux note\n" in content
    assert "Citation: 小坡. 之起居注\\[N\\]. \\[晶報\\], 1920-04-10(1)." in content

    _keys(session, "q")
    _wait_for(session, lambda s: "EXIT=0" in s)
    assert sorted(p.name for p in (root / "scans" / "jb").iterdir()) == ["page1.txt"]
