"""The JSON document printed by ``reader analyze --json`` (see DESIGN.md, "Contracts").

The shape is a public contract: change it only together with ``FORMAT_VERSION``.
"""

from __future__ import annotations

from typing import Any

from reader.model import Article, IssueAnalysis, PageAnalysis

FORMAT_VERSION = 1


def article_document(article: Article) -> dict[str, Any]:
    """One article as the contract's JSON object.

    ``"segmentation": "library"`` is added for articles whose boundaries come from the issue's METS or DIDL
    article map; it is absent (meaning ``"ours"``) otherwise, so text pages print exactly as before.
    """
    confidence = article.confidence
    document = {
        "id": article.id,
        "kind": article.kind,
        "kicker": article.kicker,
        "headline": article.headline,
        "subheadline": article.subheadline,
        "byline": article.byline,
        "contributors": [{"role": c.role, "name": c.name} for c in article.contributors],
        "dateline": article.dateline,
        "paragraphs": list(article.paragraphs),
        "source_lines": list(article.source_lines),
        "confidence": {
            "headline": round(confidence.headline, 3),
            "byline": round(confidence.byline, 3),
            "boundaries": round(confidence.boundaries, 3),
            "reasons": dict(confidence.reasons),
        },
    }
    if article.segmentation != "ours":
        document["segmentation"] = article.segmentation
    # the parts of a jumped story link to each other by id; absent where there is no jump
    if article.continues_on is not None:
        document["continues_on"] = article.continues_on
    if article.continued_from is not None:
        document["continued_from"] = article.continued_from
    return document


def analysis_document(source: str, analysis: IssueAnalysis) -> dict[str, Any]:
    """The whole ``analyze --json`` document for an issue.

    Each page's ``source`` is the file actually read (the layout file when ``X.txt`` has a twin), and its
    optional ``format`` (added in format_version 1) says how it was read: ``text``, ``alto``, ``page``,
    ``hocr``, ``paddle`` or ``abbyy``.
    """
    issue = analysis.issue
    return {
        "format_version": FORMAT_VERSION,
        "source": source,
        "issue": {
            "id": issue.id,
            "title": issue.meta.title,
            "date": issue.meta.date,
            "edition": issue.meta.edition,
            "meta_source": {name: issue.meta.source(name) for name in ("title", "date", "edition")},
        },
        "pages": [page_document(page_analysis) for page_analysis in analysis.pages],
    }


def page_document(page_analysis: PageAnalysis) -> dict[str, Any]:
    """One page: number, source and articles, plus ``"error"`` (why it could not be read) for a page that
    could not be read, which then has no articles; absent for pages that read, so they print as before."""
    page = page_analysis.page
    document: dict[str, Any] = {
        "number": page.number,
        "source": page.source,
        "format": page.format,
        "articles": [article_document(article) for article in page_analysis.articles],
    }
    if page.error is not None:
        document["error"] = page.error
    return document
