"""What the screens share: the reading screen on show, its article and analysis, the store, background work.

Screens and dialogs (bookmarks, notes, the note editor) import these helpers from here rather than from one
another, so that no screen module needs another to be imported first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App

from reader.model import Article, IssueAnalysis, PageAnalysis


def issue_screen(app: App[Any]) -> Any | None:
    """The reading screen when it is the active screen (our keys do nothing over other modals)."""
    from reader.screens.issue import IssueScreen

    return app.screen if isinstance(app.screen, IssueScreen) else None


def current_analysis(app: App[Any]) -> IssueAnalysis | None:
    """The analysis of the issue on the reading screen, rebuilt from its issue and articles."""
    screen = issue_screen(app) or getattr(app, "_issue_screen", lambda: None)()
    issue = getattr(screen, "issue", None)
    if issue is None:
        return None
    articles: tuple[Article, ...] = tuple(getattr(screen, "articles", ()))
    pages = tuple(
        PageAnalysis(page, tuple(a for a in articles if a.page_number == page.number)) for page in issue.pages
    )
    return IssueAnalysis(issue, pages)


def store_of(app: App[Any]) -> Any | None:
    """The app's store, or None after telling the user why notes are unavailable."""
    store = getattr(app, "store", None)
    if store is None or not hasattr(store, "add_note"):
        app.notify("Notes and bookmarks are not available: the store is not open", severity="warning", markup=False)
        return None
    return store


def article_in_view(app: App[Any]) -> tuple[Article, IssueAnalysis, Any] | None:
    """The article on show, its issue's analysis and the store; None (after telling the user why) if any is missing.

    Only on the reading screen: over other screens and modals our article keys do nothing.
    """
    if issue_screen(app) is None:
        return None
    article = getattr(app, "current_article", None)
    analysis = current_analysis(app)
    if article is None or analysis is None:
        app.notify("Open an article first", markup=False)
        return None
    store = store_of(app)
    return None if store is None else (article, analysis, store)


def in_background(app: App[Any], job: Callable[[], Any], done: Callable[[Any], None], failure: str) -> None:
    """Run a store call in a thread worker; then ``done(result)`` on the UI thread, or notify the error."""

    def run() -> None:
        try:
            result = job()
        except Exception as exc:  # noqa: BLE001 - shown to the user, never a crash
            # An error stays until dismissed (a click), so that it is read.
            app.call_from_thread(app.notify, f"{failure}: {exc}", severity="error", markup=False, timeout=float("inf"))
            return
        app.call_from_thread(done, result)

    app.run_worker(run, thread=True, group="notes-store", exit_on_error=False)


def selected_text(app: App[Any]) -> str:
    """Text the user selected (mouse or shift+arrows) on the reading screen, if any."""
    try:
        return (app.screen.get_selected_text() or "").strip()
    except Exception:  # noqa: BLE001 - selection support varies by widget
        return ""
