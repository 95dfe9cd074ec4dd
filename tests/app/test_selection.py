"""Selecting article text (mouse offsets, shift+arrows), copying it (y, ctrl+c, Y) and quoting it (a)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Offset
from textual.selection import Selection
from textual.widgets import TextArea

from reader.app import ReaderApp
from reader.screens.note_editor import NoteEditor
from reader.store import Store
from reader.widgets.article_body import ArticleBody
from tests.app.conftest import settle

SIZE = (100, 30)


@pytest.fixture
def real_store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "data")


def _body(app: ReaderApp) -> ArticleBody:
    return app.screen.query_one(ArticleBody)


async def test_every_drawn_character_carries_its_offset_in_the_paragraph(real_store: Store) -> None:
    """The compositor maps a screen cell to (offset in paragraph, visual line): what mouse selection uses."""
    app = ReaderApp(store=real_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        body = _body(app)
        region = body.content_region
        widget, offset = app.screen._compositor.get_widget_and_offset_at(region.x + 4, region.y)
        assert widget is body
        # CJK characters take two cells: the fifth cell is the third character of the first line
        assert offset == Offset(2, 0)


async def test_a_selection_gives_the_text_across_paragraphs(real_store: Store) -> None:
    """A selection from inside one paragraph to inside the next gives both parts, a blank line between."""
    app = ReaderApp(store=real_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        body = _body(app)
        paragraphs = app.current_article.paragraphs
        assert len(paragraphs) >= 2
        second = body.line_of(1, 0)
        app.screen.selections = {body: Selection(Offset(3, 0), Offset(4, second))}
        await pilot.pause()
        assert app.screen.get_selected_text() == paragraphs[0][3:] + "\n\n" + paragraphs[1][:4]


async def test_shift_arrows_select_from_the_keyboard_and_y_copies(real_store: Store) -> None:
    """shift+right ×3 selects three characters from the top of the text; y copies them and says how."""
    app = ReaderApp(store=real_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        _body(app).focus()
        await pilot.press("shift+right", "shift+right", "shift+right")
        first = app.current_article.paragraphs[0]
        assert app.screen.get_selected_text() == first[:3]
        await pilot.press("shift+down")
        assert app.screen.get_selected_text().startswith(first[:3]) and len(app.screen.get_selected_text()) > 3
        await pilot.press("y")
        assert app.clipboard == app.screen.get_selected_text()
        messages = [str(n.message) for n in app._notifications]
        assert any("OSC 52" in m and "kitty" in m for m in messages)


async def test_ctrl_c_copies_and_nothing_selected_says_so(real_store: Store) -> None:
    app = ReaderApp(store=real_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("y")
        assert any("Nothing selected" in str(n.message) for n in app._notifications)
        _body(app).focus()
        await pilot.press("shift+right", "shift+right", "ctrl+c")
        assert app.clipboard == app.current_article.paragraphs[0][:2]


async def test_Y_writes_the_selection_to_a_file_and_says_where(real_store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    real_store.set_state("export_folder", str(folder))
    app = ReaderApp(store=real_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        _body(app).focus()
        await pilot.press("shift+right", "shift+right", "Y")
        await settle(pilot)
        written = folder / "reader-selection.txt"
        assert written.read_text(encoding="utf-8") == app.current_article.paragraphs[0][:2] + "\n"
        assert any(str(written) in str(n.message) for n in app._notifications)


async def test_a_quotes_the_selection(real_store: Store) -> None:
    app = ReaderApp(store=real_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        _body(app).focus()
        await pilot.press("shift+right", "shift+right", "shift+right", "shift+right", "a")
        await settle(pilot)
        assert isinstance(app.screen, NoteEditor)
        quote = app.screen.query_one("#note-quote", TextArea).text
        assert quote == app._issue_screen().current_article.paragraphs[0][:4].strip()


async def test_a_without_selection_quotes_the_current_paragraph(real_store: Store) -> None:
    app = ReaderApp(store=real_store)
    async with app.run_test(size=(100, 16)) as pilot:  # short enough that the second paragraph can reach the top
        await settle(pilot)
        body = _body(app)
        article = app.current_article
        body.scroll_to(y=body.line_of(1, 0), animate=False, immediate=True)
        await pilot.pause()
        await pilot.press("a")
        await settle(pilot)
        assert app.screen.query_one("#note-quote", TextArea).text == article.paragraphs[1]


async def test_the_quote_box_is_never_overwritten_once_edited(real_store: Store) -> None:
    """Ticking paragraphs fills the quote until the user types in it; unticking all restores the start quote."""
    app = ReaderApp(store=real_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article = app.current_article
        await pilot.press("a")
        await settle(pilot)
        editor = app.screen
        quote_box = editor.query_one("#note-quote", TextArea)
        start = quote_box.text
        picker = editor.query_one("#note-paragraphs")
        picker.select(1)
        await pilot.pause()
        assert quote_box.text == article.paragraphs[1]
        picker.deselect(1)
        await pilot.pause()
        assert quote_box.text == start  # not a stale pick
        quote_box.focus()
        await pilot.press("end", *"!!")
        await pilot.pause()
        typed = quote_box.text
        picker.select(2)
        await pilot.pause()
        assert quote_box.text == typed and editor.quote_edited
