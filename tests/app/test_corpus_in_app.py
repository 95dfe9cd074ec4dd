"""Every page of the real-data corpus (``../shared/corpus``, all ``*.txt``) opens in the app and lists its
articles without a crash: the pages are gathered into one issue (symbolic links in a temporary folder, nothing
copied), which the app loads page by page in its worker processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader import opening
from reader.errors import ReaderError
from reader.ingest import read_page
from reader.screens.issue import IssueScreen
from reader.widgets.article_list import ArticleList
from tests.app.conftest import settle


async def test_every_corpus_page_opens_and_lists_its_articles(
    corpus: Path, tmp_path: Path, make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = sorted(corpus.rglob("*.txt"))
    folder = tmp_path / "corpus-issue"
    folder.mkdir()
    for number, source in enumerate(sources, start=1):
        (folder / f"page-{number:04d}.txt").symlink_to(source)
    unreadable = set()
    for number, source in enumerate(sources, start=1):
        try:
            read_page(source, number)
        except ReaderError:
            unreadable.add(number)  # not a page (e.g. an impresso data file): an error row of the issue
    monkeypatch.setattr(opening, "FAST_OPEN_BYTES", 0)  # the whole corpus counts as one large issue
    app = make_app(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        for _ in range(3000):
            if isinstance(screen, IssueScreen) and screen.issue is not None and not screen._queued:
                break
            await pilot.pause(0.02)
            screen = app.screen
        await settle(pilot)
        assert isinstance(screen, IssueScreen) and screen.issue is not None, "the corpus issue did not load"
        assert len(screen.pages) == len(sources)
        errors = {number for number, page in screen.pages.items() if page.page.error}
        assert errors == unreadable
        article_list = screen.query_one(ArticleList)
        listed_pages = {article.page_number for article in article_list.articles}
        blank = {
            number for number, page in screen.pages.items() if not any(line.text.strip() for line in page.page.lines)
        }
        assert listed_pages | errors | blank == set(range(1, len(sources) + 1))  # every page lists articles
        rows = [option for option in article_list.options if option.id]
        assert len(rows) == len({option.id for option in rows})  # ids never clash in the list
        await pilot.press("j", "j", "enter")  # still alive and answering keys
        await settle(pilot)
        assert screen.current_article is not None
