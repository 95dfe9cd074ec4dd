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
    dim line "记者 孙庆辉 …  p.1", the first one highlighted, the list's right rule in the primary colour (it
    has the focus). On the right a header of three rows: the headline 高新区领导以普通党员身份参加基层党支部组织生活会,
    the subheadline 谈认识 话感悟 定信心, then one line "记者 孙庆辉 通讯员 陈璐 文/图 · 本报讯 · p.1"; below a
    rule, the cleaned paragraphs at most 40 characters a line, centred in the pane, no line starting with ，。、
    and blank lines between paragraphs. The list takes about a fifth of the width. The title bar reads
    "reader — 郑州高新区地方报 · 2022-12-02 · article 1 of 4 · page 1 of 1 · original"; the footer lists the keys."""
    assert snap_compare(_app(), terminal_size=SIZE, run_before=settle)


def test_raw_view(snap_compare) -> None:
    """The second article (高新区人大工委到双桥办事处检查安全生产工作) with its header as in the main screen,
    and below a box titled "Raw OCR · page 1 · lines 48–83, 212–215" (its text, then its title from the foot
    of the page; blank lines are no gap) listing the source lines, each with its line number
    right-aligned in a dim gutter, a blank line wherever the numbering jumps."""

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("down", "r")
        await settle(pilot)

    assert snap_compare(_app(), terminal_size=SIZE, run_before=run_before)


def test_help_screen(snap_compare) -> None:
    """A centred box titled "Keys" over the dimmed main screen, in two columns of groups: on the left "Reading"
    (tab, [, ], r, /, n, N, H, t, f, space, ⇧space, c, ⌫, o, p, d, \\, w, W, esc, then ^c Copy, b Bookmark, a Note,
    e Export notes, i Issue details, y Copy selection, Y Copy + file: the keys that need an open issue); on
    the right "Article list" (↑ ↓, enter, j, k, g, G), "Article text" (g home, G end, pgup, pgdn, j, k,
    shift+arrows, ^d, ^u, ^f, ^b) and "Anywhere" (q, ?, ^p, B Bookmarks, A Notes), then notes on OSC 52 and on 〓
    (reached by scrolling: the box has a scrollbar, j/k scroll it). Every description is whole; the bottom
    border says "Esc to close"."""

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(_app(), terminal_size=SIZE, run_before=run_before)


def test_library_screen(snap_compare) -> None:
    """The fixture library: two issues, oldest first: "2020-03-15  河畔日报" then "2021-06-01  城南周报",
    each with a dim second line "2 pages · N articles · <folder>" (the counts from the background indexing,
    finished); the first is highlighted. The header reads "reader — library · library · 2 issues"."""
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
