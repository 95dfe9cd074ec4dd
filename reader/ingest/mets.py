"""METS article maps: the logical structMap of an issue (BnL, BnF, BL, impresso and most docWorks output).

Each ``ARTICLE`` (or ``SECTION``, ``ADVERTISEMENT``, ``TITLE_SECTION`` …) ``div`` of the logical structMap is
one unit. Its parts are the ``area`` elements below it, pointing into ALTO files by element id
(``BETYPE="IDREF" BEGIN="P1_TB00004"``) or by a word range (``BEGIN``/``END``); a part under a ``HEADING``,
``TITLE`` or ``HEADLINE`` div is title, under ``AUTHOR`` byline, anything else body. The British Library
leaves its article divs empty and links them to physical page areas in the ``structLink`` section instead.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from reader.ingest.articlemap import BODY, BYLINE, TITLE, MapPart, MapUnit
from reader.ingest.source import href_in_folder
from reader.ingest.xmlsafe import local_name

__all__ = ["mets_units"]

_XLINK = "{http://www.w3.org/1999/xlink}"
#: Logical div types that are one unit of the map each, and what kind of item they are.
UNIT_KINDS = {
    "ARTICLE": "article",
    "SECTION": "article",
    "CHAPTER": "article",
    "ADVERTISEMENT": "advert",
    "DEATH_NOTICE": "notice",
    "OBITUARY": "notice",
    "TITLE_SECTION": "other",
    "ILLUSTRATION": "other",
    "PICTURE": "other",
    "TABLE": "other",
}
_TITLE_TYPES = frozenset({"HEADING", "TITLE", "HEADLINE", "SUBHEADLINE", "OVERLINE", "KICKER", "SUBTITLE"})
_BYLINE_TYPES = frozenset({"AUTHOR", "BYLINE"})


def _xml_files(root: etree._Element, folder: Path) -> dict[str, Path]:
    """METS file ids of the XML files (the ALTO pages) that exist in the folder."""
    files: dict[str, Path] = {}
    for element in root.iter("{*}file"):
        file_id = element.get("ID")
        location = next(element.iter("{*}FLocat"), None)
        if not file_id or location is None:
            continue
        href = location.get(f"{_XLINK}href") or location.get("href") or ""
        if not href.lower().endswith(".xml"):
            continue
        target = href_in_folder(href, folder)
        if target is not None:
            files[file_id] = target
    return files


def _part(area: etree._Element, files: dict[str, Path], role: str) -> MapPart | None:
    file = files.get(area.get("FILEID") or "")
    if file is None or not area.get("BEGIN"):
        return None
    return MapPart(file=file, role=role, begin=area.get("BEGIN"), end=area.get("END"))


def _physical_areas(root: etree._Element, files: dict[str, Path]) -> dict[str, list[MapPart]]:
    """Parts per physical div id (the British Library's page areas)."""
    areas: dict[str, list[MapPart]] = {}
    for struct_map in root.iter("{*}structMap"):
        if (struct_map.get("TYPE") or "").upper() != "PHYSICAL":
            continue
        for div in struct_map.iter("{*}div"):
            parts = []
            for pointer in div.iterchildren("{*}fptr"):
                for area in pointer.iter("{*}area"):
                    part = _part(area, files, BODY)
                    if part is not None:
                        parts.append(part)
            if parts and div.get("ID"):
                areas[div.get("ID")] = parts
    return areas


def _linked_parts(root: etree._Element, files: dict[str, Path]) -> dict[str, list[MapPart]]:
    """Parts per logical div id, from the ``structLink`` section (``smLinkGrp`` and plain ``smLink``)."""
    physical: dict[str, list[MapPart]] | None = None
    linked: dict[str, list[MapPart]] = {}

    def add(logical: str, target: str) -> None:
        nonlocal physical
        if physical is None:
            physical = _physical_areas(root, files)
        linked.setdefault(logical.lstrip("#"), []).extend(physical.get(target.lstrip("#"), []))

    for group in root.iter("{*}smLinkGrp"):
        hrefs = {
            locator.get(f"{_XLINK}label"): locator.get(f"{_XLINK}href") or ""
            for locator in group.iter("{*}smLocatorLink")
        }
        for arc in group.iter("{*}smArcLink"):
            source, target = hrefs.get(arc.get(f"{_XLINK}from")), hrefs.get(arc.get(f"{_XLINK}to"))
            if source and target:
                add(source, target)
    for link in root.iter("{*}smLink"):
        source, target = link.get(f"{_XLINK}from"), link.get(f"{_XLINK}to")
        if source and target:
            add(source, target)
    return linked


def mets_units(root: etree._Element, folder: Path) -> list[MapUnit]:
    """The units of the logical structMap(s) of a METS document, in map order."""
    files = _xml_files(root, folder)
    units: list[MapUnit] = []
    linked: dict[str, list[MapPart]] | None = None

    def walk(div: etree._Element, unit: MapUnit | None, role: str) -> None:
        nonlocal linked
        kind_name = (div.get("TYPE") or "").upper()
        if kind_name in UNIT_KINDS:
            unit = MapUnit(id=div.get("ID") or f"unit{len(units) + 1}", kind=UNIT_KINDS[kind_name])
            unit.label = div.get("LABEL")
            units.append(unit)
            role = BODY
        elif kind_name in _TITLE_TYPES:
            role = TITLE
        elif kind_name in _BYLINE_TYPES:
            role = BYLINE
        for child in div:
            name = local_name(child)
            if name == "div":
                walk(child, unit, role)
            elif name == "fptr" and unit is not None:
                for area in child.iter("{*}area"):
                    part = _part(area, files, role)
                    if part is not None:
                        unit.parts.append(part)
        if unit is not None and kind_name in UNIT_KINDS and not unit.parts and unit.id:
            if linked is None:
                linked = _linked_parts(root, files)
            unit.parts.extend(linked.get(unit.id, []))

    for struct_map in root.iter("{*}structMap"):
        if (struct_map.get("TYPE") or "").upper() == "LOGICAL":
            for div in struct_map.iterchildren("{*}div"):
                walk(div, None, BODY)
    return [unit for unit in units if unit.parts]
