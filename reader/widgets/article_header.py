"""The headline block of an article (kicker, headline, subheadline) and, beside it, its details panel."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from reader.widgets.display import DisplayArticle

UNSURE_BELOW = 0.6
"""Warn when the analysis' overall confidence in an article is below this."""


def headline_block(display: DisplayArticle) -> Content:
    """Kicker, headline and subheadline, one per line, as plain styled text."""
    parts: list[str | tuple[str, str]] = []
    if display.kicker:
        parts += [(display.kicker, "italic $text-muted"), "\n"]
    parts.append((display.title, "bold $text-accent" if display.has_headline else "italic"))
    if display.subheadline:
        parts += ["\n", (display.subheadline, "$text-secondary")]
    return Content.assemble(*parts)


def details_panel(display: DisplayArticle) -> Content:
    """Byline, contributors with roles, dateline, page, and a warning when the analysis is unsure."""
    parts: list[str | tuple[str, str]] = []

    def row(label: str, value: str) -> None:
        parts.extend([(f"{label} ", "bold $text-muted"), value, "\n"])

    if display.byline:
        row("Byline", display.byline)
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


class ArticleHeader(Horizontal):
    """Headline block on the left, details panel beside it."""

    def compose(self) -> ComposeResult:
        yield Static(id="headline-block", markup=False)
        yield Static(id="article-details", markup=False)

    def show(self, display: DisplayArticle) -> None:
        """Show the header of ``display``."""
        self.query_one("#headline-block", Static).update(headline_block(display))
        self.query_one("#article-details", Static).update(details_panel(display))
