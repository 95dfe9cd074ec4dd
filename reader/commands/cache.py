"""``reader cache info|clear``: the analysis cache and search indexes (derived data, safe to delete)."""

from __future__ import annotations

import argparse

from reader.commands._common import print_json


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``cache`` command."""
    parser = subparsers.add_parser(
        "cache", parents=[common], help="show or clear the analysis cache and search indexes"
    )
    parser.add_argument("action", choices=("info", "clear"), help="info: where and how big; clear: delete it all")
    parser.add_argument("--json", action="store_true", help="print `info` as JSON")
    parser.set_defaults(func=run)


def _size(count: int) -> str:
    for unit in ("B", "KB", "MB"):
        if count < 1024:
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1024  # type: ignore[assignment]
    return f"{count:.1f} GB"


def run(args: argparse.Namespace) -> int:
    """Print what the cache holds, or empty it."""
    from reader.cache import AnalysisCache
    from reader.index import index_files
    from reader.sanitize import sanitize

    cache = AnalysisCache.open()
    if args.action == "clear":
        cache.clear()
        print(f"cleared {sanitize(str(cache.root))}")
        return 0
    info = cache.info()
    indexes = index_files(cache.root)
    index_bytes = sum(size for _, size in indexes)
    if args.json:
        print_json(
            {
                "path": str(info.root),
                "entries": info.entries,
                "entry_bytes": info.entry_bytes,
                "max_bytes": info.max_bytes,
                "folders": info.folders,
                "analyser_versions": info.versions,
                "analyser_version": cache.version,
                "indexes": len(indexes),
                "index_bytes": index_bytes,
            }
        )
        return 0
    print(f"cache folder   {sanitize(str(info.root))}")
    print(f"pages          {info.entries} ({_size(info.entry_bytes)} of at most {_size(info.max_bytes)})")
    print(f"issue folders  {info.folders}")
    print(f"analyser       {cache.version} ({info.versions} version{'s' if info.versions != 1 else ''} cached)")
    print(f"search indexes {len(indexes)} ({_size(index_bytes)})")
    return 0
