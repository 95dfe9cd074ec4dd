"""PAGE XML pages (PRImA PcGts, schemas 2010 to 2019, as Transkribus, eScriptorium and OCR-D write them).

A line's number is its position among the file's ``TextLine`` elements in document order (never the
``ReadingOrder``, which goes to :attr:`Page.reading_order` for the analysis to apply). Each line keeps its
box (from its ``Coords``, else its ``Baseline``), the id of the region that holds it, its ``TextStyle`` and
the confidence of its text. Regions keep their polygon's bounding box and their type: the ``structure``
type of the ``custom`` attribute when there is one (``structure {type:article; id:a3;}``), else the
``type`` attribute (``heading``, ``caption``, ``page-number`` …).
"""

from __future__ import annotations

import gzip
import re
import zlib
from pathlib import Path

from lxml import etree

from reader.errors import InputError
from reader.ingest.xmlsafe import MAX_XML_BYTES, local_name, parse_xml_bytes
from reader.model import Box, Line, LineStyle, MappedArticle, Page, Region
from reader.sanitize import sanitize

__all__ = ["parse_custom", "parse_pagexml", "read_pagexml"]

_REGION_TAGS = frozenset(
    {
        "TextRegion",
        "ImageRegion",
        "GraphicRegion",
        "TableRegion",
        "ChartRegion",
        "SeparatorRegion",
        "MathsRegion",
        "ChemRegion",
        "MusicRegion",
        "AdvertRegion",
        "NoiseRegion",
        "LineDrawingRegion",
        "UnknownRegion",
        "CustomRegion",
    }
)
_CUSTOM_GROUP = re.compile(r"([\w-]+)\s*\{([^}]*)\}")
_POINT = re.compile(r"(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)")


def parse_custom(value: str | None) -> dict[str, dict[str, str]]:
    """The ``custom`` attribute as groups of key/value pairs.

    ``"readingOrder {index:0;} structure {type:article; id:a1;}"`` gives
    ``{"readingOrder": {"index": "0"}, "structure": {"type": "article", "id": "a1"}}``.
    """
    groups: dict[str, dict[str, str]] = {}
    for name, body in _CUSTOM_GROUP.findall(value or ""):
        pairs = groups.setdefault(name, {})
        for item in body.split(";"):
            key, colon, val = item.partition(":")
            if colon and key.strip():
                pairs[key.strip()] = val.strip()
    return groups


def _points_box(points: list[tuple[float, float]]) -> Box | None:
    if not points:
        return None
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    return Box(min(xs), min(ys), max(xs), max(ys))


def _coords_box(element: etree._Element) -> Box | None:
    """The bounding box of a ``Coords`` or ``Baseline`` element: ``points="x,y x,y"`` (2013+) or
    ``<Point x= y=/>`` children (2010)."""
    points_attr = element.get("points")
    if points_attr is not None:
        return _points_box([(float(x), float(y)) for x, y in _POINT.findall(points_attr)])
    points: list[tuple[float, float]] = []
    for child in element:
        if local_name(child) == "Point":
            try:
                points.append((float(child.get("x", "")), float(child.get("y", ""))))
            except ValueError:
                continue
    return _points_box(points)


def _child(element: etree._Element, name: str) -> etree._Element | None:
    for child in element:
        if local_name(child) == name:
            return child
    return None


def _text_equiv(element: etree._Element) -> tuple[str | None, float | None]:
    """The text of an element's own ``TextEquiv`` (the one with the lowest ``index``) and its confidence."""
    best: tuple[int, etree._Element] | None = None
    for child in element:
        if local_name(child) != "TextEquiv":
            continue
        try:
            index = int(child.get("index", "0"))
        except ValueError:
            index = 0
        if best is None or index < best[0]:
            best = (index, child)
    if best is None:
        return None, None
    equiv = best[1]
    unicode = _child(equiv, "Unicode")
    text = unicode.text if unicode is not None else None
    try:
        confidence = float(equiv.get("conf")) if equiv.get("conf") is not None else None
    except ValueError:
        confidence = None
    return text, confidence


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in ("true", "1", "yes")


def _style(element: etree._Element, inherited: LineStyle | None) -> LineStyle | None:
    """The element's ``TextStyle`` child or its ``custom`` ``textStyle`` group, else what it inherits."""
    style = _child(element, "TextStyle")
    attributes: dict[str, str] = dict(style.attrib) if style is not None else {}
    custom = parse_custom(element.get("custom")).get("textStyle")
    if custom:
        attributes = {**custom, **attributes}
    if not attributes:
        return inherited
    try:
        size = float(attributes["fontSize"]) if attributes.get("fontSize") else None
    except ValueError:
        size = None
    if size is None and inherited is not None:
        size = inherited.font_size
    return LineStyle(font_size=size, bold=_truthy(attributes.get("bold")), italic=_truthy(attributes.get("italic")))


def _region_kind(element: etree._Element) -> str | None:
    structure = parse_custom(element.get("custom")).get("structure", {})
    if structure.get("type"):
        return structure["type"]
    if element.get("type"):
        return element.get("type")
    tag = local_name(element)
    return None if tag == "TextRegion" else tag.removesuffix("Region").lower()


def _index_of(element: etree._Element, position: int) -> tuple[int, int]:
    try:
        return (int(element.get("index", "")), position)
    except ValueError:
        return (position, position)


def _reading_order(root: etree._Element) -> tuple[str, ...]:
    """Region ids of the first ``ReadingOrder``, groups flattened, indexed members sorted by ``index``."""
    order: list[str] = []

    def walk(group: etree._Element) -> None:
        members = [child for child in group if isinstance(child.tag, str)]
        if any(child.get("index") is not None for child in members):
            members = [m for _, m in sorted((_index_of(m, i), m) for i, m in enumerate(members))]
        for member in members:
            ref = member.get("regionRef")
            if ref and ref not in seen:
                seen.add(ref)
                order.append(ref)
            walk(member)

    seen: set[str] = set()
    for element in root.iter():
        if local_name(element) == "ReadingOrder":
            walk(element)
            break
    return tuple(order)


_TITLE_STRUCTURES = frozenset({"heading", "headline", "title", "subheadline", "kicker", "overline"})
_BYLINE_STRUCTURES = frozenset({"author", "byline"})


def _structure_articles(
    lines: list[Line], structures: list[dict[str, str]], reading_order: tuple[str, ...]
) -> tuple[MappedArticle, ...]:
    """The page's own article map: lines grouped by their ``structure`` id, in reading order.

    Transkribus and NewsEye exports mark each region (or line) with the article it belongs to; the
    structure type then says its part (``heading``, ``author``, else text).
    """
    if not any(structure.get("id") for structure in structures):
        return ()
    rank = {region: position for position, region in enumerate(reading_order)}
    ordered = sorted(range(len(lines)), key=lambda i: (rank.get(lines[i].region or "", len(rank)), i))
    members: dict[str, list[int]] = {}
    for index in ordered:
        article_id = structures[index].get("id")
        if article_id and lines[index].text.strip():
            members.setdefault(article_id, []).append(index)
    return tuple(
        MappedArticle(
            id=article_id,
            kind="article",
            lines=tuple(lines[i].number for i in indices),
            title_lines=tuple(
                lines[i].number for i in indices if structures[i].get("type", "").lower() in _TITLE_STRUCTURES
            ),
            byline_lines=tuple(
                lines[i].number for i in indices if structures[i].get("type", "").lower() in _BYLINE_STRUCTURES
            ),
        )
        for article_id, indices in members.items()
    )


def parse_pagexml(root: etree._Element, source: str, number: int = 1) -> Page:
    """Turn a parsed PAGE XML document into a :class:`Page`.

    Raises:
        InputError: the document is not PAGE XML (no ``PcGts``/``Page`` element).
    """
    if local_name(root) != "PcGts":
        raise InputError(f"{source}: not a PAGE XML document (the root is <{local_name(root)}>, not <PcGts>)")
    page_element = _child(root, "Page")
    if page_element is None:
        raise InputError(f"{source}: PAGE XML without a <Page> element")

    def dimension(name: str) -> float | None:
        try:
            value = float(page_element.get(name, ""))
        except ValueError:
            return None
        return value if value > 0 else None

    regions: list[Region] = []
    lines: list[Line] = []
    # the custom attribute's structure {id; type} per line: the region's, unless the line has its own
    structures: list[dict[str, str]] = []
    # keyed by the element itself: holding the proxy keeps lxml returning the same object for it
    region_styles: dict[etree._Element, LineStyle | None] = {}
    region_structures: dict[str, dict[str, str]] = {}

    def region_of(element: etree._Element) -> tuple[str | None, Box | None, LineStyle | None]:
        parent = element.getparent()
        while parent is not None and local_name(parent) not in _REGION_TAGS:
            parent = parent.getparent()
        if parent is None:
            return None, None, None
        coords = _child(parent, "Coords")
        return parent.get("id"), (_coords_box(coords) if coords is not None else None), region_styles.get(parent)

    for element in page_element.iter():
        tag = local_name(element)
        if tag in _REGION_TAGS:
            parent_style = None
            ancestor = element.getparent()
            while ancestor is not None and ancestor not in region_styles:
                ancestor = ancestor.getparent()
            if ancestor is not None:
                parent_style = region_styles[ancestor]
            region_styles[element] = _style(element, parent_style)
            if element.get("id"):
                region_structures[element.get("id")] = parse_custom(element.get("custom")).get("structure", {})
            coords = _child(element, "Coords")
            regions.append(
                Region(
                    id=element.get("id") or f"r{len(regions) + 1}",
                    kind=_region_kind(element),
                    box=_coords_box(coords) if coords is not None else None,
                )
            )
        elif tag == "TextLine":
            text, confidence = _text_equiv(element)
            if text is None:  # no line-level text: join the words'
                words = [_text_equiv(word)[0] for word in element if local_name(word) == "Word"]
                text = " ".join(word.strip() for word in words if word and word.strip())
            region_id, region_box, region_style = region_of(element)
            structure = parse_custom(element.get("custom")).get("structure") or region_structures.get(region_id, {})
            structures.append(structure)
            coords = _child(element, "Coords")
            box = _coords_box(coords) if coords is not None else None
            if box is None:
                baseline = _child(element, "Baseline")
                box = _coords_box(baseline) if baseline is not None else region_box
            lines.append(
                Line(
                    number=len(lines) + 1,
                    text=sanitize(" ".join(text.split()) if "\n" in text or "\t" in text else text),
                    box=box,
                    region=region_id,
                    style=_style(element, region_style),
                    confidence=confidence,
                )
            )
    reading_order = _reading_order(page_element)
    return Page(
        number=number,
        source=source,
        lines=tuple(lines),
        format="page",
        width=dimension("imageWidth"),
        height=dimension("imageHeight"),
        regions=tuple(regions),
        reading_order=reading_order,
        library_articles=_structure_articles(lines, structures, reading_order),
    )


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, at most :data:`MAX_XML_BYTES` (gzip is unpacked, within the same limit)."""
    try:
        if not path.is_file():
            raise InputError(f"{path}: not a regular file" if path.exists() else f"{path}: no such file")
        with path.open("rb") as handle:
            data = handle.read(MAX_XML_BYTES + 1)
    except InputError:
        raise
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if data[:2] == b"\x1f\x8b":
        try:
            unpacker = zlib.decompressobj(wbits=31)
            data = unpacker.decompress(data, MAX_XML_BYTES + 1)
        except (zlib.error, gzip.BadGzipFile) as exc:
            raise InputError(f"{path}: not a readable gzip file ({exc})") from exc
    if len(data) > MAX_XML_BYTES:
        limit = MAX_XML_BYTES // (1024 * 1024)
        raise InputError(f"{path}: XML pages larger than {limit} MB are refused")
    return data


def read_pagexml(path: Path, number: int = 1) -> Page:
    """Read one PAGE XML page file (``.page.xml``, or any name; gzipped too).

    Raises:
        InputError: the file is unreadable, too large, malformed or not PAGE XML.
    """
    page = parse_pagexml(parse_xml_bytes(_read_bytes(path), path), str(path), number)
    if not any(line.text.strip() for line in page.lines):
        raise InputError(f"{path}: the PAGE XML page has no text lines")
    return page
