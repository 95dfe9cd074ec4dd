"""ALTO XML pages (1.x to 4.x, with or without a namespace, the NDNP / Chronicling America profile).

Line *k* of the page is the *k*-th ``TextLine`` in document order, empty ones included, so line numbers
match the corpus truth and the raw view. A line's text is its ``String`` contents joined by single spaces,
plus the printed hyphen of a trailing ``HYP``: the printed text, never the dehyphenated ``SUBS_CONTENT``.
A line whose last word is the first part of a hyphenated word (``HYP`` or ``SUBS_TYPE="HypPart1"``) is marked
``hyphenated``, which is what cleaning needs to join it to the next line without the hyphen.

Coordinates are converted to pixels of the scan. ``MeasurementUnit`` ``pixel`` is taken as is; ``mm10``
(the ALTO default when the unit is missing) and ``inch1200`` are converted at :data:`ASSUMED_DPI` dots per
inch, because ALTO does not record the scan's resolution. Only ratios between boxes of the same page matter
to the analysis, so a wrong DPI guess scales the whole page and changes nothing else.

The file is parsed incrementally (``iterparse`` with the safe settings of :mod:`reader.ingest.xmlsafe`), and
each ``TextBlock`` is cleared once its lines are read, so memory stays a small multiple of the file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from reader.errors import InputError
from reader.ingest.source import (
    GZIP_MAGIC,
    HEAD_BYTES,
    MAX_LAYOUT_BYTES,
    check_regular_file,
    check_size,
    is_gzip,
    open_bounded,
    read_head,
)
from reader.ingest.xmlsafe import check_prolog, iterparse_safe, safe_parser, syntax_error
from reader.model import Box, Line, LineStyle, Page, Region
from reader.sanitize import sanitize

ASSUMED_DPI = 300.0
"""Scan resolution assumed when converting ``mm10`` and ``inch1200`` to pixels (newspaper scans: 300–400)."""

UNIT_SCALE = {"pixel": 1.0, "mm10": ASSUMED_DPI / 254.0, "inch1200": ASSUMED_DPI / 1200.0}
"""Pixels per ALTO measurement unit."""

_TAGS = ("{*}MeasurementUnit", "{*}TextStyle", "{*}Page", "{*}TextBlock", "{*}Illustration", "{*}GraphicalElement")


def _number(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return None


_new = object.__new__
_BOX_SLOTS = tuple(Box.__dict__[name].__set__ for name in ("left", "top", "right", "bottom"))
_LINE_SLOTS = tuple(
    Line.__dict__[name].__set__ for name in ("number", "text", "box", "region", "style", "confidence", "hyphenated")
)
_REGION_SLOTS = tuple(Region.__dict__[name].__set__ for name in ("id", "kind", "box"))


def _make_box(left: float, top: float, right: float, bottom: float) -> Box:
    """``Box(left, top, right, bottom)`` without the frozen dataclass's ``__init__`` (twice as fast, same object)."""
    box = _new(Box)
    set_left, set_top, set_right, set_bottom = _BOX_SLOTS
    set_left(box, left)
    set_top(box, top)
    set_right(box, right)
    set_bottom(box, bottom)
    return box


def _box(element: etree._Element, scale: float) -> Box | None:
    """The element's HPOS/VPOS/WIDTH/HEIGHT as a box in pixels, or None when any is missing or not a number."""
    get = element.get
    try:
        left = float(get("HPOS"))  # type: ignore[arg-type]
        top = float(get("VPOS"))  # type: ignore[arg-type]
        right = left + float(get("WIDTH"))  # type: ignore[arg-type]
        bottom = top + float(get("HEIGHT"))  # type: ignore[arg-type]
    except (TypeError, ValueError):  # float(None): the attribute is missing
        return None
    if scale != 1.0:
        return _make_box(left * scale, top * scale, right * scale, bottom * scale)
    return _make_box(left, top, right, bottom)


def _mean(scores: list[str]) -> float | None:
    """The mean of the word confidences (``WC``) that are numbers, or None when none is."""
    try:
        values = [float(score) for score in scores]
    except ValueError:  # a rare malformed WC: skip it, keep the others
        values = []
        for score in scores:
            try:
                values.append(float(score))
            except ValueError:
                pass
    return sum(values) / len(values) if values else None


def _text_style(element: etree._Element) -> LineStyle:
    font_style = (element.get("FONTSTYLE") or "").lower()
    return LineStyle(
        font_size=_number(element.get("FONTSIZE")),
        bold="bold" in font_style,
        italic="italic" in font_style,
    )


def _enclosing_type(block: etree._Element) -> str | None:
    """The TYPE of the nearest ``ComposedBlock`` around ``block`` (Advertisement, Illustration, Table …)."""
    parent = block.getparent()
    while parent is not None and parent.tag.endswith("ComposedBlock"):
        kind = parent.get("TYPE")
        if kind:
            return kind
        parent = parent.getparent()
    return None


def _release(element: etree._Element, prune: bool) -> None:
    """Free a finished element's content; with ``prune``, also drop the finished siblings before it.

    Clearing frees the words and lines (almost all the memory); the emptied shells left behind are small,
    and removing them one by one costs more than the parse itself, so they go in batches.
    """
    element.clear(keep_tail=False)
    if prune:
        parent = element.getparent()
        if parent is not None:
            del parent[: parent.index(element)]


_PRUNE_EVERY = 1024
"""Released elements between two batch removals of emptied siblings."""


class _AltoPage:
    """What has been read so far; one instance per file."""

    def __init__(self) -> None:
        self.scale = UNIT_SCALE["mm10"]
        self.styles: dict[str, LineStyle] = {}
        self.lines: list[Line] = []
        self.regions: list[Region] = []
        self.width: float | None = None
        self.height: float | None = None
        self._raw_size: tuple[float | None, float | None] | None = None

    def page_size(self, element: etree._Element) -> None:
        if self._raw_size is None:
            self._raw_size = (_number(element.get("WIDTH")), _number(element.get("HEIGHT")))
            width, height = self._raw_size
            self.width = width * self.scale if width is not None else None
            self.height = height * self.scale if height is not None else None

    def unit(self, element: etree._Element) -> None:
        self.scale = UNIT_SCALE.get((element.text or "").strip().lower(), self.scale)

    def style(self, element: etree._Element) -> None:
        style_id = element.get("ID")
        if style_id:
            self.styles[style_id] = _text_style(element)

    def _line_style(self, refs: dict[str, int], fallback: str | None) -> LineStyle | None:
        """The style most of the line's words refer to (STYLEREFS may list several ids)."""
        chosen = max(refs, key=refs.__getitem__) if refs else fallback
        if not chosen:
            return None
        for ref in chosen.split():
            style = self.styles.get(ref)
            if style is not None:
                return style
        return None

    def block(self, element: etree._Element) -> None:
        tag = element.tag
        namespace = tag[: len(tag) - len("TextBlock")]
        line_tag, string_tag, hyp_tag = namespace + "TextLine", namespace + "String", namespace + "HYP"
        scale = self.scale
        block_id = element.get("ID") or f"block-{len(self.regions) + 1}"
        region = _new(Region)  # Region(...) without the frozen dataclass's __init__
        set_id, set_kind, set_region_box = _REGION_SLOTS
        set_id(region, block_id)
        set_kind(region, _enclosing_type(element))
        set_region_box(region, _box(element, scale))
        self.regions.append(region)
        block_refs = element.get("STYLEREFS")
        lines = self.lines
        set_number, set_text, set_box, set_region, set_style, set_confidence, set_hyphenated = _LINE_SLOTS
        for text_line in element:  # one pass over the children: cheaper than a tag-filtered iterator
            if text_line.tag != line_tag:
                continue
            words: list[str] = []
            scores: list[str] = []
            refs: dict[str, int] = {}
            font_styles: list[str] = []
            last_word = None
            hyp = None
            for child in text_line:
                child_tag = child.tag
                if child_tag == string_tag:
                    get = child.get
                    words.append(get("CONTENT") or "")
                    confidence = get("WC")
                    if confidence is not None:
                        scores.append(confidence)
                    ref = get("STYLEREFS")
                    if ref:
                        refs[ref] = refs.get(ref, 0) + 1
                    font_style = get("STYLE")  # ALTO 2+: "bold italics" on the word itself
                    if font_style:
                        font_styles.append(font_style)
                    last_word = child
                    hyp = None
                elif child_tag == hyp_tag and hyp is None and last_word is not None:
                    hyp = child  # the first HYP after the line's last word
            hyphen = ""
            hyphenated = False
            if hyp is not None:
                hyphen = hyp.get("CONTENT") or "-"
                hyphenated = True
            elif last_word is not None:
                hyphenated = last_word.get("SUBS_TYPE") == "HypPart1"
            text = " ".join(words) + hyphen
            style = self._line_style(refs, text_line.get("STYLEREFS") or block_refs)
            if font_styles:
                half = len(words) / 2
                bold = sum("bold" in font_style for font_style in font_styles)
                italic = sum("italic" in font_style for font_style in font_styles)
                style = LineStyle(style.font_size if style else None, bold > half, italic > half)
            line = _new(Line)  # Line(...) without the frozen dataclass's __init__: this runs once per line
            set_number(line, len(lines) + 1)
            set_text(line, sanitize(text) if text else "")
            set_box(line, _box(text_line, scale))
            set_region(line, block_id)
            set_style(line, style)
            set_confidence(line, _mean(scores) if scores else None)
            set_hyphenated(line, hyphenated)
            lines.append(line)

    def figure(self, element: etree._Element) -> None:
        tag = element.tag
        kind = element.get("TYPE") or tag.rsplit("}", 1)[-1]
        region_id = element.get("ID") or f"figure-{len(self.regions) + 1}"
        self.regions.append(Region(region_id, kind, _box(element, self.scale)))


_WHOLE_TREE_BYTES = 128 * 1024
"""Plain ALTO files up to this size are parsed as one tree: at most ~20× the file (2.5 MB), less than the
interpreter itself, and iterparse's per-chunk and per-event work would cost more than the whole parse."""


def _small_plain_file(path: Path, limit: int) -> bytes | None:
    """The bytes of ``path`` when it is a plain (not gzipped) file of at most :data:`_WHOLE_TREE_BYTES`, else None.

    Raises:
        InputError: see :func:`check_regular_file`.
        OSError: the file cannot be read.
    """
    if check_regular_file(path, limit) > _WHOLE_TREE_BYTES:
        return None
    data = path.read_bytes()
    if data.startswith(GZIP_MAGIC) or len(data) > _WHOLE_TREE_BYTES:
        return None
    return data


def read_alto(path: Path, number: int = 1, *, limit: int = MAX_LAYOUT_BYTES) -> Page:
    """Read one ALTO page file (optionally gzipped) into a :class:`Page` of format ``alto``.

    Raises:
        InputError: the file is unreadable, too large, malformed (with line and column), declares entities,
            or holds no text line.
    """
    page = _AltoPage()
    by_name = {
        "TextBlock": page.block,
        "TextStyle": page.style,
        "MeasurementUnit": page.unit,
        "Illustration": page.figure,
        "GraphicalElement": page.figure,
        "Page": page.page_size,
    }
    handlers: dict[str, Callable[[etree._Element], None]] = {}  # by full tag: one namespace split per tag

    def handle(element: etree._Element) -> None:
        tag = element.tag
        handler = handlers.get(tag)
        if handler is None:
            handler = handlers[tag] = by_name[tag.rsplit("}", 1)[-1]]
        handler(element)

    source: str | BinaryIO | None = None
    try:
        data = _small_plain_file(path, limit)
        if data is not None:
            check_prolog(data[:HEAD_BYTES], path)
            # The elements come in the order iterparse's "end" events would give them for these tags: none of
            # them holds another, except Page, whose handler only records the page size.
            for element in etree.fromstring(data, safe_parser()).iter(*_TAGS):
                handle(element)
        else:
            # A plain file is read by libxml2 itself (its size is checked first); gzip goes through the
            # bounded stream.
            check_prolog(read_head(path), path)
            source = open_bounded(path, limit) if is_gzip(path) else str(check_size(path, limit))
            released = 0
            for _, element in iterparse_safe(source, events=("end",), tag=_TAGS):
                handle(element)
                released += 1
                _release(element, released % _PRUNE_EVERY == 0)
    except etree.XMLSyntaxError as exc:
        raise syntax_error(exc, path) from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    finally:
        if source is not None and not isinstance(source, str):
            source.close()
    if not page.lines:
        raise InputError(f"{path}: the ALTO file has no text lines")
    return Page(
        number,
        str(path),
        tuple(page.lines),
        format="alto",
        width=page.width,
        height=page.height,
        regions=tuple(page.regions),
    )
