"""The title bar: the app's title and the screen's sub-title (issue, date, page, script) on the top line."""

from __future__ import annotations

from typing import Any

from textual.widgets import Static


class TitleBar(Static):
    """What Textual's ``Header`` shows without its icon and clock, in one widget instead of four.

    The text goes through ``App.format_title``, which sanitises it (titles carry file and folder names).
    """

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        content-align: center middle;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self._show_title, init=False)
            self.watch(node, "sub_title", self._show_title, init=False)
        self._show_title()

    def _show_title(self, _value: Any = None) -> None:
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        self.update(app.format_title(title, sub_title))
