"""The app's background indexing of a library: ``reader index LIBRARY --events`` in a child process.

A process, not a thread: writing the index and decoding the analysis workers' results is Python work that,
in a thread of the app, held the interpreter lock about 40 % of the time and made the event loop late by up
to a quarter of a second. The child runs at a lower priority, dies with the app (Linux) and is stopped when
the library screen goes; an index it leaves half-built keeps every batch it committed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

STOP_TIMEOUT = 2.0
"""Seconds :meth:`BackgroundIndexing.stop` waits for the child after SIGTERM before killing it."""


class BackgroundIndexing:
    """Index ``library`` in a child process, the folders of ``first`` first; read its events with :meth:`events`."""

    def __init__(self, library: Path, first: Sequence[str] = ()) -> None:
        import orjson

        command = [sys.executable, "-m", "reader", "index", str(library), "--events"]
        self._process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=os.environ.copy()
        )
        self._stopped = False
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(orjson.dumps(list(first)))
            self._process.stdin.close()
        except OSError:  # it failed at once: events() says so
            pass

    def events(self) -> Iterator[dict]:
        """Each event as it comes: ``{"progress": [done, total]}`` (pages), ``{"indexed": {folder: articles}}``,
        then ``{"done": {...}}`` or ``{"error": "one line"}``. Ends when the child does."""
        import orjson

        assert self._process.stdout is not None
        ended = False
        for line in self._process.stdout:
            try:
                event = orjson.loads(line)
            except orjson.JSONDecodeError:
                continue
            if isinstance(event, dict):
                ended = ended or "done" in event or "error" in event
                yield event
        code = self._process.wait()
        if not ended and not self._stopped:
            yield {"error": f"the background indexing stopped (exit status {code})"}

    def stop(self) -> None:
        """Stop the child now (safe to repeat, and once it has ended)."""
        self._stopped = True
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        if self._process.stdout is not None:
            self._process.stdout.close()
