"""Pages that could not be read: how they are shown, so one bad page never hides the rest of its issue.

Ingest turns an unreadable page of an issue folder into ``Page(..., lines=(), error="why")``. The CLI warns
about it on stderr; the app lists it as an entry of its own, so the reader sees where the page is missing.
"""

from __future__ import annotations

from collections.abc import Iterable

from reader.model import Article, Confidence, Page, PageAnalysis
from reader.sanitize import sanitize

__all__ = ["error_article", "page_warnings", "with_error_entry"]


def error_article(page: Page) -> Article:
    """An entry standing for an unreadable page: its title says so, its text says why."""
    reason = sanitize(page.error or "the page could not be read")  # it names a file: no escapes on screen
    return Article(
        id=f"p{page.number}-unreadable",
        kind="article",
        page_number=page.number,
        kicker=None,
        headline=f"⚠ Page {page.number} could not be read",
        subheadline=None,
        byline=None,
        contributors=(),
        dateline=None,
        paragraphs=(reason,),
        source_lines=(),
        confidence=Confidence(reasons={"boundaries": "the page could not be read"}),
    )


def page_warnings(pages: Iterable[Page]) -> list[str]:
    """One line per unreadable page, for stderr."""
    return [f"page {page.number} could not be read: {page.error}" for page in pages if page.error]


def with_error_entry(page_analysis: PageAnalysis) -> PageAnalysis:
    """``page_analysis``, or for an unreadable page the same page with its :func:`error_article` as its entry."""
    if page_analysis.page.error and not page_analysis.articles:
        return PageAnalysis(page_analysis.page, (error_article(page_analysis.page),))
    return page_analysis
