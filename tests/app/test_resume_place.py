"""Resume: each article keeps its reading place (the paragraph and character at the top), across articles and
across runs."""

from __future__ import annotations

from reader.app import ReaderApp
from reader.widgets.article_body import ArticleBody
from tests.app.conftest import FakeStore, settle


async def test_each_article_keeps_its_place() -> None:
    store = FakeStore()
    app = ReaderApp(None, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        body = app.screen.query_one(ArticleBody)
        first = app.current_article
        body.focus()
        await pilot.press("ctrl+d")
        await pilot.pause()
        place = body.place()
        assert place is not None and place != (0, 0)
        app.screen.query_one("#article-list").focus()
        await pilot.press("down")
        await pilot.pause()
        assert app.current_article is not first and body.scroll_y == 0
        await pilot.press("up")
        await pilot.pause()
        assert app.current_article is first and body.place() == place


async def test_the_place_survives_a_restart() -> None:
    store = FakeStore()
    app = ReaderApp(None, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down")
        await pilot.pause()
        second = app.current_article
        body = app.screen.query_one(ArticleBody)
        body.focus()
        await pilot.press("ctrl+d")
        await pilot.pause(1.3)  # the place is saved a moment after scrolling stops
        place = body.place()
        assert place != (0, 0)
    again = ReaderApp(None, store=store)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.pause()
        assert again.current_article.id == second.id
        assert again.screen.query_one(ArticleBody).place() == place


async def test_a_library_opens_on_the_issue_read_last() -> None:
    from textual.widgets import OptionList

    from tests.app.conftest import LIBRARY

    store = FakeStore()
    app = ReaderApp(LIBRARY, store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        chosen = app.screen.query_one("#issue-list", OptionList).highlighted
        await pilot.press("enter")
        await settle(pilot)
        title = app.current_issue.title
    again = ReaderApp(LIBRARY, store=store)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        issue_list = again.screen.query_one("#issue-list", OptionList)
        assert issue_list.highlighted == chosen
        await pilot.press("enter")
        await settle(pilot)
        assert again.current_issue.title == title
