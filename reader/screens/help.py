"""The ``?`` help screen: every key binding of the reading screens, as currently mapped."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

KeyRow = tuple[str, str, str]
"""Where a key works, the key as displayed, and what it does."""

OSC52_TERMINALS = "kitty, WezTerm, iTerm2, Alacritty, foot, Windows Terminal, tmux (set-clipboard on)"
"""Terminals that pass OSC 52 (how ``y`` reaches the system clipboard) to the system clipboard."""
CLIPBOARD_NOTE = (
    f"Copy (y, ctrl+c) goes through the terminal (OSC 52): {OSC52_TERMINALS} support it; "
    "elsewhere nothing arrives, so Y also writes the selection to a file."
)

GLYPH_NOTE = (
    "〓 (GETA MARK) stands for a character the source could not encode: transcribers write a private-use "
    "character there (U+E111 in Jing bao), which no font can draw."
)


class HelpScreen(ModalScreen[None]):
    """A table of keys; Escape, ``q`` or ``?`` closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close", id="help.close"),
        Binding("j,down", "scroll(1)", "Down", show=False, id="help.down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="help.up"),
    ]

    def __init__(self, rows: Sequence[KeyRow]) -> None:
        super().__init__()
        self._rows = tuple(rows)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "Esc to close"
            with Horizontal(id="help-columns"):
                for number, column in enumerate(self._columns(self._rows)):
                    yield Static(self._table(column), id=f"help-table-{number}", classes="help-table", markup=False)
            yield Static(Content.styled(CLIPBOARD_NOTE, "$text-muted"), id="help-clipboard", markup=False)
            yield Static(Content.styled(GLYPH_NOTE, "$text-muted"), id="help-glyphs", markup=False)

    @staticmethod
    def _columns(rows: Sequence[KeyRow]) -> list[list[KeyRow]]:
        """The rows in two columns of whole groups, about equally long (one column when there are few)."""
        groups: list[list[KeyRow]] = []
        for row in rows:
            if not groups or groups[-1][0][0] != row[0]:
                groups.append([])
            groups[-1].append(row)
        if len(rows) <= 16 or len(groups) < 2:
            return [list(rows)]
        half = (len(rows) + 2 * len(groups)) / 2  # a group also takes a heading and a blank line
        left: list[KeyRow] = []
        while groups and (not left or len(left) + 2 * len({r[0] for r in left}) + len(groups[0]) <= half):
            left += groups.pop(0)
        return [left, [row for group in groups for row in group]]

    @staticmethod
    def _table(rows: Iterable[KeyRow]) -> Content:
        parts: list[str | tuple[str, str]] = []
        place = None
        for where, key, description in rows:
            if where != place:
                place = where
                parts += ["\n" if parts else "", (where, "bold $text-accent"), "\n"]
            parts += [(f"  {key:<9} ", "bold"), description, "\n"]
        return Content.assemble(*parts).rstrip()

    def action_scroll(self, step: int) -> None:
        """Scroll the keys down or up a line (for small terminals)."""
        self.query_one("#help-box", VerticalScroll).scroll_relative(y=step, animate=False)

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
