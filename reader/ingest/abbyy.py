"""ABBYY FineReader XML (FineReader 6 to 10 schemas, as the Internet Archive ships ``*_abbyy.xml``).

One file is one :class:`Page`, like every other format (the cache, notes and search key pages by file). An
Internet Archive file often holds several ``<page>``s: they are stacked top to bottom, each one's boxes
moved down by the heights of the pages before it, so geometry stays consistent and no two pages overlap.
Line *k* is the *k*-th ``<line>`` of the file in document order. A line's text is its ``charParams``
characters (or its ``formatting`` text when there are none), its box the ``l``/``t``/``r``/``b``
attributes (pixels), its style the ``formatting``'s ``fs`` (points), ``bold`` and ``italic``, its
confidence the mean ``charConfidence`` (0–100; -1 means unknown). Each ``<block>`` is a region whose kind is
its ``blockType`` (Text, Table, Picture, Barcode, Separator …). The file is parsed incrementally
(``iterparse``), each line cleared once read.
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
_TAGS = ("{*}page", "{*}block", "{*}line")


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
    """Lines and regions read so far, fed by ``iterparse`` events, with the height the pages take stacked."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.regions: list[Region] = []
        self.offset = 0.0  # top of the current page in the stacked pages
        self.page_height = 0.0
        self.width: float | None = None
        self.block_id = "block-0"

    def page_started(self, element: etree._Element) -> None:
        if self.width is None:
            self.width = _number(element.get("width"))
        self.page_height = _number(element.get("height")) or 0.0

    def page_ended(self) -> None:
        self.offset += self.page_height

    def block_started(self) -> None:
        self.block_id = f"block-{len(self.regions) + 1}"

    def block_ended(self, element: etree._Element) -> None:
        box = _box(element)
        if box is None:
            rect = next(element.iter("{*}rect"), None)
            box = _box(rect) if rect is not None else None
        self.regions.append(Region(self.block_id, element.get("blockType"), _shift(box, self.offset)))

    def line(self, element: etree._Element) -> None:
        line = _line(element, len(self.lines) + 1, self.block_id)
        self.lines.append(replace(line, box=_shift(line.box, self.offset)) if self.offset else line)


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
            for event, element in iterparse_safe(stream, events=("start", "end"), tag=_TAGS):
                name = element.tag.rsplit("}", 1)[-1]
                if event == "start":
                    if name == "page":
                        document.page_started(element)
                    elif name == "block":
                        document.block_started()
                    continue
                if name == "line":
                    document.line(element)
                elif name == "block":
                    document.block_ended(element)
                else:
                    document.page_ended()
                element.clear(keep_tail=False)  # a line's characters are the bulk of the file
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
