"""Time saving one note with 100, 1,000 and 10,000 notes stored: reader's store against TinyDB's default.

Run: ``python benchmarks/notes.py [--saves 60] [--json]``. Both contenders run in the same process and the same
temporary folder, so the ratio is what matters. reader's store fsyncs the file and the folder on every save
(TinyDB's default JSONStorage does neither, so it is not even durable), takes a file lock, re-reads the file
under the lock and writes one shard per issue. Notes are spread over issues at 50 per issue, as years of
reading would; the "one issue" row puts every note in the same issue, the worst case for sharding.
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
from reader.store import Store, schema, storage
from reader.store.anchor import anchor_fields

SIZES = (100, 1_000, 10_000)
NOTES_PER_ISSUE = 50


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
    """Write ``total`` notes straight into shards (fast), the way the store would have."""
    (data / schema.NOTES_DIR).mkdir(parents=True, exist_ok=True)
    analyses = [_analysis(i) for i in range(max(1, total // per_issue))]
    for index, analysis in enumerate(analyses):
        count = per_issue if index < len(analyses) - 1 else total - per_issue * (len(analyses) - 1)
        rows = {str(n + 1): _note_doc(analysis, n) for n in range(count)}
        tables = {schema.META_TABLE: schema.meta_table(), schema.NOTES_TABLE: rows}
        path = data / schema.NOTES_DIR / schema.shard_name(analysis.issue.id)
        storage.atomic_write(path, storage.encode(tables))
    return analyses


def _stats(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_ms": statistics.median(ordered) * 1000, "p95_ms": p95 * 1000}


def bench_store(root: Path, total: int, per_issue: int, saves: int) -> dict[str, float]:
    analyses = _prefill(root, total, per_issue)
    store = Store.open(root)
    rng = random.Random(total)
    samples = []
    for n in range(saves):
        analysis = rng.choice(analyses)
        start = time.perf_counter()
        store.add_note(analysis, analysis.articles[0], f"新笔记 {n}", quote="群众", tags=["bench"])
        samples.append(time.perf_counter() - start)
    return _stats(samples)


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--saves", type=int, default=60, help="saves timed at each size (default 60)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()
    rows = []
    for total in SIZES:
        with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:
            ours = bench_store(Path(tmp) / "sharded", total, NOTES_PER_ISSUE, args.saves)
            one_issue = bench_store(Path(tmp) / "one", total, total, args.saves)
            default = bench_tinydb_default(Path(tmp), total, args.saves)
        rows.append({"notes": total, "store": ours, "store_one_issue": one_issue, "tinydb_default": default})
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(f"{'notes':>7} | {'store (50/issue)':>18} | {'store (1 issue)':>18} | {'TinyDB default':>18} | ratio")
    print(f"{'':>7} | {'median / p95 ms':>18} | {'median / p95 ms':>18} | {'median / p95 ms':>18} | median")
    for row in rows:
        cells = [
            f"{row[k]['median_ms']:7.2f} / {row[k]['p95_ms']:7.2f}"
            for k in ("store", "store_one_issue", "tinydb_default")
        ]
        ratio = row["tinydb_default"]["median_ms"] / row["store"]["median_ms"]
        print(f"{row['notes']:>7} | {cells[0]:>18} | {cells[1]:>18} | {cells[2]:>18} | {ratio:5.1f}x faster")


if __name__ == "__main__":
    main()
