"""The note editor (``a``): the note's text, the quoted passage (selected text or picked paragraphs) and tags.

The quote box is the user's: it starts with the selection (or the current paragraph), ticking paragraphs
fills it while the user has not typed in it, and once edited by hand nothing overwrites it.

Also home of :func:`annotate`, the app's ``a`` action (its helpers come from :mod:`reader.screens.common`).
Store writes run in a thread worker; page text reaches the screen only as ``Content``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, SelectionList, TextArea
from textual.widgets.selection_list import Selection

from reader.annotations import Note
from reader.model import Article
from reader.sanitize import sanitize
from reader.screens.common import article_in_view, in_background, issue_screen, selected_text


@dataclass(frozen=True, slots=True)
class NoteDraft:
    """What the editor returns: the note's text, its quote and its tags."""

    text: str
    quote: str
    tags: tuple[str, ...]


def split_tags(raw: str) -> tuple[str, ...]:
    """Tags typed as ``a, b #c`` → ``("a", "b", "c")`` (commas, spaces or ``#`` separate them)."""
    return tuple(dict.fromkeys(t for t in re.split(r"[,\s#，、]+", raw) if t))


class NoteEditor(ModalScreen[NoteDraft | None]):
    """Edit a note on one article; returns a :class:`NoteDraft`, or None when cancelled."""

    DEFAULT_CSS = """
    NoteEditor { align: center middle; }
    NoteEditor #note-box {
        width: 90%; max-width: 110; height: auto; max-height: 95%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    NoteEditor #note-headline { text-style: bold; margin-bottom: 1; }
    NoteEditor .note-label { color: $text-muted; }
    NoteEditor #note-text { height: 6; }
    NoteEditor #note-quote { height: 4; }
    NoteEditor #note-paragraphs { height: 6; }
    NoteEditor #note-buttons { height: auto; align-horizontal: right; }
    NoteEditor #note-buttons Button { margin-left: 1; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="note.save"),
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
    ]

    def __init__(
        self,
        headline: str,
        paragraphs: Sequence[str] = (),
        *,
        note: Note | None = None,
        quote: str = "",
    ) -> None:
        super().__init__()
        self._headline = headline
        self._paragraphs = tuple(paragraphs)
        self._note = note
        self._quote = note.quote if note is not None else quote
        self._filled_quote: str | None = self._quote
        """What the editor itself last put in the quote box; the box is the user's once it differs."""

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box") as box:
            box.border_title = "Edit note" if self._note else "New note"
            box.border_subtitle = "ctrl+s save · esc cancel"
            yield Label(Content(sanitize(self._headline)), id="note-headline", markup=False)
            yield Label("Note", classes="note-label", markup=False)
            yield TextArea(self._note.text if self._note else "", id="note-text", soft_wrap=True)
            if self._paragraphs:
                yield Label("Quote paragraphs (space to pick)", classes="note-label", markup=False)
                yield SelectionList[int](
                    *(Selection(Content(_preview(p)), index) for index, p in enumerate(self._paragraphs)),
                    id="note-paragraphs",
                )
            yield Label("Quote", classes="note-label", markup=False)
            yield TextArea(self._quote, id="note-quote", soft_wrap=True)
            yield Label("Tags (separated by commas or spaces)", classes="note-label", markup=False)
            yield Input(" ".join(self._note.tags) if self._note else "", id="note-tags", placeholder="history, 1949")
            with Horizontal(id="note-buttons"):
                yield Button("Save", id="note-save", variant="primary")
                yield Button("Cancel", id="note-cancel")

    def on_mount(self) -> None:
        self.query_one("#note-text", TextArea).focus()

    @property
    def quote_edited(self) -> bool:
        """Whether the user has typed in the quote box (then picks no longer fill it)."""
        return self._filled_quote is None

    @on(TextArea.Changed, "#note-quote")
    def _quote_changed(self, event: TextArea.Changed) -> None:
        if self._filled_quote is not None and event.text_area.text != self._filled_quote:
            self._filled_quote = None  # typed by the user: theirs from now on

    @on(SelectionList.SelectedChanged, "#note-paragraphs")
    def _paragraphs_picked(self, event: SelectionList.SelectedChanged[int]) -> None:
        if self.quote_edited:
            self.notify("The quote is yours now: edit it directly", markup=False, timeout=3)
            return
        picked = sorted(event.selection_list.selected)
        # Unticking every paragraph gives back the starting quote, never a stale pick.
        quote = "\n\n".join(self._paragraphs[i] for i in picked) if picked else self._quote
        self._filled_quote = quote
        self.query_one("#note-quote", TextArea).text = quote

    @on(Button.Pressed, "#note-save")
    def action_save(self) -> None:
        """Return the draft (a note needs a text or a quote)."""
        text = self.query_one("#note-text", TextArea).text.strip()
        quote = self.query_one("#note-quote", TextArea).text.strip()
        if not text and not quote:
            self.notify("Write a note or pick a quote first", severity="warning", markup=False)
            return
        self.dismiss(NoteDraft(text, quote, split_tags(self.query_one("#note-tags", Input).value)))

    @on(Button.Pressed, "#note-cancel")
    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)


def _preview(paragraph: str, limit: int = 70) -> str:
    flat = " ".join(sanitize(paragraph).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# ── the app's action ──────────────────────────────────────────────────────────────────────────────────


def quote_for_note(app: App[Any], article: Article) -> str:
    """What ``a`` quotes: the selection, else the paragraph at the top of the article's text."""
    selected = selected_text(app)
    if selected:
        return selected
    from reader.widgets.article_body import ArticleBody

    screen = issue_screen(app)
    bodies = screen.query(ArticleBody) if screen is not None else []
    index = bodies[0].current_block() if bodies else None
    if index is not None and 0 <= index < len(article.paragraphs):
        return article.paragraphs[index]
    return article.paragraphs[0] if article.paragraphs else ""


def annotate(app: App[Any]) -> None:
    """``a``: write a note on the article on show, quoting the selection, else the current paragraph."""
    target = article_in_view(app)
    if target is None:
        return
    article, analysis, store = target

    def saved(note: Note) -> None:
        app.notify("Note saved", markup=False, timeout=3)
        getattr(app, "refresh_markers", lambda: None)()

    def edited(draft: NoteDraft | None) -> None:
        if draft is None:
            return
        in_background(
            app,
            lambda: store.add_note(analysis, article, draft.text, quote=draft.quote, tags=draft.tags),
            saved,
            "Could not save the note",
        )

    editor = NoteEditor(article.display_title, article.paragraphs, quote=quote_for_note(app, article))
    app.push_screen(editor, callback=edited)
