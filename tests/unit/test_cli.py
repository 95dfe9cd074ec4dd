"""The plain commands: output, the JSON contract, and one-line errors for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader import __version__
from reader.cli import main

from ..conftest import SEED_PAGE

SAMPLE_ISSUE = SEED_PAGE.parent


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert __version__ in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("analyze", "list", "show"):
        assert command in out


def test_help_and_version_do_not_import_textual_or_analysis() -> None:
    # "Well under a second" depends on what is imported; timing belongs in benchmarks, imports are testable.
    code = (
        "import sys\nfrom reader.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('textual', 'opencc', 'tinydb', 'reader.analysis') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY []" in result.stdout


def test_analyze_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["analyze", str(SAMPLE_ISSUE), "--json"], capsys)
    assert code == 0 and err == ""
    document = json.loads(out)
    assert set(document) == {"format_version", "source", "issue", "pages"}
    assert document["format_version"] == 1
    assert document["source"] == str(SAMPLE_ISSUE)
    assert set(document["issue"]) == {"id", "title", "date", "edition", "meta_source"}  # new optional fields only
    assert document["issue"]["meta_source"] == {"title": "given", "date": "given", "edition": "unknown"}
    assert document["issue"]["date"] == "2022-12-02"
    (page,) = document["pages"]
    # Optional page fields may be added within format_version 1; the required ones never go.
    assert {"number", "source", "articles"} <= set(page) <= {"number", "source", "articles", "format"}
    assert page["number"] == 1 and page["format"] == "text"
    keys = {
        "id", "kind", "kicker", "headline", "subheadline", "byline", "contributors",
        "dateline", "paragraphs", "source_lines", "confidence",
    }  # fmt: skip
    used: list[int] = []
    for article in page["articles"]:
        assert set(article) == keys
        assert article["kind"] in {"article", "caption", "notice", "advert", "other"}
        assert {"headline", "byline", "reasons"} <= set(article["confidence"])
        assert article["source_lines"]
        used.extend(article["source_lines"])
    non_blank = [n for n, line in enumerate(SEED_PAGE.read_text(encoding="utf-8").split("\n"), 1) if line.strip()]
    assert sorted(used) == non_blank  # every non-blank line in exactly one entry


def test_analyze_summary_and_page_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["analyze", str(SEED_PAGE)], capsys)
    assert code == 0
    assert "Page 1" in out and "[utf-8]" in out


def test_list_and_show_default_to_the_sample_issue(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["list"], capsys)
    assert code == 0
    rows = out.strip().split("\n")
    assert rows and all(row.split("\t")[0].isdigit() for row in rows)
    code, out, _ = run(["show", "--article", "1"], capsys)
    assert code == 0
    assert "本报讯" in out and "page 1" in out


def test_show_unknown_article(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["show", str(SAMPLE_ISSUE), "--article", "999"], capsys)
    assert code != 0 and out == ""
    assert err.startswith("reader: error:") and err.count("\n") == 1


def _bad_inputs(tmp: Path) -> dict[str, Path]:
    (tmp / "empty-dir").mkdir()
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    with (tmp / "huge.txt").open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    return {
        "missing": tmp / "nope.txt",
        "empty-dir": tmp / "empty-dir",
        "empty": tmp / "empty.txt",
        "binary": tmp / "image.png",
        "huge": tmp / "huge.txt",
    }


@pytest.mark.parametrize("command", ["analyze", "list", "show"])
@pytest.mark.parametrize("case", ["missing", "empty-dir", "empty", "binary", "huge"])
def test_bad_input_gives_one_line_and_non_zero_exit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, case: str
) -> None:
    path = _bad_inputs(tmp_path)[case]
    code, out, err = run([command, str(path)], capsys)
    assert code != 0
    assert out == ""
    assert err.startswith("reader: error:") and err.count("\n") == 1
    assert "Traceback" not in err


def test_markup_and_ansi_in_text_is_literal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.txt"
    page.write_text("[red]號外[/] [1]\n\n正文有[b]粗体[/b]和\x1b[31m颜色\x1b[0m。\n", encoding="utf-8")
    code, out, err = run(["show", str(page)], capsys)
    assert code == 0, err
    assert "[red]號外[/] [1]" in out
    assert "[b]粗体[/b]" in out
    assert "\x1b" not in out


def test_console_script_runs_as_module() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader", "list", str(SAMPLE_ISSUE)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1\t")


def test_app_refuses_without_a_terminal() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader"], capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False
    )
    assert result.returncode != 0
    assert result.stderr.startswith("reader: error:") and "Traceback" not in result.stderr


def test_global_options_before_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The value of --data-dir must not be taken for the app's PATH.
    code, out, err = run(["--data-dir", str(tmp_path), "list", str(SAMPLE_ISSUE)], capsys)
    assert code == 0, err
    assert out.startswith("1\t")
