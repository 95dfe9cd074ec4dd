"""A calm layout: a header of fixed height (``d`` opens it), a list that hides (``\\``), a visible focus mark,
and rules and dividers that stay visible in every theme."""

from __future__ import annotations

from textual.color import Color

from reader.widgets.article_body import ArticleBody
from reader.widgets.article_header import ArticleHeader, details_panel
from reader.widgets.article_list import ArticleList
from reader.widgets.display import display_article
from tests.app.conftest import MARKUP_ISSUE, settle

MIN_RULE_CONTRAST = 1.8
"""Contrast ratio (WCAG formula) a rule needs against the background to be seen as a line, not a hint of one."""


def _luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(a: Color, b: Color) -> float:
    """The WCAG contrast ratio of two opaque colours (1 to 21)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _near(a: Color, b: Color) -> bool:
    return abs(a.r - b.r) + abs(a.g - b.g) + abs(a.b - b.b) <= 6


async def test_the_header_keeps_its_height_from_article_to_article(make_app) -> None:
    """The text starts on the same row for every article, whatever its title, byline or confidence."""
    for path in (None, MARKUP_ISSUE):
        app = make_app(path)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            header = app.screen.query_one(ArticleHeader)
            body = app.screen.query_one(ArticleBody)
            rows = set()
            for _ in app.screen.query_one(ArticleList).articles:
                rows.add((header.size.height, body.region.y))
                await pilot.press("down")
                await pilot.pause()
            assert len(rows) == 1 and next(iter(rows))[0] <= 3


async def test_d_opens_the_whole_header_and_folds_it_back(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        header = app.screen.query_one(ArticleHeader)
        folded = header.size.height
        await pilot.press("d")
        await pilot.pause()
        assert header.expanded and header.size.height > folded
        assert "Dateline" in str(header.query_one("#article-details").render())
        await pilot.press("d")
        await pilot.pause()
        assert header.size.height == folded


async def test_the_details_panel_does_not_repeat_the_byline(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        article = app.current_article
        assert article.contributors and article.byline
        panel = details_panel(display_article(article, None)).plain
        for contributor in article.contributors:
            assert panel.count(contributor.name) == 1, panel


async def test_backslash_hides_the_list_and_the_text_takes_the_width(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        body = app.screen.query_one(ArticleBody)
        width = body.size.width
        await pilot.press("backslash")
        await pilot.pause()
        assert not article_list.display or article_list.size.width == 0
        assert body.size.width > width and body.has_focus
        await pilot.press("backslash")
        await pilot.pause()
        assert article_list.size.width > 0 and article_list.has_focus


async def test_the_focused_pane_is_marked(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        body = app.screen.query_one(ArticleBody)
        accent = Color.parse(app.current_theme.primary)
        assert article_list.has_focus
        assert _near(article_list.styles.border_right[1], accent)
        assert not _near(body.styles.border_top[1], accent)
        await pilot.press("tab")
        await pilot.pause()
        assert _near(body.styles.border_top[1], accent)
        assert not _near(article_list.styles.border_right[1], accent)


async def test_every_theme_keeps_rules_and_dividers_visible(make_app) -> None:
    """Walks every theme: the list divider and the header rule (focused or not) stand out from the background."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        body = app.screen.query_one(ArticleBody)
        weak = []
        # The ansi themes take their colours from the terminal's palette, which the app cannot know.
        for theme in sorted(name for name in app.available_themes if not name.startswith("ansi-")):
            app.theme = theme
            await pilot.pause()
            for focused in (article_list, body):
                focused.focus()
                await pilot.pause()
                for widget, (_kind, color) in (
                    (article_list, article_list.styles.border_right),
                    (body, body.styles.border_top),
                ):
                    background = widget.background_colors[1]
                    ratio = contrast(background + color, background)
                    if ratio < MIN_RULE_CONTRAST:
                        weak.append((theme, type(widget).__name__, round(ratio, 2)))
        assert not weak, weak
