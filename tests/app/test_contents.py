"""The table of contents (``o``): every page with its articles, each marked with its kind; Enter shows one."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from reader.screens.contents import KIND_MARKS, ContentsScreen
from reader.screens.issue import IssueScreen
from tests.app.conftest import FIXTURES, settle


async def test_o_shows_pages_and_articles_with_kind_marks(make_app, tmp_path: Path) -> None:
    page = (FIXTURES / "masthead-issue" / "page-01.txt").read_text(encoding="utf-8")
    issue = tmp_path / "issue"
    issue.mkdir()
    (issue / "page-01.txt").write_text(page, encoding="utf-8")
    (issue / "page-02.txt").write_text(page.replace("城南新聞", "城北消息"), encoding="utf-8")
    app = make_app(issue)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ContentsScreen)
        contents = app.screen.query_one("#contents-list", OptionList)
        rows = [str(contents.get_option_at_index(i).prompt) for i in range(contents.option_count)]
        assert [row for row in rows if row.startswith("Page ")] == ["Page 1 · 1 article", "Page 2 · 1 article"]
        assert any(KIND_MARKS["other"] in row and "第一版" in row for row in rows)  # furniture listed, marked
        assert any(KIND_MARKS["article"] in row and "城北消息" in row for row in rows)
        assert "城南新聞" in rows[contents.highlighted]  # the article on show is highlighted
        await pilot.press("j", "j", "enter")  # past the heading and the running head of page 2
        await settle(pilot)
        assert app.screen is screen and isinstance(screen, IssueScreen)
        assert app.current_article.display_title == "城北消息" and app.current_article.page_number == 2
