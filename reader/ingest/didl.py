"""KB (Delpher) MPEG-21 DIDL article maps: each article is a set of pixel areas on one page's scan.

A page ``Item`` names its ALTO file (``dcx:filename`` of the component whose role is ``alto``); each article
``Item`` inside it has a ``dc:subject`` (``artikel``, ``advertentie``, ``familiebericht``, ``illustratie met
onderschrift``), a ``dc:title`` and ``dcx:area`` zones (``hpos``, ``vpos``, ``width``, ``height``, in the
scan's pixels, as the ALTO boxes are). A line belongs to the article whose area holds its box.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from reader.ingest.articlemap import BODY, MapPart, MapUnit
from reader.model import Box

__all__ = ["didl_units"]

_DC = "{http://purl.org/dc/elements/1.1/}"
_DCX = "{http://krait.kb.nl/coop/tel/handbook/telterms.html}"
#: ``dc:subject`` of an article item → the kind of item.
SUBJECT_KINDS = {
    "artikel": "article",
    "advertentie": "advert",
    "familiebericht": "notice",
    "illustratie met onderschrift": "caption",
}


def _role(component: etree._Element) -> str:
    for statement in component.iter("{*}Statement"):
        if statement.get(f"{_DC}type") == "role":
            return (statement.text or "").strip()
    return ""


def _alto_file(page_item: etree._Element, folder: Path) -> Path | None:
    for component in page_item.iterchildren("{*}Component"):
        if _role(component) != "alto":
            continue
        for resource in component.iterchildren("{*}Resource"):
            name = resource.get(f"{_DCX}filename") or ""
            if name and "/" not in name and "\\" not in name:
                target = folder / name
                if target.is_file():
                    return target
    return None


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _areas(article_item: etree._Element) -> list[Box]:
    boxes = []
    for area in article_item.iter(f"{_DCX}area", "{*}area"):
        left, top, width, height = (_number(area.get(name)) for name in ("hpos", "vpos", "width", "height"))
        if left is not None and top is not None and width is not None and height is not None:
            boxes.append(Box(left, top, left + width, top + height))
    return boxes


def didl_units(root: etree._Element, folder: Path) -> list[MapUnit]:
    """The article items of a DIDL document, page by page, each with its areas on that page's ALTO file."""
    units: list[MapUnit] = []
    for page_item in root.iter("{*}Item"):
        alto = _alto_file(page_item, folder)
        if alto is None:
            continue
        for article_item in page_item.iterchildren("{*}Item"):
            subject = next((e.text for e in article_item.iter(f"{_DC}subject")), None) or ""
            title = next((e.text for e in article_item.iter(f"{_DC}title")), None)
            parts = [MapPart(file=alto, role=BODY, area=box) for box in _areas(article_item)]
            if not parts:
                continue
            article_id = article_item.get("{http://www.kb.nl/namespaces/ddd}article_id") or article_item.get(
                f"{_DC}identifier", f"a{len(units) + 1}"
            )
            units.append(
                MapUnit(
                    id=article_id,
                    kind=SUBJECT_KINDS.get(subject.strip().lower(), "other"),
                    label=" ".join(title.split()) if title else None,
                    parts=parts,
                )
            )
    return units
