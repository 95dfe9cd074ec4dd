"""Script conversion keeps people's names as printed (通讯员 于其政 never becomes 於其政), in every view."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from reader.convert import get_converter, keeping_names
from reader.document import open_issue
from reader.search import search_issue
from reader.widgets.display import display_article

PAGE = "于是会议召开，大家发言。\n\n通讯员 于其政\n"


def test_keeping_names_converts_around_the_names() -> None:
    convert = keeping_names("通讯员 于其政", get_converter("traditional"))
    assert convert("通讯员 于其政 于是") == "通訊員 于其政 於是"
    assert get_converter("traditional")("于其政") == "於其政"  # what would happen without protection


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_every_view_keeps_the_name(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    analysis = open_issue(page)
    article = next(a for a in analysis.articles if a.byline)
    assert "于其政" in article.byline
    for script in ("traditional", "taiwan", "hongkong"):
        display = display_article(article, None, script, get_converter(script))
        assert "于其政" in display.byline and all("于其政" == name for _, name in display.contributors)
        assert display.title.startswith("於是")  # the rest still converts
        assert main(["show", str(page), "--script", script]) == 0
        out = capsys.readouterr().out
        assert "于其政" in out and "於其政" not in out and "於是" in out
        assert main(["list", str(page), "--script", script]) == 0
        assert "於其政" not in capsys.readouterr().out
    hits = search_issue(analysis, "于其政", get_converter("traditional"))
    assert hits and all(hit.text[hit.start : hit.end] == "于其政" for hit in hits)
