"""Search results as a list: ``/`` shows the hits (article, page, context), Enter goes to one, the status counts
"hit k of n", ``H`` lists them again; the palette's headline search matches across scripts as ``/`` does."""

from __future__ import annotations

from textual.widgets import OptionList

from reader.screens.issue import IssueScreen
from reader.screens.search_results import SearchResults
from reader.widgets.article_list import ArticleList
from tests.app.conftest import settle


async def test_search_lists_the_hits_and_enter_goes_to_one(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"安全生产", "enter")
        await settle(pilot)
        results = app.screen
        assert isinstance(results, SearchResults)
        listed = results.query_one("#results-list", OptionList)
        screen = app.screen_stack[-2]
        hits = screen.search.hits
        assert listed.option_count == len(hits) >= 3
        first = str(listed.get_option_at_index(0).prompt)
        assert "安全生产" in first and f"p.{hits[0].page_number}" in first
        assert " ".join(hits[0].article.display_title.split())[:10] in first
        await pilot.press("j", "j", "enter")
        await settle(pilot)
        assert isinstance(app.screen, IssueScreen)
        assert screen.search.index == 2 and app.current_article.id == hits[2].article.id
        assert f"hit 3 of {len(hits)}" in screen.sub_title
        await pilot.press("n")
        await pilot.pause()
        assert f"hit 4 of {len(hits)}" in screen.sub_title
        await pilot.press("H")
        await pilot.pause()
        assert isinstance(app.screen, SearchResults)
        assert app.screen.query_one("#results-list", OptionList).highlighted == 3
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.search.hits  # closing the list keeps the highlights


async def test_the_palette_finds_a_headline_in_the_other_script(make_app) -> None:
    """檢查 (traditional) finds the headline printed 检查 (simplified), as ``/`` would."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        target = next(a for a in app.screen.query_one(ArticleList).articles if "检查" in a.display_title)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"檢查")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, IssueScreen)
        assert app.current_article.id == target.id
