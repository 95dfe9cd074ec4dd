"""Layout-aware analysis: blocks from boxes or regions, reading order across columns, titles from type size."""

from __future__ import annotations

from reader.analysis import analyze_page
from reader.analysis.geometry import has_geometry, is_vertical, layout_blocks
from reader.model import Box, Line, LineStyle, Page, Region

BODY = 40  # line height of body text, in pixels


def _column(left: float, top: float, texts: list[str], *, width: float = 800, height: float = BODY) -> list[tuple]:
    """Lines of one column, one under the other."""
    return [
        (text, Box(left, top + i * 1.25 * height, left + width, top + i * 1.25 * height + height))
        for i, text in enumerate(texts)
    ]


def _page(
    entries: list[tuple], *, regions: tuple[Region, ...] = (), order: tuple[str, ...] = (), per_line_region: bool = True
) -> Page:
    """A layout page from (text, box[, region]) entries, numbered in the given (document) order."""
    lines = []
    for number, entry in enumerate(entries, start=1):
        text, box, *rest = entry
        region = rest[0] if rest else (f"tb{number}" if per_line_region else None)
        lines.append(Line(number, text, box=box, region=region))
    return Page(1, "synthetic.alto.xml", tuple(lines), format="alto", regions=regions, reading_order=order)


LEFT = [
    "The council met on Monday evening and agreed after a long debate",
    "that the old wooden bridge over the river must be replaced before",
    "the winter floods, and it voted the money for a new stone bridge.",
]
RIGHT = [
    "Farmers in the valley say the harvest was the best in ten years and",
    "prices at the market fell by a third in the last week of the month,",
    "which pleased the buyers who came from the city by the early train.",
]


def test_interleaved_ocr_order_is_read_column_by_column() -> None:
    left = _column(100, 400, LEFT)
    right = _column(1000, 400, RIGHT)
    interleaved = [line for pair in zip(left, right, strict=True) for line in pair]  # OCR read across the gutter
    page = _page(interleaved)
    assert has_geometry(page)
    blocks = [found.block.numbers for found in layout_blocks(page)]
    assert blocks == [(1, 3, 5), (2, 4, 6)]


def test_headline_in_large_type_spanning_two_columns_titles_the_article() -> None:
    headline = ("NEW BRIDGE FOR THE TOWN", Box(100, 200, 1800, 300))
    page = _page([*_column(100, 400, LEFT), headline, *_column(1000, 400, RIGHT)])
    articles = [a for a in analyze_page(page) if a.kind == "article"]
    assert articles[0].headline == "NEW BRIDGE FOR THE TOWN"
    assert articles[0].source_lines[0] == 4  # the headline, read first although it comes fourth in the file
    assert sorted(n for a in analyze_page(page) for n in a.source_lines) == list(range(1, 8))


def test_font_size_marks_a_title_even_at_body_line_height() -> None:
    lines = [
        Line(1, "Harvest", box=Box(100, 100, 400, 140), region="a", style=LineStyle(font_size=20)),
        *[
            Line(n + 2, text, box=box, region="b", style=LineStyle(font_size=9))
            for n, (text, box) in enumerate(_column(100, 160, RIGHT))
        ],
    ]
    page = Page(1, "x.alto.xml", tuple(lines), format="alto")
    (article,) = analyze_page(page)
    assert article.headline == "Harvest" and article.source_lines == (1, 2, 3, 4)


def test_gaps_that_line_up_across_columns_do_not_make_rows() -> None:
    # two articles per column, with the gap between them at the same height in both columns
    upper = _column(100, 400, LEFT) + _column(1000, 400, RIGHT)
    lower = _column(100, 800, LEFT) + _column(1000, 800, RIGHT)
    page = _page(upper + lower)
    order = [found.block.numbers for found in layout_blocks(page)]
    assert order == [(1, 2, 3), (7, 8, 9), (4, 5, 6), (10, 11, 12)]


def test_two_page_spread_reads_the_left_page_first() -> None:
    left_page = _column(100, 400, LEFT) + _column(1000, 400, RIGHT)
    right_page = _column(2100, 300, LEFT) + _column(3000, 300, RIGHT)
    page = _page(sorted(left_page + right_page, key=lambda entry: entry[1].top))  # OCR read by height
    order = [found.block.texts[0] for found in layout_blocks(page)]
    assert order == [LEFT[0], RIGHT[0], LEFT[0], RIGHT[0]]
    assert layout_blocks(page)[0].box.left == 100 and layout_blocks(page)[2].box.left == 2100


def test_vertical_columns_read_right_to_left() -> None:
    # three vertical lines of one article, OCR'd left to right; each is 40 wide and 400 tall
    texts = ["第三行的文字在最左邊", "第二行的文字在中間", "第一行的文字在最右邊"]
    entries = [(text, Box(1000 + i * 50, 100, 1040 + i * 50, 500)) for i, text in enumerate(texts)]
    page = _page(entries, per_line_region=False)
    assert is_vertical(list(page.lines))
    (found,) = layout_blocks(page)
    assert found.block.texts == tuple(reversed(texts))


def test_item_marks_start_new_articles() -> None:
    texts = [
        "△本市今日起實行新的交通規則，市民出行請注意，違者將予處罰，",
        "並由交通部門負責解釋。",
        "▲郊區農民今年收成良好，糧價比上月下降三成，市場供應充足，",
        "城裏居民紛紛前往購買。",
    ]
    page = _page(_column(100, 100, texts, width=1200), per_line_region=False)
    articles = analyze_page(page)
    assert [a.source_lines for a in articles] == [(1, 2), (3, 4)]


def test_region_types_make_captions_furniture_and_pictures_caption_their_text() -> None:
    entries = [
        ("3", Box(900, 50, 940, 90), "pn"),
        *[(text, box, "body") for text, box in _column(100, 200, LEFT)],
        ("A view of the old bridge", Box(100, 1210, 700, 1250), "under"),
    ]
    regions = (
        Region("pn", "page-number", Box(900, 50, 940, 90)),
        Region("body", "paragraph", Box(100, 200, 900, 440)),
        Region("pic", "Illustration", Box(100, 600, 900, 1200)),
        Region("under", None, Box(100, 1210, 700, 1250)),
    )
    page = _page(entries, regions=regions)
    kinds = {a.source_lines: a.kind for a in analyze_page(page)}
    assert kinds[(1,)] == "other" and kinds[(5,)] == "caption"


def test_page_reading_order_is_followed() -> None:
    entries = [
        *[(text, box, "second") for text, box in _column(100, 200, RIGHT)],
        *[(text, box, "first") for text, box in _column(1000, 200, LEFT)],
    ]
    page = _page(entries, order=("first", "second"))
    assert [found.region for found in layout_blocks(page)] == ["first", "second"]


def test_text_pages_never_take_the_layout_path() -> None:
    page = Page(1, "p.txt", (Line(1, "Title"), Line(2, ""), Line(3, "Body text, with a comma.")))
    assert not has_geometry(page)


def test_a_wide_gap_across_three_columns_ends_a_section() -> None:
    """A feuilleton below a rule across all columns is read after the columns above it, not inside them."""
    xs = (100, 1000, 1900)
    above = [entry for x in xs for entry in _column(x, 400, LEFT)]  # bottom at 540
    below = [entry for x in xs for entry in _column(x, 640, RIGHT)]  # a gap of 100 px: 2.5 line heights
    page = _page(above + below)
    order = [found.block.numbers[0] for found in layout_blocks(page)]
    assert order == [1, 4, 7, 10, 13, 16]
