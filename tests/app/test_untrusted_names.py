"""File and folder names are untrusted too; their escape sequences never reach the terminal."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.app.conftest import TWO_PAGE_ISSUE, settle

EVIL = "iss\x1b]2;PWNED\x07\x1b[2J"


def _evil_library(tmp_path: Path) -> Path:
    library = tmp_path / "lib"
    library.mkdir()
    shutil.copytree(TWO_PAGE_ISSUE, library / EVIL)
    (library / EVIL / "issue.json").unlink(missing_ok=True)
    return library


async def test_folder_names_with_escapes_are_sanitized_in_library_and_issue(make_app, tmp_path: Path) -> None:
    from textual.widgets import OptionList

    app = make_app(_evil_library(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        prompt = app.screen.query_one("#issue-list", OptionList).get_option_at_index(0).prompt
        assert "\x1b" not in str(prompt) and "\x07" not in str(prompt)
        await pilot.press("enter")
        await settle(pilot)
        header = app.format_title(app.screen.title or app.title, app.screen.sub_title)
        assert "iss" in header.plain
        assert "\x1b" not in header.plain and "\x07" not in header.plain
        shown = _title_bar_text(app)
        assert "iss" in shown and "\x1b" not in shown and "\x07" not in shown


def _title_bar_text(app) -> str:
    from reader.widgets.title_bar import TitleBar

    bar = app.screen.query_one(TitleBar)
    return bar.render_line(0).text


async def test_the_title_bar_follows_the_sub_title_and_shows_markup_literally(make_app) -> None:
    app = make_app(TWO_PAGE_ISSUE)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "reader" in _title_bar_text(app)
        app.screen.sub_title = "[b]號外[/b] [@click=app.quit]x[/]"
        await pilot.pause()
        assert "[b]號外[/b] [@click=app.quit]x[/]" in _title_bar_text(app)


async def test_notifications_never_carry_escapes(make_app) -> None:
    app = make_app(TWO_PAGE_ISSUE)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.notify(f"Could not open {EVIL}", title=EVIL, markup=False)
        await pilot.pause()
        for notification in app._notifications:
            assert "\x1b" not in notification.message and "\x07" not in notification.message
            assert "\x1b" not in notification.title
