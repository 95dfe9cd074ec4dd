"""The library search index: where it lives (the index itself is built in ``reader.library_index``)."""

from __future__ import annotations

from pathlib import Path


def index_dir(cache_root: Path) -> Path:
    """The folder of the library indexes, inside the cache folder (derived data, never beside notes)."""
    return cache_root / "index"


def index_files(cache_root: Path) -> list[tuple[Path, int]]:
    """Every index file and its size, for ``reader cache info``."""
    folder = index_dir(cache_root)
    files = []
    for path in sorted(folder.glob("*")) if folder.is_dir() else ():
        try:
            files.append((path, path.stat().st_size))
        except OSError:
            continue
    return files
