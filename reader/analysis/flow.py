"""The lines of a layout page as the text analysis reads them, until geometry-aware analysis replaces this.

The text analysis finds blocks at blank lines. A layout page (ALTO, PAGE XML, hOCR, PaddleOCR, ABBYY) has
no blank lines, but it knows its blocks: a blank line between two lines of different blocks (regions,
``ocr_carea``) gives the text analysis those blocks, which alone is a large gain over one run of lines.
The separators are numbered 0, so they never appear in ``source_lines``; ``Page.lines`` itself is untouched
(line *k* stays the *k*-th text line of the file). Text pages pass through as they are.

The geometry-aware analysis (``reader/analysis/geometry*.py``, issue 10) reads boxes and regions itself and
takes layout pages off this path; this function is then only the fallback for pages without boxes.
"""

from __future__ import annotations

from reader.model import Line, Page

BLOCK_SEPARATOR = Line(0, "")
"""The blank line put between two blocks; number 0 is never a line of the file."""


def analysis_lines(page: Page) -> tuple[Line, ...]:
    """``page.lines`` for text pages; for layout pages, the same lines with a blank one between blocks."""
    if page.format == "text":
        return page.lines
    lines: list[Line] = []
    previous: str | None = None
    for line in page.lines:
        if lines and line.region != previous:
            lines.append(BLOCK_SEPARATOR)
        lines.append(line)
        previous = line.region
    return tuple(lines)
