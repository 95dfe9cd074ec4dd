"""A library of thousands of pages: cold analysis and indexing, warm opens, library search, ``analyze --json``.

Synthetic libraries are built under a temporary folder from the corpus's text pages (Jing bao, Mustang Daily,
the seed page), ten pages an issue, every copy altered by a line of its own so that the content-hash cache
cannot share one page's analysis between copies. Every figure is measured through the real ``reader``
command in fresh processes (start-up included), and given as a ratio to a baseline measured in the same run:

- cold analysis and indexing of ``--cold-pages`` pages (``reader search`` on a new library with an empty
  cache) with all usable CPUs, against the same on one CPU (``taskset -c 0``: the worker pool then works
  in-process). Target ≥ 1.7× on 2 cores.
- ``reader list`` of a 300-page issue, warm (cache filled) against cold (empty cache). Target ≥ 5×.
- ``reader search`` over ``--search-pages`` pages, warm: the median time per query, process start-up
  included, for one- to four-character CJK queries and English words. Target ≤ 150 ms. Also the index's
  size on disk against the pages' size.
- ``reader analyze DIR --json`` over 400 pages, cold: pages per second (target ≥ 600 on 2 cores), against
  the same on one CPU.

    .venv/bin/python benchmarks/library.py [--quick] [--codecs]

``--quick`` uses small sizes (a minute on a quiet machine) for development; ``--codecs`` only compares the
cache-entry encodings (stdlib json, orjson, msgspec, pickle) on corpus pages.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
READER = [sys.executable, "-m", "reader"]
SOURCE_SETS = ("jingbao/dev", "jingbao/holdout", "mustang/dev", "mustang/holdout", "seed")
QUERIES = ("的", "上海", "中國人", "高新区域", "報", "mayor", "university", "football", "council", "president")


def corpus_pages() -> list[Path]:
    """The corpus's text pages (not SOURCE.txt), in a fixed order."""
    pages = []
    for name in SOURCE_SETS:
        pages.extend(sorted(p for p in (CORPUS / name).glob("*.txt") if p.name != "SOURCE.txt"))
    if not pages:
        raise SystemExit(f"no corpus pages under {CORPUS}")
    return pages


def build_library(folder: Path, pages: int, per_issue: int = 10, offset: int = 0) -> Path:
    """``pages`` altered copies of corpus pages, ``per_issue`` to an issue, papers and dates in issue.json."""
    import json

    sources = corpus_pages()
    papers = ("Jing bao", "Mustang Daily", "Gaoxin")
    for index in range(pages):
        issue = index // per_issue
        paper = papers[issue % len(papers)]
        issue_dir = folder / paper.replace(" ", "_") / f"{1920 + issue % 30}" / f"issue-{issue:05d}"
        if index % per_issue == 0:
            issue_dir.mkdir(parents=True, exist_ok=True)
            date = f"{1920 + issue % 30}-{1 + issue % 12:02d}-{1 + issue % 28:02d}"
            (issue_dir / "issue.json").write_text(json.dumps({"title": paper, "date": date}), encoding="utf-8")
        source = sources[(index + offset) % len(sources)]
        data = source.read_bytes() + f"\ncopy {index + offset} of {source.name}\n".encode()
        (issue_dir / f"page-{index % per_issue + 1:03d}.txt").write_bytes(data)
    return folder


def build_issue(folder: Path, pages: int, offset: int = 0) -> Path:
    """One issue folder of ``pages`` altered corpus pages."""
    sources = corpus_pages()
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(pages):
        source = sources[(index + offset) % len(sources)]
        data = source.read_bytes() + f"\ncopy {index + offset} of {source.name}\n".encode()
        (folder / f"page-{index + 1:04d}.txt").write_bytes(data)
    return folder


def run(args: list[str], cache: Path, *, one_cpu: bool = False, data: Path | None = None) -> float:
    """Seconds for one ``reader`` process, output discarded."""
    env = {**os.environ, "READER_CACHE_DIR": str(cache), "PYTHONDONTWRITEBYTECODE": ""}
    env.pop("PYTHONDONTWRITEBYTECODE")
    if data is not None:
        env["READER_DATA_DIR"] = str(data)
    command = (["taskset", "-c", "0"] if one_cpu else []) + READER + args
    started = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed: {done.stderr.decode(errors='replace')}")
    return seconds


def size_of(folder: Path, pattern: str = "*") -> int:
    return sum(p.stat().st_size for p in folder.rglob(pattern) if p.is_file())


def cold_indexing(scratch: Path, pages: int) -> None:
    library = build_library(scratch / "cold-library", pages)
    one = run(["search", str(library), "mayor"], scratch / "cache-cold-1", one_cpu=True)
    everyone = run(["search", str(library), "mayor"], scratch / "cache-cold-all")
    print(
        f"cold analysis + indexing, {pages} pages: one CPU {one:.1f} s ({pages / one:.0f} pages/s), "
        f"all {os.cpu_count()} CPUs {everyone:.1f} s ({pages / everyone:.0f} pages/s): "
        f"{one / everyone:.2f}x (target >= 1.7x on 2 cores)"
    )
    shutil.rmtree(library)


def warm_list(scratch: Path, pages: int) -> None:
    issue = build_issue(scratch / "big-issue", pages)
    cache = scratch / "cache-list"
    cold = []
    for _ in range(2):
        shutil.rmtree(cache, ignore_errors=True)
        cold.append(run(["list", str(issue)], cache))
    warm = [run(["list", str(issue)], cache) for _ in range(5)]
    ratio = statistics.median(cold) / statistics.median(warm)
    print(
        f"reader list, {pages}-page issue: cold {statistics.median(cold) * 1000:.0f} ms, "
        f"warm {statistics.median(warm) * 1000:.0f} ms: {ratio:.1f}x faster (target >= 5x)"
    )


def search(scratch: Path, pages: int) -> None:
    library = build_library(scratch / "search-library", pages, offset=7)
    cache = scratch / "cache-search"
    started = time.perf_counter()
    run(["search", str(library), "mayor"], cache)
    built = time.perf_counter() - started
    baseline = statistics.median(run(["--version"], cache) for _ in range(5))
    rows = []
    for query in QUERIES:
        times = [run(["search", str(library), query], cache) for _ in range(3)]
        rows.append((query, statistics.median(times)))
    median = statistics.median(t for _, t in rows)
    print(f"reader search over {pages} pages (index built cold in {built:.0f} s):")
    for query, seconds in rows:
        print(f"  {query:<12} {seconds * 1000:5.0f} ms")
    index_bytes = size_of(cache / "index")
    page_bytes = size_of(library, "*.txt")
    print(
        f"  median {median * 1000:.0f} ms per query, process start-up included (target <= 150 ms); "
        f"`reader --version` alone {baseline * 1000:.0f} ms: {median / baseline:.1f}x"
    )
    print(
        f"  index {index_bytes / 1e6:.0f} MB for {page_bytes / 1e6:.0f} MB of pages ({index_bytes / page_bytes:.2f}x); "
        f"analysis cache {size_of(cache / 'analysis') / 1e6:.0f} MB"
    )
    # What the library screen does before its first frame (in a worker): list the issues and read the
    # index's article counts. Not the whole first frame: benchmarks/startup.py measures the app's own start-up.
    code = (
        "import sys, time; t = time.perf_counter(); from pathlib import Path; "
        "from reader.ingest import scan_library; from reader.library_index import indexed_counts; "
        "refs = scan_library(Path(sys.argv[1])); counts = indexed_counts(Path(sys.argv[1])); "
        "print(len(refs), len(counts), time.perf_counter() - t)"
    )
    env = {**os.environ, "READER_CACHE_DIR": str(cache)}
    scans = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", code, str(library)], env=env, cwd=ROOT, capture_output=True)
        issues, counted, seconds = out.stdout.split()
        scans.append(float(seconds))
    print(
        f"  library screen's listing of {int(issues)} issues ({int(counted)} with counts from the index): "
        f"{statistics.median(scans) * 1000:.0f} ms (imports included)"
    )


def analyze_json(scratch: Path, pages: int) -> None:
    issue = build_issue(scratch / "json-issue", pages, offset=3)
    one = run(["analyze", str(issue), "--json"], scratch / "cache-json-1", one_cpu=True)
    everyone = run(["analyze", str(issue), "--json"], scratch / "cache-json-all")
    print(
        f"reader analyze --json, {pages} pages cold: one CPU {pages / one:.0f} pages/s, "
        f"all CPUs {pages / everyone:.0f} pages/s (target >= 600): {one / everyone:.2f}x"
    )


def codecs() -> None:
    """Cache entry encodings on 40 corpus pages: size, encode and decode time per page."""
    import json
    import pickle

    sys.path.insert(0, str(ROOT))
    from reader.analysis import analyze_page
    from reader.cache_codec import article_row
    from reader.ingest.detect import read_page

    pages = corpus_pages()
    sample = pages[:20] + [p for p in pages if "mustang" in str(p)][:20]
    documents = [{"articles": [article_row(a) for a in analyze_page(read_page(p))]} for p in sample]
    encoders: dict[str, tuple] = {
        "json": (lambda d: json.dumps(d, ensure_ascii=False).encode(), json.loads),
        "pickle": (lambda d: pickle.dumps(d, 5), pickle.loads),
    }
    try:
        import orjson

        encoders["orjson"] = (orjson.dumps, orjson.loads)
    except ImportError:
        pass
    try:
        import msgspec

        encoders["msgspec json"] = (msgspec.json.encode, msgspec.json.decode)
        encoders["msgpack"] = (msgspec.msgpack.encode, msgspec.msgpack.decode)
    except ImportError:
        print("(msgspec is not installed: pip install msgspec to compare it)")
    for name, (encode, decode) in encoders.items():
        blobs = [encode(d) for d in documents]
        started = time.perf_counter()
        for _ in range(20):
            [encode(d) for d in documents]
        encode_us = (time.perf_counter() - started) / 20 / len(documents) * 1e6
        started = time.perf_counter()
        for _ in range(20):
            [decode(b) for b in blobs]
        decode_us = (time.perf_counter() - started) / 20 / len(documents) * 1e6
        size = sum(map(len, blobs)) / len(blobs)
        print(f"{name:<13} {size / 1000:6.1f} kB/page  encode {encode_us:6.1f} us  decode {decode_us:6.1f} us")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes, for development")
    parser.add_argument("--codecs", action="store_true", help="only compare cache-entry encodings")
    parser.add_argument("--only", choices=("cold", "list", "search", "json"), help="run one measurement")
    args = parser.parse_args()
    if args.codecs:
        codecs()
        return 0
    sizes = {"cold": 200, "list": 100, "search": 1000, "json": 120} if args.quick else {}
    print(f"{os.cpu_count()} CPUs, {len(os.sched_getaffinity(0))} usable; load {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="reader-library-bench-") as scratch_name:
        scratch = Path(scratch_name)
        if args.only in (None, "json"):
            analyze_json(scratch, sizes.get("json", 400))
        if args.only in (None, "list"):
            warm_list(scratch, sizes.get("list", 300))
        if args.only in (None, "cold"):
            cold_indexing(scratch, sizes.get("cold", 2000))
        if args.only in (None, "search"):
            search(scratch, sizes.get("search", 10000))
    return 0


if __name__ == "__main__":
    sys.exit(main())
