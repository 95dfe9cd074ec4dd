"""The reading app: ``ReaderApp`` (screens, keys, themes, the user's store) and ``launch(args)`` for the CLI.

The store is injected (``ReaderApp(store=...)``) or opened lazily from a worker after the first page is on
screen (``store_opener``), so TinyDB never delays the first paint. Without a store the app still works; it
just forgets reading state.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from reader import paths
from reader.model import Article, Issue, IssueAnalysis
from reader.sanitize import sanitize
from reader.startup import pause_gc, resume_gc

if TYPE_CHECKING:
    from reader.opening import Prefetch
    from reader.screens.help import KeyRow


def _unmarked(article: Article) -> tuple[bool, bool]:
    """Markers of an issue without bookmarks or notes."""
    return (False, False)


STORE_NOTICE_SECONDS = 24 * 3600.0
"""Store notices (a file moved aside, a record skipped) stay on screen until clicked, not a few seconds."""

NODE_LABELS = {
    "IssueScreen": "Reading",
    "LibraryScreen": "Library",
    "ArticleList": "Article list",
    "ArticleBody": "Article text",
    "RawView": "Article text",
    "ReaderApp": "Anywhere",
}
"""Headings of the help screen, by the class that declares the keys."""

ISSUE_ACTIONS = frozenset({"toggle_bookmark", "annotate", "export_notes", "copy_selection", "edit_issue"})
"""App keys that act only on an open issue: the help lists them under "Reading", and not in the library."""


def _article_provider() -> type[Any]:
    """The command palette's article search, imported when the palette first opens (keeps start-up lean)."""
    from reader.screens.palette import ArticleProvider

    return ArticleProvider


LIGHT_THEME, DARK_THEME = "textual-light", "textual-dark"


class ReaderApp(App[None]):
    """Read digitized newspaper issues: library → issue → page → article."""

    TITLE = "reader"
    COMMANDS = App.COMMANDS | {_article_provider}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-normal"), (120, "-wide")]
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="help"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, priority=True, id="command-palette"),
        Binding("b", "toggle_bookmark", "Bookmark", show=False, id="toggle-bookmark"),
        Binding("a", "annotate", "Note", show=False, id="annotate"),
        Binding("B", "bookmarks", "Bookmarks", key_display="B", show=False, id="bookmarks"),
        Binding("A", "notes", "Notes", key_display="A", show=False, id="notes"),
        Binding("e", "export_notes", "Export notes", show=False, id="export-notes"),
        Binding("i", "edit_issue", "Issue details", show=False, id="edit-issue"),
        Binding("y", "copy_selection", "Copy selection", show=False, id="copy"),
        Binding("ctrl+c", "copy_selection", "Copy", show=False, priority=True, id="copy-ctrl-c"),
        Binding("Y", "copy_selection(True)", "Copy + file", key_display="Y", show=False, id="copy-to-file"),
    ]

    def __init__(
        self,
        path: Path | None = None,
        *,
        store: Any = None,
        store_opener: Callable[[], Any] | None = None,
        script: str | None = None,
        keymap: dict[str, str] | None = None,
        prefetch: Prefetch | None = None,
    ) -> None:
        super().__init__(css_path=[paths.styles_dir() / "reader.tcss"])
        if keymap:
            self.set_keymap(keymap)
        self.path = path if path is not None else paths.default_issue_path()
        self.store = store
        """The user's store (``reader.store.Store``), or None until opened (or when it cannot be)."""
        self._store_opener = store_opener
        self._script = script
        self._prefetch = prefetch
        """``path`` being opened ahead in another process (``reader.opening``), if it is."""

    # ---- extension points for other screens (bookmarks, notes, export) -------------------------

    @property
    def current_issue(self) -> Issue | None:
        """The issue open on the active screen, if any."""
        return getattr(self._issue_screen(), "issue", None)

    @property
    def current_article(self) -> Article | None:
        """The article on show, if any."""
        return getattr(self._issue_screen(), "current_article", None)

    def _issue_screen(self) -> Screen[Any] | None:
        from reader.screens.issue import IssueScreen

        for screen in reversed(self.screen_stack):
            if isinstance(screen, IssueScreen):
                return screen
        return None

    def refresh_markers(self) -> None:
        """Redraw bookmark and note markers in the article list (call after changing either)."""
        screen = self._issue_screen()
        if screen is not None:
            screen.refresh_markers()  # type: ignore[attr-defined]

    # ---- the store -----------------------------------------------------------------------------

    def ensure_store(self) -> None:
        """Open the store if it is not open yet; call from a worker thread (TinyDB import and file I/O)."""
        if self.store is not None or self._store_opener is None:
            return
        opener, self._store_opener = self._store_opener, None
        try:
            store = opener()
        except Exception as exc:  # noqa: BLE001 - no persistence is better than no app
            self.call_from_thread(self._warn, f"Reading state is not saved: {exc}")
            return
        self.store = store
        for warning in getattr(store, "take_warnings", list)():
            self.call_from_thread(self._warn, str(warning))

    def format_title(self, title: str, sub_title: str) -> Any:
        # Titles carry file and folder names, which may hold terminal escapes: sanitise them once here.
        return super().format_title(sanitize(title), sanitize(sub_title))

    def notify(self, message: Any, *, title: str = "", **kwargs: Any) -> None:
        """Post a notification; its text (often an error naming a file) is sanitised of terminal escapes."""
        if isinstance(message, str):
            message = sanitize(message)
        super().notify(message, title=sanitize(title), **kwargs)

    def _warn(self, message: str) -> None:
        # A moved file or a skipped record must not fade before it is read: the notice stays until clicked.
        self.notify(message, title="Store", severity="warning", markup=False, timeout=STORE_NOTICE_SECONDS)

    def _report_store_warnings(self) -> None:
        """Show what the store reported since the last look (a notes file moved aside while listing notes)."""
        for warning in getattr(self.store, "take_warnings", list)():
            self._warn(str(warning))

    def get_state(self, key: str, default: Any = None) -> Any:
        """A reading-state value from the store (``default`` without a store or on error)."""
        if self.store is None:
            return default
        try:
            return self.store.get_state(key, default)
        except Exception as exc:  # noqa: BLE001 - reading state is a convenience
            self._warn(f"Could not read reading state: {exc}")
            return default

    def set_state(self, key: str, value: Any) -> None:
        """Save a reading-state value (ignored without a store; errors are shown, not raised)."""
        if self.store is None:
            return
        try:
            self.store.set_state(key, value)
        except Exception as exc:  # noqa: BLE001
            self._warn(f"Could not save reading state: {exc}")

    def markers_for(self, analysis: IssueAnalysis | None) -> Callable[[Article], tuple[bool, bool]]:
        """A function telling, for an article of ``analysis``, whether it is bookmarked and has notes.

        The analysis goes to the store too, so that bookmarks and notes re-anchored to an article by their
        content (after the analysis changed its id) are marked as well.
        """
        store = self.store
        if store is not None and analysis is not None:
            try:
                marked = bool(store.list_bookmarks(analysis.issue.id) or store.list_notes(analysis.issue.id))
            except Exception:  # noqa: BLE001 - cannot tell at once: ask for each article below
                marked = True
            if not marked:  # the usual case, and one a large issue would otherwise pay per article
                return _unmarked

        def markers(article: Article) -> tuple[bool, bool]:
            if store is None or analysis is None:
                return (False, False)
            issue_id = analysis.issue.id
            try:
                return (
                    bool(store.is_bookmarked(issue_id, article.id, analysis=analysis)),
                    bool(store.notes_for_article(issue_id, article.id, analysis=analysis)),
                )
            except Exception:  # noqa: BLE001 - a marker is not worth an error
                return (False, False)

        return markers

    # ---- themes --------------------------------------------------------------------------------

    def restore_theme(self) -> None:
        """Apply the theme saved in the store (later changes are saved by ``_theme_changed``)."""
        saved = self.get_state("theme")
        if isinstance(saved, str) and saved in self.available_themes and saved != self.theme:
            self.theme = saved

    def _theme_changed(self, theme: Any) -> None:
        self.set_state("theme", theme.name)

    def action_toggle_dark(self) -> None:
        """Switch between the light and the dark theme."""
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    # ---- screens, help and commands ------------------------------------------------------------

    # ---- start-up ------------------------------------------------------------------------------

    def on_load(self) -> None:
        # Paused already when started by the ``reader`` command, which does so before importing Textual.
        pause_gc()

    def first_screen_drawn(self) -> None:
        """Called by a screen once its content is on screen: start-up is over (see ``reader.startup``)."""
        resume_gc()

    def on_unmount(self) -> None:
        self.first_screen_drawn()
        self._stop_handling_signals()
        from reader.workers import close_shared_pool

        close_shared_pool()  # quitting leaves no worker process behind, even mid-load

    # ---- signals (reader.exit_signals) ----------------------------------------------------------

    def _handle_signals(self) -> None:
        from reader.exit_signals import handle_exit_signals

        self._signals_handled = handle_exit_signals(self)

    def _stop_handling_signals(self) -> None:
        from reader.exit_signals import stop_handling

        stop_handling(getattr(self, "_signals_handled", []))
        self._signals_handled = []

    def get_default_screen(self) -> Screen[Any]:
        """The first screen: the library, or the issue (rather than an empty screen with one pushed on it)."""
        opened = self._prefetch.result() if self._prefetch is not None else None
        self._prefetch = None
        if opened is None:
            from reader.ingest.issue import is_library

            library = is_library(self.path)
        else:
            library = opened.library
        if library:
            from reader.screens.library import LibraryScreen

            return LibraryScreen(self.path, script=self._script)
        from reader.screens.issue import IssueScreen

        return IssueScreen(self.path, script=self._script, opened=opened)

    def on_mount(self) -> None:
        from reader.workers import prefer_interactive

        prefer_interactive()
        self._handle_signals()
        self.set_timer(1.0, self.first_screen_drawn)
        self.set_interval(1.0, self._report_store_warnings)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self.store is not None:
            self.restore_theme()

    def key_rows(self) -> list[KeyRow]:
        """Every key of the active screen, its widgets and the app, as currently mapped."""
        from reader.widgets.article_list import ArticleList
        from reader.widgets.text_view import WrappedTextView

        screen = self.screen
        nodes: list[Any] = [screen, *screen.query(ArticleList), *screen.query(WrappedTextView)[:1], self]
        rows: list[KeyRow] = []
        if screen.query(ArticleList):
            rows += [("Article list", "↑ ↓", "Move"), ("Article list", "enter", "Open the article")]
        seen: set[str] = set()
        reading = bool(screen.query(ArticleList))
        for node in nodes:
            where = NODE_LABELS.get(type(node).__name__, type(node).__name__)
            for _key, binding in node._bindings:
                # Our own keys all carry an id (remappable with a keymap); inherited ones are Textual's.
                if binding.id is None or not binding.description or binding.id in seen:
                    continue
                if node is self and binding.action.split("(")[0] in ISSUE_ACTIONS:
                    if not reading:
                        continue  # they act on an open issue: not "anywhere", and not in the library
                    where = "Reading"
                else:
                    where = NODE_LABELS.get(type(node).__name__, type(node).__name__)
                seen.add(binding.id)
                key = binding.key_display or self.get_key_display(binding)
                rows.append((where, key, binding.tooltip or binding.description))
        order = list(dict.fromkeys(NODE_LABELS.values()))
        rows.sort(key=lambda row: order.index(row[0]) if row[0] in order else 0)
        return rows

    def action_help(self) -> None:
        """Show every key."""
        from reader.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.key_rows()))

    # ---- bookmarks and notes (reader.screens.bookmarks / note_editor / notes_list) -------------

    def action_toggle_bookmark(self) -> None:
        """Bookmark the article on show, or remove its bookmark."""
        from reader.screens.bookmarks import toggle_bookmark

        toggle_bookmark(self)

    def action_annotate(self) -> None:
        """Write a note on the article on show (quoting the selected text)."""
        from reader.screens.note_editor import annotate

        annotate(self)

    def action_bookmarks(self) -> None:
        """List bookmarks across all issues."""
        from reader.screens.bookmarks import show_bookmarks

        show_bookmarks(self)

    def action_notes(self) -> None:
        """List all notes, filterable by issue and tag."""
        from reader.screens.notes_list import show_notes

        show_notes(self)

    def action_edit_issue(self) -> None:
        """Edit the open issue's newspaper, date and edition (kept in reader's data folder)."""
        from reader.screens.issue_meta import edit_issue_meta

        edit_issue_meta(self)

    def action_copy_selection(self, to_file: bool = False) -> None:
        """Copy the selected text to the clipboard (OSC 52); ``Y`` writes it to a file as well."""
        from reader.screens.clipboard import copy_selection

        copy_selection(self, to_file=to_file)

    def action_export_notes(self) -> None:
        """Export the open issue's notes to a Markdown file, asking where (a save dialog)."""
        from reader.screens.export_dialog import export_issue_notes

        export_issue_notes(self)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help: keys", "Show every key binding", self.action_help)
        yield SystemCommand("Light / dark theme", "Switch between the light and dark themes", self.action_toggle_dark)
        for title, help_text, callback in getattr(screen, "system_commands", list)():
            yield SystemCommand(title, help_text, callback)


def launch(args: argparse.Namespace, *, prefetch: Prefetch | None = None) -> int:
    """Run the app for ``reader [PATH]``; return the exit code.

    ``prefetch`` is the path opened ahead in another process (see ``reader.opening``).

    Raises:
        InputError: the path does not exist.
        ReaderError: the script name is unknown.
    """
    from reader.errors import InputError

    path = paths.app_path(getattr(args, "path", None))
    if not path.exists():
        raise InputError(f"{path}: no such file or directory")
    script = getattr(args, "script", None)
    if script:
        from reader.convert import SCRIPT_CYCLE, SCRIPTS, resolve_script
        from reader.errors import ReaderError

        # The app cycles through the named scripts; an OpenCC config name stands for the script using it.
        names_by_config = {config: name for name, config in SCRIPTS.items()}
        config = resolve_script(script)
        if config not in names_by_config:
            raise ReaderError(f"the app shows these scripts: {', '.join(SCRIPT_CYCLE)} (not {script!r})")
        script = names_by_config[config]
    data_dir = getattr(args, "data_dir", None)
    from reader.keymap import load_keymap

    keymap, keymap_warning = load_keymap(paths.data_dir(data_dir))
    if keymap_warning:
        print(f"reader: warning: {sanitize(keymap_warning)}", file=sys.stderr)

    def open_store() -> Any:
        from reader.store import Store

        return Store.open(paths.data_dir(data_dir))

    app = ReaderApp(path, store_opener=open_store, script=script, keymap=keymap, prefetch=prefetch)
    try:
        app.run()
    finally:
        from reader.workers import close_shared_pool

        close_shared_pool()
        app.first_screen_drawn()
        close = getattr(app.store, "close", None)
        if close is not None:
            close()
    return app.return_code or 0
