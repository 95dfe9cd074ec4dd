"""The raw view's title names the line ranges it shows, and private-use characters (a transcriber's mark for a
glyph that could not be encoded) are shown as 〓 everywhere the article is drawn."""

from __future__ import annotations

from pathlib import Path

from reader.screens.help import HelpScreen
from reader.widgets.article_body import ArticleBody
from reader.widgets.article_list import ArticleList
from reader.widgets.article_view import ArticleView, format_ranges
from reader.widgets.display import line_ranges, mark_missing_glyphs
from reader.widgets.raw_view import RawView
from tests.app.conftest import all_text, settle


def test_line_ranges() -> None:
    assert format_ranges(line_ranges([85, 86, 87, 203, 204, 205])) == "85–87, 203–205"
    assert format_ranges(line_ranges([7])) == "7" and format_ranges(line_ranges([3, 1, 2, 9])) == "1–3, 9"
    assert line_ranges([1, 2, 4, 5, 9], blank={3, 7}) == ((1, 5), (9, 9))  # line 8 is another article's


def test_private_use_characters_become_geta_marks() -> None:
    assert mark_missing_glyphs("上海\ue111報") == "上海〓報"
    assert mark_missing_glyphs("plain") == "plain" and mark_missing_glyphs("\U000f0001") == "〓"


async def test_the_raw_title_names_each_range_shown(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "r")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        numbers = sorted(line.number for line in view.display_article.raw_lines)
        title = str(app.screen.query_one(RawView).border_title)
        # The second article's lines run 48–83 (blank lines between paragraphs are no gap), then it takes its
        # title from the foot of the page: two ranges, not one range claiming everything between.
        ranges = view.display_article.line_ranges
        assert len(ranges) >= 2 and ranges[0][0] == numbers[0] and ranges[-1][1] == numbers[-1]
        assert format_ranges(ranges) in title and ", " in title


async def test_a_missing_glyph_shows_as_geta_in_list_text_and_raw_lines(make_app, tmp_path: Path) -> None:
    page = "上海新聞\n\n本報訊　昨日\ue111某君到滬，各界歡迎，場面盛大，觀者如堵。\n"
    issue = tmp_path / "issue"
    issue.mkdir()
    (issue / "page-01.txt").write_text(page, encoding="utf-8")
    app = make_app(issue)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        body = app.screen.query_one(ArticleBody)
        assert "昨日〓某君" in all_text(body) and "\ue111" not in all_text(body)
        await pilot.press("r")
        await settle(pilot)
        raw = app.screen.query_one(RawView)
        assert "〓" in all_text(raw) and "\ue111" not in all_text(raw)
        assert "\ue111" not in "".join(str(o.prompt) for o in app.screen.query_one(ArticleList).options)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "GETA" in str(app.screen.query_one("#help-glyphs").render())
