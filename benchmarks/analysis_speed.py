"""Speed of ``analyze_page`` over the corpus text pages, against merely reading and decoding them.

Usage: ``python benchmarks/analysis_speed.py [CORPUS_DIR] [--repeat N]``. Prints pages per second for
reading+decoding alone and for analysis, their ratio, and the same for a 10,000-line synthetic page. No
asserts: timings depend on the machine.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.analysis import analyze_page  # noqa: E402
from reader.evaluation import load_page  # noqa: E402
from reader.model import Line, Page  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _time(function, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def _report(label: str, paths: list[Path], repeat: int) -> None:
    if not paths:
        return
    readable = []
    for path in paths:
        try:
            load_page(path)
        except Exception:  # noqa: BLE001 - undecodable inputs are outside this benchmark
            continue
        readable.append(path)
    paths = readable
    if not paths:
        return
    pages = [load_page(path) for path in paths]
    read_seconds = _time(lambda: [load_page(path) for path in paths], repeat)
    analyze_seconds = _time(lambda: [analyze_page(page) for page in pages], repeat)
    lines = sum(len(page.lines) for page in pages)
    print(
        f"{label:<16} {len(pages):>5} pages {lines:>7} lines | read+decode {len(pages) / read_seconds:>9,.0f} pages/s"
        f" | analyze {len(pages) / analyze_seconds:>8,.0f} pages/s | analyze/read time ratio "
        f"{analyze_seconds / read_seconds:5.1f}x"
    )


def main(argv: list[str] | None = None) -> int:
    """Print the speed table."""
    args = list(sys.argv[1:] if argv is None else argv)
    repeat = 3
    if "--repeat" in args:
        position = args.index("--repeat")
        repeat = int(args[position + 1])
        del args[position : position + 2]
    corpus = Path(args[0]) if args else DEFAULT_CORPUS
    paths = sorted(corpus.rglob("*.txt"))
    paths = [path for path in paths if path.name not in {"SOURCE.txt"} and not path.name.startswith("LICENSE")]
    _report("seed", [p for p in paths if "seed" in p.parts], repeat * 20)
    by_set: dict[str, list[Path]] = {}
    for path in paths:
        by_set.setdefault(path.relative_to(corpus).parts[0], []).append(path)
    for name, group in sorted(by_set.items()):
        if name != "seed":
            _report(name, group, repeat)
    _report("all", paths, repeat)
    seed = [p for p in paths if "seed" in p.parts]
    if seed:
        base = load_page(seed[0])
        texts = [line.text for line in base.lines] * (10_000 // max(1, len(base.lines)) + 1)
        big = Page(number=1, source="synthetic", lines=tuple(Line(i, t) for i, t in enumerate(texts, 1)))
        seconds = _time(lambda: analyze_page(big), repeat)
        print(f"synthetic page of {len(big.lines):,} lines analysed in {seconds * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
