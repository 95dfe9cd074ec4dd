"""Layout pages in the app: an issue of ALTO, hOCR and text pages opens, lists, shows raw lines by number,
and keeps notes anchored to the XML's line numbers."""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.app import ReaderApp
from reader.screens.common import current_analysis
from reader.store import Store
from reader.widgets.article_view import ArticleView
from reader.widgets.raw_view import RawView
from tests.app.conftest import all_text, settle, view_text

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _layout_issue(folder: Path) -> Path:
    """page1 as ALTO with its text twin beside it, page2 as hOCR, page3 as plain text."""
    folder.mkdir()
    shutil.copy(EXAMPLES / "page1.alto.xml", folder / "page1.alto.xml")
    shutil.copy(EXAMPLES / "page1.txt", folder / "page1.txt")
    shutil.copy(EXAMPLES / "page1.hocr", folder / "page2.hocr")
    (folder / "page3.txt").write_text("Notice\n\nThe market opens at nine.\n", encoding="utf-8")
    return folder


async def test_a_layout_issue_opens_and_the_raw_view_numbers_textlines(tmp_path: Path) -> None:
    """Page 1 is read from the ALTO file; the raw view shows its TextLines with their numbers."""
    issue = _layout_issue(tmp_path / "issue")
    app = ReaderApp(issue, store=Store.open(tmp_path / "data"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        analysis = current_analysis(app)
        assert [page.format for page in analysis.issue.pages] == ["alto", "hocr", "text"]
        assert app.current_article.headline == "Town Hall Reopens"
        await pilot.press("r")
        await settle(pilot)
        assert app.screen.query_one(ArticleView).raw
        raw_view = app.screen.query_one(RawView)
        assert all_text(raw_view).splitlines() == ["Town Hall Reopens", "The town hall opened again", "on Monday."]
        drawn = [line.split() for line in view_text(raw_view).splitlines() if line.strip()]
        assert [words[0] for words in drawn[:3]] == ["1", "2", "3"]  # numbered as the ALTO's TextLines


async def test_a_note_on_an_alto_article_survives_reopening(tmp_path: Path) -> None:
    issue = _layout_issue(tmp_path / "issue")
    store = Store.open(tmp_path / "data")
    app = ReaderApp(issue, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        article = app.current_article
        store.add_note(current_analysis(app), article, "on the town hall", quote="town hall")
    reopened = ReaderApp(issue, store=Store.open(tmp_path / "data"))
    async with reopened.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        (note,) = Store.open(tmp_path / "data").list_notes()
        assert note.article_id == reopened.current_article.id
        assert set(note.source_lines) <= {1, 2, 3}  # TextLine numbers of the ALTO file
