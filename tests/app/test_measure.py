"""The measure: lines of text stop at a comfortable length (about 40 Chinese or 72 Latin characters), centred;
``w`` / ``W`` change it and the store remembers it; at 80×24 the text still gets 30 Chinese characters a line."""

from __future__ import annotations

from rich.cells import cell_len

from reader.app import ReaderApp
from reader.widgets.article_body import ArticleBody, is_wide_text, measure_cells
from reader.widgets.article_list import ArticleList
from tests.app.conftest import FakeStore, settle


def _text_lines(body: ArticleBody) -> list[str]:
    return [body.render_line(y).text for y in range(body.size.height)]


def test_the_measure_follows_the_script() -> None:
    assert is_wide_text(["本报讯 11月29日，高新区梧桐园区运营中心党支部召开专题组织生活会"])
    assert not is_wide_text(["The council met on Tuesday to discuss the new bridge over the river."])
    assert measure_cells(["高新区梧桐园区"]) == 80 and measure_cells(["The bridge"]) == 72
    assert measure_cells(["高新区梧桐园区"], 2) == 96 and measure_cells(["The bridge"], -1) == 64


async def test_wide_terminal_lines_stop_at_the_measure_centred(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        body = app.screen.query_one(ArticleBody)
        lines = [line for line in _text_lines(body) if line.strip()]
        assert max(cell_len(line.strip()) for line in lines) <= 80
        margins = {len(line) - len(line.lstrip(" ")) for line in lines}
        assert min(margins) > 10  # centred: the text starts well inside the pane
        assert max(cell_len(line.strip()) for line in lines) >= 76  # and runs to the measure


async def test_w_and_W_change_the_measure_and_it_is_remembered() -> None:
    store = FakeStore()
    app = ReaderApp(None, store=store)
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        body = app.screen.query_one(ArticleBody)
        assert body.measure == 80
        await pilot.press("w", "w")
        assert body.measure == 96 and body._wrapped_width == 96
        await pilot.press("W")
        assert body.measure == 88
        assert store.state["measure_step"] == 1
        await pilot.press("down")  # another article keeps the chosen measure
        await pilot.pause()
        assert body.measure == 88
    again = ReaderApp(None, store=store)
    async with again.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        assert again.screen.query_one(ArticleBody).measure == 88


async def test_80x24_gives_30_chinese_characters_a_line_beside_the_list(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(ArticleList).display
        body = app.screen.query_one(ArticleBody)
        assert body._wrapped_width >= 60
        full_lines = [line.strip() for line in _text_lines(body) if line.strip()][:-1]
        assert min(sum(cell_len(ch) == 2 for ch in line) for line in full_lines[:3]) >= 28  # digits take cells too
        assert max(cell_len(line) for line in full_lines) >= 60
