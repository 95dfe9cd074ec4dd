"""Pages that could not be read: one line each for the user, so one bad page never hides silently.

Ingest turns an unreadable page of an issue folder into ``Page(..., lines=(), error="why")`` and the rest of
the issue opens. The plain commands warn on stderr with :func:`page_warnings`; the app lists such a page as
an error row of its issue (``reader.widgets.article_list``).
"""

from __future__ import annotations

from collections.abc import Iterable

from reader.model import Page

__all__ = ["page_warnings"]


def page_warnings(pages: Iterable[Page]) -> list[str]:
    """One line per unreadable page, for stderr."""
    return [f"page {page.number} could not be read: {page.error}" for page in pages if page.error]
