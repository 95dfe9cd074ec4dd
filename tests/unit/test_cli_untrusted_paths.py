"""Plain commands never echo terminal escapes from paths, and ``-o DIR/`` means a folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main

from ..conftest import SEED_PAGE

SAMPLE_ISSUE = SEED_PAGE.parent
EVIL = "x\x1b]52;c;aGk=\x07\x1b[2J"


@pytest.mark.parametrize("command", [["show"], ["list"], ["analyze"], ["notes", "add"]])
def test_error_lines_carry_no_escape_sequences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    extra = ["1", "note"] if command[0] == "notes" else []
    code = main([*command, str(tmp_path / EVIL), *extra, "--data-dir", str(tmp_path / "data")])
    _, err = capsys.readouterr()
    assert code != 0
    assert err.startswith("reader: error:") and err.count("\n") == 1
    assert "\x1b" not in err and "\x07" not in err


def test_export_to_a_missing_folder_with_trailing_slash_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "data")
    assert main(["notes", "add", str(SAMPLE_ISSUE), "1", "a note", "--data-dir", data]) == 0
    capsys.readouterr()
    missing = tmp_path / "out"
    code = main(["notes", "export", "-o", f"{missing}/", "--data-dir", data])
    _, err = capsys.readouterr()
    assert code != 0 and err.startswith("reader: error:")
    assert not missing.exists()


def test_notes_need_a_text_or_a_quote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """As in the app's note editor: a note with neither text nor quote is refused with one line."""
    data = ["--data-dir", str(tmp_path / "data")]
    assert main(["notes", "add", str(SAMPLE_ISSUE), "1", "  ", *data]) == 2
    _, err = capsys.readouterr()
    assert err.startswith("reader: error:") and err.count("\n") == 1
    assert main(["notes", "add", str(SAMPLE_ISSUE), "1", "", "--quote", "引文", *data]) == 0
    assert main(["notes", "add", str(SAMPLE_ISSUE), "1", "text", *data]) == 0
    note_id = capsys.readouterr().out.split()[-1]
    assert main(["notes", "edit", note_id, " ", *data]) == 2
    capsys.readouterr()
    assert main(["notes", "list", *data]) == 0
    assert "text" in capsys.readouterr().out
