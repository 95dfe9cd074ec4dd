"""Snapshots of the reading app at a fixed terminal size. Each docstring says what a reviewer should see."""

from __future__ import annotations

from typing import Any

from reader.app import ReaderApp
from tests.app.conftest import LIBRARY, MARKUP_ISSUE, FakeStore, settle

SIZE = (110, 32)


def _app(path: Any = None) -> ReaderApp:
    return ReaderApp(path, store=FakeStore())


def test_main_screen(snap_compare) -> None:
    """The sample issue: on the left "── Page 1 ──" then four articles, each with its headline in bold and a
    dim line "记者 孙庆辉 …  p.1", the first one highlighted. On the right, the first article's headline
    block (高新区领导以普通党员身份参加基层党支部组织生活会 / 谈认识 话感悟 定信心) with, beside it, a panel
    "Byline … / 记者 孙庆辉 / 通讯员 陈璐 / Dateline 本报讯 / Page 1 · article"; below a rule, the cleaned
    paragraphs wrapped at the pane's width, no line starting with ，。、 and blank lines between paragraphs.
    The header reads "reader — 郑州高新区地方报 · 2022-12-02 · page 1 · original"; the footer lists the keys."""
    assert snap_compare(_app(), terminal_size=SIZE, run_before=settle)


def test_raw_view(snap_compare) -> None:
    """The second article (高新区人大工委到双桥办事处检查安全生产工作) with its header as in the main screen,
    and below a box titled "Raw OCR · page 1 · lines 48–…" listing the source lines, each with its line number
    right-aligned in a dim gutter, a blank line wherever the numbering jumps."""

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("down", "r")
        await settle(pilot)

    assert snap_compare(_app(), terminal_size=SIZE, run_before=run_before)


def test_help_screen(snap_compare) -> None:
    """A centred box titled "Keys" over the dimmed main screen, in two columns of groups: on the left "Reading"
    (tab, [, ], r, /, n, N, t, f, esc) then "Article list" (↑ ↓, enter, j, k); on the right "Article text"
    (j, k, shift+arrows Select) then "Anywhere" (^c Copy, q, ?, ^p, b Bookmark, a Note, B Bookmarks, A Notes,
    e Export notes, i Issue details, y Copy selection, Y Copy + file), and below both a note naming the terminals that support OSC 52.
    Every key is visible, with no scrollbar; the bottom border says "Esc to close"."""

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(_app(), terminal_size=SIZE, run_before=run_before)


def test_library_screen(snap_compare) -> None:
    """The fixture library: two issues, oldest first: "2020-03-15  河畔日报" then "2021-06-01  城南周报",
    each with a dim second line "2 pages · <folder>"; the first is highlighted. The header reads
    "reader — library · library · 2 issues"."""
    assert snap_compare(_app(LIBRARY), terminal_size=SIZE, run_before=settle)


def test_markup_is_literal(snap_compare) -> None:
    """The markup fixture issue: the list's first entry and the headline block read literally
    "[red]號外[/] [1]" (not red, brackets visible), the header shows "[b]測試[/b] 日報 [@click=app.quit]"
    literally and not bold. No text is coloured by the page, and the app did not quit."""
    assert snap_compare(_app(MARKUP_ISSUE), terminal_size=SIZE, run_before=settle)


def test_narrow_terminal(snap_compare) -> None:
    """The sample issue at 60×20: a narrow list on the left (titles wrapped onto two lines), the headline block
    with the details panel stacked below it on the right, then the text; nothing overlaps or is cut mid-character."""
    assert snap_compare(_app(), terminal_size=(60, 20), run_before=settle)
