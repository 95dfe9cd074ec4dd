"""What the app's background indexing relies on: counts reported per committed batch, the issues on screen
indexed first; and ``reader index`` itself, plain and with ``--events``."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.cache import AnalysisCache
from reader.library_index import connect, index_path, indexed_counts, refresh
from tests.conftest import REPO
from tests.unit.test_library_search import ENGLISH, SEED, write_issue
from tests.unit.test_workers import _alive


def _library(root: Path, issues: int) -> list[Path]:
    return [
        write_issue(root / f"issue-{number:02d}", [SEED if number % 2 else ENGLISH], "报", f"1939-04-{number + 1:02d}")
        for number in range(issues)
    ]


def test_counts_arrive_batch_by_batch_in_the_order_asked_for(tmp_path: Path) -> None:
    library = tmp_path / "library"
    folders = _library(library, 25)
    wanted = [str(folder.absolute()) for folder in reversed(folders)]  # the screen lists the newest first
    cache = AnalysisCache(tmp_path / "cache")
    batches: list[dict[str, int]] = []
    conn = connect(index_path(cache.root, library))
    try:
        report = refresh(conn, library, cache=cache, workers=1, indexed=batches.append, first=wanted)
    finally:
        conn.close()
    assert report.indexed == 25
    assert [len(batch) for batch in batches] == [10, 10, 5]  # one report per committed batch
    assert [folder for batch in batches for folder in batch] == wanted
    assert {folder: count for batch in batches for folder, count in batch.items()} == indexed_counts(
        library, cache.root
    )
    assert all(count > 0 for batch in batches for count in batch.values())


def _reader(args: list[str], cache: Path, stdin: bytes = b"") -> subprocess.CompletedProcess:
    env = {**os.environ, "READER_CACHE_DIR": str(cache), "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], input=stdin, capture_output=True, env=env, timeout=120, check=False
    )


def test_reader_index_builds_the_index_a_search_then_uses(tmp_path: Path) -> None:
    library = tmp_path / "library"
    _library(library, 3)
    done = _reader(["index", str(library)], tmp_path / "cache")
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().startswith("library: 3 issues, ")
    assert len(indexed_counts(library, tmp_path / "cache")) == 3
    assert _reader(["index", str(tmp_path / "nowhere")], tmp_path / "cache").returncode != 0


def test_reader_index_events_are_json_lines_in_the_order_asked_for(tmp_path: Path) -> None:
    import json

    library = tmp_path / "library"
    folders = _library(library, 12)
    first = [str(folder.absolute()) for folder in reversed(folders)]
    done = _reader(["index", str(library), "--events"], tmp_path / "cache", json.dumps(first).encode())
    assert done.returncode == 0, done.stderr
    events = [json.loads(line) for line in done.stdout.decode().splitlines()]
    indexed = [folder for event in events if "indexed" in event for folder in event["indexed"]]
    assert indexed == first
    assert events[-1] == {"done": {"issues": 12, "indexed": 12, "removed": 0}}
    bad = _reader(["index", str(tmp_path / "nowhere"), "--events"], tmp_path / "cache")
    assert bad.returncode != 0 and b"Traceback" not in bad.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the death signal is Linux's")
def test_the_background_indexing_dies_with_the_app(tmp_path: Path) -> None:
    """The app killed outright (no clean-up at all): its indexing child does not go on alone."""
    library = tmp_path / "library"
    _library(library, 300)
    script = (
        "import os, signal, sys, time\n"
        "from pathlib import Path\n"
        "from reader.background_index import BackgroundIndexing\n"
        "indexing = BackgroundIndexing(Path(sys.argv[1]))\n"
        "print(indexing._process.pid, flush=True)\n"
        "time.sleep(0.5)\n"
        "print(indexing._process.poll() is None, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    env = {**os.environ, "READER_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", script, str(library)], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    pid, running = done.stdout.split()
    child = int(pid)
    assert running == "True"  # still indexing when the app died
    deadline = time.monotonic() + 10
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child)
