"""How the app ends on a signal: SIGTERM and SIGINT as a clean exit, SIGHUP (the terminal is gone) at once.

SIGTERM and SIGINT go through the event loop to ``App.exit``: the terminal is restored, the store closed, the
worker processes stopped (``reader.workers``). Should that exit stall (a terminal that no longer reads), a
timer ends the process after :data:`EXIT_GRACE` seconds the hard way below.

After SIGHUP the terminal is usually gone: Textual's writer thread dies on the first write to it and the
next write waits forever. So SIGHUP is handled by a plain signal handler, which runs even while the event
loop is stuck: it stops the workers, closes the store (every note is already on disk: each save is an atomic
replace), restores the terminal if there still is one (a bounded try: the escape codes that leave the
alternate screen, show the cursor and stop mouse reports, and the terminal modes Textual saved), and leaves
with ``os._exit``. The workers also get the hang-up and die with their parent anyway.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from typing import Any

RESTORE_TERMINAL = (
    b"\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l"  # mouse reports off
    b"\x1b[?1004l\x1b[?2004l\x1b[<u"  # focus reports, bracketed paste, the kitty keyboard protocol
    b"\x1b[?25h\x1b[?1049l"  # the cursor back, and the normal screen
)
"""What Textual writes to a terminal as it stops, written directly when it cannot stop itself."""

EXIT_GRACE = 3.0
"""Seconds a signalled app may take to exit cleanly before it is ended the hard way."""

LOOP_SIGNALS = ("SIGTERM", "SIGINT")
"""Handled through the event loop: a clean exit."""


def handle_exit_signals(app: Any) -> list[int]:
    """Install the handlers for ``app`` (from its event loop, in the main thread); the signals handled."""
    import asyncio

    loop = asyncio.get_running_loop()
    handled = []
    for name in LOOP_SIGNALS:
        number = getattr(signal, name, None)
        if number is None:
            continue
        try:
            loop.add_signal_handler(number, _exit_cleanly, app, number)
        except (ValueError, RuntimeError, NotImplementedError):
            continue  # not the main thread, or no signals on this platform
        handled.append(number)
    hangup = getattr(signal, "SIGHUP", None)
    if hangup is not None and threading.current_thread() is threading.main_thread():
        signal.signal(hangup, lambda number, frame: _exit_now(app, number))
        handled.append(hangup)
    return handled


def stop_handling(handled: list[int]) -> None:
    """Remove the handlers :func:`handle_exit_signals` installed (when the app unmounts)."""
    import asyncio

    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    for number in handled:
        if number == getattr(signal, "SIGHUP", None):
            signal.signal(number, signal.SIG_DFL)
        elif loop is not None:
            loop.remove_signal_handler(number)


def _exit_cleanly(app: Any, number: int) -> None:
    from reader.workers import close_shared_pool

    close_shared_pool()  # first: whatever happens next, no worker outlives the app
    watchdog = threading.Timer(EXIT_GRACE, _exit_now, (app, number))
    watchdog.daemon = True
    watchdog.start()
    app.exit(return_code=128 + number)


def _exit_now(app: Any, number: int) -> None:
    """Stop the workers, close the store, and end the process without touching the terminal."""
    from reader.workers import close_shared_pool

    try:
        close_shared_pool()
        close = getattr(getattr(app, "store", None), "close", None)
        if close is not None:
            close()
        restorer = threading.Thread(target=_restore_terminal, args=(app,), daemon=True)
        restorer.start()
        restorer.join(0.5)  # a terminal that no longer reads must not keep the process alive
    finally:
        os._exit(128 + number)


def _restore_terminal(app: Any) -> None:
    """Leave the terminal as Textual found it, if it is still there (errors mean it is not)."""
    try:
        os.write(sys.__stdout__.fileno(), RESTORE_TERMINAL)  # type: ignore[union-attr]
        attributes = getattr(getattr(app, "_driver", None), "attrs_before", None)
        if attributes is not None:
            import termios

            termios.tcsetattr(sys.__stdin__.fileno(), termios.TCSANOW, attributes)  # type: ignore[union-attr]
    except (OSError, ValueError, AttributeError):
        pass
