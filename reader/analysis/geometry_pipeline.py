"""Analysis of layout pages: geometry blocks, the text roles with what geometry adds, then the text assembler.

The text stages (:mod:`~reader.analysis.roles`, :mod:`~reader.analysis.assemble`, the article builder) are
called as they are; this module only supplies blocks in reading order (:mod:`~reader.analysis.geometry`) and
corrects block roles with what the page's geometry says and its text cannot:

* a short block set in clearly larger type than the page's text is a title, and so is a short line centred
  in its column (the commonest heading of older papers, set in body type: "ALLEMAGNE.", "Revue politique.");
* the region types a format names (PAGE ``heading``/``caption``/``page-number``, ALTO ``Advertisement``);
* a short block right under an illustration is its caption;
* a block set across several columns is a lead (``wide``), measured in pixels;
* an item mark (△ ▲ ★ ● ◇) opening a block starts a new article.
"""

from __future__ import annotations

from dataclasses import replace

from reader.analysis.assemble import Draft, assemble
from reader.analysis.blocks import Block, fast_median
from reader.analysis.geometry import LayoutBlock, layout_blocks, opens_item, turn
from reader.analysis.pipeline import _build_article
from reader.analysis.roles import BlockRole, classify_blocks, split_byline_tails
from reader.model import Article, Box, Page

__all__ = ["analyze_layout_page", "geometry_roles", "layout_parts"]

#: A block whose type is this many times the page's body size (font size, else line height) is a title.
TITLE_SIZE_FACTOR = 1.35
#: The longest block (letters, no spaces) that large type still makes a title rather than a lead.
TITLE_MAX_LETTERS = 160
#: A block this many times wider than the page's usual text block spans columns: a lead or box.
WIDE_FACTOR = 1.6

_TITLE_KINDS = frozenset({"heading", "headline", "title", "subheadline", "overline", "kicker"})
_FURNITURE_KINDS = frozenset(
    {"header", "footer", "page-number", "pagenumber", "catch-word", "signature-mark", "marginalia", "running-title"}
)
_ADVERT_KINDS = frozenset({"advertisement", "advert", "advertregion"})
_PICTURE_KINDS = frozenset({"image", "illustration", "graphic", "graphicalelement", "picture", "photo", "chart"})

_TITLE_BY_SIZE = BlockRole("title", reason="set in larger type than the page's text", title_like=True)
_TITLE_CENTRED = BlockRole("title", reason="a short line centred in its column", title_like=True)
#: A centred heading: at most this many letters, with each margin at least this share of the column.
CENTRED_MAX_LETTERS = 60
CENTRED_MIN_MARGIN = 0.06
_TITLE_BY_REGION = BlockRole("title", reason="the page marks this region as a heading", title_like=True)
_CAPTION_BY_REGION = BlockRole("caption", reason="the page marks this region as a caption")
_CAPTION_UNDER_PICTURE = BlockRole("caption", reason="short text right under an illustration")
_FURNITURE_BY_REGION = BlockRole("furniture", reason="the page marks this region as a running head or page number")
_ADVERT_BY_REGION = BlockRole("advert", reason="the page marks this region as an advertisement")


def layout_parts(
    page: Page, *, keep_order: bool = False, regions: bool | None = None
) -> tuple[list[Block], list[LayoutBlock]]:
    """The page's blocks in reading order (bylines on a block's last line split off), each with its geometry."""
    blocks: list[Block] = []
    geometry: list[LayoutBlock] = []
    for found in layout_blocks(page, keep_order=keep_order, regions=regions):
        for piece in split_byline_tails([found.block]):
            blocks.append(piece)
            geometry.append(found)
    return blocks, geometry


def _size(found: LayoutBlock) -> float:
    sizes = [line.style.font_size for line in found.block.lines if line.style and line.style.font_size]
    return float(fast_median(sizes)) if sizes else 0.0


def _body_size(geometry: list[LayoutBlock], key) -> float:
    """The page's body type: the commonest size over lines of blocks of three or more lines."""
    values: list[float] = []
    for found in geometry:
        if len(found.block.lines) >= 3:
            value = key(found)
            if value > 0:
                values.extend([value] * len(found.block.lines))
    return float(fast_median(values)) if values else 0.0


def _pictures(page: Page, vertical: bool) -> list[Box]:
    return [
        turn(region.box, vertical)
        for region in page.regions
        if region.box is not None and (region.kind or "").lower() in _PICTURE_KINDS
    ]


def _under_picture(found: LayoutBlock, pictures: list[Box]) -> bool:
    box = found.box
    for picture in pictures:
        gap = box.top - picture.bottom
        overlap = min(box.right, picture.right) - max(box.left, picture.left)
        if -found.line_height <= gap <= 2.5 * found.line_height and overlap >= 0.5 * min(box.width, picture.width):
            return True
    return False


def _column_of(index: int, geometry: list[LayoutBlock]) -> Box | None:
    """The box of the nearest block of three or more lines (in reading order) under or over this one."""
    box = geometry[index].box
    for distance in range(1, 4):
        for other in (index - distance, index + distance):
            if 0 <= other < len(geometry) and len(geometry[other].block.lines) >= 3:
                column = geometry[other].box
                overlap = min(box.right, column.right) - max(box.left, column.left)
                if overlap >= 0.9 * box.width:
                    return column
    return None


def _centred(index: int, geometry: list[LayoutBlock]) -> bool:
    """Whether a short block stands centred in its column: both margins wide and about equal."""
    found = geometry[index]
    if len(found.block.lines) > 2 or not 2 <= len(found.block.compact) <= CENTRED_MAX_LETTERS:
        return False
    column = _column_of(index, geometry)
    if column is None or column.width <= 0:
        return False
    left, right = found.box.left - column.left, column.right - found.box.right
    least = CENTRED_MIN_MARGIN * column.width
    return left >= least and right >= least and abs(left - right) <= 0.3 * max(left, right) + 0.02 * column.width


def geometry_roles(page: Page, blocks: list[Block], geometry: list[LayoutBlock], roles: list[BlockRole]) -> None:
    """Correct ``roles`` in place with what the geometry says (see the module docstring)."""
    from reader.analysis.geometry import is_vertical

    kinds = {region.id: (region.kind or "").lower() for region in page.regions}
    use_fonts = sum(_size(found) > 0 for found in geometry) >= 0.8 * len(geometry)
    key = _size if use_fonts else (lambda found: found.line_height)
    body = _body_size(geometry, key)
    widths = [found.box.width for found in geometry if len(found.block.lines) >= 3]
    column = float(fast_median(widths)) if len(widths) >= 3 else 0.0
    pictures = _pictures(page, is_vertical(page.lines)) if page.regions else []
    for index, (block, found) in enumerate(zip(blocks, geometry, strict=True)):
        role = roles[index]
        kind = kinds.get(found.region or "", "")
        if kind in _FURNITURE_KINDS:
            roles[index] = _FURNITURE_BY_REGION
        elif kind in _ADVERT_KINDS:
            roles[index] = _ADVERT_BY_REGION
        elif kind == "caption":
            roles[index] = _CAPTION_BY_REGION
        elif kind in _TITLE_KINDS and len(block.compact) <= TITLE_MAX_LETTERS and role.role in ("body", "title"):
            roles[index] = _TITLE_BY_REGION if role.role == "body" else role
        elif (
            body > 0
            and role.role in ("body", "title")
            and role.dateline is None
            and len(block.lines) <= 4
            and len(block.compact) <= TITLE_MAX_LETTERS
            and key(found) >= TITLE_SIZE_FACTOR * body
        ):
            roles[index] = role if role.role == "title" else _TITLE_BY_SIZE
        elif role.role == "body" and role.dateline is None and _centred(index, geometry):
            roles[index] = _TITLE_CENTRED
        elif pictures and role.role in ("body", "title") and len(block.lines) <= 3 and _under_picture(found, pictures):
            roles[index] = _CAPTION_UNDER_PICTURE
        elif role.role == "body" and column > 0 and len(block.lines) >= 2:
            wide = found.box.width >= WIDE_FACTOR * column
            if wide != role.wide:
                roles[index] = replace(role, wide=wide)


def _split_at_item_marks(drafts: list[Draft], blocks: list[Block]) -> list[Draft]:
    """An article's body block that opens with an item mark starts the next item, a new article."""
    result: list[Draft] = []
    for draft in drafts:
        if draft.kind != "article" or len(draft.body) < 2:
            result.append(draft)
            continue
        current = draft
        body = list(draft.body)
        current.body = [body[0]]
        for index in body[1:]:
            if opens_item(blocks[index].texts[0]):
                result.append(current)
                current = Draft(kind="article", body=[index])
                current.reasons["boundaries"] = "the page's item mark opens a new item"
            else:
                current.body.append(index)
        result.append(current)
    return result


def analyze_layout_page(page: Page) -> tuple[Article, ...]:
    """The articles of a layout page in reading order; every non-blank line lands in exactly one."""
    blocks, geometry = layout_parts(page)
    if not blocks:
        return ()
    roles = classify_blocks(blocks)
    geometry_roles(page, blocks, geometry, roles)
    drafts = _split_at_item_marks(assemble(blocks, roles), blocks)
    return tuple(_build_article(page, draft, blocks, roles) for draft in drafts)
