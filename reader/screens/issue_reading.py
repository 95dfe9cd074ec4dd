"""Moving around an issue and arranging the reading screen: paging on from article to article, pages, the
header, the list and the measure. The base of :class:`reader.screens.issue.IssueScreen`, which keeps the keys
(``BINDINGS``) and the articles; this class only acts on them.
"""

from __future__ import annotations

from textual import on
from textual.timer import Timer

from reader.model import Article
from reader.screens.issue_loading import IssueLoader
from reader.widgets.article_body import MEASURE_STEPS, ArticleBody, measure_label
from reader.widgets.article_header import ArticleHeader
from reader.widgets.article_list import ArticleList
from reader.widgets.article_view import ArticleView
from reader.widgets.text_view import WrappedTextView

PLACES_KEPT = 200
"""Articles per issue whose reading place is remembered."""
PLACE_SAVE_DELAY = 1.0
"""Seconds after the last scroll before the place is saved."""


class IssueReading(IssueLoader):
    """Actions that move through the issue or rearrange the screen (see the module docstring)."""

    _articles: tuple[Article, ...] = ()
    _current: Article | None = None
    _state_restored = False
    _place_timer: Timer | None = None

    def open_article(self, article: Article) -> None:
        """Show ``article`` (the subclass does)."""
        raise NotImplementedError

    # ---- the reading place in each article -------------------------------------------------------

    def watch_reading_place(self) -> None:
        """Save the place a moment after the text stops scrolling (so that quitting keeps it too)."""
        self.watch(self.query_one(ArticleBody), "scroll_y", self._scrolled, init=False)

    def _scrolled(self) -> None:
        if self._place_timer is not None:
            self._place_timer.stop()
        self._place_timer = self.set_timer(PLACE_SAVE_DELAY, self.remember_place)

    def _places(self) -> dict[str, list[int]]:
        if self.issue is None:
            return {}
        saved = self.reader_app.get_state(f"issue:{self.issue.id}:places")
        return dict(saved) if isinstance(saved, dict) else {}

    def remember_place(self) -> None:
        """Save where the reader is in the article on show (the paragraph and character at the top)."""
        if self._current is None or self.issue is None or not self._state_restored:
            return
        place = self.query_one(ArticleBody).place()
        places = self._places()
        before = places.pop(self._current.id, None)
        if place is not None and place != (0, 0):
            places[self._current.id] = list(place)
        elif before is None:
            return  # at the top, and nothing saved: nothing to write
        # The most recent places last; the oldest go first so that the state stays small.
        kept = dict(list(places.items())[-PLACES_KEPT:])
        self.reader_app.set_state(f"issue:{self.issue.id}:places", kept)

    def restore_place(self, article: Article) -> None:
        """Scroll ``article``'s text back to where the reader left it, if a place was saved."""
        place = self._places().get(article.id) if self._state_restored else None
        if isinstance(place, list) and len(place) == 2 and all(isinstance(n, int) for n in place):
            self.query_one(ArticleBody).go_to_place((place[0], place[1]))

    # ---- following a jumped story ------------------------------------------------------------------

    _jumps: list[str] | None = None

    def action_follow_continuation(self) -> None:
        """Go to the rest of the article on show (its "continued on page N"), or to its first part."""
        current = self._current
        if current is None:
            return
        target_id = current.continues_on or current.continued_from
        target = next((a for a in self._articles if a.id == target_id), None) if target_id else None
        if target is None:
            self.notify("This article does not go on elsewhere in the issue", markup=False, timeout=3)
            return
        self.remember_place()
        if self._jumps is None:
            self._jumps = []
        self._jumps.append(current.id)
        self._select(target)
        way = "continued on" if target.id == current.continues_on else "continued from"
        self.notify(f"{way.capitalize()} page {target.page_number}; backspace comes back", markup=False, timeout=3)

    def action_come_back(self) -> None:
        """Return to the article a continuation was followed from, at the place it was left."""
        if not self._jumps:
            self.notify("Nothing to come back to", markup=False, timeout=2)
            return
        back_id = self._jumps.pop()
        back = next((a for a in self._articles if a.id == back_id), None)
        if back is not None:
            self._select(back)

    def _select(self, article: Article) -> None:
        article_list = self.query_one(ArticleList)
        if article.kind != "article":
            article_list.show_other_kinds = True
        article_list.select_article(article.id)
        self.open_article(article)

    def action_contents(self) -> None:
        """The table of contents: pages → articles with kind marks; Enter shows one."""
        from reader.screens.contents import ContentsScreen

        def chosen(article_id: str | None) -> None:
            target = next((a for a in self._articles if a.id == article_id), None)
            if target is not None:
                self._select(target)

        current = self._current.id if self._current is not None else None
        self.app.push_screen(ContentsScreen(self._articles, current), callback=chosen)

    def position_parts(self) -> list[str]:
        """Where the reader is: ``["article 3 of 12", "page 2 of 8"]`` (the status line's middle)."""
        current = self._current
        if current is None:
            return []
        parts = []
        real = [article.id for article in self._articles if article.kind == "article"]
        if current.id in real:
            parts.append(f"article {real.index(current.id) + 1} of {len(real)}")
        pages = self.page_count or 0
        parts.append(f"page {current.page_number} of {pages}" if pages else f"page {current.page_number}")
        return parts

    def go_to_page(self, number: int) -> bool:
        """Show the first real article of page ``number``; False when the page has no articles (yet)."""
        article_list = self.query_one(ArticleList)
        on_page = sorted((a for a in self._articles if a.page_number == number), key=lambda a: a.kind != "article")
        return any(article_list.select_article(article.id) for article in on_page)

    def action_go_to_page(self) -> None:
        """Ask for a page number and go to its first article."""
        from reader.screens.search_input import SearchInput

        pages = self.page_count or 0

        def chosen(answer: str | None) -> None:
            if not answer:
                return
            if not answer.isdigit() or not 1 <= int(answer) <= pages:
                self.notify(f"There is no page {answer}: this issue has pages 1 to {pages}", markup=False)
            elif not self.go_to_page(int(answer)):
                self.notify(f"Page {answer} has no articles (or is still being analyzed)", markup=False)

        prompt = f"Go to page (1–{pages}; Enter to go, Esc to cancel)"
        self.app.push_screen(SearchInput(label=prompt, placeholder="page number"), callback=chosen)

    # ---- paging on from one article to the next ------------------------------------------------

    def action_page_on(self, step: int) -> None:
        """Page the text down (``step`` 1) or up (-1); past its end, on to the next (or previous) article."""
        if self._current is not None:
            self.query_one(ArticleView).text_widget.action_page_on(step)

    @on(WrappedTextView.EdgeReached)
    def _edge_reached(self, event: WrappedTextView.EdgeReached) -> None:
        if self._current is None:
            return
        article_list = self.query_one(ArticleList)
        neighbour = article_list.adjacent_article(self._current.id, event.step)
        if neighbour is None:
            if event.step > 0 and self.loading:
                self.notify("The next pages are still being analyzed", markup=False, timeout=2)
            else:
                self.notify("Last article" if event.step > 0 else "First article", markup=False, timeout=2)
            return
        article_list.select_article(neighbour.id)
        self.open_article(neighbour)
        if event.step < 0:  # going back lands on the previous article's last screen, as in a book
            self.query_one(ArticleView).text_widget.action_bottom()

    def action_toggle_header(self) -> None:
        """Show the whole title block and every detail, or fold them back to three rows."""
        header = self.query_one(ArticleHeader)
        header.expanded = not header.expanded

    def action_toggle_list(self) -> None:
        """Hide the article list (the text takes the whole width) or show it again."""
        article_list = self.query_one(ArticleList)
        hidden = not article_list.has_class("-hidden")
        article_list.set_class(hidden, "-hidden")
        if hidden and article_list.has_focus:
            self.query_one(ArticleView).text_widget.focus()
        elif not hidden:
            article_list.focus()

    def action_measure(self, step: int) -> None:
        """Make the lines of text longer (``step`` 1) or shorter (-1); remembered for every issue."""
        body = self.query_one(ArticleBody)
        wanted = min(MEASURE_STEPS[1], max(MEASURE_STEPS[0], body.measure_step + step))
        if wanted == body.measure_step:
            self.notify(
                "The text is as wide as it goes" if step > 0 else "The text is as narrow as it goes",
                markup=False,
                timeout=2,
            )
            return
        body.set_measure_step(wanted)
        self.reader_app.set_state("measure_step", wanted)
        self.notify(f"Line length: {measure_label(wanted)}", markup=False, timeout=2)

    def action_switch_pane(self) -> None:
        """Move the focus between the article list and the text."""
        article_list = self.query_one(ArticleList)
        if article_list.has_focus:
            self.query_one(ArticleView).text_widget.focus()
        else:
            article_list.focus()

    def _page_step(self, step: int) -> None:
        if not self._articles:
            return
        pages = sorted({a.page_number for a in self._articles})
        here = self._current.page_number if self._current is not None else pages[0]
        target = [p for p in pages if (p > here if step > 0 else p < here)]
        if not target:
            self.notify("No next page" if step > 0 else "No previous page", markup=False)
            return
        self.go_to_page(target[0] if step > 0 else target[-1])

    def action_next_page(self) -> None:
        """Go to the first article of the next page."""
        self._page_step(+1)

    def action_previous_page(self) -> None:
        """Go to the first article of the previous page."""
        self._page_step(-1)
