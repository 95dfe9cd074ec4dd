"""`reader analyze --json` on every layout format follows DESIGN.md's contract, plus the optional `format`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.cli import main
from reader.ingest import read_page

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CASES = [
    ("page1.alto.xml", "alto"),
    ("ndnp-alto-1.1.xml", "alto"),
    ("page1.hocr", "hocr"),
    ("paddle-2x.json", "paddle"),
    ("paddle-3x.json", "paddle"),
    ("item_abbyy.xml", "abbyy"),
]


@pytest.mark.parametrize("name, fmt", CASES)
def test_analyze_json_on_layout_pages_keeps_the_contract(
    name: str, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = EXAMPLES / name
    assert main(["analyze", str(path), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["format_version"] == 1 and document["source"] == str(path)
    (page,) = document["pages"]
    assert page["source"] == str(path) and page["format"] == fmt
    lines = read_page(path).lines
    used = [number for article in page["articles"] for number in article["source_lines"]]
    assert len(used) == len(set(used)), "a line in two articles"
    assert set(used) == {line.number for line in lines if line.text.strip()}, "every text line in one article"
    for article in page["articles"]:
        assert article["kind"] in ("article", "caption", "notice", "advert", "other")
        assert set(article["headline_lines"] if "headline_lines" in article else []) <= set(article["source_lines"])


def test_analyze_names_the_layout_file_it_read_for_a_twin(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(EXAMPLES / "page1.alto.xml", tmp_path / "page1.alto.xml")
    shutil.copy(EXAMPLES / "page1.txt", tmp_path / "page1.txt")
    assert main(["analyze", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"{tmp_path / 'page1.alto.xml'}  [alto]" in out and "page1.txt" not in out
