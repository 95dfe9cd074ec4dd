"""Keys readers expect from less, vim and e-book readers: paging on through an issue, jumps, Esc, ctrl+c."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from reader.app import ReaderApp
from reader.screens.bookmarks import BookmarksScreen
from reader.screens.help import HelpScreen
from reader.screens.issue import IssueScreen
from reader.screens.library import LibraryScreen
from reader.store import Store
from reader.widgets.article_body import ArticleBody
from reader.widgets.article_list import ArticleList
from tests.app.conftest import LIBRARY, close_search_results, settle

SMALL = (80, 24)


async def test_space_pages_through_the_article_then_on_to_the_next(make_app) -> None:
    """Space scrolls a screen at a time; at the end of the text the next article opens at its top."""
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        articles = [a for a in app.screen.query_one(ArticleList).articles if a.kind == "article"]
        body = app.screen.query_one(ArticleBody)
        end = body.max_scroll_y
        assert app.current_article is articles[0] and end > 0
        positions = []
        for _ in range(50):  # bounded: a key that does nothing must fail the test, not hang it
            if app.current_article is not articles[0]:
                break
            positions.append(body.scroll_y)
            await pilot.press("space")
            await pilot.pause()
        assert positions[0] == 0 and positions[-1] == end and len(positions) >= 2
        assert positions == sorted(positions) and len(set(positions)) == len(positions)
        assert app.current_article is articles[1] and body.scroll_y == 0
        await pilot.press("shift+space")  # back to the previous article's last screen
        await pilot.pause()
        assert app.current_article is articles[0] and body.scroll_y == body.max_scroll_y


async def test_page_keys_in_the_text_and_jumps_are_instant(make_app) -> None:
    """In the text: G/End and g/Home jump at once (no animation), ctrl+d/ctrl+u half a screen, ctrl+f/ctrl+b a
    screen, PageDown past the end opens the next article."""
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        body = app.screen.query_one(ArticleBody)
        body.focus()
        await pilot.press("G")
        assert body.scroll_y == body.max_scroll_y > 0  # asserted before any pause: no animation
        await pilot.press("g")
        assert body.scroll_y == 0
        await pilot.press("end")
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("home")
        assert body.scroll_y == 0
        height = body.scrollable_content_region.height
        await pilot.press("ctrl+d")
        assert body.scroll_y == min(body.max_scroll_y, height // 2)
        await pilot.press("ctrl+u")
        assert body.scroll_y == 0
        await pilot.press("ctrl+f")
        assert body.scroll_y == min(body.max_scroll_y, height - 1)
        await pilot.press("ctrl+b")
        assert body.scroll_y == 0
        first = app.current_article
        await pilot.press("end", "pagedown")
        await pilot.pause()
        assert app.current_article is not first and body.scroll_y == 0
        await pilot.press("pageup")
        await pilot.pause()
        assert app.current_article is first


async def test_g_and_G_in_the_list(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        articles = app.screen.query_one(ArticleList).articles
        await pilot.press("G")
        assert app.current_article is articles[-1]
        await pilot.press("g")
        assert app.current_article is articles[0]


async def test_escape_peels_the_search_then_goes_back(make_app) -> None:
    """Esc first clears the search highlights (the issue stays open), then returns to the library."""
    app = make_app(LIBRARY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IssueScreen)
        word = app.current_article.paragraphs[0][:2]
        await pilot.press("slash", *word, "enter")
        await settle(pilot)
        await close_search_results(pilot)
        assert screen.search.hits
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and screen.search.query == "" and screen.search.hits == ()
        assert not any(block.highlights for block in screen.query_one(ArticleBody).blocks)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_j_and_k_move_in_the_bookmarks_dialog(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    app = ReaderApp(None, store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("b", "j", "b")
        await settle(pilot)
        await pilot.press("B")
        await settle(pilot)
        assert isinstance(app.screen, BookmarksScreen)
        option_list = app.screen.query_one("#bookmark-list", OptionList)
        assert option_list.option_count == 2 and option_list.highlighted == 0
        await pilot.press("j")
        assert option_list.highlighted == 1
        await pilot.press("k")
        assert option_list.highlighted == 0


async def test_j_and_k_scroll_the_help(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(60, 12)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        box = app.screen.query_one("#help-box")
        await pilot.press("j", "j")
        assert box.scroll_y == 2
        await pilot.press("k")
        assert box.scroll_y == 1


async def test_ctrl_c_without_a_selection_says_how_to_quit(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any("Press q" in message and "quit" in message for message in messages)
        assert app.is_running


async def test_paging_keys_are_remappable(make_app) -> None:
    app = make_app(keymap={"page-forward": "x"})
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        body = app.screen.query_one(ArticleBody)
        await pilot.press("space")
        assert body.scroll_y == 0
        await pilot.press("x")
        assert body.scroll_y > 0
