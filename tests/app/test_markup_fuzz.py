"""Markup fuzz (RELIABILITY.md, test 7): hostile page text goes through every display path of the app.

Strings are built from markup and escape material (``[``, ``]``, ``/``, ``@``, ``=``, ``\\``), CJK characters,
control characters and bidi marks. The app must not crash, must not run a ``[@click=…]`` action, and no escape
byte may reach what it draws.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.app import ReaderApp
from tests.app.conftest import FakeStore, settle

PIECES = [*"[]/@=\\ab 號外红色，。", "[/]", "[@click=app.quit]", "[red on red]", "\x1b[31m", "\x1b]52;c;eA==\x07"]
PIECES += ["\u202e", "\x07", "\x0b", "\t"]
HOSTILE = st.lists(st.sampled_from(PIECES), min_size=1, max_size=20).map("".join)


async def _drive(page: Path) -> str:
    app = ReaderApp(page, store=FakeStore())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for key in ("r", "r", "down", "enter", "t", "slash"):
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running, "a [@click=…] in page text must never become a live action"
        return app.export_screenshot()


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(headline=HOSTILE, body=HOSTILE)
def test_hostile_page_text_is_shown_literally_and_never_escapes(tmp_path_factory, headline: str, body: str) -> None:
    page = tmp_path_factory.mktemp("fuzz") / "page.txt"
    page.write_text(f"[{headline}]\n\n{body}{body}，正文。\n{body}。\n", encoding="utf-8")
    screenshot = asyncio.run(_drive(page))
    assert "\x1b" not in screenshot
    assert "\u202e" not in screenshot
