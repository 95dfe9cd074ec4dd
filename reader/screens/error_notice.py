"""An error that stays on screen until dismissed: what went wrong (with the path) and what to do about it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.sanitize import sanitize

OPEN_ADVICE = (
    "reader opens a page file, an issue folder (its page files: text, ALTO, PAGE XML, hOCR, PaddleOCR or "
    "ABBYY, with an optional issue.json) or a library (a folder of issue folders). Quit with q and run "
    "reader PATH with one of those."
)
"""What to do when a path cannot be opened."""


class ErrorNotice(ModalScreen[None]):
    """A boxed error message and advice; Enter or Escape closes it (it never fades)."""

    DEFAULT_CSS = """
    ErrorNotice { align: center middle; }
    ErrorNotice #error-box {
        width: 80%; max-width: 90; height: auto; max-height: 90%;
        border: round $error; background: $surface; padding: 0 1;
    }
    ErrorNotice #error-message { text-style: bold; margin-bottom: 1; }
    ErrorNotice #error-advice { color: $text-muted; }
    """
    BINDINGS = [Binding("escape,enter", "close", "Close", id="error.close")]

    def __init__(self, title: str, message: str, advice: str = "") -> None:
        super().__init__()
        self._title = title
        self._message = message
        self._advice = advice

    def compose(self) -> ComposeResult:
        with Vertical(id="error-box") as box:
            box.border_title = sanitize(self._title)
            box.border_subtitle = "Enter or Esc to close"
            yield Static(Content(sanitize(self._message)), id="error-message", markup=False)
            if self._advice:
                yield Static(Content(sanitize(self._advice)), id="error-advice", markup=False)

    def action_close(self) -> None:
        """Close the notice."""
        self.dismiss(None)
