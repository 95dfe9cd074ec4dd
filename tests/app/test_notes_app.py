"""Pilot tests for bookmarks and notes in the app: b, B, a, A, e, with a real store in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Select, TextArea

from reader.app import ReaderApp
from reader.screens.bookmarks import BookmarksScreen
from reader.screens.export_dialog import ExportDialog
from reader.screens.issue import IssueScreen
from reader.screens.issue_meta import IssueMetaEditor
from reader.screens.note_editor import NoteEditor
from reader.screens.notes_list import ConfirmDelete, NotesListScreen
from reader.store import Store
from reader.widgets.title_bar import TitleBar
from tests.app.conftest import MARKUP_ISSUE, settle

SIZE = (120, 40)


@pytest.fixture
def real_store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "data")


def _app(store: Store, path: Path | None = None) -> ReaderApp:
    return ReaderApp(path, store=store)


def _option_texts(option_list: OptionList) -> list[str]:
    return [str(option_list.get_option_at_index(i).prompt) for i in range(option_list.option_count)]


async def test_b_toggles_the_bookmark(real_store: Store) -> None:
    """b bookmarks the article on show; b again removes it."""
    app = _app(real_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article = app.current_article
        assert article is not None
        await pilot.press("b")
        await settle(pilot)
        assert real_store.is_bookmarked(app.current_issue.id, article.id)
        await pilot.press("b")
        await settle(pilot)
        assert real_store.list_bookmarks() == []


async def test_B_lists_bookmarks_and_opens_one(real_store: Store) -> None:
    """B shows bookmarks across issues (headline, newspaper, date); Enter jumps to the article."""
    app = _app(real_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down")
        await settle(pilot)
        wanted = app.current_article
        await pilot.press("b", "up", "up")
        await settle(pilot)
        assert app.current_article.id != wanted.id
        await pilot.press("B")
        await settle(pilot)
        assert isinstance(app.screen, BookmarksScreen)
        rows = _option_texts(app.screen.query_one("#bookmark-list", OptionList))
        assert len(rows) == 1 and wanted.display_title in rows[0] and "2022-12-02" in rows[0]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, IssueScreen)
        assert app.current_article.id == wanted.id


async def test_a_writes_a_note_with_picked_quote_and_tags(real_store: Store) -> None:
    """a opens the editor; the text, a picked paragraph as quote and tags are saved."""
    app = _app(real_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article = app.current_article
        await pilot.press("a")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        await pilot.press(*"my note")
        editor.query_one("#note-paragraphs").select(0)
        await pilot.pause()
        editor.query_one("#note-tags", Input).value = "history, 党建"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, IssueScreen)
        article_list = app.screen.query_one("#article-list", OptionList)
        assert str(article_list.get_option(article.id).prompt).startswith(" ✎")  # the real store, with analysis=
    (note,) = real_store.list_notes()
    assert (note.text, note.tags, note.article_id) == ("my note", ("history", "党建"), article.id)
    assert note.quote == article.paragraphs[0]


async def test_a_escape_saves_nothing(real_store: Store) -> None:
    app = _app(real_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a", "x", "escape")
        await settle(pilot)
        assert isinstance(app.screen, IssueScreen)
    assert real_store.list_notes() == []


async def test_A_lists_filters_edits_and_deletes(real_store: Store) -> None:
    """A lists notes; the tag filter narrows them; e edits; d asks before deleting."""
    app = _app(real_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        analysis_articles = screen.articles
        from reader.screens.common import current_analysis

        analysis = current_analysis(app)
        real_store.add_note(analysis, analysis_articles[0], "first [red]x[/]", tags=["keep"])
        real_store.add_note(analysis, analysis_articles[1], "second", tags=["other"])
        await pilot.press("A")
        await settle(pilot)
        notes_screen = app.screen
        assert isinstance(notes_screen, NotesListScreen)
        option_list = notes_screen.query_one("#notes-list", OptionList)
        assert notes_screen.query_one("#notes-issue", Select).value == app.current_issue.id  # starts on this issue
        assert option_list.option_count == 2
        assert any("first [red]x[/]" in row for row in _option_texts(option_list))  # literal, not markup
        notes_screen.query_one("#notes-tag", Input).value = "keep"
        await pilot.pause()
        assert [n.text for n in notes_screen.shown] == ["first [red]x[/]"]
        option_list.focus()
        await pilot.press("e")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        editor.query_one("#note-text", TextArea).text = "edited"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [n.text for n in real_store.list_notes(tag="keep")] == ["edited"]
        assert app.screen is notes_screen
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDelete)
        await pilot.press("n")
        await settle(pilot)
        assert len(real_store.list_notes()) == 2
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert [n.text for n in real_store.list_notes()] == ["second"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, IssueScreen)


async def test_e_exports_the_issue_notes(real_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """e asks where (the remembered folder, a name from newspaper and date), never overwrites, and the message
    saying where the file went stays."""
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(tmp_path)  # not where the export goes
    real_store.set_state("export_folder", str(out))
    app = _app(real_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert list(out.iterdir()) == [] and not isinstance(app.screen, ExportDialog)  # nothing to export yet
        from reader.screens.common import current_analysis

        real_store.add_note(current_analysis(app), app.current_article, "导出", quote="党支部")
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.query_one("#export-folder", Input).value == str(out)
        assert dialog.query_one("#export-name", Input).value == "2022-12-02 郑州高新区地方报 notes.md"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert app.screen.query_one("#export-name", Input).value == "2022-12-02 郑州高新区地方报 notes (2).md"
        app.screen.query_one("#export-name", Input).value = "2022-12-02 郑州高新区地方报 notes.md"
        await pilot.press("enter")
        await settle(pilot)
        assert "already exists" in str(app.screen.query_one("#export-problem").render())  # never overwrites
        await pilot.press("escape")
        await settle(pilot)
        notices = [n for n in app._notifications if "Exported" in n.message]
    (written,) = sorted(out.iterdir())
    assert "\n导出\n" in written.read_text(encoding="utf-8")
    assert notices and str(written) in notices[0].message and notices[0].timeout >= 3600
    assert real_store.get_state("export_folder") == str(out)


async def test_i_edits_the_issue_details_and_the_title_bar_follows(real_store: Store, tmp_path: Path) -> None:
    """i opens a form with the newspaper, date and edition and where each came from; saving stores the edit in
    the data folder (not the issue folder) and the title bar shows it; inferred values are marked '?'."""
    issue = tmp_path / "jb"
    issue.mkdir()
    (issue / "page1.txt").write_text(
        "第一版　民國九年四月九日\n\n晶　報\n\n之起居注\n（小坡）\n\n昨日天氣晴朗，本報同人遊於公園，見花木扶疏。\n",
        encoding="utf-8",
    )
    app = _app(real_store, issue)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        title_bar = app.screen.query_one(TitleBar)
        assert "晶報? · 1920-04-09?" in str(title_bar.render())
        await pilot.press("i")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, IssueMetaEditor)
        assert form.query_one("#meta-date", Input).value == "1920-04-09"
        assert "inferred" in " ".join(str(label.render()) for label in form.query(".meta-source"))
        form.query_one("#meta-date", Input).value = "1920-4-10"
        form.query_one("#meta-edition", Input).value = "2"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "晶報? · 1920-04-10 ·" in str(title_bar.render())
        await pilot.press("i")
        await settle(pilot)
        app.screen.query_one("#meta-date", Input).value = "1920-02-30"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, IssueMetaEditor)  # a date that does not exist is refused
        issue_id = app.current_issue.id
    edits = real_store.get_issue_edits(issue_id)
    assert edits == {"date": "1920-04-10", "edition": "2"} and sorted(p.name for p in issue.iterdir()) == ["page1.txt"]


async def test_markup_headline_is_shown_literally(real_store: Store) -> None:
    """A headline like "[red]號外[/] [1]" stays literal in the bookmark list and the editor."""
    app = _app(real_store, MARKUP_ISSUE)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("b", "B")
        await settle(pilot)
        rows = _option_texts(app.screen.query_one("#bookmark-list", OptionList))
        (bookmark,) = real_store.list_bookmarks()
        assert " ".join((bookmark.headline or "(untitled)").split()) in rows[0]
        await pilot.press("escape", "a")
        await settle(pilot)
        assert isinstance(app.screen, NoteEditor)


async def test_app_starts_over_a_corrupt_store_and_says_where_the_file_went(tmp_path: Path) -> None:
    """A torn notes file is moved aside; the app opens anyway and notifies the new path."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "state.json").write_bytes(b'{"state": {"1": {"key": "th')
    app = ReaderApp(None, store_opener=lambda: Store.open(data))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, IssueScreen) and app.current_article is not None
        messages = [n.message for n in app._notifications]
        (aside,) = [p for p in data.iterdir() if p.name.startswith("state.json.corrupt-")]
        assert any(str(aside) in m for m in messages)
        await pilot.press("b")
        await settle(pilot)
        assert len(app.store.list_bookmarks()) == 1
