"""``reader search`` and ``--script`` on the plain commands, through ``reader.cli.main``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main

from ..conftest import SEED_PAGE

SAMPLE_ISSUE = SEED_PAGE.parent


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_search_default_issue(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["search", "梧桐"], capsys)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines
    number, page, where, snippet = lines[0].split("\t")
    assert number.isdigit() and page == "p.1" and where.startswith("¶")
    assert "«梧桐»" in snippet


def test_search_across_scripts(capsys: pytest.CaptureFixture[str]) -> None:
    code, simplified, _ = run(["search", str(SAMPLE_ISSUE), "高新区"], capsys)
    assert code == 0
    code, traditional, _ = run(["search", str(SAMPLE_ISSUE), "高新區"], capsys)
    assert code == 0
    assert simplified == traditional  # same hits, shown in the text as printed
    assert "«高新区»" in simplified


def test_search_with_script_shows_converted_snippets(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["search", str(SEED_PAGE), "高新区", "--script", "TAIWAN"], capsys)
    assert code == 0
    assert "«高新區»" in out and "«高新区»" not in out


def test_search_no_match_exits_1_like_grep(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["search", "不存在的词语"], capsys)
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and "no matches" in err


def test_search_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["search", str(SAMPLE_ISSUE), "高新區", "--json", "--script", "s2t"], capsys)
    assert code == 0
    document = json.loads(out)
    assert document["query"] == "高新區" and document["script"] == "s2t"
    hits = document["hits"]
    assert hits
    for hit in hits:
        assert hit["match"] == "高新區"
        assert hit["end"] - hit["start"] == 3
        assert hit["page"] == 1 and isinstance(hit["article"], int)
        assert "«高新區»" in hit["snippet"]
    code, out, _ = run(["search", "不存在的词语", "--json"], capsys)
    assert code == 1 and json.loads(out)["hits"] == []


def test_search_bad_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(["search", "高新区", "--script", "nope"], capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "taiwan" in err and "s2twp" in err
    code, _, err = run(["search", "  "], capsys)
    assert code == 2 and err.count("\n") == 1
    code, _, err = run(["search", str(tmp_path / "missing"), "高新区"], capsys)
    assert code == 2 and err.count("\n") == 1


def test_search_help_documents_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["search", "--help"])
    out = capsys.readouterr().out
    assert "Exit status" in out and "grep" in out


@pytest.mark.parametrize(
    ("script", "expected", "absent"),
    [
        ("taiwan", "高新區", "高新区"),
        ("S2TWP", "高新區", "高新区"),
        ("hongkong", "高新區", "高新区"),
        ("traditional", "高新區", "高新区"),
        ("simplified", "高新区", "高新區"),
        ("original", "高新区", "高新區"),
    ],
)
def test_list_and_show_script(script: str, expected: str, absent: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["list", "--script", script], capsys)  # the sample issue by default
    assert code == 0 and expected in out and absent not in out
    code, out, _ = run(["show", "--article", "1", "--script", script], capsys)
    assert code == 0 and expected in out and absent not in out


def test_show_taiwan_uses_taiwan_forms(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["show", str(SAMPLE_ISSUE), "--script", "taiwan"], capsys)
    assert code == 0
    code, plain, _ = run(["show", str(SAMPLE_ISSUE)], capsys)
    assert out != plain
    assert "报" in plain and "報" in out


@pytest.mark.parametrize("command", ["list", "show"])
def test_bad_script_on_list_and_show(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run([command, "--script", "klingon"], capsys)
    assert code != 0 and out == ""
    assert err.count("\n") == 1 and "valid names" in err and "hongkong" in err
