"""``reader index LIBRARY``: bring a library's search index up to date (what ``reader search`` and the app's
``/`` read), analysing the issues that are new or changed on every usable CPU.

``--events`` is how the app runs it in the background: progress and each batch's article counts go to
stdout as JSON lines, the folders to index first come as a JSON list on stdin, the process runs at a lower
priority and dies with the app. Its own process, not a thread of the app's: writing the index and decoding
the workers' results would otherwise hold the app's interpreter lock 40 % of the time.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

EVENT_EVERY = 0.25
"""Seconds between two progress events."""

NICENESS = 10
"""How much lower the background indexing runs than the app (its worker processes inherit it): below the
app's own workers too (5, see ``reader.workers.prefer_interactive``), so that an issue opened meanwhile is
analysed first."""


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``index`` command."""
    parser = subparsers.add_parser(
        "index", parents=[common], help="bring a library's search index up to date (new and changed issues)"
    )
    parser.add_argument("path", metavar="LIBRARY", help="a folder of issue folders")
    parser.add_argument(
        "--events",
        action="store_true",
        help="report progress and article counts as JSON lines (for the app; folders to index first on stdin)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Refresh the index; print what was done (or, with ``--events``, JSON lines as it goes)."""
    from reader.commands._common import resolve_path
    from reader.errors import InputError

    library = resolve_path(args.path)
    if not library.is_dir():
        raise InputError(f"{library}: a library must be a folder of issue folders")
    if args.events:
        return _run_with_events(library)
    from reader.commands.search_library import open_index

    conn = open_index(library)
    try:
        issues, articles = conn.execute("SELECT count(*), coalesce(sum(articles), 0) FROM issues").fetchone()
    finally:
        conn.close()
    print(f"{library.name}: {issues} issues, {articles} articles indexed")
    return 0


def _run_with_events(library: Path) -> int:
    import orjson

    from reader.cache import AnalysisCache
    from reader.errors import ReaderError
    from reader.library_index import connect, index_path, refresh

    _as_background_of_parent()
    try:
        first = [str(path) for path in orjson.loads(sys.stdin.buffer.read() or b"[]")]
    except (orjson.JSONDecodeError, TypeError):
        first = []
    out = sys.stdout.buffer

    def send(event: dict) -> None:
        out.write(orjson.dumps(event) + b"\n")
        out.flush()

    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= EVENT_EVERY:
            last[0] = now
            send({"progress": [done, total]})

    cache = AnalysisCache.open()
    try:
        conn = connect(index_path(cache.root, library))
        try:
            report = refresh(
                conn,
                library,
                cache=cache,
                progress=progress,
                indexed=lambda counts: send({"indexed": counts}),
                first=first,
            )
        finally:
            conn.close()
    except (ReaderError, OSError) as exc:
        send({"error": str(exc)})
        return 2
    except Exception as exc:  # noqa: BLE001 - sqlite3 and the like: the app shows one line, never a traceback
        send({"error": f"cannot index {library.name}: {exc}"})
        return 2
    send({"done": {"issues": report.issues, "indexed": report.indexed, "removed": report.removed}})
    return 0


def _as_background_of_parent() -> None:
    """Run at a lower priority, and die with the process that started this one (the app) on Linux."""
    import os
    import signal

    try:
        os.nice(NICENESS)
    except (OSError, AttributeError):
        pass
    if sys.platform.startswith("linux"):
        parent = os.getppid()
        try:
            import ctypes

            pr_set_pdeathsig = 1
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
        except (OSError, AttributeError):
            pass
        if os.getppid() != parent or parent == 1:  # orphaned before the death signal was armed
            os._exit(0)
