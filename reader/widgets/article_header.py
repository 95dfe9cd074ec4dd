"""The headline block of an article (kicker, headline, subheadline) and, beside it, its details panel."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from reader.widgets.display import NO_MARKS, ArticleMarks, DisplayArticle

UNSURE_BELOW = 0.6
"""Warn when the analysis' overall confidence in an article is below this."""


HIGHLIGHT_STYLE = "on $warning 40%"
CURRENT_STYLE = "bold $text on $accent"
"""Search hits in the header, styled like the hits in the text (``WrappedTextView``'s component classes)."""


def marked(text: str, style: str, marks: ArticleMarks, name: str) -> Content:
    """``text`` (field ``name`` of the article) in ``style``, with its search hits highlighted."""
    content = Content.styled(text, style)
    current = marks.field_current(name)
    for start, end in marks.fields.get(name, ()):
        content = content.stylize(CURRENT_STYLE if (start, end) == current else HIGHLIGHT_STYLE, start, end)
    return content


def headline_block(display: DisplayArticle, marks: ArticleMarks = NO_MARKS) -> Content:
    """Kicker, headline and subheadline, one per line, as plain styled text with search hits highlighted."""
    parts: list[Content | str] = []
    if display.kicker:
        parts += [marked(display.kicker, "italic $text-muted", marks, "kicker"), "\n"]
    if display.has_headline:
        parts.append(marked(display.title, "bold $text-accent", marks, "headline"))
    else:
        parts.append(Content.styled(display.title, "italic"))  # first words of the text, searched there
    if display.subheadline:
        parts += ["\n", marked(display.subheadline, "$text-secondary", marks, "subheadline")]
    return Content.assemble(*parts)


def details_panel(display: DisplayArticle, marks: ArticleMarks = NO_MARKS) -> Content:
    """Byline, contributors with roles, dateline, page, and a warning when the analysis is unsure (the header
    opened with ``d``)."""
    parts: list[Content | str | tuple[str, str]] = []

    def row(label: str, value: str | Content) -> None:
        parts.extend([(f"{label} ", "bold $text-muted"), value, "\n"])

    if display.byline:
        row("Byline", marked(display.byline, "", marks, "byline"))
    byline = display.byline or ""
    # The contributors are listed only when they say more than the byline (a role, a name it lacks): the
    # byline "记者 孙庆辉 通讯员 陈璐" would otherwise be repeated line by line underneath.
    if any(name not in byline or (role and role not in byline) for role, name in display.contributors):
        for role, name in display.contributors:
            row(f"  {role}" if role else "  —", name)
    if display.dateline:
        row("Dateline", display.dateline)
    row("Page", f"{display.page_number} · {display.kind}")
    confidence = display.article.confidence
    if confidence.overall < UNSURE_BELOW:
        parts.append((f"⚠ Analysis unsure ({confidence.overall:.2f})", "bold $warning"))
        for field, reason in confidence.reasons.items():
            parts.extend(["\n", (f"  {field}: ", "$warning"), reason])
    return Content.assemble(*parts).rstrip()


def details_line(display: DisplayArticle, marks: ArticleMarks = NO_MARKS) -> Content:
    """Byline, dateline, page and confidence on one line (``d`` opens them in full)."""
    parts: list[Content | str | tuple[str, str]] = []
    if display.byline:
        parts += [marked(" ".join(display.byline.split()), "", marks, "byline"), (" · ", "$text-muted")]
    if display.dateline:
        parts += [display.dateline, (" · ", "$text-muted")]
    kind = "" if display.kind == "article" else f" {display.kind}"
    parts.append((f"p.{display.page_number}{kind}", "$text-muted"))
    if display.article.continues_on:
        parts.append((" · continued elsewhere (c)", "$accent"))
    elif display.article.continued_from:
        parts.append((" · continued from elsewhere (c)", "$accent"))
    confidence = display.article.confidence
    if confidence.overall < UNSURE_BELOW:
        parts.append((f" · ⚠ unsure ({confidence.overall:.2f}), d for why", "$warning"))
    return Content.assemble(*parts)


class ArticleHeader(Vertical):
    """The title block in at most two lines and the details in one, so the text starts on the same row for
    every article; ``expanded`` shows both in full."""

    expanded: reactive[bool] = reactive(False)
    """Show the whole title block and every detail (the header grows)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._display: DisplayArticle | None = None
        self._marks = NO_MARKS

    def compose(self) -> ComposeResult:
        yield Static(id="headline-block", markup=False)
        yield Static(id="article-details", markup=False)

    def show(self, display: DisplayArticle, marks: ArticleMarks = NO_MARKS) -> None:
        """Show the header of ``display``, with the search hits in ``marks`` highlighted."""
        self._display, self._marks = display, marks
        self._update()

    def watch_expanded(self, expanded: bool) -> None:
        self.set_class(expanded, "-expanded")
        self._update()

    def _update(self) -> None:
        display = self._display
        if display is None:
            return
        self.query_one("#headline-block", Static).update(headline_block(display, self._marks))
        details = details_panel if self.expanded else details_line
        self.query_one("#article-details", Static).update(details(display, self._marks))
