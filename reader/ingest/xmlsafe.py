"""Safe XML parsing for every layout format (ALTO, PAGE XML, hOCR as XHTML, ABBYY, METS, DIDL).

One parser configuration, used everywhere: no entity resolution, no DTD loading, no network, no huge trees.
Entity bombs and external entities are therefore left unexpanded or refused; a file that merely names a
remote DTD (old ALTO and British Library files do) still reads, with nothing fetched. Malformed XML is
reported with its line and column. See ``RELIABILITY.md`` ("Reading files: XML").
"""

from __future__ import annotations

from pathlib import Path

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
    try:
        root = etree.fromstring(data, parser=safe_parser())
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (exc.lineno, 0)
        raise InputError(f"{source}: malformed XML at line {line}, column {column}: {exc.msg}") from exc
    if root is None:
        raise InputError(f"{source}: the XML document is empty")
    return root


def local_name(element: etree._Element) -> str:
    """An element's tag without its namespace (``{ns}TextLine`` → ``TextLine``); '' for comments and PIs."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]
