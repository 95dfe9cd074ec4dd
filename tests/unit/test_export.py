"""Markdown and JSON export: golden files, escaping, citations, conversion, safe file writing.

Regenerate the golden files with ``UPDATE_GOLDEN=1 pytest tests/unit/test_export.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from reader.annotations import Note
from reader.errors import ReaderError
from reader.export import (
    byline_authors,
    default_filename,
    gbt7714_citation,
    md_inline,
    safe_filename,
    target_in,
    to_json,
    to_markdown,
    yaml_str,
)
from reader.filewrite import write_new_file

GOLDEN = Path(__file__).parent / "golden"
EXPORTED_AT = "2024-05-01T12:00:00+00:00"
HOSTILE_HEADLINE = (
    "# 号外 [red]中央[/] *人民* | 政府 `成立`\n第二行 <script>alert(1)</script> ![](https://t.example/p.png)"
)


def _note(number: int, **fields: object) -> Note:
    base: dict[str, object] = dict(
        id=str(number) * 32,
        issue_id="issue0001",
        article_id="p1-aaaaaaaaaaaa",
        text="笔记",
        quote="",
        tags=(),
        fingerprint="f" * 40,
        headline="中央人民政府成立",
        byline="新华社记者 李普",
        page=1,
        source_file="/library/1949-10-01/page-01.txt",
        source_lines=(3, 4, 5, 9),
        excerpt="本报讯",
        newspaper="人民日报",
        date="1949-10-01",
        created=f"2024-01-0{number}T08:00:00.000+00:00",
        updated=f"2024-01-0{number}T08:00:00.000+00:00",
    )
    base.update(fields)
    return Note(**base)  # type: ignore[arg-type]


def hostile_notes() -> list[Note]:
    """Two notes on one article whose headline, byline, quote, note and tags all try to break out."""
    return [
        _note(
            1,
            headline=HOSTILE_HEADLINE,
            byline="记者 李*普 | 通讯员 [王](x)",
            quote="第一句 [1]\n> 引用里的引用\n\n- 不是列表",
            text="我的笔记 `code` <b>粗</b> ![img](http://track/x.gif)\n# 不是标题\n1. 不是列表\n    不是代码块\n---",
            tags=("史料", "开国 大典", "x|y"),
        ),
        _note(2, headline=HOSTILE_HEADLINE, byline="记者 李*普 | 通讯员 [王](x)", text="第二条\u202e反转\x1b[31m红"),
    ]


def _check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


def test_markdown_golden_single_article() -> None:
    _check_golden("hostile_article.md", to_markdown(hostile_notes(), exported_at=EXPORTED_AT))


def test_markdown_golden_several_articles_with_missing_article() -> None:
    notes = [
        _note(1, quote="宣告成立", text="开国", tags=("history",)),
        _note(3, article_id="p2-bbbbbbbbbbbb", headline="首都三十万人集会", byline=None, page=2, source_lines=()),
    ]
    found = {notes[0].id: True, notes[1].id: False}
    _check_golden("two_articles.md", to_markdown(notes, found=found, exported_at=EXPORTED_AT))


def test_json_golden() -> None:
    _check_golden("hostile_article.json", to_json(hostile_notes(), exported_at=EXPORTED_AT))


def test_markdown_structure_cannot_be_broken() -> None:
    markdown = to_markdown(hostile_notes(), exported_at=EXPORTED_AT)
    body = markdown.split("\n---\n", 1)[1]
    assert [line for line in body.splitlines() if line.startswith("#")] == [
        "# 人民日报, 1949-10-01",
        "## \\# 号外 \\[red\\]中央\\[/\\] \\*人民\\* \\| 政府 \\`成立\\` 第二行 \\<script\\>alert(1)\\</script\\> "
        "\\!\\[\\](https://t.example/p.png)",
    ]
    assert not re.search(r"(?<!\\)[<!]", body), "raw HTML or an image link got through"
    assert not re.search(r"(?<!\\)[`|*\[]", body.replace("Citation", ""))
    assert "\x1b" not in markdown and "\u202e" not in markdown
    for line in body.splitlines():
        assert not line.startswith(("    ", "- ", "1. ", "---")), line  # no code block, list or rule


def test_front_matter_is_valid_flat_yaml() -> None:
    markdown = to_markdown(hostile_notes(), exported_at=EXPORTED_AT)
    lines = markdown.splitlines()
    assert lines[0] == "---"
    end = lines.index("---", 1)
    fields = {}
    for line in lines[1:end]:
        key, _, value = line.partition(": ")
        fields[key] = json.loads(value)  # JSON scalars and flow lists are YAML too
    assert fields["newspaper"] == "人民日报" and fields["issues"] == ["人民日报, 1949-10-01"]
    assert fields["notes"] == 2 and fields["tags"] == ["史料", "开国 大典", "x|y"]
    assert fields["exported_at"] == EXPORTED_AT
    assert yaml_str('a"\\\n\u2028') == '"a\\"\\\\\\n "'  # the sanitizer makes U+2028 a space


def test_conversion_applies_to_page_text_only() -> None:
    notes = [_note(1, headline="开国大典", byline="记者 李普", quote="开国", text="开国")]
    markdown = to_markdown(
        notes, convert=lambda t: t.replace("开", "開"), script="traditional", exported_at=EXPORTED_AT
    )
    assert "# 開国大典" in markdown and "\n> 开国\n" in markdown and "\n开国\n" in markdown
    assert 'converted_with: "traditional"' in markdown
    document = json.loads(to_json(notes, convert=lambda t: t.upper(), script="x", exported_at=EXPORTED_AT))
    assert document["converted_with"] == "x" and document["notes"][0]["original_headline"] == "开国大典"
    assert "converted_with" not in to_markdown(notes, exported_at=EXPORTED_AT)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ("题名", "记者 孙庆辉 通讯员 陈璐 文/图", "郑州日报", "2022-12-02", 1),
            "孙庆辉, 陈璐. 题名[N]. 郑州日报, 2022-12-02(1).",
        ),
        (("题名", "甲 乙 丙 丁", "报", "2000-11-20", 15), "甲, 乙, 丙, 等. 题名[N]. 报, 2000-11-20(15)."),
        (("题名", None, None, None, None), "题名[N]."),
        (("题名", None, "报", None, None), "题名[N]. 报."),
        ((None, "By Jane Roe", "The Times", "1912-04-16", 3), "ROE J. [Untitled][N]. The Times, 1912-04-16(3)."),
    ],
)
def test_gbt7714_citation(args: tuple, expected: str) -> None:
    assert gbt7714_citation(*args) == expected


def test_byline_authors_keep_names_containing_role_characters() -> None:
    assert byline_authors("本报记者 王文 摄") == ["王文"]
    assert byline_authors("记者孙庆辉") == ["孙庆辉"]


def test_md_inline_escapes_line_starts() -> None:
    assert md_inline("- a") == "\\- a" and md_inline("1949. 年") == "1949\\. 年" and md_inline("+ b") == "\\+ b"


def test_never_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "notes.md"
    write_new_file(target, "one")
    with pytest.raises(ReaderError, match="--force"):
        write_new_file(target, "two")
    assert target.read_text(encoding="utf-8") == "one"
    write_new_file(target, "three", force=True)
    assert target.read_text(encoding="utf-8") == "three"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.md"]  # no temp file left behind


def test_file_names_stay_inside_and_within_limits(tmp_path: Path) -> None:
    for hostile in ("../../etc/passwd", "/abs/path", "..", "a/../../b", "CON", "nul.txt", "x" * 400, "中" * 200, ""):
        name = safe_filename(hostile)
        assert "/" not in name and "\\" not in name and name not in (".md", "..md")
        assert len(name.encode("utf-8")) <= 255
        assert name.split(".")[0].lower() not in ("con", "nul")
        assert target_in(tmp_path, name).parent == tmp_path.resolve()
    with pytest.raises(ReaderError):
        target_in(tmp_path, "../escape.md")
    notes = [_note(1, headline="../../" + "长" * 300, newspaper="a/b")]
    name = default_filename(notes)
    assert name.startswith("1949-10-01 a_b") and name.endswith(" notes.md") or len(name.encode()) <= 255
    assert "/" not in name and len(name.encode("utf-8")) <= 255
