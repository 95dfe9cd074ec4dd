"""hOCR pages as Tesseract 3 to 5 write them (XHTML, or HTML for older versions).

Line *k* is the *k*-th line element in document order: ``ocr_line`` and Tesseract 4+'s ``ocr_header``,
``ocr_caption`` and ``ocr_textfloat``. A line's text is its ``ocrx_word`` texts joined by single spaces (its
own text when it has no words). From the ``title`` properties: ``bbox`` gives boxes (already in pixels),
``x_size`` the line's font size in pixels, ``x_wconf`` the word confidence (0–100, averaged per line as
0..1). ``<strong>``/``<em>`` around most words of a line make it bold/italic. Each line's region is the
``ocr_carea`` around it; a carea holding captions or a photo area is given that kind.

Parsing is incremental with the safe XML parser first (Tesseract writes well-formed XHTML; each line is
cleared once read); files that are not well-formed XML (old HTML output) are read whole with lxml's HTML
parser, which has no entities to expand and no network.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from reader.errors import InputError
from reader.ingest.source import MAX_LAYOUT_BYTES, open_bounded, read_bounded, read_head
from reader.ingest.xmlsafe import check_prolog, iterparse_safe, safe_parser
from reader.model import Box, Line, LineStyle, Page, Region
from reader.sanitize import sanitize

_TAGS = ("{*}div", "{*}p", "{*}span")
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


class _HocrPage:
    """Lines, regions and the page size found so far, fed element by element in document order."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.regions: list[Region] = []
        self.kinds: dict[str, str] = {}
        self.area_of: dict[etree._Element, str] = {}
        self.width: float | None = None
        self.height: float | None = None

    def opened(self, element: etree._Element, classes: list[str]) -> None:
        """A page, area or figure element (only its attributes are needed)."""
        if "ocr_page" in classes and self.width is None:
            box = _bbox(title_properties(element.get("title")))
            if box is not None:
                self.width, self.height = box.width, box.height
        elif AREA_CLASSES.intersection(classes):
            region_id = element.get("id") or f"block-{len(self.regions) + 1}"
            self.area_of[element] = region_id
            self.regions.append(Region(region_id, None, _bbox(title_properties(element.get("title")))))
        elif figure := next((FIGURE_CLASSES[name] for name in classes if name in FIGURE_CLASSES), None):
            region_id = element.get("id") or f"figure-{len(self.regions) + 1}"
            self.regions.append(Region(region_id, figure, _bbox(title_properties(element.get("title")))))

    def line(self, element: etree._Element, classes: list[str]) -> None:
        """A complete line element."""
        region = next((self.area_of[a] for a in element.iterancestors() if a in self.area_of), None)
        self.lines.append(_line(element, len(self.lines) + 1, region))
        if "ocr_caption" in classes and region is not None:
            self.kinds[region] = "caption"

    def page(self, path: Path, number: int) -> Page:
        if not any(line.text for line in self.lines):
            raise InputError(f"{path}: the hOCR file has no text lines")
        regions = [Region(r.id, self.kinds.get(r.id, r.kind), r.box) for r in self.regions]
        return Page(
            number,
            str(path),
            tuple(self.lines),
            format="hocr",
            width=self.width,
            height=self.height,
            regions=tuple(regions),
        )


def _read_xhtml(path: Path, limit: int) -> _HocrPage:
    """Incremental parse of well-formed hOCR: each line is read at its end and then cleared."""
    page = _HocrPage()
    with open_bounded(path, limit) as stream:
        for event, element in iterparse_safe(stream, events=("start", "end"), tag=_TAGS):
            classes = _classes(element)
            if not classes:
                continue
            if LINE_CLASSES.intersection(classes):
                if event == "end":
                    page.line(element, classes)
                    element.clear(keep_tail=False)
            elif event == "start":
                page.opened(element, classes)
            elif element in page.area_of:
                element.clear(keep_tail=False)  # an area's lines are read; its own id stays in area_of
    return page


def _read_html(path: Path, limit: int) -> _HocrPage:
    """Old hOCR that is HTML, not XML: lxml's HTML parser (no entities to expand, no network), whole tree."""
    root = etree.fromstring(read_bounded(path, limit), parser=safe_parser(html=True))
    page = _HocrPage()
    if root is None:
        return page
    for element in root.iter():
        classes = _classes(element)
        if LINE_CLASSES.intersection(classes):
            page.line(element, classes)
        elif classes:
            page.opened(element, classes)
    return page


def read_hocr(path: Path, number: int = 1, *, limit: int = MAX_LAYOUT_BYTES) -> Page:
    """Read one hOCR page file (optionally gzipped) into a :class:`Page` of format ``hocr``.

    Raises:
        InputError: unreadable, too large, declares entities, or has no text line.
    """
    check_prolog(read_head(path), path)
    try:
        page = _read_xhtml(path, limit)
    except etree.XMLSyntaxError:
        page = _read_html(path, limit)  # old Tesseract writes HTML, not XHTML
    return page.page(path, number)
