"""The app shows what ``reader.opening``'s prefetch delivered, and does the work itself when it delivers nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.opening import Opened, open_path, start_prefetch
from reader.screens.issue import IssueScreen
from reader.screens.library import LibraryScreen
from reader.widgets.article_list import ArticleList
from tests.app.conftest import MARKUP_ISSUE, TWO_PAGE_ISSUE, settle
from tests.conftest import SEED_PAGE


class StubPrefetch:
    """Delivers a fixed result, as ``reader.opening.Prefetch`` does once its process is done."""

    def __init__(self, opened: Opened | None) -> None:
        self.opened = opened
        self.calls = 0

    def result(self) -> Opened | None:
        self.calls += 1
        return self.opened


def _titles(app) -> list[str]:
    return [article.display_title for article in app.screen.query_one(ArticleList).articles]


async def test_the_first_frame_comes_from_the_prefetched_analysis(make_app) -> None:
    # The stub hands over another issue than the path names: what is shown must be the stub's.
    prefetch = StubPrefetch(open_path(MARKUP_ISSUE))
    app = make_app(SEED_PAGE.parent, prefetch=prefetch)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, IssueScreen)
        assert prefetch.calls == 1
        assert app.current_issue == prefetch.opened.issue
        assert _titles(app)[0] == prefetch.opened.first_page.articles[0].display_title


async def test_a_prefetch_that_delivered_nothing_is_done_here(make_app) -> None:
    app = make_app(TWO_PAGE_ISSUE, prefetch=StubPrefetch(None))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, IssueScreen)
        assert app.current_issue is not None and len(app.current_issue.pages) == 2
        assert len(app.screen.pages) == 2


async def test_a_prefetched_library_opens_the_library_screen(make_app) -> None:
    # The path is an issue: only the stub says "library", so the library screen proves the stub was used.
    app = make_app(TWO_PAGE_ISSUE, prefetch=StubPrefetch(Opened(library=True)))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this platform")
async def test_a_real_prefetch_opens_the_sample_issue(make_app, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader import opening

    monkeypatch.setattr(opening, "usable_cpus", lambda: 2)  # fork even on a one-CPU machine
    path: Path = SEED_PAGE.parent
    prefetch = start_prefetch(path)
    assert prefetch is not None
    delivered: list[Opened | None] = []
    result = prefetch.result
    monkeypatch.setattr(prefetch, "result", lambda: delivered.append(result()) or delivered[-1])
    app = make_app(path, prefetch=prefetch)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, IssueScreen)
        assert len(delivered) == 1 and delivered[0] is not None, "the forked process delivered the first page"
        assert len([t for t in _titles(app) if t]) >= 4
        assert app.current_issue == open_path(path).issue


async def test_while_nothing_is_shown_the_footer_offers_no_article_keys(make_app, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    app = make_app(empty)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the notice saying why nothing is shown
        await pilot.pause()
        shown = {binding.action for _node, binding, enabled, _tip in app.screen.active_bindings.values()}
        assert "quit" in shown and "help" in shown
        assert not shown & {"search", "toggle_raw", "cycle_script", "next_page", "previous_page"}


async def test_a_single_page_issue_has_no_page_keys_and_a_two_page_one_has(make_app) -> None:
    for path, expected in ((SEED_PAGE.parent, False), (TWO_PAGE_ISSUE, True)):
        app = make_app(path)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            shown = {binding.action for _node, binding, _enabled, _tip in app.screen.active_bindings.values()}
            assert ("next_page" in shown) is expected
            assert "search" in shown
