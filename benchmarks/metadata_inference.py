"""How often reader infers an issue's date right, from the page alone and from the path, over the corpus.

Usage: ``python benchmarks/metadata_inference.py [CORPUS_DIR]``. Every issue that can be built from the corpus
is measured: each Jing bao date (its folds), each Mustang Daily issue (its pages), the Chronicling America
pages, the seed page and the impresso issues. "Page alone" reads only the pages' text (no file or folder
name); "path" reads only the folder and file names as the corpus lays them out. Truth is the archive's date
(Jing bao file names, impresso folders, Chronicling America's README) or, for Mustang Daily, the date printed
in the issue's nameplate and folios as read by hand (two issues print none legibly and are left out).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.errors import ReaderError  # noqa: E402
from reader.ingest import load_issue  # noqa: E402
from reader.ingest.detect import read_page  # noqa: E402
from reader.metadata import date_from_pages, date_from_path  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
MUSTANG_TRUTH = {  # read by hand from each issue's nameplate and folios (year checked against the weekday)
    "md-1981-45-103": "1981-05-15", "md-1982-46-047": "1982-01-20", "md-1983-47-053": "1983-01-17",
    "md-1983-47-118": "1983-05-09", "md-1985-49-097": "1985-04-15", "md-1986-51-042": "1986-11-19",
    "md-1987-51-063": "1987-01-26", "md-1987-51-099": "1987-04-02", "md-1987-51-132": "1987-05-19",
    "md-1988-52-070": "1988-02-08", "md-1988-53-005": "1988-09-27", "md-1989-53-053": "1989-01-18",
    "md-1986-50-050": "1986-01-14", "md-1986-50-091": "1986-04-07", "md-1990-54-057": "1990-01-29",
    "md-1991-56-020": "1991-10-23", "md-1991-56-046": "1991-12-06", "md-1992-56-051": "1992-01-15",
    "md-1992-56-074": "1992-02-21", "md-1992-56-118": "1992-05-11", "md-1992-57-027": "1992-10-30",
    "md-1993-57-061": "1993-01-28", "md-1993-57-094": "1993-04-06", "md-1994-58-114": "1994-05-03",
    "md-1995-60-009": "1995-10-04",
}  # fmt: skip
IMPRESSO_TRUTH = {
    "BL/BLIP_20190929_04/0002244/1855/0922": "1855-09-22",
    "BNF-EN/JDPL/18210801_1": "1821-08-01",
    "KB/newspaper/1813/11/16": "1813-11-16",
    "KB/newspaper/1750/05/15": "1750-05-15",
    "KB/newspaper/1876/12/01": "1876-12-01",
    "Olive/GDL/1900/01/02": "1900-01-02",
    "Luxembourg/public_domain_006/2385348_newspaper_luxzeit1858_1858-12-07_01": "1858-12-07",
}


def _issues(corpus: Path) -> list[tuple[str, str, Path, list[Path]]]:
    """``(set, truth, folder, page files)`` for every issue the corpus holds."""
    issues = []
    jingbao: dict[str, list[Path]] = defaultdict(list)
    for page in sorted(corpus.glob("jingbao/*/jb_*.txt")):
        jingbao[page.name.split("_")[2]].append(page)
    issues += [("jingbao", date, pages[0].parent, pages) for date, pages in sorted(jingbao.items())]
    mustang: dict[str, list[Path]] = defaultdict(list)
    for page in sorted(corpus.glob("mustang/*/ua-nws_*_p*.txt")):
        mustang[page.name.split("_")[2]].append(page)
    issues += [
        ("mustang", MUSTANG_TRUTH[key], pages[0].parent, pages)
        for key, pages in mustang.items()
        if key in MUSTANG_TRUTH
    ]
    chronam = corpus / "chronam"
    issues += [("chronam", "1903-05-01", chronam, [chronam / "ocr.txt"])]
    issues += [("chronam", "1911-09-17", chronam, [chronam / "uuml_thys_ocr.txt"])]
    issues += [("seed", "2022-12-02", corpus / "seed", sorted((corpus / "seed").glob("*.txt")))]
    for folder, date in IMPRESSO_TRUTH.items():
        issues.append(("impresso", date, corpus / "impresso" / "sample_data" / folder, []))
    return issues


def main(argv: list[str] | None = None) -> int:
    """Print, per set and overall, the share of issues dated right from the page alone and from the path."""
    args = list(sys.argv[1:] if argv is None else argv)
    corpus = Path(args[0]) if args else DEFAULT_CORPUS
    if not corpus.is_dir():
        print(f"corpus not found: {corpus}", file=sys.stderr)
        return 2
    rows: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    misses = []
    for name, truth, folder, files in _issues(corpus):
        try:
            pages = tuple(read_page(f, n) for n, f in enumerate(files, start=1)) if files else load_issue(folder).pages
        except (ReaderError, OSError) as exc:
            print(f"skipped {folder}: {exc}", file=sys.stderr)
            continue
        printed = date_from_pages(pages)
        from_path = date_from_path(folder, [f.name for f in files])
        page_right = printed is not None and printed.date == truth
        path_right = from_path is not None and from_path[0] == truth
        rows[name].append((page_right, path_right))
        if not page_right:
            misses.append(f"  {name} {truth}: page gave {printed.date if printed else None} ({folder.name})")
    print(f"{'set':<10}{'issues':>8}{'page alone':>14}{'path':>10}")
    total = [result for results in rows.values() for result in results]
    for name, results in [*rows.items(), ("all", total)]:
        page = sum(r[0] for r in results)
        path = sum(r[1] for r in results)
        print(f"{name:<10}{len(results):>8}{page:>8}/{len(results):<5}{path:>5}/{len(results):<4}")
    print(f"\npage alone right: {sum(r[0] for r in total) / len(total):.1%}; path right: "
          f"{sum(r[1] for r in total) / len(total):.1%} of {len(total)} issues")  # fmt: skip
    print("misses (page alone):", *misses, sep="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
