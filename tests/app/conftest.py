"""Fixtures for Pilot tests: a fake store, fixture issues, and helpers to read what is on screen."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from reader.app import ReaderApp
from reader.widgets.text_view import WrappedTextView

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MARKUP_ISSUE = FIXTURES / "markup-issue"
LIBRARY = FIXTURES / "library"
TWO_PAGE_ISSUE = LIBRARY / "a-daily-2020"


class FakeStore:
    """The part of ``reader.store.Store`` the app uses, in memory."""

    def __init__(self) -> None:
        self.state: dict[str, Any] = {}
        self.bookmarks: set[tuple[str, str]] = set()
        self.notes: dict[tuple[str, str], list[str]] = {}
        self.analyses: list[Any] = []
        """The ``analysis`` passed with each marker query (the real store re-anchors by content with it)."""

    def get_state(self, key: str, default: Any = None) -> Any:
        return self.state.get(key, default)

    def set_state(self, key: str, value: Any) -> None:
        self.state[key] = value

    def is_bookmarked(self, issue_id: str, article_id: str, analysis: Any = None) -> bool:
        self.analyses.append(analysis)
        return (issue_id, article_id) in self.bookmarks

    def notes_for_article(self, issue_id: str, article_id: str, analysis: Any = None) -> list[str]:
        self.analyses.append(analysis)
        return self.notes.get((issue_id, article_id), [])

    def _issue_path(self, issue_id: str) -> str | None:
        # the real store copies the issue's folder into each note and bookmark from the analysis it is given
        sources = [a.issue.source for a in self.analyses if a is not None and a.issue.id == issue_id]
        return str(Path(sources[-1]).resolve()) if sources else None

    def list_notes(self) -> list[Any]:
        return [
            SimpleNamespace(issue_id=key[0], issue_path=self._issue_path(key[0]), text=text)
            for key, texts in self.notes.items()
            for text in texts
        ]

    def list_bookmarks(self) -> list[Any]:
        return [
            SimpleNamespace(issue_id=issue_id, issue_path=self._issue_path(issue_id), article_id=article_id)
            for issue_id, article_id in self.bookmarks
        ]


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture
def make_app(store: FakeStore):
    """Build a ``ReaderApp`` on a path (the sample issue by default) with the fake store."""

    def make(path: Path | None = None, **kwargs: Any) -> ReaderApp:
        return ReaderApp(path, store=kwargs.pop("store", store), **kwargs)

    return make


async def settle(pilot: Any) -> None:
    """Wait for every worker and the messages they posted."""
    from textual.worker import WorkerCancelled, WorkerFailed

    for _ in range(3):
        try:
            await pilot.app.workers.wait_for_complete()
        except (WorkerCancelled, WorkerFailed):
            continue  # an exclusive worker replaced by a newer one, or a failure the app reports itself
        await pilot.pause()


async def close_search_results(pilot: Any) -> None:
    """Close the list of hits that a search opens (for tests that go on reading the issue)."""
    from reader.screens.search_results import SearchResults

    if isinstance(pilot.app.screen, SearchResults):
        await pilot.press("escape")
        await pilot.pause()


def view_text(widget: WrappedTextView) -> str:
    """The lines a text view draws, as plain text."""
    return "\n".join(widget.render_line(y).text.rstrip() for y in range(widget.size.height))


def all_text(widget: WrappedTextView) -> str:
    """Every block of a text view (not only the visible part)."""
    return "\n".join(block.text for block in widget.blocks)
