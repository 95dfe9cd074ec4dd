"""A small modal that asks for one line: the text to find in the issue, or a page to go to."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class SearchInput(ModalScreen[str | None]):
    """Returns the query (``""`` clears the search), or None when cancelled with Escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="search.cancel")]

    def __init__(self, query: str = "", *, label: str | None = None, placeholder: str = "text to find") -> None:
        super().__init__()
        self._query = query
        self._label = label or "Find in this issue (Enter to search, empty to clear, Esc to cancel)"
        self._placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Label(self._label, markup=False)
            yield Input(value=self._query, placeholder=self._placeholder, id="search-query")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        """Close without searching."""
        self.dismiss(None)
