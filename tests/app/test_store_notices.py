"""Store problems found while the app runs (a notes file moved aside) stay on screen with the path."""

from __future__ import annotations

from pathlib import Path

from reader.app import STORE_NOTICE_SECONDS, ReaderApp
from reader.store import Store
from tests.app.conftest import settle


async def test_a_corrupt_notes_file_is_a_lasting_notice_with_its_path(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    app = ReaderApp(None, store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        from reader.screens.common import current_analysis

        analysis = current_analysis(app)
        assert analysis is not None
        store.add_note(analysis, analysis.articles[0], "kept")
        (note_file,) = (tmp_path / "data" / "notes").glob("*.json")
        note_file.write_text("{torn", encoding="utf-8")
        assert store.list_notes() == []  # the read finds the file corrupt and moves it aside
        app._report_store_warnings()  # what the app's interval does every second
        await pilot.pause()
        (moved,) = (tmp_path / "data" / "notes").glob("*.corrupt-*")
        notices = [n for n in app._notifications if str(moved) in str(n.message)]
        assert notices and notices[0].timeout >= STORE_NOTICE_SECONDS >= 3600
        assert "move it back" in str(notices[0].message)
