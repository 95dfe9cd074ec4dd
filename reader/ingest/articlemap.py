"""The library's own article map (METS logical structMap, KB DIDL zoning), resolved to each page's lines.

Libraries point at their articles' parts in three ways, and each is resolved against the ALTO file itself
(scanned here, so the map never depends on how the page reader numbers or joins lines):

* an ALTO element id (``BEGIN="P1_TB00004"``: a ``TextBlock``, ``ComposedBlock``, ``TextLine`` or ``String``),
* a range of ``String`` ids (``BEGIN="word000233" END="word000268"``, British Library),
* a pixel area on the scan (KB DIDL ``dcx:area``): a line belongs to the article whose area holds its box.

A line that several parts claim goes to the one that claims most of its words. The result is one tuple of
:class:`~reader.model.MappedArticle` per page file, attached to the pages as ``Page.library_articles``.

lxml is imported only where XML is read: opening a folder of text pages, which asks :func:`map_for_issue`
whether there is a map, never loads it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from reader.errors import InputError
from reader.model import Box, MappedArticle, Page

__all__ = [
    "SEGMENTATIONS",
    "AltoLine",
    "MapPart",
    "MapUnit",
    "attach_article_map",
    "find_article_map",
    "map_for_issue",
    "no_library_map",
    "mapped_pages",
    "read_article_map",
    "resolve_units",
    "scan_alto_lines",
]

#: Parts' roles: the heading, the byline, the rest.
TITLE, BYLINE, BODY = "title", "byline", "body"


@dataclass(frozen=True, slots=True)
class AltoLine:
    """One ``TextLine`` of an ALTO file: its number (k-th in document order), ids around it, words, box."""

    number: int
    ids: tuple[str, ...]
    """The line's own id and those of its enclosing blocks (``TextBlock``, ``ComposedBlock`` …)."""
    words: tuple[str, ...]
    box: Box | None


@dataclass(frozen=True, slots=True)
class MapPart:
    """One pointer of an article into one page file: an element id, a word range, or a pixel area."""

    file: Path
    role: str = BODY
    begin: str | None = None
    end: str | None = None
    area: Box | None = None


@dataclass(slots=True)
class MapUnit:
    """One article (advert, other item) of the map, with its parts across the issue's pages."""

    id: str
    kind: str
    label: str | None = None
    parts: list[MapPart] = field(default_factory=list)


def read_bytes(path: Path) -> bytes:
    """A map or ALTO file's bytes, refusing anything but a regular file within :data:`MAX_XML_BYTES`."""
    from reader.ingest.xmlsafe import MAX_XML_BYTES

    try:
        if not path.is_file():
            raise InputError(f"{path}: not a regular file")
        with path.open("rb") as handle:
            data = handle.read(MAX_XML_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if len(data) > MAX_XML_BYTES:
        raise InputError(f"{path}: XML files larger than {MAX_XML_BYTES // 1048576} MB are refused")
    return data


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def scan_alto_lines(path: Path) -> list[AltoLine]:
    """Every ``TextLine`` of an ALTO file in document order, with ids, word ids and box (in file units)."""
    from reader.ingest.xmlsafe import local_name, parse_xml_bytes

    root = parse_xml_bytes(read_bytes(path), path)
    lines: list[AltoLine] = []
    for element in root.iter("{*}TextLine", "TextLine"):
        ids = [element.get("ID") or ""]
        parent = element.getparent()
        while parent is not None and local_name(parent) not in ("PrintSpace", "Page", "Layout"):
            if parent.get("ID"):
                ids.append(parent.get("ID"))
            parent = parent.getparent()
        words = tuple(w.get("ID") or "" for w in element if local_name(w) == "String")
        left, top, width, height = (_number(element.get(name)) for name in ("HPOS", "VPOS", "WIDTH", "HEIGHT"))
        box = None
        if left is not None and top is not None and width is not None and height is not None:
            box = Box(left, top, left + width, top + height)
        lines.append(AltoLine(len(lines) + 1, tuple(i for i in ids if i), words, box))
    return lines


def _area_share(line: Box, area: Box) -> float:
    width = min(line.right, area.right) - max(line.left, area.left)
    height = min(line.bottom, area.bottom) - max(line.top, area.top)
    if width <= 0 or height <= 0:
        return 0.0
    return width * height / max(line.width * line.height, 1.0)


def _claims(part: MapPart, lines: list[AltoLine], by_id: dict[str, list[int]], word_at: dict[str, int]):
    """(line index, weight) pairs that ``part`` claims; the weight is the number of words (or area share)."""
    if part.area is not None:
        for index, line in enumerate(lines):
            if line.box is not None:
                share = _area_share(line.box, part.area)
                if share >= 0.5:
                    yield index, share * max(len(line.words), 1)
        return
    if part.begin is None:
        return
    if part.end is not None and part.begin in word_at and part.end in word_at:
        first, last = word_at[part.begin], word_at[part.end]
        counts: dict[int, int] = {}
        position = 0
        for index, line in enumerate(lines):
            for _ in line.words:
                if first <= position <= last:
                    counts[index] = counts.get(index, 0) + 1
                position += 1
        yield from counts.items()
        return
    for index in by_id.get(part.begin, []):
        yield index, max(len(lines[index].words), 1)
    if part.begin in word_at and part.begin not in by_id:
        position = word_at[part.begin]
        for index, line in enumerate(lines):
            if position < len(line.words):
                yield index, 1
                return
            position -= len(line.words)


def resolve_units(units: Iterable[MapUnit], scan=scan_alto_lines) -> dict[Path, tuple[MappedArticle, ...]]:
    """The map's units as :class:`MappedArticle` per page file (files that cannot be read are left out)."""
    units = list(units)
    files = list(dict.fromkeys(part.file for unit in units for part in unit.parts))
    result: dict[Path, tuple[MappedArticle, ...]] = {}
    for file in files:
        try:
            lines = scan(file)
        except InputError:
            continue
        by_id: dict[str, list[int]] = {}
        word_at: dict[str, int] = {}
        position = 0
        for index, line in enumerate(lines):
            for element_id in line.ids:
                by_id.setdefault(element_id, []).append(index)
            for word in line.words:
                word_at[word] = position
                position += 1
        # best claim per line: (weight, unit position, role)
        best: dict[int, tuple[float, int, str]] = {}
        for position_in_map, unit in enumerate(units):
            for part in unit.parts:
                if part.file != file:
                    continue
                for index, weight in _claims(part, lines, by_id, word_at):
                    current = best.get(index)
                    if current is None or weight > current[0]:
                        best[index] = (weight, position_in_map, part.role)
        members: dict[int, list[tuple[int, str]]] = {}
        for index, (_, position_in_map, role) in sorted(best.items()):
            members.setdefault(position_in_map, []).append((lines[index].number, role))
        result[file] = tuple(
            MappedArticle(
                id=units[position_in_map].id,
                kind=units[position_in_map].kind,
                label=units[position_in_map].label,
                lines=tuple(number for number, _ in numbered),
                title_lines=tuple(number for number, role in numbered if role == TITLE),
                byline_lines=tuple(number for number, role in numbered if role == BYLINE),
            )
            for position_in_map, numbered in sorted(members.items())
        )
    return result


def _root_name(path: Path) -> str:
    """The local name of a file's root element ('' when it is not XML), read from its first element only."""
    from lxml import etree

    from reader.ingest.xmlsafe import local_name

    try:
        for _, element in etree.iterparse(
            str(path), events=("start",), resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
        ):
            return local_name(element)
    except (etree.XMLSyntaxError, OSError):
        return ""
    return ""


def find_article_map(folder: Path) -> Path | None:
    """The METS or DIDL file of an issue folder that holds an article map, or None."""
    if not folder.is_dir():
        return None
    for child in sorted(folder.iterdir()):
        name = child.name.lower()
        if child.is_file() and name.endswith(".xml") and ("mets" in name or "didl" in name):
            if _root_name(child) in ("mets", "DIDL"):
                return child
    return None


def read_article_map(map_file: Path) -> list[MapUnit]:
    """The units of a METS or DIDL article map.

    Raises:
        InputError: the file is unreadable, malformed, or neither METS nor DIDL.
    """
    from reader.ingest.xmlsafe import local_name, parse_xml_bytes

    data = read_bytes(map_file)
    try:
        root = parse_xml_bytes(data, map_file)
    except InputError as exc:
        # KB's DIDL files use the xsi prefix without declaring it; lxml's recovery reads them as meant
        if "Namespace prefix" not in str(exc):
            raise
        from lxml import etree

        from reader.ingest.xmlsafe import safe_parser

        root = etree.fromstring(data, parser=safe_parser(recover=True))
        if root is None:
            raise
    if local_name(root) == "mets":
        from reader.ingest.mets import mets_units

        return mets_units(root, map_file.parent)
    if local_name(root) == "DIDL":
        from reader.ingest.didl import didl_units

        return didl_units(root, map_file.parent)
    raise InputError(f"{map_file}: neither a METS nor a DIDL article map")


def attach_article_map(pages: tuple[Page, ...], mapped: dict[Path, tuple[MappedArticle, ...]]) -> tuple[Page, ...]:
    """``pages`` with the map's articles of each page file set as ``library_articles``."""
    by_file = {file.resolve(): articles for file, articles in mapped.items()}
    attached = []
    for page in pages:
        articles = by_file.get(Path(page.source).resolve())
        attached.append(replace(page, library_articles=articles) if articles else page)
    return tuple(attached)


SEGMENTATIONS = ("auto", "ours", "library")
"""``--segmentation`` choices: the library's map when there is one, always ours, or the library's (required)."""


def map_for_issue(path: Path, segmentation: str = "auto") -> Path | None:
    """The METS or DIDL article map to use for the issue at ``path`` under the ``segmentation`` choice, or None.

    Raises:
        InputError: the choice is not one of :data:`SEGMENTATIONS`.
    """
    if segmentation not in SEGMENTATIONS:
        raise InputError(f"unknown segmentation {segmentation!r}: choose one of {', '.join(SEGMENTATIONS)}")
    return find_article_map(path) if segmentation != "ours" and path.is_dir() else None


def no_library_map(path: Path) -> InputError:
    """The error for ``--segmentation library`` on an issue that has no article map of its library."""
    return InputError(
        f"{path}: no library article map (METS, DIDL or PAGE structure ids) in this issue; use --segmentation ours"
    )


def mapped_pages(map_file: Path) -> dict[Path, tuple[MappedArticle, ...]]:
    """The map's articles per page file (resolved paths); an unreadable map gives none, the issue still opens."""
    try:
        mapped = resolve_units(read_article_map(map_file))
    except InputError:
        return {}
    return {file.resolve(): articles for file, articles in mapped.items()}
