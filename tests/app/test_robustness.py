"""Pilot tests: untrusted text shown literally, bad input, terminal sizes, resizing, long text drawn lazily."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static

from reader.model import Line
from reader.screens.issue import IssueScreen
from reader.widgets.article_body import ArticleBody
from reader.widgets.article_list import ArticleList
from reader.widgets.raw_view import RawView
from tests.app.conftest import MARKUP_ISSUE, all_text, settle, view_text


async def test_markup_and_escapes_from_files_are_shown_literally(make_app) -> None:
    app = make_app(MARKUP_ISSUE)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.is_running  # [@click=app.quit] must not be live
        screen = app.screen
        article_list = screen.query_one(ArticleList)
        first = article_list.articles[0]
        assert first.display_title == "[red]號外[/] [1]"
        assert "[red]號外[/] [1]" in str(article_list.get_option(first.id).prompt)
        headline = str(screen.query_one("#headline-block", Static).render())
        assert "[red]號外[/] [1]" in headline
        assert "[b]測試[/b]" in screen.sub_title
        texts = []
        for article in article_list.articles:
            article_list.select_article(article.id)
            await pilot.pause()
            texts.append(all_text(screen.query_one(ArticleBody)))
            await pilot.press("r")
            texts.append(all_text(screen.query_one(RawView)))
            await pilot.press("r")
        shown = "\n".join(texts)
        for literal in ("[b]粗體[/b]", "[/]", "[@click=app.quit]點我[/]", "C:\\path\\", "【圖1】", "[图1]"):
            assert literal in shown
        assert "\x1b" not in shown and "\x07" not in shown
        assert "紅色" in shown


def _notice(app) -> str:
    """The text of the error notice on screen ("" when there is none)."""
    from reader.screens.error_notice import ErrorNotice

    if not isinstance(app.screen, ErrorNotice):
        return ""
    return str(app.screen.query_one("#error-message").render())


async def test_a_missing_path_is_reported_not_raised(make_app, tmp_path) -> None:
    app = make_app(tmp_path / "nowhere")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.is_running
        assert "no such file" in _notice(app)  # on screen until dismissed
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, IssueScreen)


async def test_an_empty_folder_is_reported(make_app, tmp_path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.is_running
        assert "no page files" in _notice(app)


def test_launch_rejects_a_missing_path_before_starting(tmp_path) -> None:
    import argparse

    from reader.app import launch
    from reader.errors import InputError

    with pytest.raises(InputError):
        launch(argparse.Namespace(path=str(tmp_path / "missing"), script=None, debug=False))


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40), (250, 70)])
async def test_sizes_render_without_overlap(make_app, size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        article_list = screen.query_one(ArticleList)
        body = screen.query_one(ArticleBody)
        header = screen.query_one("ArticleHeader")
        assert article_list.region.right <= body.region.x
        assert header.region.bottom <= body.region.y
        assert body.region.height >= 3
        assert body.region.right <= size[0]
        width = body.scrollable_content_region.width
        from rich.cells import cell_len

        for y in range(body.size.height):
            assert cell_len(body.render_line(y).text) <= body.size.width
        assert width > 10


async def test_resizing_keeps_the_reading_place(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        body = app.screen.query_one(ArticleBody)
        body.show_paragraphs(
            [f"第{number}段。本报讯 这是一篇很长的文章，用于测试显示速度。" * 5 for number in range(40)]
        )
        await pilot.pause()
        body.scroll_to(y=30, animate=False, immediate=True)
        await pilot.pause()
        anchor = body._anchor()
        top_before = view_text(body).splitlines()[0]
        for size in ((70, 24), (60, 20), (250, 70), (120, 30)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            assert body._anchor() == anchor, size
        assert view_text(body).splitlines()[0] == top_before


class _ViewApp(App[None]):
    def compose(self) -> ComposeResult:
        yield RawView(id="raw")
        yield ArticleBody(id="body")


async def test_long_raw_page_and_long_article_draw_only_visible_lines(monkeypatch) -> None:
    """Work, not seconds: 20,000 raw lines and a 100,000-character article draw only the lines on screen."""
    from reader.widgets.text_view import WrappedTextView

    drawn = 0
    render_line = WrappedTextView.render_line

    def counting(self: WrappedTextView, y: int):
        nonlocal drawn
        drawn += 1
        return render_line(self, y)

    monkeypatch.setattr(WrappedTextView, "render_line", counting)
    lines = [
        Line(number, f"第{number}行 OCR 文字，用于测试长页面的显示速度。[b]{number}[/b]") for number in range(1, 20001)
    ]
    paragraph = "本报讯 这是一篇很长的文章，用于测试显示速度。" * 200
    paragraphs = [paragraph[:5000]] * 20  # 100,000 characters
    app = _ViewApp()
    async with app.run_test(size=(120, 40)) as pilot:
        raw = app.query_one(RawView)
        raw.show_lines(lines)
        await pilot.pause()
        assert "20000" not in view_text(raw) and view_text(raw).lstrip().startswith("1")
        raw.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert "20000" in view_text(raw)
        assert 0 < drawn < 20 * 40  # a few frames of at most 40 rows, not 20,000 lines

        body = app.query_one(ArticleBody)
        drawn = 0
        body.show_paragraphs(paragraphs)
        await pilot.pause()
        assert "本报讯" in view_text(body)
        assert 0 < drawn < 20 * 40


async def test_a_page_of_800_articles_loads_and_the_cursor_moves(make_app, tmp_path) -> None:
    """A page with 800 short articles is listed in full, and ↓ moves the highlight and the article on show."""
    lines: list[str] = []
    for number in range(800):
        lines += [
            f"第{number}号标题新闻消息",
            "",
            f"本报讯 这是第{number}篇文章的正文，内容很短。高新区召开会议，研究部署工作。",
        ]
        lines += ["记者 张三", ""]
    page = tmp_path / "page.txt"
    page.write_text("\n".join(lines), encoding="utf-8")
    app = make_app(page)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IssueScreen)
        article_list = screen.query_one(ArticleList)
        assert len(article_list.articles) >= 800
        assert article_list.option_count == len(article_list.articles) + 1  # one page separator
        first = article_list.highlighted_article
        assert first is not None and screen.current_article == first
        await pilot.press("down", "down")
        await pilot.pause()
        moved = article_list.highlighted_article
        assert moved is not None and moved != first and screen.current_article == moved
        assert article_list.highlighted == article_list.get_option_index(first.id) + 2
        assert str(article_list.get_option(moved.id).prompt).startswith("   第")


class _ListApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ArticleList(id="list")


async def test_article_list_survives_repeated_ids() -> None:
    """Ids are unique per page, but the list does not trust that: a repeat is listed, not DuplicateID."""
    from dataclasses import replace

    from tests.unit.test_store_support import make_article

    first = make_article("p1-0123456789ab", "Repeated notice", ("The office is closed.",), (1, 2))
    second = replace(first, headline="Same id, other text")
    app = _ListApp()
    async with app.run_test(size=(80, 24)) as pilot:
        article_list = app.query_one(ArticleList)
        article_list.set_articles([first, second])
        await pilot.pause()
        assert app.is_running
        assert [a.headline for a in article_list.articles] == ["Repeated notice", "Same id, other text"]
        await pilot.press("down", "down")
        assert article_list.highlighted_article is not None
        assert article_list.select_article(first.id)


async def test_a_library_lists_an_unreadable_issue_as_an_error_row(make_app, tmp_path) -> None:
    from textual.widgets import OptionList

    from reader.screens.library import LibraryScreen
    from tests.conftest import SEED_PAGE

    for name in ("a-good", "b-broken"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "page.txt").write_bytes(SEED_PAGE.read_bytes())
    (tmp_path / "b-broken" / "issue.json").write_text("[" * 100_000, encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        options = app.screen.query_one(OptionList).options
        rows = [str(option.prompt) for option in options]
        issue_rows = [row for option, row in zip(options, rows, strict=True) if not option.disabled]  # no headings
        assert len(issue_rows) == 2 and any("cannot open" in row and "nested too deeply" in row for row in rows)
        broken = next(i for i, row in enumerate(rows) if "cannot open" in row)
        app.screen.query_one(OptionList).highlighted = broken
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)  # stays, and says why
        notices = [n for n in app._notifications if n.title == "Cannot open this issue"]
        assert notices and notices[-1].timeout == float("inf")  # stays on screen until dismissed
