"""Pilot test: an issue that ships its library's article map opens with those articles, marked as such."""

from __future__ import annotations

from pathlib import Path

from reader.screens.issue import IssueScreen
from reader.widgets.article_list import ArticleList
from tests.app.conftest import settle

METS_ISSUE = Path(__file__).resolve().parents[1] / "examples" / "mets-issue"


async def test_library_articles_carry_a_small_mark_in_the_list(make_app) -> None:
    """The METS example opens on the map's article; its entry says 'library map', and ours would not."""
    app = make_app(METS_ISSUE)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, IssueScreen)
        article_list = app.screen.query_one(ArticleList)
        (article,) = [a for a in article_list.articles if a.kind == "article"]
        assert article.headline == "HARBOUR NEWS." and article.segmentation == "library"
        prompt = str(article_list.get_option(article.id).prompt)
        assert "HARBOUR NEWS." in prompt and "library map" in prompt


async def test_segmentation_ours_from_the_environment(make_app, monkeypatch) -> None:
    """``reader --segmentation ours`` sets READER_SEGMENTATION; the app then ignores the map."""
    monkeypatch.setenv("READER_SEGMENTATION", "ours")
    app = make_app(METS_ISSUE)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        assert article_list.articles and all(a.segmentation == "ours" for a in article_list.articles)
        assert all("library map" not in str(option.prompt) for option in article_list.options)
