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


def _make_library(folder, issues: int) -> list:
    """``issues`` one-page issues of one paper, dated one day apart, in date order."""
    import json

    made = []
    for number in range(issues):
        issue = folder / f"issue-{number:04d}"
        issue.mkdir(parents=True)
        date = f"1931-{1 + number // 28 % 12:02d}-{1 + number % 28:02d}"
        (issue / "issue.json").write_text(json.dumps({"title": "晨报", "date": date}), encoding="utf-8")
        (issue / "page1.txt").write_text(f"晨报\n\n第{number}号新闻\n\n正文。\n", encoding="utf-8")
        made.append(issue)
    return made


async def test_a_large_library_is_drawn_from_a_first_slice_and_filled_in_between_frames(
    make_app, store, tmp_path, monkeypatch
) -> None:
    """The first frame holds only the first rows; the rest are added in slices until every issue is listed,
    and the cursor reaches the issue read last even though its row came in a later slice."""
    from reader.screens import library as library_screen

    library = tmp_path / "library"
    issues = _make_library(library, 300)
    store.state[f"library:{library.resolve()}:last_issue"] = str(issues[250])
    added: list[int] = []
    add_options = OptionList.add_options

    def counting(self, options):
        options = list(options)
        if self.id == "issue-list" and options:
            added.append(len(options))
        return add_options(self, options)

    monkeypatch.setattr(OptionList, "add_options", counting)
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.pause()
        screen = app.screen
        issue_list = screen.query_one(OptionList)
        assert screen.listed
        assert added[0] == library_screen.FIRST_ROWS and len(added) >= 2  # a first slice, then more
        assert sum(added) == 301
        assert issue_list.option_count == 301  # a heading and every issue
        ids = [option.id for option in issue_list.options[1:]]
        assert ids == [str(index) for index in range(300)]
        assert screen.issue_refs[int(issue_list.highlighted_option.id)].path == issues[250]


async def test_filtering_while_slices_are_pending_lists_only_the_filtered_issues(
    make_app, tmp_path, monkeypatch
) -> None:
    """A filter applied before the first listing is complete: no slice of the old listing is added after it."""
    library = tmp_path / "library"
    _make_library(library, 300)
    fill = LibraryScreen._fill
    fills: list[bool] = []

    def fill_then_filter(self) -> None:
        fill(self)
        if not fills:  # the user filters while the first listing still has slices to add
            fills.append(self.listed)
            self.filter_text = "issue-01"  # 100 issues: more rows than the first slice
            fill(self)

    monkeypatch.setattr(LibraryScreen, "_fill", fill_then_filter)
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.pause()
        screen = app.screen
        assert fills == [False] and screen.listed
        options = screen.query_one(OptionList).options
        issues = [screen.issue_refs[int(option.id)] for option in options if not option.disabled]
        assert [ref.path.name for ref in issues] == [f"issue-{number:04d}" for number in range(100, 200)]
