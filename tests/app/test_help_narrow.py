"""Behaviour at 60×20."""

from __future__ import annotations

from tests.app.conftest import settle


async def test_help_at_60x20_shows_every_description_whole(make_app) -> None:
    """The help box fits the width: no column is cut off at the right (it scrolls down instead)."""
    from reader.screens.help import HelpScreen

    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        box = screen.query_one("#help-box")
        for table in screen.query(".help-table"):
            assert table.region.right <= box.content_region.right, table.id
