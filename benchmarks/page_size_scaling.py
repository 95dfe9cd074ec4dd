"""Cost per character of reading and analyzing one page, for a 1 MB and a 13 MB page against a 100 KB page.

Usage: ``python benchmarks/page_size_scaling.py [--sizes 100000,1000000,13000000]``. Every page holds the
same mix: one unit of real pages the size of the smallest (the seed page, then Chinese and English corpus
pages in turn; the seed page alone without ``../shared``), repeated to the size in bytes, written to a
temporary file, then read (``read_page``) and analyzed (``analyze_page``). Prints the
seconds, the microseconds per character and the ratio of each to the first (smallest) page, measured in the
same run. Target: every ratio at most 1.3. No asserts: timings depend on the machine.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.analysis import analyze_page  # noqa: E402
from reader.ingest.text import read_page  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = ROOT / "issues" / "gaoxin-2022-12-02" / "page-01.txt"


def _unit(size: int) -> bytes:
    """About ``size`` bytes of real pages: the seed page, then Chinese and English corpus pages in turn."""
    sets = [[SEED.read_bytes()]]
    if CORPUS.is_dir():
        sets += [
            [p.read_bytes() for p in sorted((CORPUS / name).glob("*.txt"))] for name in ("jingbao/dev", "mustang/dev")
        ]
    parts: list[bytes] = []
    total = 0
    for index in range(10_000):
        for pages in sets:
            page = pages[index % len(pages)].rstrip(b"\n") + b"\n\n"
            parts.append(page)
            total += len(page)
        if total >= size:
            break
    return b"".join(parts)


def build_page(size: int, unit: bytes) -> bytes:
    """The same mix of pages at every size: ``unit`` repeated until the page holds ``size`` bytes."""
    data = unit * (size // len(unit) + 1)
    data = data[:size]
    return data[: data.rfind(b"\n") + 1]


def measure(data: bytes, folder: Path) -> tuple[float, int, int]:
    """Seconds to read and analyze ``data`` as a page file, its characters and its articles."""
    path = folder / "page.txt"
    path.write_bytes(data)
    start = time.perf_counter()
    page = read_page(path)
    articles = analyze_page(page)
    seconds = time.perf_counter() - start
    return seconds, sum(len(line.text) + 1 for line in page.lines), len(articles)


def main(argv: list[str] | None = None) -> int:
    """Print the table."""
    args = list(sys.argv[1:] if argv is None else argv)
    sizes = [100_000, 1_000_000, 13_000_000]
    if "--sizes" in args:
        sizes = [int(size) for size in args[args.index("--sizes") + 1].split(",")]
    unit = _unit(sizes[0])
    baseline = None
    with tempfile.TemporaryDirectory() as folder:
        measure(build_page(sizes[0], unit), Path(folder))  # warm-up: imports, caches
        for size in sizes:
            seconds, characters, articles = measure(build_page(size, unit), Path(folder))
            per_char = seconds / characters * 1e6
            baseline = baseline or per_char
            print(
                f"{size / 1e6:>6.1f} MB  {characters:>10,} chars  {articles:>7,} entries  {seconds:>7.2f} s"
                f"  {per_char:6.2f} µs/char  ratio {per_char / baseline:4.2f}x"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
