"""Pilot tests: display script (t), reading state remembered in the store, themes, command palette."""

from __future__ import annotations

from reader.screens.issue import IssueScreen
from reader.widgets.article_body import ArticleBody
from reader.widgets.article_list import ArticleList
from reader.widgets.raw_view import RawView
from tests.app.conftest import FakeStore, all_text, close_search_results, settle


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
        analysis = store.analyses[-1]  # passed on, so that re-anchored notes are marked too
        assert analysis.issue.id == app.current_issue.id and article in analysis.articles


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
        await close_search_results(pilot)
        body = app.screen.query_one(ArticleBody)
        highlighted = [block.text[start:end] for block in body.blocks for start, end in block.highlights]
        assert highlighted and all(text == "安全生產" for text in highlighted)


def _header_highlights(screen) -> list[str]:
    """The text of every highlighted span in the headline block and details panel."""
    from textual.widgets import Static

    found = []
    for widget_id in ("#headline-block", "#article-details"):
        content = screen.query_one(widget_id, Static).visual
        found += [content.plain[span.start : span.end] for span in content.spans if "on $" in str(span.style)]
    return found


async def test_search_in_taiwan_script_counts_navigates_and_highlights_the_displayed_text(make_app) -> None:
    """A Simplified query over text shown in Taiwan script: every hit is counted, visited and highlighted in
    the displayed (converted) text, headlines included, and the current hit is where n put it."""
    app = make_app(script="taiwan")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.script == "taiwan"
        await pilot.press("slash", *"安全生产", "enter")
        await settle(pilot)
        await close_search_results(pilot)
        hits = screen.search.hits
        assert hits and {hit.match for hit in hits} == {"安全生產"}
        assert "headline" in {hit.field for hit in hits}
        body = screen.query_one(ArticleBody)
        for _ in range(len(hits)):
            hit = screen.search.current
            assert app.current_article.id == hit.article.id
            display = screen.query_one("ArticleView").display_article
            assert display.script == "taiwan"
            paragraph_spans = [(i, span) for i, block in enumerate(body.blocks) for span in block.highlights]
            shown = [body.blocks[i].text[start:end] for i, (start, end) in paragraph_spans] + _header_highlights(screen)
            in_article = [h for h in hits if h.article.id == hit.article.id]
            assert len(shown) == len(in_article) and set(shown) == {"安全生產"}
            if hit.field == "paragraph":
                block = body.blocks[hit.paragraph_index]
                assert block.current == hit.span and block.text[hit.start : hit.end] == "安全生產"
            else:
                assert not any(block.current for block in body.blocks)
            await pilot.press("n")
            await pilot.pause()
        assert screen.search.index == 0  # wrapped round


async def test_search_simplified_sample_with_a_traditional_query(make_app) -> None:
    """高新區 (Traditional) finds 高新区 in the Simplified sample, in headlines and text, highlighted there."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"高新區", "enter")
        await settle(pilot)
        await close_search_results(pilot)
        screen = app.screen
        hits = screen.search.hits
        assert len(hits) >= 5 and {hit.match for hit in hits} == {"高新区"}
        assert {"headline", "paragraph"} <= {hit.field for hit in hits}
        assert "高新区" in _header_highlights(screen)
        await pilot.press("r")  # the raw lines show where the query matches them too
        raw = screen.query_one(RawView)
        marked = [block.text[s:e] for block in raw.blocks for s, e in block.highlights]
        assert marked and set(marked) == {"高新区"}


async def test_changing_script_reruns_the_search_on_the_new_text(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"高新區", "enter")
        await settle(pilot)
        await close_search_results(pilot)
        screen = app.screen
        count = len(screen.search.hits)
        await pilot.press("t", "t")  # traditional
        await settle(pilot)
        assert screen.search.script == "traditional" and len(screen.search.hits) == count
        assert {hit.match for hit in screen.search.hits} == {"高新區"}
        body = screen.query_one(ArticleBody)
        assert all(block.text[s:e] == "高新區" for block in body.blocks for s, e in block.highlights)


async def test_the_theme_is_restored_when_starting_on_a_library(make_app, store: FakeStore) -> None:
    from tests.app.conftest import LIBRARY

    store.state["theme"] = "textual-light"
    # The store is opened after the first frame, as in the real app (not handed over ready).
    app = make_app(LIBRARY, store=None, store_opener=lambda: store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.pause()
        assert app.store is store
        assert app.theme == "textual-light"
