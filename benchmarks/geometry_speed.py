"""Cost of the layout-aware analysis against the text analysis of the same lines, measured in one run.

Usage: ``python benchmarks/geometry_speed.py [CORPUS_DIR] [--repeat N]``. For every ALTO and PAGE XML page
under the corpus's ``impresso``, ``chronam`` and ``newseye`` folders (the ALTO of library issues, ChronAm,
PAGE XML), it times the geometry path (:func:`reader.analysis.analyze_page` on the layout page: blocks from
boxes or regions, XY-cut reading order, geometry roles) and the text path on the same lines (the text stages
over the page's lines with a blank line between regions, what layout pages got before), and prints the
ratio per line. The issue's budget is 2x. No asserts: timings depend on the machine.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.analysis import analyze_page  # noqa: E402
from reader.analysis.assemble import assemble  # noqa: E402
from reader.analysis.blocks import split_blocks  # noqa: E402
from reader.analysis.flow import analysis_lines  # noqa: E402
from reader.analysis.pipeline import _build_article  # noqa: E402
from reader.analysis.roles import classify_blocks, split_byline_tails  # noqa: E402
from reader.errors import InputError  # noqa: E402
from reader.ingest.detect import read_page  # noqa: E402
from reader.model import Page  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def text_path(page: Page) -> tuple:
    """The text analysis of a layout page's lines, blocks separated where the region changes."""
    blocks = split_byline_tails(split_blocks(analysis_lines(page)))
    if not blocks:
        return ()
    roles = classify_blocks(blocks)
    return tuple(_build_article(page, draft, blocks, roles) for draft in assemble(blocks, roles))


def _time_both(first, second, repeat: int) -> tuple[float, float]:
    """The best time of each function over ``repeat`` rounds, run alternately so that load hits both alike."""
    best = [float("inf"), float("inf")]
    for _ in range(repeat):
        for index, function in enumerate((first, second)):
            start = time.perf_counter()
            function()
            best[index] = min(best[index], time.perf_counter() - start)
    return best[0], best[1]


def layout_pages(corpus: Path) -> list[Page]:
    """Every readable ALTO or PAGE XML page of the sets named in the module docstring."""
    pages = []
    for folder in ("impresso", "chronam", "newseye"):
        for path in sorted((corpus / folder).rglob("*.xml")):
            try:
                page = read_page(path)
            except InputError:
                continue  # METS, DIDL, per-article text: not pages
            if page.format != "text" and page.lines:
                pages.append(page)
    return pages


def main(argv: list[str] | None = None) -> int:
    """Print the two timings and their ratio per line."""
    args = list(sys.argv[1:] if argv is None else argv)
    repeat = 7
    if "--repeat" in args:
        index = args.index("--repeat")
        repeat = int(args[index + 1])
        del args[index : index + 2]
    corpus = Path(args[0]) if args else DEFAULT_CORPUS
    pages = layout_pages(corpus)
    if not pages:
        print(f"no layout pages under {corpus}")
        return 0
    lines = sum(len(page.lines) for page in pages)
    text_seconds, geometry_seconds = _time_both(
        lambda: [text_path(page) for page in pages], lambda: [analyze_page(page) for page in pages], repeat
    )
    print(f"{len(pages)} layout pages, {lines:,} lines")
    print(f"text path     {text_seconds * 1e6 / lines:8.1f} µs/line")
    print(f"geometry path {geometry_seconds * 1e6 / lines:8.1f} µs/line")
    print(f"geometry / text per line: {geometry_seconds / text_seconds:.2f}x (budget 2x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
