"""The JSON document printed by ``reader analyze --json`` (see DESIGN.md, "Contracts").

The shape is a public contract: change it only together with ``FORMAT_VERSION``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reader.model import Article, Issue, IssueAnalysis, PageAnalysis

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


# ---- the document as bytes, a page at a time ---------------------------------------------------------------
#
# ``reader analyze DIR --json`` on a cold issue has each worker process serialize the pages it analysed
# (:func:`page_json`), so the parent only joins them (:func:`document_json`). The bytes are exactly what
# ``print_json(analysis_document(...))`` writes: orjson indents by structure alone (no string holds a raw
# newline), so a page serialized on its own and shifted right by its depth is the same text, and the escape
# of :func:`reader.sanitize.escape_json_text` works a character at a time, so it may be applied to the parts.

_PAGE_INDENT = b"\n    "  # a page object sits at depth 2 (document, "pages" list)
_ARTICLE_END = b"\n        }"  # where an article object (depth 4: … page, "articles" list) ends in a page's data
_FIELD_INDENT = b"\n          "  # a field of an article object


@dataclass(frozen=True, slots=True)
class PageJson:
    """One page's object of the ``analyze --json`` document, serialized, indented for its place and escaped;
    ``ids`` are its articles' ids, in order (for the issue-level jump links, see :func:`with_links`)."""

    data: bytes
    ids: tuple[str, ...]


def page_json(page_analysis: PageAnalysis) -> PageJson | None:
    """:func:`page_document` serialized as it appears in the whole document; None when orjson refuses a string
    (lone surrogates from a file name that is not UTF-8: the caller then builds the document the usual way)."""
    import orjson

    document = page_document(page_analysis)
    try:
        data = orjson.dumps(document, option=orjson.OPT_INDENT_2)
        compact = orjson.dumps(document)
    except orjson.JSONEncodeError:
        return None
    if not _nothing_to_escape(compact):
        data = _escape(data)
    return PageJson(data.replace(b"\n", _PAGE_INDENT), tuple(article.id for article in page_analysis.articles))


def with_links(page: PageJson, links: dict[str, str], back: dict[str, str]) -> bytes:
    """``page.data`` with ``continues_on`` / ``continued_from`` added to the articles that have them, where
    :func:`article_document` puts them (last)."""
    import orjson

    out = []
    start = 0
    end = 0
    for article_id in page.ids:
        end = page.data.index(_ARTICLE_END, end) + len(_ARTICLE_END)  # no string holds a raw newline
        fields = [("continues_on", links.get(article_id)), ("continued_from", back.get(article_id))]
        added = [
            b',%s"%s": %s' % (_FIELD_INDENT, name.encode(), _escape(orjson.dumps(other)))
            for name, other in fields
            if other is not None
        ]
        if added:
            at = end - len(_ARTICLE_END)
            out += (page.data[start:at], *added)
            start = at
    out.append(page.data[start:])
    return b"".join(out)


def document_json(source: str, issue: Issue, pages: list[bytes]) -> bytes | None:
    """The whole document, as ``print_json(analysis_document(...))`` writes it, from its pages' :func:`page_json`
    data (with their links); None when orjson refuses a string of the issue's part."""
    import orjson

    document = analysis_document(source, IssueAnalysis(issue, ()))
    try:
        shell = orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError:
        return None
    shell = _escape(shell)
    if not pages:
        return shell
    end = shell.rindex(b"[]")
    parts = [shell[:end] + b"[\n    "]
    for page in pages:  # one join of the whole document (11 MB for 400 pages), not two
        parts += (page, b",\n    ")
    parts[-1] = b"\n  ]" + shell[end + 2 :]
    return b"".join(parts)


def _nothing_to_escape(compact: bytes) -> bool:
    """Whether a document serialized without indentation (so without a raw newline) holds no character that
    :func:`reader.sanitize.escape_json_text` escapes: all of them are controls, format characters, surrogates
    or separators, which are not printable, and orjson writes the C0 controls escaped already."""
    if compact.isascii():
        return b"\x7f" not in compact
    from reader.sanitize import has_unsafe

    return not has_unsafe(compact.decode("utf-8"))


def _escape(data: bytes) -> bytes:
    from reader.sanitize import escape_json_text

    return escape_json_text(data.decode("utf-8")).encode("utf-8")
