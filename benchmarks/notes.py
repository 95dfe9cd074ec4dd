"""Time saving one note with 100, 1,000 and 10,000 notes stored: reader's store against TinyDB's default.

Run: ``python benchmarks/notes.py [--saves 60] [--bucket-max N] [--json]``. All contenders run in the same
process and the same temporary folder, so the ratios are what matter. reader's store fsyncs the file and the
folder on every save (TinyDB's default JSONStorage does neither, so it is not even durable), takes a file lock,
re-reads the file under the lock and writes one hash bucket of one issue (at most ``BUCKET_MAX_NOTES`` notes).

Two layouts are timed: (a) notes spread over issues at 50 per issue, as years of reading would give, and
(b) every note in one issue and on one article, the worst case for sharding per issue. Reads are timed too:
``list_notes(issue_id=…)``, ``notes_for_article`` and ``list_notes(tag=…)`` over everything, on a store that
has just been opened (cold: files parsed) and again (warm: files unchanged, served from the read cache).
The requirement: a save with 10,000 notes stored takes at most 20 ms at the median, in either layout.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from tinydb import TinyDB

from reader.model import Article, Confidence, Issue, IssueAnalysis, IssueMeta, Line, Page, PageAnalysis
from reader.store import Store, buckets, schema, storage
from reader.store.anchor import anchor_fields

SIZES = (100, 1_000, 10_000)
NOTES_PER_ISSUE = 50
READ_REPEATS = 15
TARGET_MS = 20.0


def _analysis(index: int) -> IssueAnalysis:
    paragraphs = (f"本报讯 第{index}期的文章正文，" + "记者在现场看到，群众热情高涨。" * 20,)
    article = Article(
        id=f"p1-{index:012x}", kind="article", page_number=1, kicker=None, headline=f"第{index}期 头条新闻标题",
        subheadline=None, byline="记者 张三 通讯员 李四", contributors=(), dateline="本报讯",
        paragraphs=paragraphs, source_lines=tuple(range(1, 41)), confidence=Confidence(),
    )  # fmt: skip
    page = Page(1, f"/library/issue-{index}/page-01.txt", (Line(1, "x"),))
    issue = Issue(f"issue{index:08d}", f"/library/issue-{index}", IssueMeta("某某日报", "1990-01-01"), (page,))
    return IssueAnalysis(issue, (PageAnalysis(page, (article,)),))


def _note_doc(analysis: IssueAnalysis, number: int) -> dict:
    note = schema.Note(
        id=schema.new_id(), text=f"第{number}条笔记：" + "这一段值得再读。" * 10, quote="群众热情高涨", tags=("史料",),
        created=schema.now_iso(), updated=schema.now_iso(), **anchor_fields(analysis, analysis.articles[0]),
    )  # fmt: skip
    return schema.note_to_doc(note)


def _prefill(data: Path, total: int, per_issue: int) -> list[IssueAnalysis]:
    """Write ``total`` notes straight into hash buckets (fast), the way the store would have laid them out."""
    notes_dir = data / schema.NOTES_DIR
    notes_dir.mkdir(parents=True, exist_ok=True)
    analyses = [_analysis(i) for i in range(max(1, total // per_issue))]
    for index, analysis in enumerate(analyses):
        count = per_issue if index < len(analyses) - 1 else total - per_issue * (len(analyses) - 1)
        docs = [_note_doc(analysis, n) for n in range(count)]
        key = schema.issue_key(analysis.issue.id)
        buckets.write_issue(notes_dir, key, docs, schema.meta_table(), buckets.BUCKET_MAX_NOTES)
    storage.atomic_write(data / schema.SCHEMA_FILE, storage.encode({schema.META_TABLE: schema.meta_table()}))
    return analyses


def _stats(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_ms": statistics.median(ordered) * 1000, "p95_ms": p95 * 1000}


def _timed(call, repeats: int) -> dict[str, float]:
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return _stats(samples)


def bench_store(root: Path, total: int, per_issue: int, saves: int) -> dict[str, dict[str, float]]:
    """Save timings, then read timings (cold on a fresh store, then warm) for one layout."""
    analyses = _prefill(root, total, per_issue)
    store = Store.open(root)
    rng = random.Random(total)
    samples = []
    for n in range(saves):
        analysis = rng.choice(analyses)
        start = time.perf_counter()
        store.add_note(analysis, analysis.articles[0], f"新笔记 {n}", quote="群众", tags=["bench"])
        samples.append(time.perf_counter() - start)
    issue, article = analyses[0].issue.id, analyses[0].articles[0].id
    reads = {
        "list_issue": lambda: Store.open(root).list_notes(issue_id=issue),
        "for_article": lambda: Store.open(root).notes_for_article(issue, article),
        "tag_all": lambda: Store.open(root).list_notes(tag="bench"),
    }
    result = {"save": _stats(samples), "buckets": {"files": len(buckets.all_files(root / schema.NOTES_DIR))}}
    for name, call in reads.items():
        result[f"{name}_cold"] = _timed(call, 3)
    warm = Store.open(root)
    result["list_issue_warm"] = _timed(lambda: warm.list_notes(issue_id=issue), READ_REPEATS)
    result["for_article_warm"] = _timed(lambda: warm.notes_for_article(issue, article), READ_REPEATS)
    result["tag_all_warm"] = _timed(lambda: warm.list_notes(tag="bench"), READ_REPEATS)
    return result


def bench_tinydb_default(root: Path, total: int, saves: int) -> dict[str, float]:
    analysis = _analysis(0)
    db = TinyDB(root / "default.json", encoding="utf-8")
    db.table("notes").insert_multiple(_note_doc(analysis, n) for n in range(total))
    samples = []
    for n in range(saves):
        doc = _note_doc(analysis, total + n)
        start = time.perf_counter()
        db.table("notes").insert(doc)
        samples.append(time.perf_counter() - start)
    db.close()
    return _stats(samples)


def _cell(stats: dict[str, float]) -> str:
    return f"{stats['median_ms']:7.2f} / {stats['p95_ms']:7.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--saves", type=int, default=60, help="saves timed at each size (default 60)")
    parser.add_argument("--bucket-max", type=int, default=buckets.BUCKET_MAX_NOTES, help="notes per bucket file")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = parser.parse_args()
    buckets.BUCKET_MAX_NOTES = args.bucket_max
    rows = []
    for total in SIZES:
        with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:
            spread = bench_store(Path(tmp) / "spread", total, NOTES_PER_ISSUE, args.saves)
            one_issue = bench_store(Path(tmp) / "one", total, total, args.saves)
            default = bench_tinydb_default(Path(tmp), total, args.saves)
        rows.append({"notes": total, "spread": spread, "one_issue": one_issue, "tinydb_default": default})
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(f"save one note (median / p95 ms; bucket max {buckets.BUCKET_MAX_NOTES}; target median <= {TARGET_MS} ms)")
    print(
        f"{'notes':>7} | {'(a) 50/issue':>17} | {'(b) one issue':>17} | {'TinyDB default':>17} | TinyDB/(a) | TinyDB/(b)"
    )
    for row in rows:
        default = row["tinydb_default"]["median_ms"]
        ratios = [default / row[k]["save"]["median_ms"] for k in ("spread", "one_issue")]
        print(
            f"{row['notes']:>7} | {_cell(row['spread']['save'])} | {_cell(row['one_issue']['save'])} | "
            f"{_cell(row['tinydb_default'])} | {ratios[0]:9.1f}x | {ratios[1]:9.1f}x"
        )
    print("\nreads (median ms, cold = fresh store / warm = cached), bucket files in the layout")
    print(f"{'notes':>7} | {'layout':>9} | {'files':>5} | {'list issue':>15} | {'article':>15} | {'tag, all':>15}")
    for row in rows:
        for layout in ("spread", "one_issue"):
            r = row[layout]
            cells = [
                f"{r[f'{name}_cold']['median_ms']:6.1f} / {r[f'{name}_warm']['median_ms']:6.1f}"
                for name in ("list_issue", "for_article", "tag_all")
            ]
            print(
                f"{row['notes']:>7} | {layout:>9} | {r['buckets']['files']:>5} | "
                + " | ".join(f"{c:>15}" for c in cells)
            )
    worst = max(row[k]["save"]["median_ms"] for row in rows for k in ("spread", "one_issue"))
    print(
        f"\nworst median save: {worst:.2f} ms ({'meets' if worst <= TARGET_MS else 'MISSES'} the {TARGET_MS} ms target)"
    )


if __name__ == "__main__":
    main()
