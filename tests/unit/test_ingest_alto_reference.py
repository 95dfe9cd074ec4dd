"""The ALTO reader's Page equals a plain, slow reading of the same file (findall over one tree, no shortcuts)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from reader.ingest.alto import UNIT_SCALE, read_alto
from reader.model import Box, Line, LineStyle, Region
from reader.sanitize import sanitize


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _reference(path: Path) -> tuple[tuple[Line, ...], tuple[Region, ...], float | None, float | None]:
    root = etree.parse(str(path)).getroot()
    unit = root.find(".//{*}MeasurementUnit")
    scale = UNIT_SCALE.get((unit.text or "").strip().lower(), UNIT_SCALE["mm10"]) if unit is not None else 1.0
    if unit is None:
        scale = UNIT_SCALE["mm10"]

    def box(element: etree._Element) -> Box | None:
        values = [_float(element.get(name)) for name in ("HPOS", "VPOS", "WIDTH", "HEIGHT")]
        if None in values:
            return None
        left, top, width, height = values
        return Box(left * scale, top * scale, (left + width) * scale, (top + height) * scale)  # type: ignore[operator]

    styles = {}
    for style in root.iter("{*}TextStyle"):
        font = (style.get("FONTSTYLE") or "").lower()
        styles[style.get("ID")] = LineStyle(_float(style.get("FONTSIZE")), "bold" in font, "italic" in font)
    lines: list[Line] = []
    regions: list[Region] = []
    for element in root.iter("{*}TextBlock", "{*}Illustration", "{*}GraphicalElement"):
        name = etree.QName(element).localname
        if name != "TextBlock":
            regions.append(
                Region(element.get("ID") or f"figure-{len(regions) + 1}", element.get("TYPE") or name, box(element))
            )
            continue
        kind, parent = None, element.getparent()
        while kind is None and parent is not None and etree.QName(parent).localname == "ComposedBlock":
            kind, parent = parent.get("TYPE") or None, parent.getparent()
        block_id = element.get("ID") or f"block-{len(regions) + 1}"
        regions.append(Region(block_id, kind, box(element)))
        for text_line in element.findall("{*}TextLine"):
            words = text_line.findall("{*}String")
            text = " ".join(word.get("CONTENT") or "" for word in words)
            hyphenated = False
            if words:
                after = [e for e in words[-1].itersiblings() if etree.QName(e).localname == "HYP"]
                if after:
                    text += after[0].get("CONTENT") or "-"
                    hyphenated = True
                else:
                    hyphenated = words[-1].get("SUBS_TYPE") == "HypPart1"
            scores = [_float(word.get("WC")) for word in words if word.get("WC") is not None]
            scores = [score for score in scores if score is not None]
            refs = [word.get("STYLEREFS") for word in words if word.get("STYLEREFS")]
            chosen = (
                max(dict.fromkeys(refs), key=refs.count)
                if refs
                else (text_line.get("STYLEREFS") or element.get("STYLEREFS"))
            )
            style = next((styles[ref] for ref in (chosen or "").split() if ref in styles), None)
            fonts = [word.get("STYLE") for word in words if word.get("STYLE")]
            if fonts:
                bold = sum("bold" in font for font in fonts) > len(words) / 2
                italic = sum("italic" in font for font in fonts) > len(words) / 2
                style = LineStyle(style.font_size if style else None, bold, italic)
            confidence = sum(scores) / len(scores) if scores else None
            lines.append(Line(len(lines) + 1, sanitize(text), box(text_line), block_id, style, confidence, hyphenated))
    page = root.find(".//{*}Page")
    width = _float(page.get("WIDTH")) if page is not None else None
    height = _float(page.get("HEIGHT")) if page is not None else None
    return tuple(lines), tuple(regions), width * scale if width else None, height * scale if height else None


def _word(content: str, x: int, extra: str = "") -> str:
    return f'<String CONTENT="{content}" HPOS="{x}" VPOS="10" WIDTH="40" HEIGHT="20"{extra}/>'


_BODY = (
    "<Description><MeasurementUnit>{unit}</MeasurementUnit></Description>"
    '<Styles><TextStyle ID="s1" FONTSIZE="9" FONTSTYLE="bold"/><TextStyle ID="s2" FONTSIZE="x"/>'
    '<TextStyle ID="s3" FONTSIZE="12" FONTSTYLE="italics"/></Styles>'
    '<Layout><Page WIDTH="3000" HEIGHT="4000"><PrintSpace>'
    '<TextBlock ID="TB1" HPOS="1" VPOS="2" WIDTH="300" HEIGHT="400" STYLEREFS="s2 s1">'
    '<TextLine HPOS="1" VPOS="2" WIDTH="300" HEIGHT="20">'
    + _word("Ab", 1, ' WC="0.9" STYLEREFS="s3"')
    + "<SP/>"
    + _word("cd", 50, ' WC="x" STYLE="bold"')
    + "<SP/>"
    + _word("ef", 90, ' WC="0.5" SUBS_TYPE="HypPart1" SUBS_CONTENT="efgh"')
    + '<HYP CONTENT="¬"/></TextLine>'
    '<TextLine HPOS="1" VPOS="30" WIDTH="bad" HEIGHT="20">'
    + _word("gh", 1, ' SUBS_TYPE="HypPart2" SUBS_CONTENT="efgh" STYLE="bold italics"')
    + "<SP/>"
    + _word("ij", 50, ' SUBS_TYPE="HypPart1"')
    + "</TextLine>"
    '<TextLine HPOS="1" VPOS="60" WIDTH="30" HEIGHT="20"/>'
    '<TextLine HPOS="1" VPOS="90" WIDTH="30" HEIGHT="20" STYLEREFS="s3"><HYP CONTENT="-"/>'
    + _word("kl\u200bm", 1)
    + "<SP/>"
    + _word("no", 50)
    + "<HYP/><HYP CONTENT='=' /></TextLine>"
    "</TextBlock>"
    '<ComposedBlock TYPE="Advertisement"><ComposedBlock><TextBlock HPOS="5" VPOS="5" WIDTH="5" HEIGHT="5">'
    '<TextLine HPOS="5" VPOS="5" WIDTH="5" HEIGHT="5">' + _word("pq", 5, ' STYLEREFS="s1"') + "</TextLine>"
    "</TextBlock></ComposedBlock>"
    '<Illustration ID="I1" HPOS="1" VPOS="1" WIDTH="2" HEIGHT="2"/><GraphicalElement HPOS="1"/></ComposedBlock>'
    '<ComposedBlock TYPE="Table"><TextBlock ID="TB9" HPOS="9" VPOS="9" WIDTH="9" HEIGHT="9"><TextLine>'
    + _word("rs", 9, ' STYLE="italics"')
    + "</TextLine><!-- note --></TextBlock></ComposedBlock>"
    "</PrintSpace></Page></Layout>"
)


@pytest.mark.parametrize("unit", ["pixel", "mm10", "inch1200", " Pixel ", ""])
@pytest.mark.parametrize(
    "namespace", ["http://www.loc.gov/standards/alto/ns-v4#", "http://schema.ccs-gmbh.com/ALTO", None]
)
def test_alto_reader_matches_a_plain_reference_reading(tmp_path: Path, unit: str, namespace: str | None) -> None:
    xmlns = f' xmlns="{namespace}"' if namespace else ""
    body = _BODY.format(unit=unit)
    if not unit:
        body = body.replace("<MeasurementUnit></MeasurementUnit>", "")
    path = tmp_path / "page.alto.xml"
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?><alto{xmlns}>{body}</alto>', encoding="utf-8")
    page = read_alto(path)
    lines, regions, width, height = _reference(path)
    assert page.lines == lines
    assert page.regions == regions
    assert (page.width, page.height) == (width, height)
    assert [line.hyphenated for line in page.lines] == [True, True, False, True, False, False]
