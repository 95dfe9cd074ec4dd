"""The analysis cache's entry format: a page's articles as compact JSON (orjson), and back.

An entry holds what the commands need from a page without reading it again: the page's number, source,
encoding, format and size, and its articles, never its ``Line`` objects. Articles are stored as positional
lists (the field names would double the size) in the order of the dataclass's fields; ``model.py`` is part
of the analyser version, so entries written for another shape are never read.

Measured on 40 corpus pages (20 Jing bao, 20 Mustang; ``benchmarks/library.py --codecs``): per page, encode /
decode / size were stdlib json 111 / 68 µs / 13.6 kB, orjson 14 / 39 µs / 13.6 kB, msgspec JSON 11 / 69 µs,
msgpack 13 / 55 µs / 12.7 kB, pickle 15 / 44 µs / 11.5 kB. orjson decodes fastest, and a JSON entry that
someone else wrote can do no more than fail to parse (a pickle could run code), so the cache uses orjson.
"""

from __future__ import annotations

from dataclasses import MISSING, fields
from operator import attrgetter
from typing import Any

import orjson

from reader.model import Article, Confidence, Contributor, Page, slot_builder

ENTRY_FORMAT = 1


class CorruptEntry(ValueError):
    """An entry that does not decode to the expected shape: the cache treats it as a miss."""


_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Article))
"""Article fields in declaration order: the positions of a row (``model.py`` is part of the analyser version)."""
_DEFAULTS = {f.name: f.default for f in fields(Article) if f.default is not MISSING}
_REQUIRED = sum(1 for f in fields(Article) if f.default is MISSING and f.default_factory is MISSING)
_TUPLE_POSITIONS = tuple(
    position
    for position, f in enumerate(fields(Article))
    if str(f.type).startswith("tuple") and f.name != "contributors"
)
_CONTRIBUTORS = _FIELDS.index("contributors")
_CONFIDENCE = _FIELDS.index("confidence")
_DEFAULT_VALUES: tuple[Any, ...] = tuple(_DEFAULTS.get(name) for name in _FIELDS)
"""Each field's default by position (None where there is none: those positions are never short)."""


_ROW_VALUES = attrgetter(*_FIELDS)
"""Every field of an article at once, in row order (one C call instead of a ``getattr`` per field)."""


def article_row(article: Article) -> list[Any]:
    """An article as a positional list, one item per field of :class:`~reader.model.Article`."""
    row: list[Any] = list(_ROW_VALUES(article))
    row[_CONTRIBUTORS] = [[c.role, c.name] for c in article.contributors]
    confidence = article.confidence
    row[_CONFIDENCE] = [confidence.headline, confidence.byline, confidence.boundaries, dict(confidence.reasons)]
    return row


_build_article = slot_builder(Article, positional=True)


def article_from_row(row: list[Any]) -> Article:
    """The inverse of :func:`article_row`.

    Positional, with no dict per article: a warm ``reader list`` of a 300-page issue decodes about 6,000 of
    these, and building them by keyword cost a third of its time.
    """
    size = len(row)
    if not _REQUIRED <= size <= len(_FIELDS):
        raise CorruptEntry(f"an article row of {len(row)} fields, not {len(_FIELDS)}")
    if size < len(_FIELDS):  # written before a field with a default was added: it takes the default
        row = [*row, *_DEFAULT_VALUES[size:]]
    for position in _TUPLE_POSITIONS:
        row[position] = tuple(row[position])
    contributors = row[_CONTRIBUTORS]
    row[_CONTRIBUTORS] = tuple([Contributor(role, name) for role, name in contributors]) if contributors else ()
    headline, byline, boundaries, reasons = row[_CONFIDENCE]
    row[_CONFIDENCE] = Confidence(headline, byline, boundaries, reasons)
    return _build_article(*row)


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


def bare_page(page: Page, source: str) -> Page:
    """``page`` as :func:`decode_entry` gives it back: no lines (nor regions), found at ``source``."""
    return Page(source=source, lines=(), **page_fields(page))


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
