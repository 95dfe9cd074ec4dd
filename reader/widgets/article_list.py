"""The list of an issue's articles in reading order, grouped by page, with bookmark and note markers."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.segment import Segment
from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.model import Article, Page
from reader.widgets.display import mark_missing_glyphs

if TYPE_CHECKING:
    from textual.css.styles import RulesMap

BOOKMARK_MARK = "⚑"
NOTE_MARK = "✎"

Markers = Callable[[Article], tuple[bool, bool]]
"""Tells whether an article is bookmarked and whether it has notes."""


def _no_markers(article: Article) -> tuple[bool, bool]:
    return (False, False)


def short_byline(byline: str | None, limit: int = 16) -> str:
    """The byline squeezed onto one short line ('' when there is none)."""
    text = " ".join((byline or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ArticlePrompt(Visual):
    """An option's prompt: markers in a narrow column and the wrapped text beside it, read as plain text.

    A Rich ``Table.grid`` drew the same, but measuring its height for every option (as ``OptionList`` does)
    took about a millisecond each, which froze the screen for a second on an issue with 800 articles.
    """

    MARKS_WIDTH = 3
    """The markers' column and the space after it: wrapped lines are indented by this much."""

    def __init__(self, marks: str, body: Content, plain: str) -> None:
        self.marks = marks
        self.body = body
        self.plain = plain
        self._line_widths = [cell_len(line) for line in body.plain.split("\n")]

    def __str__(self) -> str:
        return self.plain

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.MARKS_WIDTH + self.body.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        body_width = max(1, width - self.MARKS_WIDTH)
        if max(self._line_widths) <= body_width:
            return len(self._line_widths)  # nothing wraps: no need to lay the text out
        return self.body.get_height(rules, body_width)

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        body_width = max(1, width - self.MARKS_WIDTH)
        body_strips = self.body.render_strips(body_width, height, style, options)
        marks = Content.assemble((self.marks, "bold"), " " * (self.MARKS_WIDTH - len(self.marks)))
        indent = Content(" " * self.MARKS_WIDTH)
        strips = []
        for y, body_strip in enumerate(body_strips):
            prefix = (marks if y == 0 else indent).render_strips(self.MARKS_WIDTH, 1, style, options)[0]
            line = Strip.join([prefix, body_strip.extend_cell_length(body_width, style.rich_style)])
            # Content tags each cell with its text offset (for selecting text), which an option has no use for
            # and which would split runs of equally styled cells.
            strips.append(Strip([_without_meta(segment) for segment in line], line.cell_length).simplify())
        return strips


def _without_meta(segment: Segment) -> Segment:
    text, style, control = segment
    return Segment(text, style.clear_meta_and_links() if style is not None else None, control)


TITLE_CELLS = 90
"""The most of a title a row shows (three lines of the usual list width): a paragraph the analysis took for a
headline must not fill the list."""


def clip_title(title: str, cells: int = TITLE_CELLS) -> str:
    """``title`` on one line, cut to at most ``cells`` terminal cells with an ellipsis when longer."""
    title = " ".join(title.split())
    if len(title) * 2 <= cells or cell_len(title) <= cells:  # no character is wider than two cells
        return title
    used = 0
    for index, character in enumerate(title):
        used += cell_len(character)
        if used > cells - 1:
            return title[:index].rstrip() + "…"
    return title


KIND_PLURALS = {"caption": "captions", "notice": "notices", "advert": "adverts", "other": "other items"}


def fold_line(folded: Mapping[str, int]) -> Content:
    """One dim line standing for a page's furniture: ``⋯ 3 adverts, 1 caption (f)``."""
    parts = [
        f"{count} {KIND_PLURALS.get(kind, kind) if count != 1 else ('other item' if kind == 'other' else kind)}"
        for kind, count in sorted(folded.items(), key=lambda item: -item[1])
    ]
    return Content.styled(f"⋯ {', '.join(parts)} (f)", "italic $text-muted")


class ArticleList(OptionList):
    """Every article of the issue with its headline (or first words), short byline and page."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("g", "first", "First", show=False, id="list.first"),
        Binding("G", "last", "Last", key_display="G", show=False, id="list.last"),
    ]

    show_other_kinds: reactive[bool] = reactive(False)
    """Show captions, notices, adverts and other furniture (dimmed) as well as articles; when False they are
    folded into one line per page."""

    class ArticleHighlighted(Message):
        """The cursor moved onto an article."""

        def __init__(self, article_list: ArticleList, article: Article) -> None:
            super().__init__()
            self.article_list = article_list
            self.article = article

        @property
        def control(self) -> ArticleList:
            """The list that sent the message."""
            return self.article_list

    class ArticleChosen(ArticleHighlighted):
        """The user pressed Enter on an article."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self._articles: tuple[Article, ...] = ()
        self._by_option: dict[str, Article] = {}
        self._titles: Mapping[str, tuple[str, str | None]] = {}
        self._markers: Markers = _no_markers
        self._page_errors: dict[int, str] = {}
        """Pages that could not be read, with the reason: listed as a row of their own."""
        self._marks_shown: dict[str, str] = {}
        """The markers each option shows, by option id (so that only changed ones are redrawn)."""
        self._last_page: int | None = None
        """The page of the last row listed (a new page starts with its header row)."""

    @property
    def articles(self) -> tuple[Article, ...]:
        """The articles listed (hidden kinds included)."""
        return self._articles

    @property
    def highlighted_article(self) -> Article | None:
        """The article under the cursor, if any."""
        option = self.highlighted_option
        return self._by_option.get(option.id) if option is not None and option.id else None

    def set_articles(
        self,
        articles: Sequence[Article],
        *,
        titles: Mapping[str, tuple[str, str | None]] | None = None,
        markers: Markers | None = None,
    ) -> None:
        """List ``articles``; ``titles`` maps article ids to the title and byline to show (converted script)."""
        self._articles = tuple(articles)
        if titles is not None:
            self._titles = titles
        if markers is not None:
            self._markers = markers
        self._rebuild()

    def set_titles(self, titles: Mapping[str, tuple[str, str | None]]) -> None:
        """Show these titles and bylines, by article id (for example converted to another script)."""
        self._titles = titles
        self._rebuild()

    def add_articles(self, articles: Sequence[Article], *, pages: Sequence[Page] = ()) -> None:
        """Append ``articles`` (the next pages' articles, in order) without rebuilding what is listed.

        ``pages`` are the pages they come from: a page that could not be read gets an error row.
        An issue loads page by page, so this is called many times; its cost is that of the new rows only.
        """
        start = len(self._articles)
        self._articles += tuple(articles)
        for page in pages:
            if page.error is not None:
                self._page_errors[page.number] = page.error
        if not self.is_mounted:
            return
        rows = self._rows(self._articles[start:], start, [page.number for page in pages])
        if not rows:
            return
        self.add_options(rows)
        if self.highlighted is None:
            self.highlighted = next((index for index, option in enumerate(self.options) if not option.disabled), None)

    def set_markers(self, markers: Markers) -> None:
        """Tell bookmarks and notes with ``markers``; only rows whose markers change are redrawn."""
        self._markers = markers
        self.refresh_markers()

    def refresh_markers(self) -> None:
        """Redraw the bookmark and note markers that changed (after a bookmark or note changed)."""
        if not self.is_mounted:
            return
        for option_id, article in self._by_option.items():
            if self._marks(article) != self._marks_shown.get(option_id):
                self.replace_option_prompt(option_id, self._prompt(article, option_id))

    def select_article(self, article_id: str) -> bool:
        """Move the cursor to an article; False when it is not listed (or hidden)."""
        try:
            self.highlighted = self.get_option_index(article_id)
        except Exception:  # noqa: BLE001 - OptionDoesNotExist: not listed
            return False
        return True

    def adjacent_article(self, article_id: str, step: int) -> Article | None:
        """The article listed ``step`` places after (or before, when negative) ``article_id``, hidden ones skipped."""
        listed = [option.id for option in self.options if option.id is not None]
        try:
            index = listed.index(article_id) + step
        except ValueError:
            return None
        return self._by_option.get(listed[index]) if 0 <= index < len(listed) else None

    def watch_show_other_kinds(self) -> None:
        self._rebuild()

    def _marks(self, article: Article) -> str:
        bookmarked, has_notes = self._markers(article)
        return (BOOKMARK_MARK if bookmarked else " ") + (NOTE_MARK if has_notes else " ")

    def _prompt(self, article: Article, option_id: str) -> ArticlePrompt:
        """Markers in a narrow column, then title and byline: a wrapped title keeps its indent."""
        marks = self._marks(article)
        self._marks_shown[option_id] = marks
        title, byline = self._titles.get(article.id, (article.display_title, article.byline))
        details = short_byline(byline)
        is_article = article.kind == "article"
        body = Content.assemble(
            ("" if is_article else f"[{article.kind}] ", "italic"),
            (mark_missing_glyphs(clip_title(title)), "bold" if is_article else ""),
            "\n",
            (f"{details}  p.{article.page_number}" if details else f"p.{article.page_number}", "dim"),
            # the boundaries come from the METS/DIDL article map, not from our analysis
            ("  · library map" if article.segmentation == "library" else "", "dim italic"),
            # The text was sanitized when it was read (reader.sanitize): stripping control codes again was
            # the largest cost of a row (an issue of 6,000 articles lists them all).
            strip_control_codes=False,
        )
        if not is_article:
            body = body.stylize_before("dim")
        return ArticlePrompt(marks, body, f"{marks} {body.plain.replace(chr(10), chr(10) + '   ')}")

    def _rows(self, articles: Sequence[Article], start: int, page_numbers: Sequence[int] = ()) -> list[Option]:
        """The rows for ``articles`` (the ``start``-th on), after what is listed: page headers, error rows, and
        each page's furniture folded into one line (unless ``show_other_kinds``). Pages come whole, so a
        page's fold line is its last row."""
        rows: list[Option] = []
        # Pages with an error row come in page order with the articles; pages listed only to report an error
        # have no articles of their own.
        pending_errors = sorted(number for number in page_numbers if number in self._page_errors)
        folded: dict[str, int] = {}

        def fold_page() -> None:
            if folded:
                rows.append(Option(fold_line(folded), disabled=True))
                folded.clear()

        for index, article in enumerate(articles, start=start):
            while pending_errors and pending_errors[0] < article.page_number:
                fold_page()
                rows.append(self._error_row(pending_errors.pop(0)))
            if article.page_number != self._last_page:
                fold_page()
                self._last_page = article.page_number
                rows.append(
                    Option(Content.styled(f"── Page {article.page_number} ──", "bold $text-muted"), disabled=True)
                )
            if article.kind != "article" and not self.show_other_kinds:
                folded[article.kind] = folded.get(article.kind, 0) + 1
                continue
            # Ids are unique per page, but the list never trusts that: a repeat gets a positional option id
            # instead of raising DuplicateID.
            option_id = article.id if article.id not in self._by_option else f"{article.id}#{index}"
            self._by_option[option_id] = article
            rows.append(Option(self._prompt(article, option_id), id=option_id))
        fold_page()
        rows.extend(self._error_row(number) for number in pending_errors)
        return rows

    def _error_row(self, page_number: int) -> Option:
        self._last_page = page_number
        reason = " ".join(self._page_errors[page_number].split())
        return Option(Content.styled(f"── Page {page_number}: could not be read: {reason} ──", "$error"), disabled=True)

    def _rebuild(self) -> None:
        if not self.is_mounted:
            return
        current = self.highlighted_article
        self._by_option = {}
        self._marks_shown = {}
        self._last_page = None
        self.set_options(self._rows(self._articles, 0, sorted(self._page_errors)))
        if current is None or not self.select_article(current.id):
            first = next((index for index, option in enumerate(self.options) if not option.disabled), None)
            self.highlighted = first

    def on_mount(self) -> None:
        self._rebuild()

    @on(OptionList.OptionHighlighted)
    def _article_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        article = self._by_option.get(event.option_id or "")
        if article is not None:
            self.post_message(self.ArticleHighlighted(self, article))

    @on(OptionList.OptionSelected)
    def _article_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        article = self._by_option.get(event.option_id or "")
        if article is not None:
            self.post_message(self.ArticleChosen(self, article))
