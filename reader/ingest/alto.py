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

The file is parsed incrementally (``iterparse`` with the safe settings of :mod:`reader.ingest.xmlsafe`). Each
``TextLine`` is read at its end event and cleared at once (its block's region is made at the block's end), so
the tree never holds more than one line's words: on the impresso pages the peak grows by 0.2–1.4× the file,
where clearing whole blocks let it reach 11× (``benchmarks/ingest_layout.py``). A line's words are read with
``map`` over lxml's unbound ``get`` with bytes keys, so the loop over them runs in C. Plain files up to
128 KB are parsed as one tree, walked in the same order.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from itertools import repeat
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

_BLOCK_TAGS = (
    "{*}MeasurementUnit",
    "{*}TextStyle",
    "{*}Page",
    "{*}TextBlock",
    "{*}Illustration",
    "{*}GraphicalElement",
)
_TAGS = (*_BLOCK_TAGS, "{*}TextLine")


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


_BOX_FIELDS = (b"HPOS", b"VPOS", b"WIDTH", b"HEIGHT")


def _box(element: etree._Element, scale: float) -> Box | None:
    """The element's HPOS/VPOS/WIDTH/HEIGHT as a box in pixels, or None when any is missing or not a number."""
    try:
        left, top, width, height = map(float, map(element.get, _BOX_FIELDS))  # type: ignore[arg-type]
    except (TypeError, ValueError):  # float(None): the attribute is missing
        return None
    if scale != 1.0:
        return _make_box(left * scale, top * scale, (left + width) * scale, (top + height) * scale)
    return _make_box(left, top, left + width, top + height)


_get = etree._Element.get
"""The unbound ``get``, for ``map`` over a line's words: the loop over them then runs in C. Its keys are bytes,
which lxml takes without encoding them (a third cheaper than str keys, measured)."""


def _mean(scores: list[str]) -> float | None:
    """The mean of the word confidences (``WC``) that are numbers, or None when none is."""
    try:
        return sum(map(float, scores)) / len(scores)
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

    Clearing frees the words (almost all the memory); the emptied shells left behind are small, and removing
    them one by one costs more than the parse itself, so they go in batches.
    """
    element.clear(keep_tail=False)
    if prune:
        parent = element.getparent()
        if parent is not None:
            del parent[: parent.index(element)]


_PRUNE_EVERY = 256
"""Released elements between two batch removals of emptied siblings."""


class _AltoPage:
    """What has been read so far; one instance per file.

    Each ``TextLine`` is read at its end event and released at once, so the tree never holds more than one
    line's words; its block's ``Region`` is made at the block's end.
    """

    def __init__(self) -> None:
        self.scale = UNIT_SCALE["mm10"]
        self.styles: dict[str, LineStyle] = {}
        self._chosen: dict[str, LineStyle | None] = {}  # STYLEREFS -> the style it names, while styles stay
        self.lines: list[Line] = []
        self.regions: list[Region] = []
        self.width: float | None = None
        self.height: float | None = None
        self._raw_size: tuple[float | None, float | None] | None = None
        self._block: etree._Element | None = None  # the block of the last lines read …
        self._block_id = ""  # … its id …
        self._block_refs: str | None = None  # … its STYLEREFS …
        self._block_tags: tuple[str, str, str] | None = None  # … and its namespace's tags (see line)

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
            self._chosen.clear()

    def _line_style(self, refs: list[str], fallback: str | None) -> LineStyle | None:
        """The style most of the line's words refer to (the first of those most referred to; STYLEREFS may list
        several ids), else the line's or the block's."""
        if not refs:
            chosen = fallback
        elif refs.count(refs[0]) == len(refs):  # the usual case: one style for the whole line
            chosen = refs[0]
        else:
            counts: dict[str, int] = {}
            for ref in refs:
                counts[ref] = counts.get(ref, 0) + 1
            chosen = max(counts, key=counts.__getitem__)
        if not chosen:
            return None
        try:
            return self._chosen[chosen]
        except KeyError:
            pass
        found = None
        for ref in chosen.split():
            found = self.styles.get(ref)
            if found is not None:
                break
        self._chosen[chosen] = found
        return found

    def line_reader(self, tag: str) -> Callable[[etree._Element], None]:
        """The handler of the ``TextLine`` elements of tag ``tag`` (a namespace's)."""
        namespace = tag[: len(tag) - len("TextLine")]
        tags = (namespace + "TextBlock", namespace + "String", namespace + "HYP")
        return partial(self.line, tags)

    def line(self, tags: tuple[str, str, str], text_line: etree._Element) -> None:
        """A ``TextLine``: read when its parent is a ``TextBlock`` of its namespace (``tags`` are that
        namespace's TextBlock, String and HYP)."""
        block = text_line.getparent()
        if block is not self._block or tags is not self._block_tags:  # else: the same block as the last line
            if block is None or block.tag != tags[0]:
                return
            self._block = block
            self._block_tags = tags
            self._block_id = block.get("ID") or f"block-{len(self.regions) + 1}"
            self._block_refs = block.get("STYLEREFS")
        words = list(text_line.iterchildren(tags[1]))
        count = len(words)
        hyphenated = False
        if count == 1:  # one word: CJK pages, headlines (no iterators to set up)
            last = words[0]
            get = last.get
            text = get(b"CONTENT") or ""
            value = get(b"STYLEREFS")
            refs = [value] if value else []
            value = get(b"STYLE")
            font_styles = [value] if value else []
            value = get(b"WC")
            scores = [value] if value else []
        elif count:
            text = " ".join(map(_get, words, repeat(b"CONTENT", count), repeat("", count)))
            refs = list(filter(None, map(_get, words, repeat(b"STYLEREFS", count))))
            font_styles = list(filter(None, map(_get, words, repeat(b"STYLE", count))))  # ALTO 2+, on the word
            scores = list(filter(None, map(_get, words, repeat(b"WC", count))))
            last = words[-1]
        else:
            text = ""
            refs = font_styles = scores = []
        if count:
            hyp = next(last.itersiblings(tags[2]), None)  # the first HYP after the last word
            if hyp is not None:
                text += hyp.get("CONTENT") or "-"
                hyphenated = True
            else:
                hyphenated = last.get("SUBS_TYPE") == "HypPart1"
        style = self._line_style(refs, text_line.get("STYLEREFS") or self._block_refs)
        if font_styles:
            half = count / 2
            bold = sum("bold" in font_style for font_style in font_styles)
            italic = sum("italic" in font_style for font_style in font_styles)
            style = LineStyle(style.font_size if style else None, bold > half, italic > half)
        lines = self.lines
        set_number, set_text, set_box, set_region, set_style, set_confidence, set_hyphenated = _LINE_SLOTS
        line = _new(Line)  # Line(...) without the frozen dataclass's __init__: this runs once per line
        set_number(line, len(lines) + 1)
        set_text(line, sanitize(text) if text else "")
        set_box(line, _box(text_line, self.scale))
        set_region(line, self._block_id)
        set_style(line, style)
        set_confidence(line, _mean(scores) if scores else None)
        set_hyphenated(line, hyphenated)
        lines.append(line)

    def block(self, element: etree._Element) -> None:
        if element is self._block:
            block_id = self._block_id
            self._block = self._block_tags = None
        else:
            block_id = element.get("ID") or f"block-{len(self.regions) + 1}"
        region = _new(Region)  # Region(...) without the frozen dataclass's __init__
        set_id, set_kind, set_region_box = _REGION_SLOTS
        set_id(region, block_id)
        set_kind(region, _enclosing_type(element))
        set_region_box(region, _box(element, self.scale))
        self.regions.append(region)

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
    by_name: dict[str, Callable[[etree._Element], None]] = {
        "TextBlock": page.block,
        "TextStyle": page.style,
        "MeasurementUnit": page.unit,
        "Illustration": page.figure,
        "GraphicalElement": page.figure,
        "Page": page.page_size,
    }
    handlers: dict[str, Callable[[etree._Element], None]] = {}  # by full tag: one namespace split per tag
    source: str | BinaryIO | None = None
    try:
        data = _small_plain_file(path, limit)
        if data is not None:
            check_prolog(data[:HEAD_BYTES], path)
            # The elements in document order, each text block's lines read just before the block itself: the
            # order of the incremental parse's end events, as none of these elements holds another but Page
            # (whose handler only records the page size). Nothing to release.
            for element in etree.fromstring(data, safe_parser()).iter(*_BLOCK_TAGS):
                tag = element.tag
                handler = handlers.get(tag)
                if handler is None:
                    handler = handlers[tag] = by_name[tag.rsplit("}", 1)[-1]]
                if handler == page.block:
                    line_tag = tag[: len(tag) - len("TextBlock")] + "TextLine"
                    line_handler = handlers.get(line_tag)
                    if line_handler is None:
                        line_handler = handlers[line_tag] = page.line_reader(line_tag)
                    for text_line in element.iterchildren(line_tag):
                        line_handler(text_line)
                handler(element)
        else:
            # A plain file is read by libxml2 itself (its size is checked first); gzip goes through the
            # bounded stream.
            check_prolog(read_head(path), path)
            source = open_bounded(path, limit) if is_gzip(path) else str(check_size(path, limit))
            released = 0
            for _, element in iterparse_safe(source, events=("end",), tag=_TAGS):
                tag = element.tag
                handler = handlers.get(tag)
                if handler is None:
                    handler = handlers[tag] = by_name.get(tag.rsplit("}", 1)[-1]) or page.line_reader(tag)
                handler(element)
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
