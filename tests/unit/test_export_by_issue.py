"""``reader issue show|set`` and ``reader notes export`` over several issues: each note under its own paper and
date, citations resolved from the issue's metadata at export time, every tag kept, ``--split``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "issues" / "gaoxin-2022-12-02"
JINGBAO_PAGE = """第一版　民國九年四月九日

晶　報

之起居注
（小坡）

昨日天氣晴朗，本報同人遊於公園，見花木扶疏，遊人如織，歸而記之。
園中有亭，亭下有池，池中有魚，遊人投食，魚爭躍出，觀者皆笑。
"""
ENGLISH_PAGE = """Mustang Daily

Friday, May 15, 1981

Hawk wins presidential runoff race

By Monique McCarty
Staff Writer

Dennis Hawk captured the ASI presidency by more than a 2-1 margin over Stephanie Nelson on Thursday.
Only 1,589 students showed up at the voting stations, about 10 percent of the voting populace.
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """Three issues in folders whose names carry no date: the sample (with issue.json), a Jing bao page, an
    English page."""
    root = tmp_path / "library"
    shutil.copytree(SAMPLE, root / "sample")
    (root / "jb").mkdir()
    (root / "jb" / "page1.txt").write_text(JINGBAO_PAGE, encoding="utf-8")
    (root / "md").mkdir()
    (root / "md" / "page1.txt").write_text(ENGLISH_PAGE, encoding="utf-8")
    return root


def _article(capsys: pytest.CaptureFixture[str], path: Path, headline: str) -> str:
    _, out, _ = run(capsys, "list", str(path))
    return next(line.split("\t")[0] for line in out.splitlines() if headline in line)


def _add_notes(capsys: pytest.CaptureFixture[str], library: Path, data: str) -> None:
    run(
        capsys,
        "notes",
        "add",
        str(library / "sample"),
        "1",
        "seed",
        "--tag",
        "2022",
        "--tag",
        "党建",
        "--data-dir",
        data,
    )
    jb = _article(capsys, library / "jb", "之起居注")
    run(capsys, "notes", "add", str(library / "jb"), jb, "jb", "--tag", "1920", "--tag", "民國 史", "--data-dir", data)
    md = _article(capsys, library / "md", "Hawk wins")
    run(capsys, "notes", "add", str(library / "md"), md, "md", "--tag", "1981", "--data-dir", data)


def test_issue_show_and_set(capsys: pytest.CaptureFixture[str], library: Path, tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    code, out, _ = run(capsys, "issue", "show", str(library / "jb"), "--json", "--data-dir", data)
    shown = json.loads(out)
    assert code == 0 and shown["date"] == {
        "value": "1920-04-09",
        "source": "inferred",
        "reason": shown["date"]["reason"],
    }
    assert "民國九年四月九日" in shown["date"]["reason"] and shown["title"]["value"] == "晶報"
    code, out, _ = run(capsys, "issue", "set", str(library / "jb"), "--date", "1920-4-10", "--edition", "2",
                       "--data-dir", data)  # fmt: skip
    assert code == 0 and "date\t1920-04-10\tgiven\tyour edit" in out
    assert not (library / "jb" / "issue.json").exists()  # never written into the user's folder
    code, _, err = run(capsys, "issue", "set", str(library / "jb"), "--date", "April", "--data-dir", data)
    assert code != 0 and "YYYY-MM-DD" in err and "Traceback" not in err
    code, _, err = run(capsys, "issue", "set", str(library / "jb"), "--data-dir", data)
    assert code != 0 and "nothing to set" in err


def test_mixed_export_puts_each_note_under_its_own_paper_and_date(
    capsys: pytest.CaptureFixture[str], library: Path, tmp_path: Path
) -> None:
    data = str(tmp_path / "data")
    _add_notes(capsys, library, data)
    code, out, _ = run(capsys, "notes", "export", "--data-dir", data)
    assert code == 0
    front, body = out.split("\n---\n", 1)
    assert "newspaper:" not in front  # the front matter describes the export, not one issue
    assert 'issues: ["晶報?, 1920-04-09?", "Mustang Daily?, 1981-05-15?", "郑州高新区地方报, 2022-12-02"]' in front
    assert "issue_count: 3" in front and 'tags: ["1920", "民國 史", "1981", "2022", "党建"]' in front
    sections = body.split("\n## ")[1:]
    assert [s.splitlines()[0] for s in sections] == [
        "晶報?, 1920-04-09?",
        "Mustang Daily?, 1981-05-15?",
        "郑州高新区地方报, 2022-12-02",
    ]
    assert "Citation: 小坡. 之起居注\\[N\\]. \\[晶報\\], \\[1920-04-09\\](1)." in sections[0]
    assert "#_1920 #民國-史" in sections[0]
    assert (
        "Citation: McCarty, Monique. “Hawk wins presidential runoff race.” *\\[Mustang Daily\\]*, \\[May 15, 1981\\]."
        in (sections[1])
    )
    assert "郑州高新区地方报, 2022-12-02(1)." in sections[2] and "#_2022 #党建" in sections[2]


def test_citations_follow_the_issues_metadata_at_export_time(
    capsys: pytest.CaptureFixture[str], library: Path, tmp_path: Path
) -> None:
    data = str(tmp_path / "data")
    _add_notes(capsys, library, data)
    run(capsys, "issue", "set", str(library / "jb"), "--title", "晶報", "--date", "1920-04-09", "--data-dir", data)
    (library / "md" / "issue.json").write_text('{"title": "Mustang Daily", "date": "1981-05-15"}', encoding="utf-8")
    _, out, _ = run(capsys, "notes", "export", "--format", "json", "--citation", "gbt7714", "--data-dir", data)
    citations = {entry["text"]: entry["citation"] for entry in json.loads(out)["notes"]}
    assert citations["jb"] == "小坡. 之起居注[N]. 晶報, 1920-04-09(1)."
    assert citations["md"] == "MCCARTY M. Hawk wins presidential runoff race[N]. Mustang Daily, 1981-05-15(1)."
    shutil.rmtree(library / "jb")  # gone from disk: the edits (or what the note stored) still give its paper
    _, out, _ = run(capsys, "notes", "export", "--format", "json", "--data-dir", data)
    assert {e["text"]: e["newspaper"] for e in json.loads(out)["notes"]}["jb"] == "晶報"


def test_split_writes_one_file_per_issue(capsys: pytest.CaptureFixture[str], library: Path, tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    _add_notes(capsys, library, data)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, out, _ = run(capsys, "notes", "export", "--split", "-o", str(out_dir), "--data-dir", data)
    assert code == 0 and out.count("exported 1 note(s)") == 3
    names = sorted(path.name for path in out_dir.iterdir())
    assert names == [
        "1920-04-09 晶報 notes.md",
        "1981-05-15 Mustang Daily notes.md",
        "2022-12-02 郑州高新区地方报 notes.md",
    ]
    one = (out_dir / "1920-04-09 晶報 notes.md").read_text(encoding="utf-8")
    assert one.startswith('---\nnewspaper: "晶報"\ndate: "1920-04-09"') and "issue_count: 1" in one
    code, _, err = run(capsys, "notes", "export", "--split", "--data-dir", data)
    assert code != 0 and "-o DIR" in err
