"""Pausing the cyclic garbage collector while the app starts.

Importing Textual and building the first screen allocate many long-lived objects, and the collector would
walk them again and again: about a tenth of the time to the first frame. ``reader`` pauses it before it
imports the app and resumes it once the first screen is drawn.

The ``reader`` command also freezes (``gc.freeze``) what is alive then: with the collector paused, every one
of those objects is still in the youngest generation, and the first collection after resuming would walk
them all (about 30 ms, just when the reader may press the first key). Frozen, they are never walked again;
the price is that the little garbage start-up left behind is never freed. Apps built in-process (tests,
``ReaderApp`` used as a library) are not frozen, so that building many of them does not keep them all alive.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_paused = False
_freeze = False
_one_app = False
"""This process runs one app or command (the ``reader`` command): what it builds lives as long as the process."""


def pause_gc(*, freeze_on_resume: bool = False) -> None:
    """Stop automatic collection, unless it is already off (then someone else owns that choice).

    ``freeze_on_resume``: freeze the objects alive when :func:`resume_gc` runs (for the ``reader`` command,
    which runs one app per process).
    """
    global _paused, _freeze, _one_app
    _one_app = _one_app or freeze_on_resume
    if gc.isenabled():
        gc.disable()
        _paused = True
        _freeze = freeze_on_resume


def resume_gc() -> None:
    """Undo :func:`pause_gc` (a no-op when it paused nothing or has been undone already)."""
    global _paused, _freeze
    if _paused:
        if _freeze:
            gc.freeze()
        _paused = _freeze = False
        gc.enable()


def freeze_loaded() -> None:
    """Freeze what is alive now, in the ``reader`` command only (see :func:`pause_gc`).

    Called as a large issue loads: its articles and list rows are long-lived, and every full collection would
    walk them all again (tens of milliseconds of the event loop each, more as the issue grows). Frozen, they
    are never walked again. In-process apps (tests) are not frozen, as above.
    """
    if _one_app and gc.isenabled():
        gc.freeze()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Automatic collection off for a block that builds many objects that live on and make no cycles, such as
    the articles of a warm issue decoded from the cache: every collection inside it would walk all that the
    block has built so far. Nested or already-paused uses leave the collector as they found it."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        freeze_loaded()  # in a one-shot process, so that the first collection does not walk them all at once


def one_process_one_job() -> None:
    """Say that this process runs one command or app and then exits (the ``reader`` command): what it builds
    lives as long as the process, so :func:`freeze_loaded` may freeze it."""
    global _one_app
    _one_app = True
