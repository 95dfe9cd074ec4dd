"""The analysis cache's entry format: a page's articles as compact JSON (orjson), and back.

An entry holds what the commands need from a page without reading it again: the page's number, source,
encoding, format and size, and its articles, never its ``Line`` objects. Articles are stored as positional
lists (the field names would double the size), so the order below is the format: change it only together
with ``ENTRY_FORMAT``.

Measured on 40 corpus pages (20 Jing bao, 20 Mustang; ``benchmarks/library.py --codecs``): per page, encode /
decode / size were stdlib json 111 / 68 µs / 13.6 kB, orjson 14 / 39 µs / 13.6 kB, msgspec JSON 11 / 69 µs,
msgpack 13 / 55 µs / 12.7 kB, pickle 15 / 44 µs / 11.5 kB. orjson decodes fastest, and a JSON entry that
someone else wrote can do no more than fail to parse (a pickle could run code), so the cache uses orjson.
"""

from __future__ import annotations

from typing import Any

import orjson

from reader.model import Article, Confidence, Contributor, Page

ENTRY_FORMAT = 1


class CorruptEntry(ValueError):
    """An entry that does not decode to the expected shape: the cache treats it as a miss."""


def article_row(article: Article) -> list[Any]:
    """An article as a positional list (see the module docstring)."""
    confidence = article.confidence
    return [
        article.id,
        article.kind,
        article.page_number,
        article.kicker,
        article.headline,
        article.subheadline,
        article.byline,
        [[c.role, c.name] for c in article.contributors],
        article.dateline,
        list(article.paragraphs),
        list(article.source_lines),
        [confidence.headline, confidence.byline, confidence.boundaries, dict(confidence.reasons)],
        list(article.headline_lines),
        list(article.byline_lines),
        list(article.paragraph_starts),
        article.segmentation,
    ]


def article_from_row(row: list[Any]) -> Article:
    """The inverse of :func:`article_row`."""
    headline, byline, boundaries, reasons = row[11]
    return Article(
        id=row[0],
        kind=row[1],
        page_number=row[2],
        kicker=row[3],
        headline=row[4],
        subheadline=row[5],
        byline=row[6],
        contributors=tuple(Contributor(role, name) for role, name in row[7]),
        dateline=row[8],
        paragraphs=tuple(row[9]),
        source_lines=tuple(row[10]),
        confidence=Confidence(headline, byline, boundaries, reasons),
        headline_lines=tuple(row[12]),
        byline_lines=tuple(row[13]),
        paragraph_starts=tuple(row[14]),
        segmentation=row[15] if len(row) > 15 else "ours",
    )


def page_fields(page: Page) -> dict[str, Any]:
    """What a page without its lines keeps: enough for ``analyze``, ``list``, ``show`` and ``search``."""
    return {
        "number": page.number,
        "encoding": page.encoding,
        "encoding_confidence": page.encoding_confidence,
        "format": page.format,
        "width": page.width,
        "height": page.height,
        "error": page.error,
    }


def encode_entry(key: str, page: Page, articles: tuple[Article, ...]) -> bytes:
    """The bytes of one cache entry."""
    return orjson.dumps(
        {"format": ENTRY_FORMAT, "key": key, "page": page_fields(page), "articles": [article_row(a) for a in articles]}
    )


def decode_entry(data: bytes, key: str, source: str) -> tuple[Page, tuple[Article, ...]]:
    """A page (without lines; ``source`` is where it is now) and its articles, from an entry's bytes.

    Raises:
        CorruptEntry: the bytes are not an entry for ``key`` in this format (torn, truncated, foreign).
    """
    try:
        document = orjson.loads(data)
        if document["format"] != ENTRY_FORMAT or document["key"] != key:
            raise CorruptEntry("entry for another key or format")
        fields = document["page"]
        page = Page(
            number=fields["number"],
            source=source,
            lines=(),
            encoding=fields["encoding"],
            encoding_confidence=fields["encoding_confidence"],
            format=fields["format"],
            width=fields["width"],
            height=fields["height"],
            error=fields.get("error"),
        )
        return page, tuple(article_from_row(row) for row in document["articles"])
    except CorruptEntry:
        raise
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, IndexError) as exc:
        raise CorruptEntry(f"{exc.__class__.__name__}: {exc}") from exc
