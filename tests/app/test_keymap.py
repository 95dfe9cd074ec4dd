"""Keys are remappable: ``keymap.json`` in the data folder maps binding ids to keys."""

from __future__ import annotations

from pathlib import Path

from reader.app import ReaderApp
from reader.keymap import load_keymap
from reader.store import Store
from tests.app.conftest import settle


def test_load_keymap(tmp_path: Path) -> None:
    assert load_keymap(tmp_path) == ({}, None)
    (tmp_path / "keymap.json").write_text('{"toggle-bookmark": "ctrl+b", "quit": 5}', encoding="utf-8")
    keymap, warning = load_keymap(tmp_path)
    assert keymap == {"toggle-bookmark": "ctrl+b"}
    assert warning is not None and "quit" in warning
    (tmp_path / "keymap.json").write_text("[1, 2", encoding="utf-8")
    keymap, warning = load_keymap(tmp_path)
    assert keymap == {} and warning is not None and "\n" not in warning


async def test_a_remapped_key_runs_its_action_and_the_old_key_does_not(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    app = ReaderApp(None, store=store, keymap={"toggle-bookmark": "ctrl+b"})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        article, issue = app.current_article, app.current_issue
        assert article is not None and issue is not None
        await pilot.press("b")
        await settle(pilot)
        assert not store.is_bookmarked(issue.id, article.id)
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert store.is_bookmarked(issue.id, article.id)
