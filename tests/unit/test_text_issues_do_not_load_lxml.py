"""Opening an issue of text pages never imports lxml (about 6 ms of every command's start-up): it is loaded
only once an XML file (a METS or DIDL map, an ALTO or PAGE page) is read."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CODE = """
import contextlib, io, sys
from reader.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(["list", sys.argv[1]])
print(code, "lxml" in sys.modules)
"""


def _list(issue: Path, cache: Path) -> str:
    env = {**os.environ, "READER_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", CODE, str(issue)], capture_output=True, text=True, env=env, check=True)
    return done.stdout.strip()


def test_listing_text_pages_cold_and_warm_leaves_lxml_unloaded(tmp_path: Path) -> None:
    issue = tmp_path / "issue"
    issue.mkdir()
    (issue / "page1.txt").write_text("晨报\n\n新桥通车\n\n昨日上午，新桥正式通车。\n", encoding="utf-8")
    (issue / "page2.txt").write_text("MORNING POST\n\nBridge opens\n\nThe bridge opened yesterday.\n", encoding="utf-8")
    assert _list(issue, tmp_path / "cache") == "0 False"  # cold: analysed
    assert _list(issue, tmp_path / "cache") == "0 False"  # warm: from the cache


def test_an_issue_with_an_xml_file_still_reads_it(tmp_path: Path) -> None:
    issue = tmp_path / "issue"
    issue.mkdir()
    (issue / "page1.txt").write_text("晨报\n\n新桥通车\n\n昨日上午，新桥正式通车。\n", encoding="utf-8")
    (issue / "mets.xml").write_text("<mets xmlns='http://www.loc.gov/METS/'/>", encoding="utf-8")
    assert _list(issue, tmp_path / "cache") == "0 True"
