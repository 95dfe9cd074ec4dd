"""Benchmark: cost of per-paragraph OpenCC conversion, and how long one call can hold the GIL.

Run: ``.venv/bin/python benchmarks/convert.py [--quick]``

1. Overhead per page: ``convert_paragraphs`` (our wrapper, one call per paragraph) against OpenCC alone
   converting the same paragraphs joined into one string in one call. Reported as a ratio (ours / OpenCC).
2. Blocking on a 5-million-character issue converted per paragraph: the longest single converter call, and
   the worst lateness of a thread that wakes every millisecond meanwhile (what the screen would feel).
   For contrast, OpenCC converting the whole issue in one call.

Pages: the bundled seed page and, when present, ``../shared/corpus/jingbao/dev/*.txt`` (read in place,
never copied into the repository; skipped cleanly when absent).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reader.convert import SCRIPTS, convert_paragraphs, get_converter, resolve_script  # noqa: E402

SEED_PAGE = REPO / "issues" / "gaoxin-2022-12-02" / "page-01.txt"
CORPUS_PAGES = REPO.parent / "shared" / "corpus" / "jingbao" / "dev"
BENCH_SCRIPTS = ("simplified", "traditional", "taiwan", "hongkong")
ISSUE_CHARS = 5_000_000


def page_paragraphs(path: Path) -> list[str]:
    """The displayed texts of a page as the app converts them: titles, bylines and paragraphs."""
    try:
        from reader.document import open_issue

        analysis = open_issue(path)
        texts = [
            text
            for article in analysis.articles
            for text in (article.kicker, article.headline, article.subheadline, article.byline, *article.paragraphs)
            if text
        ]
        if texts:
            return texts
    except Exception as exc:  # noqa: BLE001 - the benchmark falls back to lines when analysis fails
        print(f"  (analysis failed on {path.name}: {exc}; using its lines)", file=sys.stderr)
    return [line for line in path.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]


def best_of(function: Callable[[], object], repeat: int) -> float:
    """Fastest of ``repeat`` runs, in seconds."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return min(timings)


def overhead(pages: list[tuple[str, list[str]]], repeat: int) -> None:
    import opencc

    print("1. Per page: our per-paragraph conversion vs OpenCC alone on the same text (one call)")
    print(f"   {len(pages)} pages, best of {repeat} runs, mean per page; ratio = ours / OpenCC in one call (median);")
    print("   'opencc/para' = OpenCC alone called per paragraph, 'wrapper' = ours / that (our own overhead)")
    print(
        f"   {'script':<12} {'chars':>6} {'paras':>5} {'ours ms':>8} {'opencc ms':>9} {'ratio':>6}"
        f" {'opencc/para ms':>14} {'wrapper':>7}"
    )
    for script in BENCH_SCRIPTS:
        config = SCRIPTS[script]
        assert config is not None
        raw = opencc.OpenCC(config)
        convert_paragraphs(["预热"], script)  # build the converter outside the timings
        ours_ms, raw_ms, raw_para_ms, ratios, wrapper_ratios = [], [], [], [], []
        for _name, paragraphs in pages:
            joined = "\n".join(paragraphs)
            ours = best_of(lambda p=paragraphs, s=script: convert_paragraphs(p, s), repeat)
            alone = best_of(lambda j=joined, r=raw: r.convert(j), repeat)
            per_paragraph = best_of(lambda p=paragraphs, r=raw: [r.convert(x) for x in p], repeat)
            ours_ms.append(ours * 1000)
            raw_ms.append(alone * 1000)
            raw_para_ms.append(per_paragraph * 1000)
            ratios.append(ours / alone)
            wrapper_ratios.append(ours / per_paragraph)
        chars = statistics.mean(sum(map(len, paragraphs)) for _, paragraphs in pages)
        paras = statistics.mean(len(paragraphs) for _, paragraphs in pages)
        print(
            f"   {script:<12} {chars:>6.0f} {paras:>5.0f} {statistics.mean(ours_ms):>8.2f}"
            f" {statistics.mean(raw_ms):>9.2f} {statistics.median(ratios):>5.2f}x"
            f" {statistics.mean(raw_para_ms):>14.2f} {statistics.median(wrapper_ratios):>6.2f}x"
        )


class LatencyProbe(threading.Thread):
    """A thread that asks to wake every millisecond and records how late it wakes (a stand-in for the UI)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.worst = 0.0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            start = time.perf_counter()
            time.sleep(0.001)
            self.worst = max(self.worst, time.perf_counter() - start - 0.001)


def blocking(pages: list[tuple[str, list[str]]], scripts: tuple[str, ...]) -> None:
    import opencc

    pool = [paragraph for _, paragraphs in pages for paragraph in paragraphs]
    issue: list[str] = []
    total = 0
    while total < ISSUE_CHARS:
        for paragraph in pool:
            issue.append(paragraph)
            total += len(paragraph)
            if total >= ISSUE_CHARS:
                break
    longest_paragraph = max(map(len, issue))
    print()
    print(f"2. A {total:,}-character issue ({len(issue):,} paragraphs, longest {longest_paragraph:,} chars)")
    print(f"   {'script':<12} {'total s':>8} {'longest call ms':>15} {'probe late ms':>13} {'one OpenCC call s':>17}")
    for script in scripts:
        convert = get_converter(script)
        convert("预热")
        probe = LatencyProbe()
        probe.start()
        longest = 0.0
        start_all = time.perf_counter()
        for paragraph in issue:
            start = time.perf_counter()
            convert(paragraph)
            longest = max(longest, time.perf_counter() - start)
        elapsed = time.perf_counter() - start_all
        probe.stop.set()
        probe.join()
        config = resolve_script(script)
        joined = "\n".join(issue)
        start = time.perf_counter()
        opencc.OpenCC(config).convert(joined)
        whole = time.perf_counter() - start
        verdict = "ok" if longest <= 0.050 else "OVER 50 ms"
        print(
            f"   {script:<12} {elapsed:>8.2f} {longest * 1000:>12.2f} {verdict:>2}"
            f" {probe.worst * 1000:>13.2f} {whole:>17.2f}"
        )
    # A pathological paragraph: a whole OCR page with no paragraph breaks, 1 million characters.
    giant = "".join(pool)
    giant = (giant * (1_000_000 // max(1, len(giant)) + 1))[:1_000_000]
    from reader import convert as convert_module

    calls: list[float] = []
    raw = opencc.OpenCC("s2twp").convert

    def timed(text: str) -> str:
        start = time.perf_counter()
        try:
            return raw(text)
        finally:
            calls.append(time.perf_counter() - start)

    chunked = convert_module._wrap(timed)
    chunked(giant)
    print(
        f"   one 1,000,000-char paragraph (taiwan): {len(calls)} OpenCC calls, longest {max(calls) * 1000:.2f} ms"
        f" (MAX_CHUNK = {convert_module.MAX_CHUNK:,} chars)"
    )


def search(pages: list[tuple[str, list[str]]]) -> None:
    """Search a 5M-character issue across scripts, per paragraph, as ``search_issue`` does."""
    from reader.search import QueryForms

    pool = [paragraph for _, paragraphs in pages for paragraph in paragraphs]
    repeats = ISSUE_CHARS // max(1, sum(map(len, pool))) + 1
    issue = pool * repeats
    print()
    print(f"3. Search across scripts in a {sum(map(len, issue)):,}-character issue, per paragraph")
    print(f"   {'script':<12} {'query':<8} {'hits':>7} {'total s':>8} {'longest step ms':>15}")
    for script, query in (("original", "高新區"), ("taiwan", "高新区")):
        convert = get_converter(script)
        forms = QueryForms(query, convert)
        hits = 0
        longest = 0.0
        start_all = time.perf_counter()
        for paragraph in issue:
            start = time.perf_counter()
            hits += len(forms.spans(convert(paragraph)))
            longest = max(longest, time.perf_counter() - start)
        elapsed = time.perf_counter() - start_all
        print(f"   {script:<12} {query:<8} {hits:>7,} {elapsed:>8.2f} {longest * 1000:>15.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repeats, only the taiwan script for part 2")
    args = parser.parse_args()
    paths = [SEED_PAGE]
    if CORPUS_PAGES.is_dir():
        paths += sorted(CORPUS_PAGES.glob("*.txt"))
    else:
        print(f"(corpus not found at {CORPUS_PAGES}; seed page only)")
    pages = [(path.name, page_paragraphs(path)) for path in paths]
    pages = [(name, paragraphs) for name, paragraphs in pages if paragraphs]
    overhead(pages, repeat=3 if args.quick else 7)
    blocking(pages, ("taiwan",) if args.quick else BENCH_SCRIPTS)
    search(pages)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
