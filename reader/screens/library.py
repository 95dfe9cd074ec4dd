"""The library screen: the issues in a library folder, by date and newspaper."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist
from textual.worker import Worker, WorkerState

from reader.ingest import IssueRef
from reader.metadata import shown
from reader.sanitize import sanitize
from reader.widgets.prompt import MeasuredPrompt
from reader.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from reader.background_index import BackgroundIndexing


def paper_of(ref: IssueRef) -> str:
    """The newspaper an issue is grouped under: its title (given or inferred)."""
    return ref.meta.title or "(untitled newspaper)"


def paper_heading(paper: str, count: int) -> MeasuredPrompt:
    """The heading above a newspaper's issues."""
    return MeasuredPrompt(
        Content.assemble((sanitize(paper), "bold reverse"), (f"  {count} issue" + ("s" if count != 1 else ""), "dim"))
    )


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("s" if count != 1 else "")


def issue_prompt(ref: IssueRef, articles: int | None = None, marks: tuple[int, int] = (0, 0)) -> MeasuredPrompt:
    """One issue as a list entry: date, newspaper (inferred values marked ``?``), pages, articles when known
    (from the library index), the user's notes and bookmarks in it (``marks``), and folder (plain text)."""
    if ref.error:  # an issue that cannot be read is a row saying why; the others open as usual
        return MeasuredPrompt(
            Content.assemble(
                ("⚠ cannot open", "bold $text-error"),
                "  ",
                (sanitize(ref.path.name), "bold"),
                "\n            ",
                (sanitize(ref.error), "dim"),
            )
        )
    pages = _counted(ref.page_count, "page")
    if articles is not None:
        pages += f" · {_counted(articles, 'article')}"
    notes, bookmarks = marks
    marked = " · ".join(
        [
            *([f"✎ {_counted(notes, 'note')}"] if notes else []),
            *([f"★ {_counted(bookmarks, 'bookmark')}"] if bookmarks else []),
        ]
    )
    return MeasuredPrompt(
        Content.assemble(
            (shown(ref.meta, "date", "undated   "), "bold"),
            "  ",
            (shown(ref.meta, "title", "(untitled newspaper)"), "bold $text-accent"),
            (f"  {ref.meta.edition}" if ref.meta.edition else "", "italic"),
            (f"  {marked}" if marked else "", "$text-warning"),
            "\n            ",
            (f"{pages} · {sanitize(ref.path.name)}", "dim"),
        )
    )


FIRST_PAINT_WAIT = 2.0
"""Seconds the rescan waits for the saved listing's first frame (it starts anyway after that)."""

FIRST_ROWS = 100
"""List entries (issues and newspaper headings) in the first frame: more than the tallest terminal shows.
The rest follow in slices of :data:`MORE_ROWS` between frames, so that a library of thousands of issues is
on screen at once (the option list measures every entry it holds, about 70 µs each) and keys never wait."""

MORE_ROWS = 250


class LibraryScreen(Screen[None]):
    """Pick an issue; Enter opens it, Escape in the issue comes back here."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="library.down"),
        Binding("k", "cursor_up", "Up", show=False, id="library.up"),
        Binding("slash", "search_library", "Search", key_display="/", id="library.search"),
        Binding("ctrl+f", "filter", "Filter", id="library.filter"),
    ]

    class LibraryScanned(Message):
        """The library folder was scanned."""

        def __init__(self, issue_refs: tuple[IssueRef, ...], articles: dict[str, int], final: bool = True) -> None:
            super().__init__()
            self.issue_refs = issue_refs
            self.articles = articles
            """Article counts by issue folder, from the library index where it has them."""
            self.final = final
            """False for the listing saved last time, shown while the folder is scanned again."""

    class MarksFound(Message):
        """The user's notes and bookmarks per issue folder, counted once the store is open."""

        def __init__(self, marks: dict[Path, tuple[int, int]]) -> None:
            super().__init__()
            self.marks = marks

    class IssueMetaInferred(Message):
        """An issue's newspaper or date was inferred from its first page."""

        def __init__(self, index: int, issue_ref: IssueRef) -> None:
            super().__init__()
            self.index = index
            self.issue_ref = issue_ref

    class IndexProgress(Message):
        """The background indexing analysed ``done`` of the ``total`` pages it has to (``total`` 0: finished)."""

        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

    class IssuesIndexed(Message):
        """Issues indexed in the background, with their article counts (by folder)."""

        def __init__(self, counts: dict[str, int]) -> None:
            super().__init__()
            self.counts = counts

    INFER_LIMIT = 500
    """Undated or unnamed issues whose first page is read for a printed date and nameplate."""

    def __init__(self, path: Path, *, script: str | None = None) -> None:
        super().__init__()
        self.path = path
        self._script = script
        self.issue_refs: tuple[IssueRef, ...] = ()
        self.articles: dict[str, int] = {}
        self.filter_text = ""
        self.marks: dict[Path, tuple[int, int]] = {}
        """``(notes, bookmarks)`` by issue folder, for the issues that have any."""
        self._drawn = False
        """Whether a listing (the saved one or a fresh scan) is on screen."""
        self._first_paint = threading.Event()
        self._rows: list[tuple[str, int]] = []
        """The list's entries in order, ``("paper", count)`` headings and ``("issue", index)`` issues."""
        self._added = 0
        """How many of :attr:`_rows` the option list holds (the rest are added between frames)."""
        self._fills = 0
        """Counts :meth:`_fill` calls, so that a slice of an older listing is never added to a newer one."""
        self._wanted: int | None = None
        """The issue the cursor goes to once its entry is added (the last read, or the one kept on rescan)."""
        self._kept = 0
        """Issues the filter keeps."""
        self._indexing: BackgroundIndexing | None = None
        self._row_of_folder: dict[str, int] = {}
        """The index in :attr:`issue_refs` of each issue folder (absolute), for the counts indexing reports."""
        self.indexing: str = ""
        """What the background indexing is doing, shown in the sub-title ('' when it is done or not running)."""

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield OptionList(id="issue-list", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        from reader.library_index import indexed_counts
        from reader.library_listing import load_listing

        self.sub_title = f"library · {self.path.name}"
        # The listing saved last time (a few milliseconds for a thousand issues) is in the first frame; the
        # scan in the background corrects it if the folder changed since.
        counts = indexed_counts(self.path)
        saved = load_listing(self.path)
        if saved:
            self._show(saved, counts, final=False)
        else:
            self.query_one("#issue-list").loading = True
        self._scan(saved, counts)

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def _scan(self, saved: tuple[IssueRef, ...] | None, counts: dict[str, int]) -> None:
        from reader.ingest import scan_library
        from reader.library_listing import save_listing

        if saved:  # this thread holds the interpreter lock while it scans: let the first frame be drawn first
            self._first_paint.wait(timeout=FIRST_PAINT_WAIT)
        refs = scan_library(self.path)
        # newspapers together, each by date (scan_library sorts by date), in the order of their first issue
        first: dict[str, int] = {}
        for index, ref in enumerate(refs):
            first.setdefault(paper_of(ref), index)
        refs = tuple(sorted(refs, key=lambda ref: first[paper_of(ref)]))
        self.post_message(self.LibraryScanned(refs, counts))
        if refs != saved:
            save_listing(self.path, refs)

    @on(LibraryScanned)
    def _scanned(self, event: LibraryScanned) -> None:
        self._show(event.issue_refs, event.articles, event.final)

    def _show(self, issue_refs: tuple[IssueRef, ...], articles: dict[str, int], final: bool) -> None:
        """List ``issue_refs``; when they are the final scan, read the pages of those whose metadata is unknown."""
        issue_list = self.query_one("#issue-list", OptionList)
        if not self._drawn or issue_refs != self.issue_refs:
            option = issue_list.highlighted_option
            chosen = self.issue_refs[int(option.id)].path if option and option.id and option.id.isdigit() else None
            self.issue_refs = issue_refs
            self._row_of_folder = {str(ref.path.absolute()): index for index, ref in enumerate(issue_refs)}
            self.articles = articles
            self._fill()
            # the folder changed under the saved listing: the cursor stays on its issue, if it is still there
            index = next((i for i, ref in enumerate(self.issue_refs) if ref.path == chosen), None)
            if index is not None:
                self._go_to(index)
        if not self._drawn:
            self._drawn = True
            issue_list.loading = False
            issue_list.focus()
            self.call_after_refresh(self._after_first_paint)
        if final:
            self._infer_from_pages(self.issue_refs)
            self._index()

    @work(thread=True, exclusive=True, group="library-index", exit_on_error=False)
    def _index(self) -> None:
        """Bring the library's search index up to date in the background (``reader index --events`` in a child
        process, see :mod:`reader.background_index`): the rows on screen are indexed first, each issue's
        article count reaches its row as its batch is committed, and ``/`` searches whatever is indexed."""
        from reader.background_index import BackgroundIndexing

        indexing = BackgroundIndexing(self.path, [str(ref.path.absolute()) for ref in self.issue_refs])
        self._indexing = indexing
        try:
            for event in indexing.events():
                if "progress" in event:
                    done, total = event["progress"]
                    self.post_message(self.IndexProgress(done, total))
                elif "indexed" in event:
                    self.post_message(self.IssuesIndexed(event["indexed"]))
                elif "error" in event:
                    self.app.call_from_thread(
                        self.notify, str(event["error"]), title="Library index", severity="warning", markup=False
                    )
        finally:
            indexing.stop()
            self._indexing = None
            self.post_message(self.IndexProgress(0, 0))

    def on_unmount(self) -> None:
        indexing = self._indexing
        if indexing is not None:
            indexing.stop()

    @on(IndexProgress)
    def _index_progress(self, event: IndexProgress) -> None:
        self.indexing = f"indexing {100 * event.done // event.total} %" if event.total else ""
        self._update_sub_title()

    @property
    def index_incomplete(self) -> bool:
        """Whether the background indexing is still at work (a search then reads what it has done so far)."""
        return self._indexing is not None

    @on(IssuesIndexed)
    def _issues_indexed(self, event: IssuesIndexed) -> None:
        self.articles = {**self.articles, **event.counts}
        issue_list = self.query_one("#issue-list", OptionList)
        for folder, count in event.counts.items():
            index = self._row_of_folder.get(folder)
            if index is None:
                continue  # an issue the listing no longer has
            ref = self.issue_refs[index]
            try:
                issue_list.replace_option_prompt(str(index), issue_prompt(ref, count, self.marks.get(ref.path, (0, 0))))
            except OptionDoesNotExist:  # filtered out, or still to be added: built with its count then
                continue

    @work(thread=True, exclusive=True, group="library-meta", exit_on_error=False)
    def _infer_from_pages(self, issue_refs: tuple[IssueRef, ...]) -> None:
        """Read the first page of each issue whose date or newspaper is unknown, for what it prints."""
        from dataclasses import replace

        from reader.errors import ReaderError
        from reader.ingest import find_page_files
        from reader.ingest.detect import read_page
        from reader.metadata import infer_meta

        unknown = [(i, ref) for i, ref in enumerate(issue_refs) if ref.meta.date is None or ref.meta.title is None]
        for index, ref in unknown[: self.INFER_LIMIT]:
            try:
                page = read_page(find_page_files(ref.path)[0], 1)
            except (ReaderError, OSError, IndexError):
                continue
            meta = infer_meta(ref.meta, None, [page])
            if meta != ref.meta:
                self.post_message(self.IssueMetaInferred(index, replace(ref, meta=meta)))

    @on(IssueMetaInferred)
    def _meta_inferred(self, event: IssueMetaInferred) -> None:
        if event.index < len(self.issue_refs) and self.issue_refs[event.index].path == event.issue_ref.path:
            refs = list(self.issue_refs)
            refs[event.index] = event.issue_ref
            self.issue_refs = tuple(refs)
            issue_list = self.query_one("#issue-list", OptionList)
            prompt = issue_prompt(
                event.issue_ref,
                self.articles.get(str(event.issue_ref.path.absolute())),
                self.marks.get(event.issue_ref.path, (0, 0)),
            )
            try:
                issue_list.replace_option_prompt(str(event.index), prompt)
            except OptionDoesNotExist:  # filtered out, or still to be added: built from the new ref then
                pass

    def _fill(self) -> None:
        """Show the issues (those the filter keeps), under a heading per newspaper.

        The first :data:`FIRST_ROWS` entries are shown now, the rest in slices after each frame.
        """
        from reader.fold import fold_text

        words = fold_text(self.filter_text).split()
        groups: dict[str, list[int]] = {}
        for index, ref in enumerate(self.issue_refs):
            haystack = fold_text(f"{paper_of(ref)} {ref.meta.date or ''} {ref.path.name}")
            if all(word in haystack for word in words):
                groups.setdefault(paper_of(ref), []).append(index)
        rows: list[tuple[str, int]] = []
        for indexes in groups.values():
            rows.append(("paper", len(indexes)))
            rows.extend(("issue", index) for index in indexes)
        kept = len(rows) - len(groups)
        self._rows = rows
        self._fills += 1
        self._added = 0
        self._wanted = None
        issue_list = self.query_one("#issue-list", OptionList)
        issue_list.set_options(self._next_options(FIRST_ROWS))
        issue_list.highlighted = 1 if kept else None
        if self._added < len(rows):
            self.call_after_refresh(self._add_more, self._fills)
        self._kept = kept
        self._update_sub_title()

    def _update_sub_title(self) -> None:
        narrowed = f" · {self._kept} match “{self.filter_text}”" if self.filter_text else ""
        indexing = f" · {self.indexing}" if self.indexing else ""
        self.sub_title = f"library · {self.path.name} · {len(self.issue_refs)} issues{narrowed}{indexing}"

    def _next_options(self, count: int) -> list[Option]:
        """Options for the next ``count`` entries not yet in the list, built from the current refs and marks."""
        options = []
        for kind, value in self._rows[self._added : self._added + count]:
            if kind == "paper":
                position = self._added + len(options)
                paper = paper_of(self.issue_refs[self._rows[position + 1][1]])
                options.append(Option(paper_heading(paper, value), id=f"paper-{position}", disabled=True))
            else:
                ref = self.issue_refs[value]
                prompt = issue_prompt(
                    ref, self.articles.get(str(ref.path.absolute())), self.marks.get(ref.path, (0, 0))
                )
                options.append(Option(prompt, id=str(value)))
        self._added += len(options)
        return options

    def _add_more(self, fill: int) -> None:
        """Add the next slice of entries (after a frame, so that keys and drawing go first)."""
        if fill != self._fills or self._added >= len(self._rows):
            return  # the list was filled again since
        issue_list = self.query_one("#issue-list", OptionList)
        issue_list.add_options(self._next_options(MORE_ROWS))
        if self._wanted is not None:
            self._go_to(self._wanted)
        if self._added < len(self._rows):
            self.call_after_refresh(self._add_more, fill)

    @property
    def listed(self) -> bool:
        """Whether every entry of the current listing is in the option list."""
        return self._drawn and self._added >= len(self._rows)

    def _go_to(self, index: int) -> None:
        """Put the cursor on issue ``index``; if its entry is still to be added, as soon as it is.
        An issue the filter hides leaves the cursor where it is."""
        issue_list = self.query_one("#issue-list", OptionList)
        try:  # options are keyed by the issue's index (group headings sit between them)
            issue_list.highlighted = issue_list.get_option_index(str(index))
        except OptionDoesNotExist:
            self._wanted = index if self._added < len(self._rows) else None
        else:
            self._wanted = None

    def _after_first_paint(self) -> None:
        self._first_paint.set()
        getattr(self.app, "first_screen_drawn", lambda: None)()
        self._open_store()

    @work(thread=True, exclusive=True, group="store", exit_on_error=False)
    def _open_store(self) -> None:
        """Open the user's store now (TinyDB), so that ``B`` and ``A`` work and the theme is restored here too."""
        ensure_store = getattr(self.app, "ensure_store", None)
        if ensure_store is not None:
            ensure_store()
            self.app.call_from_thread(self.app.restore_theme)
            self.app.call_from_thread(self._highlight_last_read)
        self._post_marks()

    def on_screen_resume(self) -> None:
        if self._drawn and getattr(self.app, "store", None) is not None:
            self._count_marks()  # back from an issue: its notes and bookmarks may have changed

    @work(thread=True, exclusive=True, group="marks", exit_on_error=False)
    def _count_marks(self) -> None:
        self._post_marks()

    def _post_marks(self) -> None:
        """Count the user's notes and bookmarks per issue (in a worker thread: the store reads files)."""
        from reader.library_listing import issue_marks

        store = getattr(self.app, "store", None)
        if store is not None:
            self.post_message(self.MarksFound(issue_marks(self.issue_refs, store)))

    @on(MarksFound)
    def _marks_found(self, event: MarksFound) -> None:
        self.marks = event.marks
        issue_list = self.query_one("#issue-list", OptionList)
        for index, ref in enumerate(self.issue_refs):
            if ref.path in self.marks:
                try:
                    prompt = issue_prompt(ref, self.articles.get(str(ref.path.absolute())), self.marks[ref.path])
                    issue_list.replace_option_prompt(str(index), prompt)
                except OptionDoesNotExist:  # filtered out, or still to be added: built with its marks then
                    continue

    def _last_read_key(self) -> str:
        return f"library:{self.path.resolve()}:last_issue"

    def _highlight_last_read(self) -> None:
        """Put the cursor on the issue read last in this library (remembered in the store)."""
        last = getattr(self.app, "get_state", lambda key, default=None: default)(self._last_read_key())
        index = next((i for i, ref in enumerate(self.issue_refs) if str(ref.path) == last), None)
        if index is not None:
            self._go_to(index)

    @on(Worker.StateChanged)
    def _failed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.query_one("#issue-list").loading = False
            # An error stays until dismissed (a click), like every other error of the app.
            self.notify(str(event.worker.error), title="Library", severity="error", markup=False, timeout=float("inf"))

    @on(OptionList.OptionSelected, "#issue-list")
    def _open_issue(self, event: OptionList.OptionSelected) -> None:
        from reader.screens.issue import IssueScreen

        ref = self.issue_refs[int(event.option_id or 0)]
        if ref.error:
            self.notify(ref.error, title="Cannot open this issue", severity="error", markup=False, timeout=float("inf"))
            return
        getattr(self.app, "set_state", lambda key, value: None)(self._last_read_key(), str(ref.path))
        self.app.push_screen(IssueScreen(ref.path, from_library=True, script=self._script))

    def action_cursor_down(self) -> None:
        """Move down the list."""
        self.query_one("#issue-list", OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        """Move up the list."""
        self.query_one("#issue-list", OptionList).action_cursor_up()

    def action_filter(self) -> None:
        """Narrow the list to the issues whose paper, date or folder hold every word typed (empty: all)."""
        from reader.screens.search_input import SearchInput

        def apply(text: str | None) -> None:
            if text is not None:
                self.filter_text = text
                self._fill()

        label = "Show issues whose paper, date or folder contain (e.g. 晶報 1939-04); empty shows all"
        self.app.push_screen(SearchInput(self.filter_text, label=label), apply)

    def action_search_library(self) -> None:
        """Ask for a query, then show its hits in every issue of the library."""
        self.search_library("")

    def search_library(self, query: str) -> None:
        """Search every issue for ``query``; an empty query asks for one first."""
        from reader.screens.library_search import LibrarySearchScreen
        from reader.screens.search_input import SearchInput

        def run(text: str | None) -> None:
            if text:
                self.app.push_screen(
                    LibrarySearchScreen(self.path, text, script=self._script, partial=self.index_incomplete)
                )

        if query:
            run(query)
        else:
            self.app.push_screen(
                SearchInput(label="Find in every issue of the library (Enter to search, Esc to cancel)"), run
            )
