"""Pilot tests of the issue screen: list, article view, keys."""

from __future__ import annotations

from reader.screens.help import HelpScreen
from reader.screens.issue import IssueScreen
from reader.screens.search_input import SearchInput
from reader.widgets.article_body import ArticleBody
from reader.widgets.article_list import ArticleList
from reader.widgets.article_view import ArticleView
from reader.widgets.raw_view import RawView
from tests.app.conftest import TWO_PAGE_ISSUE, all_text, close_search_results, settle, view_text

SEED_HEADLINES = (
    "高新区领导以普通党员身份参加基层党支部组织生活会",
    "高新区人大工委到双桥办事处检查安全生产工作",
    "高新区四个重大项目集中开工",
    "高新区召开全区安全生产暨应对低温雨雪冰冻灾害工作部署会议",
)


async def test_opens_the_sample_issue_on_its_first_article(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, IssueScreen)
        article_list = app.screen.query_one(ArticleList)
        titles = [a.display_title for a in article_list.articles if a.kind == "article"]
        assert len(titles) == 4
        assert app.current_article is article_list.articles[0]
        assert app.current_issue is not None and app.current_issue.title == "郑州高新区地方报"
        assert "original" in app.screen.sub_title
        body = app.screen.query_one(ArticleBody)
        assert all_text(body).startswith(app.current_article.paragraphs[0][:10])
        assert article_list.has_focus


async def test_arrows_and_jk_move_through_the_list(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles = app.screen.query_one(ArticleList).articles
        await pilot.press("down")
        assert app.current_article is articles[1]
        await pilot.press("j", "j")
        assert app.current_article is articles[3]
        await pilot.press("k")
        assert app.current_article is articles[2]
        await pilot.press("up")
        assert app.current_article is articles[1]


async def test_enter_opens_and_tab_switches_pane(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")
        body = app.screen.query_one(ArticleBody)
        assert body.has_focus
        assert app.current_article is app.screen.query_one(ArticleList).articles[1]
        await pilot.press("tab")
        assert app.screen.query_one(ArticleList).has_focus
        await pilot.press("tab")
        assert body.has_focus
        await pilot.press("j")  # scrolls the text, does not move the list
        assert app.current_article is app.screen.query_one(ArticleList).articles[1]


async def test_r_shows_raw_lines_with_numbers_and_back(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        await pilot.press("r")
        assert view.raw
        raw = app.screen.query_one(RawView)
        assert raw.display
        article = app.current_article
        first_line = min(article.source_lines)
        assert view_text(raw).lstrip().startswith(str(first_line))
        assert "Raw OCR" in str(raw.border_title)
        await pilot.press("r")
        assert not view.raw
        assert app.screen.query_one(ArticleBody).display


async def test_brackets_move_between_pages(make_app) -> None:
    app = make_app(TWO_PAGE_ISSUE)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.current_article.page_number == 1
        await pilot.press("right_square_bracket")
        assert app.current_article.page_number == 2
        await pilot.press("right_square_bracket")  # no further page: stays
        assert app.current_article.page_number == 2
        await pilot.press("left_square_bracket")
        assert app.current_article.page_number == 1


async def test_search_highlights_and_n_N_move_across_articles(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(app.screen, SearchInput)
        await pilot.press(*"安全生产", "enter")
        await settle(pilot)
        await close_search_results(pilot)
        screen = app.screen
        assert isinstance(screen, IssueScreen)
        hit_articles = {hit.article.id for hit in screen.search.hits}
        assert len(hit_articles) >= 2
        first = app.current_article
        assert "安全生产" in first.text
        body = screen.query_one(ArticleBody)
        current = screen.search.current
        assert current.article.id == first.id
        assert any(block.current for block in body.blocks) == (current.field == "paragraph")
        assert sum(len(block.highlights) for block in body.blocks) == first.text.count("安全生产")
        seen = {first.id}
        for _ in range(len(screen.search.hits)):
            await pilot.press("n")
            seen.add(app.current_article.id)
        assert seen == hit_articles
        before = screen.search.index
        await pilot.press("N")
        assert screen.search.index == (before - 1) % len(screen.search.hits)


async def test_search_without_hits_and_cancel(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"不存在的词", "enter")
        await settle(pilot)
        assert app.screen.search.hits == ()
        await pilot.press("slash", "x", "escape")
        assert isinstance(app.screen, IssueScreen)


async def test_help_lists_every_key(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        described = {description for _where, _key, description in app.screen._rows}
        for description in (
            "Switch pane",
            "Prev page",
            "Next page",
            "Raw/cleaned",
            "Search",
            "Next hit",
            "Prev hit",
            "Script",
            "Quit",
            "Help",
            "Commands",
            "Open the article",
            "Move",
        ):
            assert description in described
        keys = {key for _where, key, _description in app.screen._rows}
        assert {"j", "k", "[", "]", "r", "/", "n", "N", "t", "q", "?", "tab"} <= keys
        await pilot.press("escape")
        assert isinstance(app.screen, IssueScreen)


async def test_q_quits(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_f_hides_and_shows_other_kinds(make_app) -> None:
    from dataclasses import replace

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        caption = replace(article_list.articles[0], id="caption-1", kind="caption", headline="图片说明")
        article_list.set_articles((*article_list.articles, caption))

        def listed() -> set[str]:
            return {option.id for option in article_list.options if option.id}

        assert "caption-1" not in listed() and len(listed()) == 4  # folded by default
        await pilot.press("f")
        assert "caption-1" in listed()
        await pilot.press("f")
        assert "caption-1" not in listed()


async def test_the_issue_opens_on_its_first_real_article_not_the_masthead(make_app) -> None:
    """A page header (第一版 … 星期六) is listed first, but the reader starts on the article below it."""
    from tests.app.conftest import FIXTURES

    app = make_app(FIXTURES / "masthead-issue")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        assert article_list.articles[0].kind == "other"
        assert app.current_article is not None and app.current_article.headline == "城南新聞"
        assert article_list.highlighted_article is app.current_article


async def test_at_80_columns_the_footer_still_shows_help_and_quit(make_app) -> None:
    """Also for an issue opened from a library, whose footer has Esc (back) as well."""
    from textual.widgets._footer import FooterKey

    from tests.app.conftest import LIBRARY

    for path in (None, TWO_PAGE_ISSUE, LIBRARY):
        app = make_app(path)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            if path == LIBRARY:
                await pilot.press("enter")
                await settle(pilot)
            await pilot.pause(0.1)
            keys = {key.action: key for key in app.screen.query(FooterKey)}
            for action in ("app.help", "app.quit", "search"):
                action = action if action in keys else action.removeprefix("app.")
                assert action in keys, sorted(keys)
                region = keys[action].region
                assert region.width and region.right <= 80 - len("^p Commands"), (action, region)
