"""OpenCC's search converters are built by the first search, not at start-up (47 MiB a user may never need)."""

from __future__ import annotations

import pytest

from reader import convert
from reader.search import QUERY_CONFIGS
from tests.app.conftest import close_search_results, settle


@pytest.fixture
def no_converters(monkeypatch: pytest.MonkeyPatch) -> dict:
    built: dict = {}
    monkeypatch.setattr(convert, "_converters", built)
    return built


async def test_search_converters_wait_for_the_first_search(make_app, no_converters: dict) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.first_screen_drawn()
        await settle(pilot)
        assert not set(QUERY_CONFIGS) & set(no_converters), "built before any search"
        await pilot.press("slash", *"高新區", "enter")
        await settle(pilot)
        await close_search_results(pilot)
        assert app.screen.search.hits
        assert set(QUERY_CONFIGS) <= set(no_converters)
