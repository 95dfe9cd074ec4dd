"""Pilot tests of the library screen: issues by date, open one, come back."""

from __future__ import annotations

from textual.widgets import OptionList

from reader.screens.issue import IssueScreen
from reader.screens.library import LibraryScreen
from tests.app.conftest import LIBRARY, settle


async def test_library_lists_issues_by_date_and_opens_them(make_app) -> None:
    app = make_app(LIBRARY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert [ref.meta.date for ref in screen.issue_refs] == ["2020-03-15", "2021-06-01"]
        prompts = [str(option.prompt) for option in screen.query_one(OptionList).options]
        # a heading per newspaper, its issues under it
        assert "河畔日报" in prompts[0] and "2020-03-15" in prompts[1]
        assert "城南周报" in prompts[2] and "2021-06-01" in prompts[3]
        await pilot.press("j", "enter")
        await settle(pilot)
        assert isinstance(app.screen, IssueScreen)
        assert app.current_issue.title == "城南周报"
        assert app.current_article.display_title == "城南新桥正式通车"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("k", "enter")
        await settle(pilot)
        assert app.current_issue.title == "河畔日报"


async def test_escape_does_nothing_without_a_library(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        assert isinstance(app.screen, IssueScreen)


async def test_library_shows_inferred_dates_and_names_marked(make_app, tmp_path) -> None:
    """Folders without issue.json: the date from the folder name, else the date and nameplate the first page
    prints, each marked '?' as inferred; an issue that gives nothing stays undated."""
    library = tmp_path / "library"
    for folder, text in (
        ("jingbao-1920-04-09", "晶　報\n\n之起居注\n"),
        ("scan-a", "第一版　民國九年四月十二日　星期一\n\n晶　報\n\n之起居注\n"),
        ("scan-b", "no date here\n"),
    ):
        (library / folder).mkdir(parents=True)
        (library / folder / "page1.txt").write_text(text, encoding="utf-8")
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        options = app.screen.query_one(OptionList).options
        prompts = [str(option.prompt) for option in options if not option.disabled]  # issues, not paper headings
    assert prompts[0].startswith("1920-04-09?  晶報?")
    assert any(p.startswith("1920-04-12?  晶報?") for p in prompts)
    assert any(p.startswith("undated     (untitled newspaper)") for p in prompts)


async def test_library_draws_the_saved_listing_and_corrects_it_from_the_scan(make_app, tmp_path) -> None:
    """A second open draws the listing saved by the first, then the scan adds what changed since, and the
    cursor stays on the issue it was on."""
    import shutil

    from reader.library_listing import load_listing

    library = tmp_path / "library"
    shutil.copytree(LIBRARY, library)
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        first_refs = app.screen.issue_refs
    assert load_listing(library) == first_refs
    newest = library / "zz-new-issue"
    newest.mkdir()
    (newest / "issue.json").write_text('{"title": "新报", "date": "2022-01-01"}', encoding="utf-8")
    (newest / "page1.txt").write_text("新报\n\n头条新闻\n\n正文。\n", encoding="utf-8")
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert [ref.path for ref in screen.issue_refs] == [*(ref.path for ref in first_refs), newest]
        prompts = [str(option.prompt) for option in screen.query_one(OptionList).options]
        assert any("2022-01-01" in prompt for prompt in prompts)
    assert load_listing(library) == screen.issue_refs


async def test_library_rows_show_the_notes_and_bookmarks_of_each_issue(make_app, store) -> None:
    """Back from an issue where the reader bookmarked an article and wrote two notes, its row says so; the
    other issue's row stays unmarked."""
    app = make_app(LIBRARY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        issue_id, article_id = app.current_issue.id, app.current_article.id
        store.bookmarks.add((issue_id, article_id))
        store.notes[(issue_id, article_id)] = ["first", "second"]
        await pilot.press("escape")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        prompts = {
            str(option.prompt).split()[0]: str(option.prompt)
            for option in screen.query_one(OptionList).options
            if not option.disabled
        }
        assert "✎ 2 notes" in prompts["2021-06-01"] and "★ 1 bookmark" in prompts["2021-06-01"]
        assert "✎" not in prompts["2020-03-15"] and "★" not in prompts["2020-03-15"]
