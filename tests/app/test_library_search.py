"""Pilot tests of the library search: `/` on the library, hits grouped by issue, n/N across issues, Enter opens."""

from __future__ import annotations

from textual.widgets import OptionList

from reader.screens.issue import IssueScreen
from reader.screens.library import LibraryScreen
from reader.screens.library_search import LibrarySearchScreen
from tests.app.conftest import LIBRARY, settle


async def test_slash_searches_every_issue_and_enter_opens_the_hit(make_app) -> None:
    app = make_app(LIBRARY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"第2版", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibrarySearchScreen)
        assert [hit.issue_title for hit in screen.hits] == ["河畔日报", "城南周报"]
        prompts = [str(option.prompt) for option in screen.query_one(OptionList).options]
        assert "河畔日报" in prompts[0] and "第2版" in prompts[1]  # a heading, then its hits
        assert "hit 1 of 2" in screen.sub_title
        await pilot.press("n")
        assert "hit 2 of 2" in screen.sub_title
        await pilot.press("n")
        assert "hit 1 of 2" in screen.sub_title  # n goes on round the library
        await pilot.press("N")
        assert "hit 2 of 2" in screen.sub_title
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, IssueScreen)
        assert app.current_issue.title == "城南周报"
        assert app.current_article.display_title == "社区图书馆开放"  # page 2 of 城南周报, where the hit is
        assert app.screen.search.query == "第2版"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_hostile_headlines_in_hits_are_shown_literally(make_app, tmp_path) -> None:
    issue = tmp_path / "lib" / "x"
    issue.mkdir(parents=True)
    (issue / "page-01.txt").write_text("[red]號外[/] [1]\n\n本报讯 测试正文[b]粗体[/b]。\n", encoding="utf-8")
    (tmp_path / "lib" / "y").mkdir()
    (tmp_path / "lib" / "y" / "page-01.txt").write_text("另一份\n\n本报讯 别的正文。\n", encoding="utf-8")
    app = make_app(tmp_path / "lib")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"测试", "enter")
        await settle(pilot)
        prompts = [str(option.prompt) for option in app.screen.query_one(OptionList).options]
        assert any("[b]粗体[/b]" in prompt for prompt in prompts)


async def test_ctrl_f_narrows_the_library_and_counts_come_from_the_index(make_app, tmp_path) -> None:
    from reader.cli import main

    assert main(["search", str(LIBRARY), "第2版", "--json"]) in (0, 1)  # builds the index
    app = make_app(LIBRARY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        prompts = [str(option.prompt) for option in screen.query_one(OptionList).options]
        assert any("articles" in prompt for prompt in prompts)
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press(*"城南", "enter")
        await pilot.pause()
        prompts = [str(option.prompt) for option in screen.query_one(OptionList).options]
        assert len(prompts) == 2 and "城南周报" in prompts[0] and "1 match" in screen.sub_title
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_issue.title == "城南周报"


async def test_the_library_is_indexed_in_the_background_and_counts_fill_in(make_app, tmp_path) -> None:
    """Opened with no index at all, the rows first show pages only; the background indexing then gives each
    issue its article count and leaves an index that a search uses without indexing anything again."""
    import shutil

    from reader.cache import cache_dir
    from reader.library_index import index_path, indexed_counts

    library = tmp_path / "library"
    shutil.copytree(LIBRARY, library)
    assert not index_path(cache_dir(), library).exists()
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.pause()
        screen = app.screen
        prompts = [str(option.prompt) for option in screen.query_one(OptionList).options if not option.disabled]
        counts = indexed_counts(library)
        assert len(counts) == 2 and all(count > 0 for count in counts.values())
        for ref in screen.issue_refs:
            count = counts[str(ref.path.absolute())]
            assert any(f"{count} article" in prompt and ref.path.name in prompt for prompt in prompts)
        assert "indexing" not in screen.sub_title  # finished


async def test_a_search_while_the_library_is_being_indexed_reads_what_is_indexed_so_far(make_app, monkeypatch) -> None:
    """`/` during the background indexing does not wait for it: it searches the index as it stands and says so."""
    app = make_app(LIBRARY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)  # indexed once
        with monkeypatch.context() as patch:  # as if the background indexing were still at work
            patch.setattr(LibraryScreen, "index_incomplete", property(lambda self: True))
            await pilot.press("slash")
            await pilot.pause()
            await pilot.press(*"第2版", "enter")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, LibrarySearchScreen)
            assert len(screen.hits) == 2
            assert "still indexing" in screen.sub_title
