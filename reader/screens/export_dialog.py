"""``e``: export the open issue's notes to Markdown through a save dialog.

The dialog proposes the folder used last (remembered in the store), else the documents folder, and a file
name from the issue's newspaper and date (``1920-04-09 晶報 notes.md``, numbered if taken). It never
overwrites, and the message saying where the file went stays until dismissed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from reader.screens.clipboard import LASTING_SECONDS, export_folder
from reader.screens.common import current_analysis, in_background, issue_screen, store_of

EXPORT_FOLDER_STATE = "export_folder"


class ExportDialog(ModalScreen[Path | None]):
    """Ask where to write the export: a folder and a file name; returns the target path, or None."""

    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog #export-box {
        width: 80%; max-width: 90; height: auto; border: round $accent; background: $surface; padding: 0 1;
    }
    ExportDialog .export-label { color: $text-muted; }
    ExportDialog #export-problem { color: $error; height: auto; }
    ExportDialog #export-buttons { height: auto; align-horizontal: right; }
    ExportDialog #export-buttons Button { margin-left: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export.cancel")]

    def __init__(self, folder: Path, name: str, count: int) -> None:
        super().__init__()
        self._folder = folder
        self._name = name
        self._count = count

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box") as box:
            box.border_title = f"Export {self._count} note(s) to Markdown"
            box.border_subtitle = "enter save · esc cancel"
            yield Label("Folder", classes="export-label", markup=False)
            yield Input(str(self._folder), id="export-folder")
            yield Label("File name", classes="export-label", markup=False)
            yield Input(self._name, id="export-name")
            yield Label("", id="export-problem", markup=False)
            with Horizontal(id="export-buttons"):
                yield Button("Save", id="export-save", variant="primary")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-name", Input).focus()

    @on(Button.Pressed, "#export-save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        """Return the target, unless the folder is missing, the name unsafe or the file already there."""
        from reader.errors import ReaderError
        from reader.export import safe_filename, target_in

        folder = Path(self.query_one("#export-folder", Input).value.strip() or ".").expanduser()
        typed = self.query_one("#export-name", Input).value.strip()
        problem = self.query_one("#export-problem", Label)
        if not folder.is_dir():
            problem.update(f"No such folder: {folder}")
            return
        name = safe_filename(typed[:-3] if typed.endswith(".md") else typed, ".md")
        try:
            target = target_in(folder, name)
        except ReaderError as exc:
            problem.update(str(exc))
            return
        if target.exists():
            problem.update(f"{name} already exists there: choose another name")
            return
        self.dismiss(target)

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        """Close without writing."""
        self.dismiss(None)


def free_name(folder: Path, name: str) -> str:
    """``name``, or ``stem (2).md`` … when a file of that name is in ``folder`` already."""
    stem, suffix = Path(name).stem, Path(name).suffix
    candidate, counter = name, 1
    while (folder / candidate).exists():
        counter += 1
        candidate = f"{stem} ({counter}){suffix}"
    return candidate


def export_issue_notes(app: App[Any]) -> None:
    """``e``: ask where, then write the open issue's notes to a new Markdown file and say where it went."""
    if issue_screen(app) is None:
        return
    analysis = current_analysis(app)
    store = store_of(app) if analysis is not None else None
    if analysis is None or store is None:
        return
    from reader.screens.issue_meta import current_meta

    meta = current_meta(app, analysis.issue)

    def render() -> tuple[int, str]:
        from reader.export import to_markdown
        from reader.store import resolve_anchor

        notes = store.list_notes(issue_id=analysis.issue.id)
        if not notes:
            return 0, ""
        found = {n.id: resolve_anchor(n, analysis) is not None for n in notes}
        return len(notes), to_markdown(notes, found=found, issues={analysis.issue.id: meta})

    def rendered(result: tuple[int, str]) -> None:
        count, content = result
        if not count:
            app.notify("This issue has no notes to export", markup=False)
            return
        from reader.export import issue_filename

        folder = export_folder(app)
        dialog = ExportDialog(folder, free_name(folder, issue_filename(meta)), count)
        app.push_screen(dialog, callback=lambda target: write(target, count, content))

    def write(target: Path | None, count: int, content: str) -> None:
        if target is None:
            return
        from reader.filewrite import write_new_file

        def done(path: Path) -> None:
            getattr(app, "set_state", lambda key, value: None)(EXPORT_FOLDER_STATE, str(path.parent))
            app.notify(f"Exported {count} note(s) to {path}", title="Export", markup=False, timeout=LASTING_SECONDS)

        in_background(app, lambda: write_new_file(target, content), done, "Could not export")

    in_background(app, render, rendered, "Could not export")
