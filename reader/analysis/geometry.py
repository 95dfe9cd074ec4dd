"""Layout-aware blocks: lines grouped by regions or by their boxes, and blocks put in reading order.

Pages from layout formats (ALTO, PAGE XML, hOCR, PaddleOCR) carry a box per line. Here those boxes replace
the blank lines that text pages use to separate blocks:

* **Blocks** come from the format's regions when they group lines (ALTO ``TextBlock``, PAGE ``TextRegion``),
  split where the type size jumps (a headline inside a region) or an item mark opens a line; otherwise from
  the boxes themselves: lines that overlap horizontally and sit close below one another, at a similar height.
* **Reading order** is the page's own (PAGE ``ReadingOrder``) when it has one, else a recursive XY-cut:
  columns left to right wherever a gutter runs through the whole band (which also reads the left page of a
  two-page spread before the right), and bands top to bottom where a headline or rule spans the columns.
* **Vertical text** (CJK columns: lines taller than wide) is handled by turning the page a quarter turn, so
  lines read right to left and tiers top to bottom with the same code.

Everything is pure and deterministic; text pages never come here.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.analysis.blocks import Block, block_of, display_width, fast_median
from reader.model import Box, Line, Page

__all__ = [
    "ITEM_MARKS",
    "LayoutBlock",
    "has_geometry",
    "is_vertical",
    "layout_blocks",
    "opens_item",
    "regions_group_lines",
    "turn",
]

#: Marks that Chinese papers print before each short item (△ ▲ ★ ● ◇ …): a line opening with one, then
#: CJK text, starts a block. Before Latin text such glyphs are nearly always OCR noise (■ for a smudge).
ITEM_MARKS = frozenset("△▲★☆●◇◆○◎")
#: A line this much taller (or shorter) than the line above is set in another type: a new block.
SIZE_JUMP = 1.4
#: Lines closer than this many line heights (vertically) may share a block.
MAX_LINE_GAP = 0.9
#: Two lines share a column when they overlap by at least this share of the narrower one.
MIN_COLUMN_OVERLAP = 0.5
#: Share of lines that must have boxes for the layout path to be worth taking.
MIN_BOXED_SHARE = 0.8


@dataclass(frozen=True, slots=True)
class LayoutBlock:
    """A block of lines with its box in reading space (see :func:`turn`) and facts the roles stage uses."""

    block: Block
    box: Box
    line_height: float
    """The median height of its lines (in reading space): the type size, roughly."""
    region: str | None


def has_geometry(page: Page) -> bool:
    """True when most of the page's non-blank lines have boxes (a layout page, not plain text)."""
    lines = [line for line in page.lines if line.text.strip()]
    if not lines or page.format == "text":
        return False
    return sum(line.box is not None for line in lines) >= MIN_BOXED_SHARE * len(lines)


def is_vertical(lines: list[Line] | tuple[Line, ...]) -> bool:
    """Whether the page is set in vertical columns: most lines of two or more characters are taller than wide."""
    tall = wide = 0
    for line in lines:
        box = line.box
        if box is None or len(line.text) < 2:
            continue
        height, width = box.bottom - box.top, box.right - box.left
        if height > 1.5 * width:
            tall += 1
        elif width > height:
            wide += 1
    return tall > wide


def turn(box: Box, vertical: bool) -> Box:
    """The box in reading space: lines run left to right and follow one another downwards.

    A vertical page is turned a quarter: its top becomes the left (characters read downwards) and its right
    edge becomes the top (columns read right to left).
    """
    if not vertical:
        return box
    return Box(box.top, -box.right, box.bottom, -box.left)


def _union(boxes: list[Box]) -> Box:
    if len(boxes) == 1:
        return boxes[0]
    left, top, right, bottom = boxes[0].left, boxes[0].top, boxes[0].right, boxes[0].bottom
    for box in boxes:
        left, top = min(left, box.left), min(top, box.top)
        right, bottom = max(right, box.right), max(bottom, box.bottom)
    return Box(left, top, right, bottom)


def _overlap(a: Box, b: Box) -> float:
    """Horizontal overlap of two boxes as a share of the narrower one."""
    narrow = min(a.width, b.width)
    if narrow <= 0:
        return 1.0 if a.left <= b.left <= a.right or b.left <= a.left <= b.right else 0.0
    return max(0.0, min(a.right, b.right) - max(a.left, b.left)) / narrow


def opens_item(text: str) -> bool:
    """Whether a line opens with an item mark followed by CJK text (see :data:`ITEM_MARKS`)."""
    if text[:1] not in ITEM_MARKS:
        if not text[:1].isspace():
            return False
        text = text.lstrip()
        if text[:1] not in ITEM_MARKS:
            return False
    following = text[1:].lstrip()[:1]
    return bool(following) and ord(following) >= 0x2E80


def regions_group_lines(lines: list[Line]) -> bool:
    """Regions are usable blocks when there are several and they hold more than one line each, typically.

    An engine that puts every line in a region of its own (PaddleOCR turned into ALTO) says nothing about
    blocks: the boxes decide then.
    """
    counts: dict[str, int] = {}
    for line in lines:
        if line.region is None:
            return False
        counts[line.region] = counts.get(line.region, 0) + 1
    return len(counts) >= 2 and fast_median(list(counts.values())) >= 1.5


def _split_region_runs(lines: list[Line], boxes: dict[int, Box]) -> list[list[Line]]:
    """Consecutive lines of one region, split where the type size jumps, a wide gap opens or an item starts."""
    runs: list[list[Line]] = []
    before: Box | None = None
    previous_region: str | None = None
    for line in lines:
        box = boxes[line.number]
        if before is not None:
            height, before_height = box.bottom - box.top, before.bottom - before.top
            size_ratio = max(height, 1.0) / max(before_height, 1.0)
            if (
                previous_region == line.region
                and 1 / SIZE_JUMP < size_ratio < SIZE_JUMP
                and box.top - before.bottom <= 1.5 * max(height, before_height)
                and not opens_item(line.text)
            ):
                runs[-1].append(line)
                before = box
                continue
        runs.append([line])
        before, previous_region = box, line.region
    return runs


def _cluster_lines(lines: list[Line], boxes: dict[int, Box]) -> list[list[Line]]:
    """Blocks from boxes alone: each line joins the open block just above it in the same column.

    Lines are taken top to bottom, so a block whose last line is already too far above the current line
    can take no more lines: it leaves the open set, which keeps the work near linear.
    """
    ordered = sorted(lines, key=lambda line: (boxes[line.number].top, boxes[line.number].left))
    runs: list[list[Line]] = []
    heights: list[float] = []  # the median line height of each run
    open_runs: list[int] = []
    for line in ordered:
        box = boxes[line.number]
        height_here = box.bottom - box.top
        best: int | None = None
        best_gap = 0.0
        still_open: list[int] = []
        for index in open_runs:
            last = boxes[runs[index][-1].number]
            height = heights[index]
            gap = box.top - last.bottom
            if gap > MAX_LINE_GAP * height:
                continue  # too far above: closed for good
            still_open.append(index)
            if gap < -0.6 * height or best_gap < gap and best is not None:
                continue
            if not 1 / SIZE_JUMP < max(height_here, 1.0) / max(height, 1.0) < SIZE_JUMP:
                continue
            if _overlap(box, last) < MIN_COLUMN_OVERLAP or opens_item(line.text):
                continue
            best, best_gap = index, gap
        open_runs = still_open
        if best is None:
            runs.append([line])
            heights.append(height_here)
            open_runs.append(len(runs) - 1)
        else:
            run = runs[best]
            run.append(line)
            if len(run) <= 8:  # the median settles quickly; later lines change it little
                heights[best] = fast_median([boxes[member.number].bottom - boxes[member.number].top for member in run])
    return runs


#: An item this many times wider than the set's median item spans columns (a headline, a rule, a lead box).
SPANNING_FACTOR = 1.5


def _merge_between_spanning(items: list[tuple[Box, int]], groups: list[list[int]]) -> list[list[int]]:
    """Keep only the band cuts next to a band that spans columns; merge the bands between them.

    Gaps that happen to line up across all columns must not make the page read row by row: only a headline
    or box set across the columns ends one set of columns and starts the next.
    """
    median_width = fast_median([box.width for box, _ in items])
    spanning = [any(items[p][0].width > SPANNING_FACTOR * median_width for p in group) for group in groups]
    if not any(spanning):
        return groups
    merged: list[list[int]] = []
    merged_spans: list[bool] = []
    for group, spans in zip(groups, spanning, strict=True):
        if merged and not spans and not merged_spans[-1]:
            merged[-1].extend(group)
        else:
            merged.append(list(group))
            merged_spans.append(spans)
    return merged


def _groups(items: list[tuple[Box, int]], axis: str, tolerance: float, min_gap: float = 0.0) -> list[list[int]]:
    """Positions of ``items`` grouped along ``axis`` wherever a gap wider than ``min_gap`` runs through them all."""
    spans = sorted(
        (box.left + tolerance, box.right - tolerance, position)
        if axis == "x"
        else (box.top + tolerance / 2, box.bottom - tolerance / 2, position)
        for position, (box, _) in enumerate(items)
    )
    groups: list[list[int]] = [[]]
    reach = spans[0][0]
    for start, end, position in spans:
        if groups[-1] and start > reach + min_gap:
            groups.append([])
        groups[-1].append(position)
        reach = max(reach, end)
    return groups


#: Columns needed before a wide horizontal gap through all of them is read as a section break (a rule).
SECTION_MIN_COLUMNS = 3
#: How wide (in body line heights) that gap must be.
SECTION_MIN_GAP = 1.2


def _xy_cut(items: list[tuple[Box, int]], tolerance: float) -> list[int]:
    """Indices of ``items`` in reading order by recursive XY-cut.

    Columns come first: where gutters run through the whole set, the parts are read left to right. Two
    things come before columns: a wide gap running across three or more columns (a rule under a section,
    a feuilleton below the fold) splits them into parts read top to bottom. Otherwise, with no gutter, the
    set is cut into bands read top to bottom. Boxes are shrunk by ``tolerance`` (a quarter of the body line
    height) so that OCR boxes that touch do not hide a gutter. Sets that cannot be cut are read top to
    bottom, then left to right.
    """
    if len(items) <= 1:
        return [index for _, index in items]
    groups = _groups(items, "x", tolerance)
    if len(groups) >= SECTION_MIN_COLUMNS:
        sections = _groups(items, "y", tolerance, min_gap=SECTION_MIN_GAP * 4 * tolerance)
        if len(sections) > 1:
            groups = sections
    if len(groups) == 1:
        groups = _groups(items, "y", tolerance)
        if len(groups) > 2:
            groups = _merge_between_spanning(items, groups)
    if len(groups) > 1:
        order: list[int] = []
        for group in groups:
            order.extend(_xy_cut([items[p] for p in group], tolerance))
        return order
    return [index for _, index in sorted(items, key=lambda item: (item[0].top, item[0].left))]


def _read_order(page: Page, found: list[LayoutBlock], tolerance: float) -> list[LayoutBlock]:
    if page.reading_order:
        rank = {region: position for position, region in enumerate(page.reading_order)}
        if any(block.region in rank for block in found):
            unranked = len(rank)
            keyed = sorted(
                range(len(found)), key=lambda i: (rank.get(found[i].region or "", unranked), found[i].box.top, i)
            )
            return [found[i] for i in keyed]
    return [found[i] for i in _xy_cut([(block.box, i) for i, block in enumerate(found)], tolerance)]


def layout_blocks(page: Page, *, keep_order: bool = False, regions: bool | None = None) -> list[LayoutBlock]:
    """The page's non-blank lines as blocks in reading order (lines without a box follow the line before).

    With ``keep_order`` the lines are already in reading order (a library article map's): blocks are made
    the same way but follow the order of their first lines instead of the page's reading order. ``regions``
    says whether the format's regions group lines (None: judge from these lines).
    """
    lines = [line for line in page.lines if line.text.strip()]
    if not lines:
        return []
    vertical = is_vertical(lines)
    boxes: dict[int, Box] = {}
    previous: Box | None = None
    for line in lines:
        box = turn(line.box, vertical) if line.box is not None else previous or Box(0, 0, 0, 0)
        boxes[line.number] = box
        previous = box
    if regions if regions is not None else regions_group_lines(lines):
        runs = _split_region_runs(lines, boxes)
    else:
        runs = _cluster_lines(lines, boxes)
    found: list[LayoutBlock] = []
    for run in runs:
        run_boxes = [boxes[line.number] for line in run]
        texts = tuple([line.text.strip() for line in run])
        found.append(
            LayoutBlock(
                block=block_of(tuple(run), tuple([display_width(text) for text in texts]), texts),
                box=_union(run_boxes),
                line_height=float(fast_median([box.bottom - box.top for box in run_boxes])),
                region=run[0].region,
            )
        )
    if keep_order:
        position = {line.number: index for index, line in enumerate(lines)}
        return sorted(found, key=lambda block: position[block.block.numbers[0]])
    heights = [box.bottom - box.top for box in boxes.values() if box.bottom > box.top]
    tolerance = 0.25 * fast_median(heights) if heights else 0.0
    return _read_order(page, found, tolerance)
