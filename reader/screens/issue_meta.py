"""The issue's newspaper, date and edition in the app: the title bar's label and the ``i`` form that edits them.

Edits go to the store (the data folder), keyed by the issue's content id; nothing is written into the user's
folder. Inferred values are marked ``?`` and the form says where each came from.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from reader.metadata import FIELDS, apply_edits, parse_user_date, shown
from reader.model import Issue, IssueMeta
from reader.sanitize import sanitize
from reader.screens.common import in_background, store_of

LABELS = {"title": "Newspaper", "date": "Date (YYYY-MM-DD)", "edition": "Edition"}


def current_meta(app: App[Any], issue: Issue) -> IssueMeta:
    """The issue's metadata with the user's edits from the store (when it is open)."""
    store = getattr(app, "store", None)
    get = getattr(store, "get_issue_edits", None)
    try:
        edits = get(issue.id) if get is not None else {}
    except Exception:  # noqa: BLE001 - a label is not worth an error
        edits = {}
    return apply_edits(issue.meta, edits)


def issue_label(meta: IssueMeta, fallback_title: str, convert: Any = None) -> list[str]:
    """``[newspaper, date]`` for the title bar: inferred values marked ``?``, the name in the display script."""
    title = shown(meta, "title") or fallback_title
    if convert is not None and meta.title:
        title = convert(title)
    return [title, shown(meta, "date", "undated")]


class IssueMetaEditor(ModalScreen[dict[str, str] | None]):
    """Edit the newspaper, date and edition of an issue; returns the edits, or None when cancelled.

    An empty field removes the user's edit, so the given or inferred value shows again.
    """

    DEFAULT_CSS = """
    IssueMetaEditor { align: center middle; }
    IssueMetaEditor #meta-box {
        width: 80%; max-width: 80; height: auto; border: round $accent; background: $surface; padding: 0 1;
    }
    IssueMetaEditor .meta-label { color: $text-muted; }
    IssueMetaEditor .meta-source { color: $text-muted; text-style: italic; margin-bottom: 1; }
    IssueMetaEditor #meta-buttons { height: auto; align-horizontal: right; }
    IssueMetaEditor #meta-buttons Button { margin-left: 1; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="issue-meta.save"),
        Binding("escape", "cancel", "Cancel", id="issue-meta.cancel"),
    ]

    def __init__(self, meta: IssueMeta, edits: dict[str, str]) -> None:
        super().__init__()
        self._meta = meta
        self._edits = dict(edits)

    def compose(self) -> ComposeResult:
        with Vertical(id="meta-box") as box:
            box.border_title = "Issue"
            box.border_subtitle = "ctrl+s save · esc cancel"
            for name in FIELDS:
                value = getattr(self._meta, name) or ""
                source = self._meta.source(name)
                reason = self._meta.reason(name)
                yield Label(LABELS[name], classes="meta-label", markup=False)
                yield Input(value, id=f"meta-{name}", placeholder="unknown")
                note = source + (f": {reason}" if reason else "")
                yield Label(Content(sanitize(note)), classes="meta-source", markup=False)
            with Horizontal(id="meta-buttons"):
                yield Button("Save", id="meta-save", variant="primary")
                yield Button("Cancel", id="meta-cancel")

    def on_mount(self) -> None:
        self.query_one("#meta-title", Input).focus()

    @on(Button.Pressed, "#meta-save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        """Return the changed fields (a value, or "" to drop an edit); a bad date is refused here."""
        changes: dict[str, str] = {}
        for name in FIELDS:
            typed = " ".join(self.query_one(f"#meta-{name}", Input).value.split())
            current = getattr(self._meta, name) or ""
            if typed == current:
                continue
            if typed and name == "date":
                try:
                    typed = parse_user_date(typed)
                except ValueError as exc:
                    self.notify(str(exc), severity="error", markup=False)
                    return
            changes[name] = typed
        self.dismiss(changes)

    @on(Button.Pressed, "#meta-cancel")
    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)


def edit_issue_meta(app: App[Any]) -> None:
    """``i``: edit the open issue's newspaper, date and edition (stored in the data folder)."""
    from reader.screens.common import issue_screen

    screen = issue_screen(app)
    issue = getattr(screen, "issue", None)
    if screen is None or issue is None:
        return
    store = store_of(app)
    if store is None:
        return
    edits = store.get_issue_edits(issue.id)

    def saved(result: dict[str, str]) -> None:
        app.notify("Issue details saved (in reader's data folder)", markup=False, timeout=4)
        refresh = getattr(screen, "refresh_issue_meta", None)
        if refresh is not None:
            refresh()

    def edited(changes: dict[str, str] | None) -> None:
        if not changes:
            return
        in_background(app, lambda: store.set_issue_edits(issue.id, **changes), saved, "Could not save")

    app.push_screen(IssueMetaEditor(current_meta(app, issue), edits), callback=edited)
