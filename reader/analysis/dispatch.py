"""Which analysis a page gets: the library's article map, the layout-aware one, or the text one."""

from __future__ import annotations

from reader.model import Article, Page

__all__ = ["analyze_layout_or_library"]


def analyze_layout_or_library(page: Page) -> tuple[Article, ...] | None:
    """The articles of a page that carries the library's article map or has boxes; None for the text path.

    The map wins when there is one (the issue was opened with ``--segmentation auto`` or ``library``); then
    geometry when most lines have boxes. Anything else (a layout page without boxes) returns None, and the
    text analysis reads it as it reads a ``.txt`` page.
    """
    if page.library_articles:
        from reader.analysis.library import analyze_library_page

        return analyze_library_page(page)
    from reader.analysis.geometry import has_geometry

    if has_geometry(page):
        from reader.analysis.geometry_pipeline import analyze_layout_page

        return analyze_layout_page(page)
    return None
