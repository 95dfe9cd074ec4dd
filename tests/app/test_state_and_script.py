"""Pilot tests: display script (t), reading state remembered in the store, themes, command palette."""

from __future__ import annotations

from reader.screens.issue import IssueScreen
from reader.widgets.article_body import ArticleBody
from reader.widgets.article_list import ArticleList
from reader.widgets.raw_view import RawView
from tests.app.conftest import FakeStore, all_text, settle


async def test_t_cycles_the_script_and_converts_the_text(make_app, store: FakeStore) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        issue_id = app.current_issue.id
        seen = []
        for _ in range(5):
            await pilot.press("t")
            await settle(pilot)
            seen.append(screen.script)
            assert screen.script in screen.sub_title
        assert seen == ["simplified", "traditional", "taiwan", "hongkong", "original"]
        await pilot.press("t", "t")  # traditional
        await settle(pilot)
        assert store.state[f"issue:{issue_id}:script"] == "traditional"
        body_text = all_text(screen.query_one(ArticleBody))
        assert "報訊" in body_text  # 报讯 → 報訊
        titles = screen.query_one(ArticleList)._titles
        assert any("區" in title for title, _byline in titles.values())
        await pilot.press("r")  # the raw view is built when first shown
        raw = screen.query_one(RawView)
        assert "converted to traditional" in str(raw.border_title)
        assert "區" in all_text(raw)


async def test_script_and_last_article_are_restored(make_app, store: FakeStore) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "t", "t")
        await settle(pilot)
        chosen = app.current_article.id
    again = make_app(store=store)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.current_article.id == chosen
        assert again.screen.script == "traditional"
        assert "報" in all_text(again.screen.query_one(ArticleBody))


async def test_cli_script_wins_over_the_saved_one(make_app, store: FakeStore) -> None:
    app = make_app(script="simplified")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.script == "simplified"


async def test_theme_is_remembered(make_app, store: FakeStore) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_toggle_dark()
        await pilot.pause()
        assert store.state["theme"] == app.theme
    again = make_app(store=store)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.theme == store.state["theme"]


async def test_markers_show_bookmarks_and_notes(make_app, store: FakeStore) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        article = app.current_article
        store.bookmarks.add((app.current_issue.id, article.id))
        store.notes[(app.current_issue.id, article.id)] = ["a note"]
        app.refresh_markers()
        article_list = app.screen.query_one(ArticleList)
        prompt = str(article_list.get_option(article.id).prompt)
        assert prompt.startswith("⚑✎")


async def test_ctrl_p_jumps_to_an_article_by_headline(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        target = app.screen.query_one(ArticleList).articles[2]
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*target.display_title[:6])
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, IssueScreen)
        assert app.current_article.id == target.id


async def test_system_commands_cover_every_action(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        for title in (
            "Raw / cleaned text",
            "Search in issue",
            "Next search hit",
            "Previous search hit",
            "Cycle script",
            "Next page",
            "Previous page",
            "Switch pane",
            "Help: keys",
            "Light / dark theme",
            "Captions and notices",
        ):
            assert title in titles


async def test_search_hits_stay_highlighted_in_a_converted_script(make_app) -> None:
    from reader.widgets.article_body import ArticleBody

    app = make_app(script="traditional")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"安全生产", "enter")
        await settle(pilot)
        body = app.screen.query_one(ArticleBody)
        highlighted = [block.text[start:end] for block in body.blocks for start, end in block.highlights]
        assert highlighted and all(text == "安全生產" for text in highlighted)
