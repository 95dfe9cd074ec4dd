"""Pausing the cyclic garbage collector while the app starts.

Importing Textual and building the first screen allocate many long-lived objects, and the collector would
walk them again and again: about a tenth of the time to the first frame. ``reader`` pauses it before it
imports the app and resumes it once the first screen is drawn. (Freezing what start-up built with
``gc.freeze`` was tried and dropped: it also froze the start-up's garbage, and every app a test process
builds, for good.)
"""

from __future__ import annotations

import gc

_paused = False


def pause_gc() -> None:
    """Stop automatic collection, unless it is already off (then someone else owns that choice)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_gc() -> None:
    """Undo :func:`pause_gc` (a no-op when it paused nothing or has been undone already)."""
    global _paused
    if _paused:
        _paused = False
        gc.enable()
