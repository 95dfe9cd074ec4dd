"""ABBYY FineReader XML (FineReader 6 to 10 schemas, as the Internet Archive ships ``*_abbyy.xml``).

One file is one :class:`Page`, like every other format (the cache, notes and search key pages by file). An
Internet Archive file often holds several ``<page>``s: they are stacked top to bottom, each one's boxes
moved down by the heights of the pages before it, so geometry stays consistent and no two pages overlap.
Line *k* is the *k*-th ``<line>`` of the file in document order. A line's text is its ``charParams``
characters (or its ``formatting`` text when there are none), its box the ``l``/``t``/``r``/``b``
attributes (pixels), its style the ``formatting``'s ``fs`` (points), ``bold`` and ``italic``, its
confidence the mean ``charConfidence`` (0–100; -1 means unknown). Each ``<block>`` is a region whose kind is
its ``blockType`` (Text, Table, Picture, Barcode, Separator …). Pages are parsed one at a time
(``iterparse``) and cleared after use.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from lxml import etree

from reader.errors import InputError
from reader.ingest.source import MAX_LAYOUT_BYTES, open_bounded, read_head
from reader.ingest.xmlsafe import check_prolog, iterparse_safe, syntax_error
from reader.model import Box, Line, LineStyle, Page, Region
from reader.sanitize import sanitize

_TRUE = ("1", "true", "yes")


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _box(element: etree._Element) -> Box | None:
    left, top, right, bottom = (_number(element.get(name)) for name in ("l", "t", "r", "b"))
    if left is None or top is None or right is None or bottom is None:
        return None
    return Box(left, top, right, bottom)


def _line(element: etree._Element, number: int, region: str) -> Line:
    chars: list[str] = []
    confidences: list[float] = []
    style: LineStyle | None = None
    longest = -1
    for formatting in element.iter("{*}formatting"):
        run: list[str] = []
        for char in formatting.iter("{*}charParams"):
            run.append(char.text or "")
            confidence = _number(char.get("charConfidence"))
            if confidence is not None and confidence >= 0:
                confidences.append(confidence / 100)
        text = "".join(run) if run else (formatting.text or "")
        chars.append(text)
        if len(text.strip()) > longest:  # the style of the longest run stands for the line
            longest = len(text.strip())
            style = LineStyle(
                _number(formatting.get("fs")),
                (formatting.get("bold") or "").lower() in _TRUE,
                (formatting.get("italic") or "").lower() in _TRUE,
            )
    if not chars:
        chars = ["".join(char.text or "" for char in element.iter("{*}charParams"))]
    return Line(
        number,
        sanitize(" ".join("".join(chars).split())),
        box=_box(element),
        region=region,
        style=style,
        confidence=sum(confidences) / len(confidences) if confidences else None,
    )


class _AbbyyDocument:
    """Lines and regions of the pages read so far, with the height they take when stacked."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.regions: list[Region] = []
        self.offset = 0.0
        self.width: float | None = None

    def page(self, element: etree._Element) -> None:
        offset = self.offset
        for block in element.iter("{*}block"):
            region_id = f"block-{len(self.regions) + 1}"
            box = _box(block)
            if box is None:
                rect = next(block.iter("{*}rect"), None)
                box = _box(rect) if rect is not None else None
            self.regions.append(Region(region_id, block.get("blockType"), _shift(box, offset)))
            for line_element in block.iter("{*}line"):
                line = _line(line_element, len(self.lines) + 1, region_id)
                self.lines.append(replace(line, box=_shift(line.box, offset)) if offset else line)
        width, height = _number(element.get("width")), _number(element.get("height"))
        if self.width is None:
            self.width = width
        self.offset += height or 0.0


def _shift(box: Box | None, offset: float) -> Box | None:
    if box is None or not offset:
        return box
    return Box(box.left, box.top + offset, box.right, box.bottom + offset)


def read_abbyy(path: Path, number: int = 1, *, limit: int = MAX_LAYOUT_BYTES) -> Page:
    """Read one ABBYY FineReader XML file (optionally gzipped) into a :class:`Page` of format ``abbyy``.

    Raises:
        InputError: unreadable, too large, malformed (with line and column), declares entities, or no text.
    """
    check_prolog(read_head(path), path)
    document = _AbbyyDocument()
    with open_bounded(path, limit) as stream:
        try:
            for _, element in iterparse_safe(stream, events=("end",), tag=("{*}page",)):
                document.page(element)
                element.clear(keep_tail=False)
                parent = element.getparent()
                while parent is not None and element.getprevious() is not None:
                    del parent[0]
        except etree.XMLSyntaxError as exc:
            raise syntax_error(exc, path) from exc
    if not any(line.text for line in document.lines):
        raise InputError(f"{path}: the ABBYY file has no text lines")
    return Page(
        number,
        str(path),
        tuple(document.lines),
        format="abbyy",
        width=document.width,
        height=document.offset or None,
        regions=tuple(document.regions),
    )
