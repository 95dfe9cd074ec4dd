"""All notes (``A``), filterable by issue and tag; ``e`` edits, ``d`` deletes after confirmation.

Also home of :func:`show_notes` (``A``); ``e`` (export) lives in :mod:`reader.screens.export_dialog`.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select
from textual.widgets.option_list import Option

from reader.annotations import Note
from reader.sanitize import sanitize
from reader.screens.common import current_analysis, in_background, store_of
from reader.screens.note_editor import NoteDraft, NoteEditor

ALL_ISSUES = "*"


def note_prompt(note: Note, found: bool | None) -> Content:
    """One row: headline (marked when its article is gone), where, tags, then the note's first words."""
    headline = " ".join(sanitize(note.headline or "(untitled)").split())
    where = " · ".join(filter(None, [note.newspaper, note.date, f"p{note.page}" if note.page else None]))
    tags = " ".join(f"#{t}" for t in note.tags)
    text = " ".join(sanitize(note.text or note.quote).split())
    parts: list[str | tuple[str, str]] = [(headline, "bold")]
    if found is False:
        parts.append((" (article not found)", "italic $warning"))
    parts += ["\n", (sanitize(" ".join(filter(None, [where, tags]))), "dim"), "\n", text[:120]]
    return Content.assemble(*parts)


class ConfirmDelete(ModalScreen[bool]):
    """Asks before a note is deleted: ``y`` or Enter on "Delete" deletes, anything else keeps it."""

    DEFAULT_CSS = """
    ConfirmDelete { align: center middle; }
    ConfirmDelete #confirm-box { width: 60; height: auto; border: round $error; background: $surface; padding: 1; }
    ConfirmDelete Horizontal { height: auto; align-horizontal: right; }
    ConfirmDelete Button { margin-left: 1; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Delete", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "Keep", id="confirm.no"),
    ]

    def __init__(self, note: Note) -> None:
        super().__init__()
        self._note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            preview = " ".join(sanitize(self._note.text or self._note.quote).split())[:80]
            yield Label(Content.assemble("Delete this note? ", (preview, "italic")), markup=False)
            with Horizontal():
                yield Button("Delete (y)", id="confirm-yes", variant="error")
                yield Button("Keep (n)", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)


class NotesListScreen(ModalScreen[None]):
    """Every note, newest first, filtered by issue (a select) and tag (typed)."""

    DEFAULT_CSS = """
    NotesListScreen { align: center middle; }
    NotesListScreen #notes-box { width: 95%; max-width: 120; height: 90%; border: round $accent; background: $surface; }
    NotesListScreen #notes-filters { height: auto; }
    NotesListScreen #notes-issue { width: 1fr; }
    NotesListScreen #notes-tag { width: 30; }
    NotesListScreen #notes-list { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape", "close", "Close", id="notes.close"),
        Binding("e", "edit", "Edit", id="notes.edit"),
        Binding("d,delete", "delete", "Delete", id="notes.delete"),
    ]

    def __init__(self, store: Any, found: dict[str, bool] | None = None, issue_id: str | None = None) -> None:
        super().__init__()
        self._store = store
        self._found = found or {}
        self._issue_filter = issue_id or ALL_ISSUES
        self._listed = False  # until the notes are in, the select's own start-up changes are not the user's
        self.notes: list[Note] = []
        self.shown: list[Note] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="notes-box") as box:
            box.border_title = "Notes"
            box.border_subtitle = "enter/e edit · d delete · esc close"
            with Horizontal(id="notes-filters"):
                yield Select[str]([(Content("All issues"), ALL_ISSUES)], id="notes-issue", allow_blank=False)
                yield Input(placeholder="tag", id="notes-tag")
            yield OptionList(id="notes-list", markup=False)
            yield Label("", id="notes-empty", markup=False)

    def on_mount(self) -> None:
        self._reload()

    def _reload(self) -> None:
        in_background(self.app, self._store.list_notes, self._loaded, "Could not read notes")

    def _loaded(self, notes: list[Note]) -> None:
        self.notes = sorted(notes, key=lambda n: n.created, reverse=True)
        issues: dict[str, str] = {}
        for note in self.notes:
            issues.setdefault(note.issue_id, " ".join(filter(None, [note.date, note.newspaper])) or note.issue_id)
        options: list[tuple[Content, str]] = [(Content("All issues"), ALL_ISSUES)]
        options += [(Content(sanitize(label)), issue_id) for issue_id, label in issues.items()]
        select = self.query_one("#notes-issue", Select)
        if self._issue_filter not in issues:
            self._issue_filter = ALL_ISSUES
        with self.prevent(Select.Changed):
            select.set_options(options)
            select.value = self._issue_filter
        self._listed = True
        self._refilter()
        self.query_one("#notes-list", OptionList).focus()

    def _refilter(self) -> None:
        tag = self.query_one("#notes-tag", Input).value.strip().lstrip("#").casefold()
        self.shown = [
            n
            for n in self.notes
            if (self._issue_filter == ALL_ISSUES or n.issue_id == self._issue_filter)
            and (not tag or any(t.casefold() == tag for t in n.tags))
        ]
        option_list = self.query_one("#notes-list", OptionList)
        option_list.set_options(Option(note_prompt(n, self._found.get(n.id)), id=n.id) for n in self.shown)
        if self.shown:
            option_list.highlighted = 0
        self.query_one("#notes-empty", Label).update("" if self.shown else "No notes match")

    @on(Select.Changed, "#notes-issue")
    def _issue_changed(self, event: Select.Changed) -> None:
        if not self._listed:
            return
        self._issue_filter = str(event.value)
        self._refilter()

    @on(Input.Changed, "#notes-tag")
    def _tag_changed(self) -> None:
        self._refilter()

    @on(Input.Submitted, "#notes-tag")
    def _tag_submitted(self) -> None:
        self.query_one("#notes-list", OptionList).focus()

    def _highlighted(self) -> Note | None:
        index = self.query_one("#notes-list", OptionList).highlighted
        return self.shown[index] if index is not None and 0 <= index < len(self.shown) else None

    @on(OptionList.OptionSelected, "#notes-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    def action_edit(self) -> None:
        """Edit the highlighted note."""
        note = self._highlighted()
        if note is None:
            return

        def edited(draft: NoteDraft | None) -> None:
            if draft is None:
                return
            in_background(
                self.app,
                lambda: self._store.update_note(note.id, text=draft.text, quote=draft.quote, tags=draft.tags),
                lambda _: self._changed("Note saved"),
                "Could not save the note",
            )

        self.app.push_screen(NoteEditor(note.headline or "(untitled)", note=note), callback=edited)

    def action_delete(self) -> None:
        """Delete the highlighted note, after confirmation."""
        note = self._highlighted()
        if note is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                in_background(
                    self.app,
                    lambda: self._store.delete_note(note.id),
                    lambda _: self._changed("Note deleted"),
                    "Could not delete the note",
                )

        self.app.push_screen(ConfirmDelete(note), callback=confirmed)

    def _changed(self, message: str) -> None:
        self.app.notify(message, markup=False, timeout=3)
        getattr(self.app, "refresh_markers", lambda: None)()
        self._reload()

    def action_close(self) -> None:
        """Close the list."""
        self.dismiss(None)


def _found_in_current_issue(app: App[Any], notes: list[Note]) -> dict[str, bool]:
    from reader.store import resolve_anchor

    analysis = current_analysis(app)
    if analysis is None:
        return {}
    return {n.id: resolve_anchor(n, analysis) is not None for n in notes if n.issue_id == analysis.issue.id}


def show_notes(app: App[Any]) -> None:
    """``A``: every note, starting filtered to the open issue when there is one."""
    from reader.screens.issue import IssueScreen
    from reader.screens.library import LibraryScreen

    if not isinstance(app.screen, IssueScreen | LibraryScreen):
        return
    store = store_of(app)
    if store is None:
        return
    analysis = current_analysis(app) if isinstance(app.screen, IssueScreen) else None
    issue_id = analysis.issue.id if analysis is not None else None
    found: dict[str, bool] = {}
    if analysis is not None:
        try:
            found = _found_in_current_issue(app, store.list_notes(issue_id=issue_id))
        except Exception:  # noqa: BLE001 - markers are a convenience; the list reports read errors itself
            found = {}
    app.push_screen(NotesListScreen(store, found, issue_id))
