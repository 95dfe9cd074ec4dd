"""Placeholder pipeline: one article per run of blocks ended by a byline-like line.

Replaced by the real pipeline (issue 3); kept minimal so that the contract can be exercised.
"""

from __future__ import annotations

import hashlib

from reader.model import Article, Confidence, Page


def analyze_page(page: Page) -> tuple[Article, ...]:
    """Return the articles of ``page`` in reading order."""
    runs: list[list[int]] = [[]]
    for line in page.lines:
        if line.text.strip():
            runs[-1].append(line.number)
        elif runs[-1]:
            runs.append([])
    texts = {line.number: line.text.strip() for line in page.lines}
    articles = []
    for run in (r for r in runs if r):
        body = "".join(texts[n] for n in run)
        digest = hashlib.sha1(body.encode("utf-8")).hexdigest()[:12]
        articles.append(
            Article(
                id=f"p{page.number}-{digest}",
                kind="article",
                page_number=page.number,
                kicker=None,
                headline=None,
                subheadline=None,
                byline=None,
                contributors=(),
                dateline=None,
                paragraphs=(body,),
                source_lines=tuple(run),
                confidence=Confidence(reasons={"boundaries": "placeholder: one block per article"}),
            )
        )
    return tuple(articles)
