"""Anchors: what a note or bookmark remembers about its article, and finding that article again.

Article ids come from the analysis, which keeps improving, so an id may not survive an upgrade. A note
therefore also keeps the article's fingerprint, headline, source lines, an excerpt of its text and (for
notes) the quoted passage, and :func:`resolve_anchor` weighs these against the current analysis.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reader.analysis.fingerprint import article_fingerprint, normalize_for_fingerprint
from reader.annotations import Bookmark, Note
from reader.model import Article, IssueAnalysis

EXCERPT_LENGTH = 160
ACCEPT_SCORE = 0.5
"""The least evidence :func:`resolve_anchor` needs before it names an article."""


def anchor_fields(analysis: IssueAnalysis, article: Article) -> dict[str, Any]:
    """The anchor of ``article`` in ``analysis``: the fields a new Note or Bookmark copies."""
    page_source = next((p.page.source for p in analysis.pages if p.page.number == article.page_number), None)
    return {
        "issue_id": analysis.issue.id,
        "article_id": article.id,
        "fingerprint": article_fingerprint(article.text),
        "headline": article.headline or None,
        "byline": article.byline or None,
        "page": article.page_number,
        "source_file": page_source,
        "source_lines": tuple(article.source_lines),
        "excerpt": article.text[:EXCERPT_LENGTH],
        "newspaper": analysis.issue.title,
        "date": analysis.issue.date,
        "edition": analysis.issue.meta.edition,
        "issue_path": _absolute(analysis.issue.source),
    }


def _absolute(source: str) -> str:
    try:
        return str(Path(source).resolve())
    except (OSError, RuntimeError):
        return source


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} if len(text) > 1 else {text} - {""}


def _containment(part: str, whole: str) -> float:
    """Share of ``part``'s character bigrams found in ``whole`` (0..1)."""
    grams = _bigrams(part)
    return len(grams & _bigrams(whole)) / len(grams) if grams else 0.0


def _score(anchor: Note | Bookmark, article: Article, article_text: str) -> tuple[float, float]:
    """Evidence that ``article`` is the anchor's article: (score, line overlap) for ranking."""
    score = 0.0
    headline = normalize_for_fingerprint(anchor.headline or "")
    if headline and headline == normalize_for_fingerprint(article.headline or ""):
        score += 0.4
    excerpt = normalize_for_fingerprint(anchor.excerpt)
    if len(excerpt) >= 8:
        share = _containment(excerpt, article_text)
        if share >= 0.6:
            score += 0.5 * share
    quote = normalize_for_fingerprint(getattr(anchor, "quote", "") or "")
    if len(quote) >= 4 and quote in article_text:
        score += 0.5
    overlap = 0.0
    if anchor.source_lines and (anchor.page is None or anchor.page == article.page_number):
        lines = set(anchor.source_lines)
        overlap = len(lines & set(article.source_lines)) / len(lines)
        if overlap >= 0.5:
            score += 0.3 * overlap
    return score, overlap


def resolve_anchor(anchor: Note | Bookmark, analysis: IssueAnalysis) -> Article | None:
    """Find the article a note or bookmark belongs to in the current analysis of its issue.

    The rule, in order: the same article id; else the same text fingerprint; else the best candidate by
    headline, excerpt similarity, quoted passage and source-line overlap, provided the evidence reaches
    :data:`ACCEPT_SCORE` (a headline alone is not enough, nor are shared lines alone). None means "article
    not found": the note is shown from its own copy of the anchor and never attached to another article.

    Args:
        anchor: a Note or Bookmark (anything with the anchor attributes).
        analysis: the current analysis of the issue.
    """
    articles = analysis.articles
    for article in articles:
        if article.id == anchor.article_id:
            return article
    if anchor.fingerprint:
        for article in articles:
            if article_fingerprint(article.text) == anchor.fingerprint:
                return article
    best: tuple[float, float] = (0.0, 0.0)
    found: Article | None = None
    for article in articles:
        ranked = _score(anchor, article, normalize_for_fingerprint(article.text))
        if ranked > best:
            best, found = ranked, article
    return found if best[0] >= ACCEPT_SCORE else None
