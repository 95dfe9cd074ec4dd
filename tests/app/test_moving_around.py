"""Moving around an issue: the status says "article k of n · page p of m", and ``p`` goes to a page by number."""

from __future__ import annotations

from reader.screens.search_input import SearchInput
from tests.app.conftest import TWO_PAGE_ISSUE, settle


async def test_the_status_says_which_article_and_page(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "article 1 of 4 · page 1 of 1" in app.screen.sub_title
        await pilot.press("down")
        await pilot.pause()
        assert "article 2 of 4 · page 1 of 1" in app.screen.sub_title


async def test_p_goes_to_a_page_by_number(make_app) -> None:
    app = make_app(TWO_PAGE_ISSUE)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.current_article.page_number == 1
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, SearchInput)
        await pilot.press("2", "enter")
        await settle(pilot)
        assert app.current_article.page_number == 2 and "page 2 of 2" in app.screen.sub_title
        await pilot.press("p", "9", "enter")
        await settle(pilot)
        assert app.current_article.page_number == 2
        assert any("no page 9" in str(n.message) for n in app._notifications)


async def test_c_follows_a_continuation_and_backspace_comes_back(make_app) -> None:
    """Where the analysis links a jumped story (continues_on / continued_from), c goes to the rest of it and
    backspace returns to the place it was left."""
    from dataclasses import replace

    from reader.widgets.article_body import ArticleBody
    from reader.widgets.article_header import details_line
    from reader.widgets.article_list import ArticleList
    from reader.widgets.display import display_article

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        first, *middle, last = screen.articles
        first = replace(first, continues_on=last.id)
        last = replace(last, continued_from=first.id)
        screen._articles = (first, *middle, last)
        screen.query_one(ArticleList).set_articles(screen._articles)
        screen.jump_to(first)
        await pilot.pause()
        assert "continued elsewhere (c)" in details_line(display_article(first, None)).plain
        body = screen.query_one(ArticleBody)
        body.focus()
        await pilot.press("ctrl+d")
        place = body.place()
        await pilot.press("c")
        await pilot.pause()
        assert app.current_article.id == last.id
        await pilot.press("backspace")
        await pilot.pause()
        assert app.current_article.id == first.id and body.place() == place
        screen.jump_to(middle[0])  # an article without a continuation says so
        await pilot.press("c")
        await pilot.pause()
        assert any("does not go on" in str(n.message) for n in app._notifications)
