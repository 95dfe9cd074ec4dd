"""Copying the selected article text: ``y`` / ``ctrl+c`` to the system clipboard, ``Y`` to a file as well.

The clipboard is reached through the terminal (OSC 52, Textual's ``copy_to_clipboard``). A terminal that
ignores OSC 52 gives no answer, so the message says which terminals support it, and ``Y`` also writes the
text to a file whose path stays on screen until dismissed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.actions import SkipAction
from textual.app import App

from reader.screens.common import in_background, issue_screen, selected_text
from reader.screens.help import OSC52_TERMINALS

SELECTION_FILE = "reader-selection.txt"
LASTING_SECONDS = 24 * 3600.0
"""How long a message saying where a file was written stays (until dismissed, in practice)."""


def export_folder(app: App[Any]) -> Path:
    """The folder ``e`` and ``Y`` write into: the one last used (remembered in the store), else a documents folder."""
    saved = getattr(app, "get_state", lambda key, default=None: default)("export_folder")
    if isinstance(saved, str) and Path(saved).is_dir():
        return Path(saved)
    from reader.paths import default_export_dir

    return default_export_dir()


def copy_selection(app: App[Any], *, to_file: bool = False) -> None:
    """Copy the selected article text to the clipboard (and with ``to_file`` write it to a file too).

    Raises:
        SkipAction: not on the reading screen, so ``ctrl+c`` keeps its meaning in editors and inputs.
    """
    if issue_screen(app) is None:
        raise SkipAction()
    text = selected_text(app)
    if not text:
        # ctrl+c is also a reflex for quitting: say which key does.
        app.notify(
            "Nothing selected to copy (drag with the mouse, or shift+arrows in the text). Press q to quit.",
            markup=False,
            timeout=4,
        )
        return
    app.copy_to_clipboard(text)
    if not to_file:
        app.notify(
            f"Copied {len(text)} characters through the terminal (OSC 52). Nothing to paste? Your terminal may not "
            f"support it ({OSC52_TERMINALS} do): press Y to write the selection to a file.",
            title="Copy",
            markup=False,
            timeout=8,
        )
        return
    target = export_folder(app) / SELECTION_FILE

    def write() -> Path:
        from reader.filewrite import write_new_file

        return write_new_file(target, text + "\n", force=True)

    def done(path: Path) -> None:
        app.notify(
            f"Copied {len(text)} characters, and wrote them to {path}",
            title="Copy",
            markup=False,
            timeout=LASTING_SECONDS,
        )

    in_background(app, write, done, "Could not write the selection")
