"""Hostile paths, arguments and outputs give one clear line and a non-zero exit, never an internal error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main

from ..conftest import SEED_PAGE

ESCAPES = "\x1b]52;c;ZXZpbA==\x07\x1b[31m\u202e\u2028\u200b\ufeff\U000e0041"


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def _assert_clean(text: str) -> None:
    for bad in ("\x1b", "\x07", "\u202e", "\u2028", "\u200b", "\ufeff", "\U000e0041"):
        assert bad not in text, repr(bad)


def test_analyze_text_mode_sanitizes_file_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / f"page{ESCAPES}.txt"
    page.write_bytes(SEED_PAGE.read_bytes())
    code, out, err = _run(["analyze", str(page)], capsys)
    assert code == 0 and "page" in out and "52;c;" not in out
    _assert_clean(out + err)


def test_eval_sanitizes_folder_names_and_skips_malformed_truth(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / f"set{ESCAPES}"
    good.mkdir()
    (good / "p.txt").write_bytes(SEED_PAGE.read_bytes())
    (good / "p.truth.json").write_text(
        json.dumps({"page": "p.txt", "articles": [{"source_lines": [1], "headline_lines": [1], "byline_lines": []}]}),
        encoding="utf-8",
    )
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "a.truth.json").write_text("{not json", encoding="utf-8")
    (bad / "b.truth.json").write_text('{"page": "p.txt", "articles": [{"source_lines": "1"}]}', encoding="utf-8")
    (bad / "c.truth.json").write_text("[" * 100_000, encoding="utf-8")
    code, out, err = _run(["eval", str(tmp_path)], capsys)
    assert code == 0
    _assert_clean(out + err)
    assert err.count("reader eval: skipped") == 3 and "a.truth.json: not valid JSON" in err
    assert "source_lines" in err and "set" in out


def test_notes_list_json_escapes_bidi_overrides(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["notes", "add", str(SEED_PAGE), "1", "abc\u202eevil\u2066x\u2069 \ufeff"]) == 0
    capsys.readouterr()
    code, out, _ = _run(["notes", "list", "--json"], capsys)
    assert code == 0
    _assert_clean(out)
    assert "\\u202e" in out and json.loads(out)[0]["text"] == "abc\u202eevil\u2066x\u2069 \ufeff"


def test_invalid_utf8_in_a_text_argument_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["notes", "add", str(SEED_PAGE), "1", "note\udcff"], capsys)
    assert code == 2 and "not valid UTF-8" in err and err.count("\n") == 1
    code, _, err = _run(["notes", "list"], capsys)
    assert code == 0 and "internal error" not in err


def test_invalid_utf8_in_a_path_is_a_missing_file_not_a_crash(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["analyze", "--json", "nowhere-\udcff.txt"], capsys)
    assert code == 2 and "no such file" in err


def test_stdout_on_a_full_disk_is_a_clear_error() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "reader", "list", str(SEED_PAGE)], stdout=full, stderr=subprocess.PIPE, timeout=60
        )
    assert done.returncode == 74
    assert done.stderr.decode().strip() == "reader: error: cannot write the output: No space left on device"


def test_schema_version_minus_one_is_moved_aside_and_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "schema.json").write_text('{"meta": {"1": {"schema_version": -1}}}', encoding="utf-8")
    code, _, err = _run(["--data-dir", str(data), "notes", "list"], capsys)
    assert code == 0 and "schema version -1" in err and "moved to" in err


def test_unreadable_folder_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root reads everything, so the PermissionError is injected where listing the folder raises it."""
    folder = tmp_path / "issue"
    folder.mkdir()
    real_iterdir = Path.iterdir

    def iterdir(self: Path):
        if self == folder:
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    code, _, err = _run(["list", str(folder)], capsys)
    assert code != 70 and code != 0 and "Permission denied" in err and err.count("\n") == 1


def test_corrupt_note_file_is_reported_by_notes_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "notes", "add", str(SEED_PAGE), "1", "kept"]) == 0
    (note_file,) = (data / "notes").glob("*.json")
    note_file.write_text("{torn", encoding="utf-8")
    capsys.readouterr()
    code, out, err = _run(["--data-dir", str(data), "notes", "list"], capsys)
    assert code == 0 and out == ""
    (moved,) = (data / "notes").glob("*.corrupt-*")
    assert str(note_file) in err and str(moved) in err and "move it back" in err


def test_note_with_wrong_field_types_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "notes", "add", str(SEED_PAGE), "1", "kept"]) == 0
    (note_file,) = (data / "notes").glob("*.json")
    document = json.loads(note_file.read_text(encoding="utf-8"))
    for doc in document["notes"].values():
        doc["text"], doc["tags"] = 123, {"a": 1}
    note_file.write_text(json.dumps(document), encoding="utf-8")
    capsys.readouterr()
    code, out, err = _run(["--data-dir", str(data), "notes", "list"], capsys)
    assert code == 0 and out.count("\n") == 1
    assert "text (int)" in err and "tags (dict)" in err and str(note_file) in err
