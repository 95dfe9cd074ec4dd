"""Search in the open issue: its hits, which one is current, and what to highlight in a displayed article.

The hits come from :func:`reader.search.search_issue` run on the text *as displayed* (converted to the display
script, headline, kicker, subheadline and byline included), so the hits counted, the hits ``n`` and ``N``
visit and the spans highlighted are one and the same list. When the script changes, the search is run again
on the newly displayed text. Nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader.model import Article
from reader.widgets.display import NO_MARKS, ArticleMarks, DisplayArticle

if TYPE_CHECKING:
    from reader.search import Hit  # imported by the search worker, not before the first frame


class IssueSearch:
    """The current search of an issue screen: its query, the script its hits index, the hits, the current one."""

    def __init__(self) -> None:
        self.query = ""
        """What was searched for (``""``: no search)."""
        self.script = "original"
        """The display script the hits' offsets refer to."""
        self.hits: tuple[Hit, ...] = ()
        self.index = -1
        """Index of the current hit in ``hits`` (-1: none yet)."""
        self._by_article: dict[str, list[Hit]] = {}

    @property
    def current(self) -> Hit | None:
        """The hit ``n`` and ``N`` last moved to."""
        return self.hits[self.index] if 0 <= self.index < len(self.hits) else None

    def clear(self) -> None:
        """Forget the search."""
        self.set_results("", self.script, ())

    def set_results(self, query: str, script: str, hits: Sequence[Hit]) -> None:
        """Take the hits of a (new or re-run) search; the current hit is kept when it still exists."""
        previous = self.current
        self.query, self.script, self.hits = query, script, tuple(hits)
        self._by_article = {}
        for hit in self.hits:
            self._by_article.setdefault(hit.article.id, []).append(hit)
        self.index = -1
        if previous is not None:
            self.index = next(
                (index for index, hit in enumerate(self.hits) if _place(hit) == _place(previous)), self.index
            )

    def first_index_from(self, articles: Sequence[Article], current: Article | None) -> int:
        """The first hit in or after ``current`` (in reading order), wrapping round to the first hit."""
        order = {article.id: number for number, article in enumerate(articles)}
        here = order.get(current.id, 0) if current is not None else 0
        return next((index for index, hit in enumerate(self.hits) if order.get(hit.article.id, 0) >= here), 0)

    def move_to(self, index: int) -> Hit | None:
        """Make hit ``index`` (modulo the number of hits) current and return it; None without hits."""
        if not self.hits:
            return None
        self.index = index % len(self.hits)
        return self.hits[self.index]

    def summary(self) -> str:
        """A one-line count: ``3 hits in 2 articles for “高新区”``."""
        count, articles = len(self.hits), len(self._by_article)
        if not count:
            return f"No hits for “{self.query}”"
        hits = f"{count} hit" + ("s" if count != 1 else "")
        return f"{hits} in {articles} article" + ("s" if articles != 1 else "") + f" for “{self.query}”"

    def marks_for(self, display: DisplayArticle) -> ArticleMarks:
        """The spans to highlight in ``display``; none while it is shown in another script than the hits'."""
        hits = self._by_article.get(display.article.id)
        if not hits or display.script != self.script:
            return NO_MARKS
        paragraphs: list[list[tuple[int, int]]] = [[] for _ in display.paragraphs]
        fields: dict[str, list[tuple[int, int]]] = {}
        for hit in hits:
            if hit.field == "paragraph" and hit.paragraph_index is not None:
                if hit.paragraph_index < len(paragraphs):
                    paragraphs[hit.paragraph_index].append(hit.span)
            else:
                fields.setdefault(hit.field, []).append(hit.span)
        from reader.convert import get_converter
        from reader.search import query_forms

        forms = query_forms(self.query, get_converter(self.script))
        raw_lines = tuple(tuple(forms.spans(line.text)) for line in display.raw_lines)
        current = self.current
        here = None
        if current is not None and current.article.id == display.article.id:
            here = (current.field, current.paragraph_index, current.start, current.end)
        return ArticleMarks(
            paragraphs=tuple(tuple(spans) for spans in paragraphs),
            fields={field: tuple(spans) for field, spans in fields.items()},
            current=here,
            raw_lines=raw_lines,
        )


def _place(hit: Hit) -> tuple[str, str, int | None, int]:
    return hit.article.id, hit.field, hit.paragraph_index, hit.start
