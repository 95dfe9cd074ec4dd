"""The ``?`` help screen: every key binding of the reading screens, as currently mapped."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

KeyRow = tuple[str, str, str]
"""Where a key works, the key as displayed, and what it does."""


class HelpScreen(ModalScreen[None]):
    """A table of keys; Escape, ``q`` or ``?`` closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close", id="help.close"),
    ]

    def __init__(self, rows: Sequence[KeyRow]) -> None:
        super().__init__()
        self._rows = tuple(rows)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "Esc to close"
            yield Static(self._table(self._rows), id="help-table", markup=False)

    @staticmethod
    def _table(rows: Iterable[KeyRow]) -> Content:
        parts: list[str | tuple[str, str]] = []
        place = None
        for where, key, description in rows:
            if where != place:
                place = where
                parts += ["\n" if parts else "", (where, "bold $text-accent"), "\n"]
            parts += [(f"  {key:<10}", "bold"), description, "\n"]
        return Content.assemble(*parts).rstrip()

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
