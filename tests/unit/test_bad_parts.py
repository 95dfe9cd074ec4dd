"""One bad part never spoils the whole: an unreadable page is an error page, an unreadable issue an error row."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.errors import InputError
from reader.ingest.issue import is_library, load_issue, scan_library

from ..conftest import SEED_PAGE


def _issue(folder: Path, *, bad_page: bool = True) -> Path:
    folder.mkdir(parents=True)
    (folder / "page-1.txt").write_bytes(b"")  # empty: cannot be read as a page
    (folder / "page-2.txt").write_bytes(SEED_PAGE.read_bytes())
    if not bad_page:
        (folder / "page-1.txt").write_bytes(SEED_PAGE.read_bytes())
    return folder


def test_an_unreadable_page_is_an_error_page_and_the_rest_opens(tmp_path: Path) -> None:
    issue = load_issue(_issue(tmp_path / "issue"))
    first, second = issue.pages
    assert first.lines == () and first.error is not None and "empty" in first.error
    assert second.error is None and second.lines


def test_an_issue_of_only_unreadable_pages_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "issue"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"")
    with pytest.raises(InputError, match="no page could be read"):
        load_issue(folder)


@pytest.mark.parametrize("command", ["list", "show", "search"])
def test_commands_warn_about_the_error_page_and_show_the_rest(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _issue(tmp_path / "issue")
    args = [command, str(folder)] + (["高新区"] if command == "search" else [])
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert "高新区" in out
    assert "page 1 could not be read" in err and "empty" in err


def test_analyze_reports_the_error_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _issue(tmp_path / "issue")
    assert main(["analyze", "--json", str(folder)]) == 0
    pages = json.loads(capsys.readouterr().out)["pages"]
    assert "empty" in pages[0]["error"] and pages[0]["articles"] == []
    assert "error" not in pages[1] and pages[1]["articles"]
    assert main(["analyze", str(folder)]) == 0
    assert "Page 1:" in capsys.readouterr().out


def test_a_malformed_issue_json_is_an_error_row(tmp_path: Path) -> None:
    _issue(tmp_path / "good", bad_page=False)
    broken = _issue(tmp_path / "broken", bad_page=False)
    (broken / "issue.json").write_text("{oops", encoding="utf-8")
    refs = scan_library(tmp_path)
    by_name = {ref.path.name: ref for ref in refs}
    assert by_name["good"].error is None and by_name["good"].page_count == 2
    assert by_name["broken"].error is not None and "issue.json" in by_name["broken"].error


def test_an_unreadable_issue_folder_is_an_error_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root reads any folder, so the PermissionError is injected where listing the folder raises it."""
    _issue(tmp_path / "good", bad_page=False)
    locked = tmp_path / "locked"
    locked.mkdir()
    real_iterdir = Path.iterdir

    def iterdir(self: Path):
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    assert is_library(tmp_path)
    refs = {ref.path.name: ref for ref in scan_library(tmp_path)}
    assert refs["good"].error is None
    assert refs["locked"].error is not None and "Permission denied" in refs["locked"].error
