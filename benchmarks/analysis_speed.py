"""Speed of ``analyze_page`` over the corpus text pages, against merely reading and decoding them.

Usage: ``python benchmarks/analysis_speed.py [CORPUS_DIR] [--repeat N] [--baseline TREE]``. Prints pages per
second for reading+decoding alone and for analysis, their ratio, and the same for a 10,000-line synthetic page.

``--baseline TREE`` (a checkout of another version, e.g. ``git worktree add /tmp/base <commit>``) also times
that version's ``analyze_page`` on the same pages in this process, rounds alternating between the two, and
prints analysis pages per second per core (process time, best round) for both and their ratio, per corpus
set. No asserts: timings depend on the machine.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
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


def _analyzer_of(tree: Path) -> Callable[[Page], object]:
    """``analyze_page`` of the ``reader`` package in ``tree``, imported afresh (the running one is set aside)."""
    for name in [name for name in sys.modules if name == "reader" or name.startswith("reader.")]:
        del sys.modules[name]
    sys.path.insert(0, str(tree))
    try:
        from reader.analysis import analyze_page as analyze  # noqa: PLC0415 - the other tree's, on purpose

        analyze(Page(number=1, source="warm-up", lines=(Line(1, "warm up"),)))  # imports its pipeline
    finally:
        sys.path.remove(str(tree))
    return analyze


def _compare(baseline: Path, groups: dict[str, list[Page]], rounds: int) -> None:
    """Analysis pages per second (process time, best of ``rounds``) of this tree and ``baseline``, alternating."""
    here = Path(__file__).resolve().parents[1]
    best = {tree: dict.fromkeys(groups, float("inf")) for tree in (baseline, here)}
    for _ in range(rounds):
        for tree in (baseline, here):
            analyze = _analyzer_of(tree)
            for name, pages in groups.items():
                start = time.process_time()
                for page in pages:
                    analyze(page)
                best[tree][name] = min(best[tree][name], time.process_time() - start)
    print(f"analysis per core, this tree against {baseline} (process time, best of {rounds} alternating rounds):")
    for name, pages in groups.items():
        ours, theirs = len(pages) / best[here][name], len(pages) / best[baseline][name]
        print(
            f"{name:<16} {len(pages):>5} pages | baseline {theirs:>6,.0f} pages/s | this tree {ours:>6,.0f} pages/s"
            f" | {ours / theirs:5.2f}x"
        )


def main(argv: list[str] | None = None) -> int:
    """Print the speed table."""
    args = list(sys.argv[1:] if argv is None else argv)
    repeat = 3
    baseline: Path | None = None
    if "--baseline" in args:
        position = args.index("--baseline")
        baseline = Path(args[position + 1]).resolve()
        del args[position : position + 2]
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
    if baseline is not None:
        groups: dict[str, list[Page]] = {}
        for name, group in sorted(by_set.items()):
            groups[name] = [page for page in map(_readable, group) if page is not None]
        groups["all"] = [page for pages in groups.values() for page in pages]
        _compare(baseline, groups, max(repeat, 5))
    return 0


def _readable(path: Path) -> Page | None:
    try:
        return load_page(path)
    except Exception:  # noqa: BLE001 - undecodable inputs are outside this benchmark
        return None


if __name__ == "__main__":
    raise SystemExit(main())
