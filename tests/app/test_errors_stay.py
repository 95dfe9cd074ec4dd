"""Errors stay on screen until dismissed, with the path and what to do; the help lists only keys that act."""

from __future__ import annotations

from pathlib import Path

from reader.screens.error_notice import ErrorNotice
from reader.screens.help import HelpScreen
from reader.screens.issue import IssueScreen
from tests.app.conftest import LIBRARY, settle


async def test_an_empty_folder_says_what_is_wrong_and_what_to_do_until_dismissed(make_app, tmp_path: Path) -> None:
    empty = tmp_path / "empty-issue"
    empty.mkdir()
    app = make_app(empty)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for _ in range(3):  # no fading: still there after a while
            await pilot.pause(0.2)
        notice = app.screen
        assert isinstance(notice, ErrorNotice)
        message = str(notice.query_one("#error-message").render())
        advice = str(notice.query_one("#error-advice").render())
        assert str(empty) in message and "no page files" in message
        assert "issue folder" in advice and "reader PATH" in advice
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, IssueScreen)
        assert app.screen.sub_title == "could not open empty-issue"


async def test_help_in_the_library_lists_no_article_keys(make_app) -> None:
    app = make_app(LIBRARY)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        rows = app.key_rows()
        assert not any(description in ("Bookmark", "Note", "Export notes") for _, _, description in rows)
        assert any(description == "Bookmarks" for _, _, description in rows)  # B works anywhere
        await pilot.press("enter")
        await settle(pilot)
        rows = app.key_rows()
        assert ("Reading", "b", "Bookmark") in rows and not any(w == "Anywhere" and d == "Note" for w, _, d in rows)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
