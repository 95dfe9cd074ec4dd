"""Safe XML parsing for every layout format (ALTO, PAGE XML, hOCR as XHTML, ABBYY, METS, DIDL).

One parser configuration, used everywhere: no entity resolution, no DTD loading, no network, no huge trees.
Entity bombs and external entities are therefore left unexpanded or refused; a file that merely names a
remote DTD (old ALTO and British Library files do) still reads, with nothing fetched. Malformed XML is
reported with its line and column. See ``RELIABILITY.md`` ("Reading files: XML").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from lxml import etree

from reader.errors import InputError

MAX_XML_BYTES = 64 * 1024 * 1024
"""The largest XML page we parse; larger ones are refused."""


def safe_parser(*, recover: bool = False, html: bool = False) -> etree.XMLParser:
    """A new lxml parser with entity resolution, DTD loading, network access and huge trees all off."""
    if html:
        return etree.HTMLParser(no_network=True, huge_tree=False, remove_pis=True, default_doctype=False)
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        remove_pis=True,
        recover=recover,
    )


def parse_xml_bytes(data: bytes, source: str | Path) -> etree._Element:
    """Parse XML bytes safely and return the root element.

    Raises:
        InputError: the bytes are too large, malformed (with line and column) or use an entity declaration.
    """
    if len(data) > MAX_XML_BYTES:
        limit = MAX_XML_BYTES // (1024 * 1024)
        raise InputError(f"{source}: XML pages larger than {limit} MB are refused")
    check_prolog(data[:65536], source)
    try:
        root = etree.fromstring(data, parser=safe_parser())
    except etree.XMLSyntaxError as exc:
        raise syntax_error(exc, source) from exc
    if root is None:
        raise InputError(f"{source}: the XML document is empty")
    return root


_DOCTYPE = re.compile(rb"<!DOCTYPE\s[^\[>]*(\[?)")
_SUBSET_END = re.compile(rb"\]\s*>")
_POSITION_SUFFIX = re.compile(r", line \d+, column \d+$")


def check_prolog(head: bytes, source: str | Path) -> None:
    """Refuse a document whose DTD declares entities: the billion-laughs and external-entity shapes.

    Newspaper formats never declare entities; a DOCTYPE that only names an external DTD is fine (nothing is
    fetched). lxml's own settings would leave such entities unexpanded anyway; refusing them up front gives
    the user one clear sentence and spends no parsing on them.

    Raises:
        InputError: the internal DTD subset declares an entity, or is too long to check.
    """
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="replace").encode("utf-8")
    match = _DOCTYPE.search(head)
    if match is None or not match.group(1):
        return
    close = _SUBSET_END.search(head, match.end())
    subset = head[match.end() : close.start()] if close else head[match.end() :]
    if b"<!ENTITY" in subset:
        raise InputError(f"{source}: the XML declares entities (<!ENTITY>); refused for safety")
    if close is None:
        raise InputError(f"{source}: the XML's internal DTD is too long to check; refused for safety")


def syntax_error(exc: etree.XMLSyntaxError, source: str | Path) -> InputError:
    """The user-facing error for malformed XML, with its line and column."""
    line, column = exc.position if exc.position else (exc.lineno, 0)
    message = _POSITION_SUFFIX.sub("", (exc.msg or "syntax error").splitlines()[0])
    return InputError(f"{source}: malformed XML at line {line}, column {column}: {message}")


def iterparse_safe(
    stream: IO[bytes], *, events: Sequence[str], tag: Sequence[str] | None = None
) -> Iterator[tuple[str, etree._Element]]:
    """``lxml.etree.iterparse`` over ``stream`` with the same safe settings as :func:`safe_parser`.

    The caller clears elements it has used, so a large page is parsed in bounded memory.
    """
    return etree.iterparse(  # type: ignore[no-any-return]
        stream,
        events=tuple(events),
        tag=tuple(tag) if tag is not None else None,
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        remove_pis=True,
        remove_comments=True,
        recover=False,
    )


def local_name(element: etree._Element) -> str:
    """An element's tag without its namespace (``{ns}TextLine`` → ``TextLine``); '' for comments and PIs."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]
