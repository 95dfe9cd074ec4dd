"""The reader's own data about articles: notes and bookmarks, anchored so that they outlive moved files and a
better analysis (``reader.store.anchor`` finds their article again).

Frozen data types like those of ``reader.model``, kept apart from them: the app's first frame needs the
model, and these only once the user's store is open.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Note:
    """A reader's note on an article, anchored so it survives moved files and a better analysis.

    The anchor (issue id, article id, fingerprint, headline, source lines, excerpt) is copied at creation time,
    so the note stays readable and exportable even when its article can no longer be found.

    Attributes:
        id: a UUID (hex), never reused; TinyDB's own document ids are.
        issue_id: the content hash of the issue (``Issue.id``).
        article_id: the article's id when the note was taken.
        fingerprint: ``article_fingerprint`` of the article's text then.
        excerpt: the first characters of the article's text then, for fuzzy re-anchoring.
        source_lines: the 1-based source line numbers of the article (``()`` when unknown).
        created, updated: ISO 8601 UTC timestamps.
    """

    id: str
    issue_id: str
    article_id: str
    text: str
    quote: str = ""
    tags: tuple[str, ...] = ()
    fingerprint: str = ""
    headline: str | None = None
    byline: str | None = None
    page: int | None = None
    source_file: str | None = None
    source_lines: tuple[int, ...] = ()
    excerpt: str = ""
    newspaper: str | None = None
    date: str | None = None
    edition: str | None = None
    issue_path: str | None = None
    created: str = ""
    updated: str = ""


@dataclass(frozen=True, slots=True)
class Bookmark:
    """A bookmarked article, anchored like a :class:`Note` (see there for the fields)."""

    id: str
    issue_id: str
    article_id: str
    fingerprint: str = ""
    headline: str | None = None
    byline: str | None = None
    page: int | None = None
    source_file: str | None = None
    source_lines: tuple[int, ...] = ()
    excerpt: str = ""
    newspaper: str | None = None
    date: str | None = None
    edition: str | None = None
    issue_path: str | None = None
    created: str = ""
