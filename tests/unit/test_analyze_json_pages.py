"""``analyze --json`` on a cold issue: the workers serialize their pages, and the document is byte for byte
what building it whole prints (links, escapes, empty and unreadable pages included)."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from reader.cache import AnalysisCache
from reader.cache_analysis import IssueJson, open_issue_cached, open_issue_json
from reader.contract import analysis_document, document_json
from reader.model import IssueAnalysis
from reader.sanitize import UNSAFE_CHARACTERS, escape_json_text

_BODY = (
    "The committee met on Tuesday evening to discuss the budget for next year, and members argued for "
    "three hours about the new parking structure before anyone proposed a vote on it."
)


def _whole(source: str, analysis: IssueAnalysis) -> bytes:
    """The document as ``print_json`` writes it."""
    text = orjson.dumps(analysis_document(source, analysis), option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    return escape_json_text(text.decode("utf-8")).encode("utf-8")


def _issue(folder: Path) -> Path:
    pages = [
        "Goats clear the hill\n\n" + _BODY + "\n\n" + _BODY + "\n\nSee GOATS, page 3\n",
        "Students plan \u202espring\u202c festival\u2028\n\n" + _BODY + "\u00ad\u200b\ufeff\n",
        "Council votes\n\n" + _BODY + "\n\nGOATS\n\nFrom page 1\n\n" + _BODY + "\n",
        "",
        "Tags \U000e0041 and \U0001d173 \x7f \x9b31m end\n\n" + _BODY + "\n",
        "第一版\u3000民國九年四月六日\n\n本報訊　上海各界昨日集會。\n",
    ]
    folder.mkdir()
    (folder / "issue.json").write_text('{"title": "The \\u202eDaily", "date": "1920-04-06"}', encoding="utf-8")
    for number, text in enumerate(pages, start=1):
        (folder / f"page-{number:03d}.txt").write_text(text, encoding="utf-8")
    (folder / "page-007.txt").write_bytes(b"\xff\xfe\x00\x00" * 3)
    # page text is sanitized as it is read; a file name is not, and the document escapes it
    (folder / "page-008\u202e\u2028.txt").write_text("Late news\n\n" + _BODY + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("warm", [False, True])
def test_the_pages_serialized_apart_make_the_same_document(tmp_path: Path, warm: bool) -> None:
    issue = _issue(tmp_path / "issue")
    if warm:  # entries there, no folder record: the workers decode the entries they find
        open_issue_cached(issue, AnalysisCache(tmp_path / "warm"), workers=1)
        for record in (tmp_path / "warm" / "folders").rglob("*.json"):
            record.unlink()
    cache = AnalysisCache(tmp_path / ("warm" if warm else "cold"))
    result = open_issue_json(issue, cache)
    assert isinstance(result, IssueJson)
    expected = _whole(str(issue), open_issue_cached(issue, AnalysisCache(tmp_path / "other"), workers=1))
    assert document_json(str(issue), result.issue, result.pages) == expected
    assert b"continues_on" in expected and b"\\u202e" in expected
    assert _whole(str(issue), result.analysis()) == expected
    # an issue with unreadable pages (empty, not text) is read afresh each time; without it, the next open is warm (as usual)
    (issue / "page-004.txt").unlink()
    (issue / "page-007.txt").unlink()
    cold = open_issue_json(issue, cache)
    assert isinstance(cold, IssueJson)
    warm_analysis = open_issue_json(issue, cache)
    assert isinstance(warm_analysis, IssueAnalysis)
    assert document_json(str(issue), cold.issue, cold.pages) == _whole(str(issue), warm_analysis)


def test_every_character_escaped_is_unprintable() -> None:
    """The workers skip the escape pass for pages whose strings are all printable."""
    import re

    unsafe = re.compile(f"[{UNSAFE_CHARACTERS}\u2028\u2029]")
    assert not any(chr(code).isprintable() for code in range(0x110000) if unsafe.match(chr(code)))


def test_what_orjson_refuses_is_left_to_the_usual_path() -> None:
    """A file name that is not UTF-8 (a lone surrogate): no page JSON, and no document from the parts."""
    from reader.contract import page_json
    from reader.model import Issue, IssueMeta, Page, PageAnalysis

    page = Page(number=1, source="page-\udcff.txt", lines=())
    assert page_json(PageAnalysis(page, ())) is None
    issue = Issue("id", "issue-\udcff", IssueMeta(), (page,))
    assert document_json("issue-\udcff", issue, []) is None
