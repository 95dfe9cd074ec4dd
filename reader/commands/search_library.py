"""``reader search LIBRARY QUERY``: every issue of a library at once, through its index."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from reader.errors import ReaderError
from reader.sanitize import sanitize

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def add_library_options(parser: argparse.ArgumentParser) -> None:
    """Options that narrow a library search."""
    group = parser.add_argument_group("library search (PATH is a folder of issues)")
    group.add_argument("--paper", metavar="P", help="only newspapers whose title (or folder) contains P")
    group.add_argument("--from", dest="date_from", metavar="D", help="only issues dated D or later (YYYY[-MM[-DD]])")
    group.add_argument("--to", dest="date_to", metavar="D", help="only issues dated D or earlier (YYYY[-MM[-DD]])")
    group.add_argument(
        "--kind", metavar="K", help="only articles of this kind (article, caption, notice, advert, other)"
    )
    group.add_argument("--limit", metavar="N", type=int, default=200, help="show at most N hits (default 200)")


def _bound(value: str | None, upper: bool, usage_error: type[ReaderError]) -> str | None:
    if value is None:
        return None
    if not _DATE.match(value):
        raise usage_error(f"dates are YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    return value + "\uffff" if upper else value  # --to 1939 keeps 1939-12-31


def looks_like_library(path: Path) -> bool:
    """True for a library folder: one with a search index already (no need to import the page readers, about
    a third of a warm search's start-up), else one with issue folders below it and no pages of its own."""
    if not path.is_dir():
        return False
    from reader.cache import cache_dir
    from reader.library_index import index_path

    if index_path(cache_dir(), path).is_file():
        return True
    from reader.ingest.issue import is_library

    return is_library(path)


def open_index(library: Path, *, quiet: bool = False) -> Any:
    """The library's index, brought up to date (cold issues analyzed with a progress bar on a terminal)."""
    from reader.cache import AnalysisCache
    from reader.library_index import connect, index_path, refresh

    cache = AnalysisCache.open()
    try:
        conn = connect(index_path(cache.root, library))
    except (OSError, Exception) as exc:  # noqa: BLE001 - sqlite3 and OS errors alike: say so in one line
        raise ReaderError(f"cannot open the search index in {cache.root}: {exc}") from exc
    progress, close = None, lambda: None
    if not quiet and sys.stderr.isatty():
        from reader.cache_analysis import terminal_progress

        progress, close = terminal_progress(f"indexing {library.name}")
    try:
        report = refresh(conn, library, cache=cache, progress=progress)
    finally:
        close()
    for path, error in report.errors:
        print(f"reader: skipped {sanitize(path)}: {sanitize(error)}", file=sys.stderr)
    return conn


def run_library(args: argparse.Namespace, library: Path, usage_error: type[ReaderError]) -> int:
    """Search every issue of ``library``; print hits grouped by issue (or JSON); 0 with hits, 1 without."""
    from reader.library_search import search_library, search_notes

    if args.limit < 0:
        raise usage_error("--limit must be 0 or more")
    date_from = _bound(args.date_from, False, usage_error)
    date_to = _bound(args.date_to, True, usage_error)
    conn = open_index(library)
    try:
        results = search_library(
            conn, args.query, paper=args.paper, date_from=date_from, date_to=date_to, kind=args.kind, limit=args.limit
        )
        note_hits = []
        if not args.kind:
            notes = _notes()
            if notes:
                rows = conn.execute("SELECT issue_id, path, title, date FROM issues WHERE issue_id IS NOT NULL")
                issue_ids = {issue_id: (path, title, date) for issue_id, path, title, date in rows}
                note_hits = search_notes(notes, args.query, issue_ids)
    finally:
        conn.close()
    hits = [*note_hits, *results.hits]
    if args.json:
        from reader.commands._common import print_json

        print_json(
            {
                "query": args.query,
                "library": str(library),
                "total": results.total,
                "notes_total": len(note_hits),
                "shown": len(results.hits),
                "hits": [_hit_document(hit) for hit in hits],
            }
        )
    else:
        _print_grouped(hits)
        if results.total > len(results.hits):
            print(
                f"reader: {results.total} articles match in {results.issues} issues; showing the first "
                f"{len(results.hits)} (--limit N for more)",
                file=sys.stderr,
            )
    if not hits:
        print(f"reader: no matches for {args.query.strip()!r}", file=sys.stderr)
        return 1
    return 0


def _notes() -> list[Any]:
    """The user's notes, when there are any (TinyDB is not even imported otherwise)."""
    from reader.paths import data_dir

    folder = data_dir()
    if not any((folder / "notes").glob("*.json")):
        return []
    from reader.store import Store

    return Store.open(folder).list_notes()


def _hit_document(hit: Any) -> dict[str, Any]:
    return {
        "source": hit.source,
        "issue": hit.issue_path,
        "issue_id": hit.issue_id,
        "title": hit.issue_title,
        "date": hit.issue_date,
        "page": hit.page,
        "article": hit.article_number,
        "article_id": hit.article_id,
        "kind": hit.kind,
        "headline": hit.headline,
        "field": hit.field,
        "paragraph": hit.paragraph,
        "start": hit.start,
        "end": hit.end,
        "match": hit.match,
        "matches": hit.matches,
        "snippet": hit.snippet,
    }


def _print_grouped(hits: list[Any]) -> None:
    current = None
    for hit in hits:
        if hit.issue_path != current:
            current = hit.issue_path
            heading = f"{hit.issue_date or 'undated'}  {hit.issue_title or '(untitled)'}  {hit.issue_path}"
            print(sanitize(heading))
        if hit.source != "article":
            print(sanitize(f"  [{hit.source}]\t{hit.headline or ''}\t{hit.snippet}"))
            continue
        where = f"¶{hit.paragraph + 1}" if hit.paragraph is not None else hit.field
        print(sanitize(f"  {hit.article_number}\tp.{hit.page}\t{where}\t{hit.snippet}"))
