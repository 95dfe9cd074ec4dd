"""hOCR pages as Tesseract 3 to 5 write them (XHTML, or HTML for older versions).

Line *k* is the *k*-th line element in document order: ``ocr_line`` and Tesseract 4+'s ``ocr_header``,
``ocr_caption`` and ``ocr_textfloat``. A line's text is its ``ocrx_word`` texts joined by single spaces (its
own text when it has no words). From the ``title`` properties: ``bbox`` gives boxes (already in pixels),
``x_size`` the line's font size in pixels, ``x_wconf`` the word confidence (0–100, averaged per line as
0..1). ``<strong>``/``<em>`` around most words of a line make it bold/italic. Each line's region is the
``ocr_carea`` around it; a carea holding captions or a photo area is given that kind.

Parsing is the safe XML parser first (Tesseract writes well-formed XHTML); files that are not well-formed
XML (old HTML output) are read with lxml's HTML parser, which has no entities to expand and no network.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from reader.errors import InputError
from reader.ingest.source import MAX_LAYOUT_BYTES, read_bounded
from reader.ingest.xmlsafe import check_prolog, safe_parser
from reader.model import Box, Line, LineStyle, Page, Region
from reader.sanitize import sanitize

LINE_CLASSES = frozenset({"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"})
AREA_CLASSES = frozenset({"ocr_carea", "ocrx_block"})
FIGURE_CLASSES = {"ocr_photo": "Illustration", "ocr_image": "Illustration", "ocr_separator": "Separator"}


def title_properties(title: str | None) -> dict[str, str]:
    """``bbox 1 2 3 4; x_wconf 90`` → ``{"bbox": "1 2 3 4", "x_wconf": "90"}``."""
    properties: dict[str, str] = {}
    for part in (title or "").split(";"):
        name, _, value = part.strip().partition(" ")
        if name:
            properties[name] = value.strip()
    return properties


def _bbox(properties: dict[str, str]) -> Box | None:
    try:
        left, top, right, bottom = (float(value) for value in properties["bbox"].split()[:4])
    except (KeyError, ValueError):
        return None
    return Box(left, top, right, bottom)


def _float(properties: dict[str, str], name: str) -> float | None:
    try:
        return float(properties[name].split()[0])
    except (KeyError, ValueError, IndexError):
        return None


def _classes(element: etree._Element) -> list[str]:
    value = element.get("class")
    return value.split() if value else []


def _parse(data: bytes, path: Path) -> etree._Element:
    check_prolog(data[:65536], path)
    try:
        root = etree.fromstring(data, parser=safe_parser())
    except etree.XMLSyntaxError:
        root = etree.fromstring(data, parser=safe_parser(html=True))  # old Tesseract writes HTML, not XHTML
    if root is None:
        raise InputError(f"{path}: the hOCR file is empty")
    return root


def _emphasis(word: etree._Element) -> tuple[bool, bool]:
    bold = italic = False
    for inner in word.iter():
        tag = inner.tag
        if isinstance(tag, str):
            name = tag.rsplit("}", 1)[-1].lower()
            bold = bold or name in ("strong", "b")
            italic = italic or name in ("em", "i")
    return bold, italic


def _line(element: etree._Element, number: int, region: str | None) -> Line:
    properties = title_properties(element.get("title"))
    words: list[str] = []
    confidences: list[float] = []
    bold = italic = 0
    for word in element.iter():
        if "ocrx_word" not in _classes(word):
            continue
        text = " ".join("".join(word.itertext()).split())
        if not text:
            continue
        words.append(text)
        confidence = _float(title_properties(word.get("title")), "x_wconf")
        if confidence is not None:
            confidences.append(confidence / 100)
        word_bold, word_italic = _emphasis(word)
        bold += word_bold
        italic += word_italic
    text = " ".join(words) if words else " ".join("".join(element.itertext()).split())
    half = len(words) / 2
    size = _float(properties, "x_size")
    style = LineStyle(size, bold > half, italic > half) if size is not None or bold or italic else None
    return Line(
        number,
        sanitize(text),
        box=_bbox(properties),
        region=region,
        style=style,
        confidence=sum(confidences) / len(confidences) if confidences else None,
    )


def read_hocr(path: Path, number: int = 1, *, limit: int = MAX_LAYOUT_BYTES) -> Page:
    """Read one hOCR page file (optionally gzipped) into a :class:`Page` of format ``hocr``.

    Raises:
        InputError: unreadable, too large, declares entities, or has no text line.
    """
    root = _parse(read_bounded(path, limit), path)
    lines: list[Line] = []
    regions: list[Region] = []
    kinds: dict[str, str] = {}
    area_of: dict[etree._Element, str] = {}
    width = height = None
    for element in root.iter():
        classes = _classes(element)
        if not classes:
            continue
        if "ocr_page" in classes and width is None:
            box = _bbox(title_properties(element.get("title")))
            if box is not None:
                width, height = box.width, box.height
        elif AREA_CLASSES.intersection(classes):
            region_id = element.get("id") or f"block-{len(regions) + 1}"
            area_of[element] = region_id
            regions.append(Region(region_id, None, _bbox(title_properties(element.get("title")))))
        elif figure := next((FIGURE_CLASSES[name] for name in classes if name in FIGURE_CLASSES), None):
            region_id = element.get("id") or f"figure-{len(regions) + 1}"
            regions.append(Region(region_id, figure, _bbox(title_properties(element.get("title")))))
        elif LINE_CLASSES.intersection(classes):
            region = next((area_of[a] for a in element.iterancestors() if a in area_of), None)
            lines.append(_line(element, len(lines) + 1, region))
            if "ocr_caption" in classes and region is not None:
                kinds[region] = "caption"
    if not any(line.text for line in lines):
        raise InputError(f"{path}: the hOCR file has no text lines")
    if kinds:
        regions = [Region(r.id, kinds.get(r.id, r.kind), r.box) for r in regions]
    return Page(number, str(path), tuple(lines), format="hocr", width=width, height=height, regions=tuple(regions))
