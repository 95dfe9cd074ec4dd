"""Metadata of a cached issue (pages without lines) rebuilds lines only for the pages inference reads."""

from __future__ import annotations

from reader import metadata
from reader.model import Issue, IssueMeta, Page, PageAnalysis


def test_only_leading_pages_are_rebuilt(monkeypatch) -> None:
    rebuilt: list[int] = []
    real = metadata._lines_from_articles

    def counting(page_analysis: PageAnalysis) -> Page:
        rebuilt.append(page_analysis.page.number)
        return real(page_analysis)

    monkeypatch.setattr(metadata, "_lines_from_articles", counting)
    pages = tuple(Page(number=n, source=f"page-{n:03d}.txt", lines=()) for n in range(1, 51))
    issue = Issue(id="x", source="-", meta=IssueMeta(), pages=pages)
    analyses = [PageAnalysis(page=page, articles=()) for page in pages]
    metadata.complete_issue_meta(issue, analyses)
    assert rebuilt == list(range(1, max(metadata.DATE_PAGES, metadata.NAMEPLATE_PAGES) + 1))
