"""Loading an issue in the app: page by page in worker processes, the list growing by appending, keys and
``q`` working meanwhile, unreadable pages as error rows, and no worker process left behind."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from reader import opening, workers
from reader.document import analyze_issue
from reader.ingest import load_issue
from reader.screens.issue import IssueScreen
from reader.widgets.article_list import ArticleList
from tests.app.conftest import settle

PAGE_TEXTS = (
    "高新区召开工作会议\n\n记者 张三\n\n本报讯 11月29日，高新区召开工作会议，部署下一阶段工作。\n",
    "Council Approves Budget\n\nBy Jane Smith\n\nThe city council voted on Tuesday to approve the budget.\n",
    "市场动态\n\n本报讯 蔬菜价格保持稳定，市民采购便利。\n\n图片说明：市场一角\n\n广告\n",
)


def _issue(folder: Path, pages: int) -> Path:
    """An issue folder of ``pages`` small pages, each different."""
    folder.mkdir()
    for index in range(pages):
        text = PAGE_TEXTS[index % len(PAGE_TEXTS)] + f"\n第{index + 1}页的附加一行。\n"
        (folder / f"page-{index + 1:03d}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def _large(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every issue here counts as large: not read before the first frame, loaded by the workers."""
    monkeypatch.setattr(opening, "FAST_OPEN_BYTES", 0)


async def _loaded(pilot: Any) -> IssueScreen:
    """Wait (bounded) until every page is in the list and the issue is known."""
    screen = pilot.app.screen
    for _ in range(600):
        if isinstance(screen, IssueScreen) and screen.issue is not None and not screen._queued:
            break
        await pilot.pause(0.02)
        screen = pilot.app.screen
    await settle(pilot)
    assert isinstance(screen, IssueScreen) and screen.issue is not None, "the issue did not finish loading"
    return screen


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie still answers kill(0)
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return True


async def test_a_large_issue_fills_the_list_page_by_page_by_appending(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _issue(tmp_path / "issue", 24)
    batches: list[list[int]] = []
    rebuilds: list[int] = []
    original_pages_added = IssueScreen._pages_added
    original_rebuild = ArticleList._rebuild

    def pages_added(self: IssueScreen, page_analyses: list[Any], remaining: int, first: bool) -> None:
        batches.append([page_analysis.page.number for page_analysis in page_analyses])
        original_pages_added(self, page_analyses, remaining, first)

    def rebuild(self: ArticleList) -> None:
        rebuilds.append(len(self.articles))
        original_rebuild(self)

    monkeypatch.setattr(IssueScreen, "_pages_added", pages_added)
    monkeypatch.setattr(ArticleList, "_rebuild", rebuild)
    app = make_app(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _loaded(pilot)
        expected = analyze_issue(load_issue(folder))
        article_list = screen.query_one(ArticleList)
        assert batches[0] == [1]  # the first page on its own, before the others
        assert [number for batch in batches for number in batch] == list(range(1, 25))
        assert article_list.articles == expected.articles
        assert screen.issue.id == expected.issue.id
        assert all(count == 0 for count in rebuilds)  # never rebuilt while growing (only built empty)
        listed = [option.id for option in article_list.options if option.id]
        assert listed == [article.id for article in expected.articles]
        assert not screen.query("#loading-progress")  # the progress bar goes once all pages are in


async def test_keys_work_and_q_quits_at_once_while_an_issue_loads(make_app, tmp_path: Path) -> None:
    folder = _issue(tmp_path / "issue", 300)
    app = make_app(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        for _ in range(600):
            if isinstance(screen, IssueScreen) and len(screen.articles) >= 3:
                break
            await pilot.pause(0.02)
        assert isinstance(screen, IssueScreen) and screen.loading, "the test needs an issue still loading"
        assert screen.query("#loading-progress")  # a progress bar while pages arrive
        article_list = screen.query_one(ArticleList)
        before = article_list.highlighted
        await pilot.press("j")
        await pilot.pause()
        assert article_list.highlighted != before  # keys act while pages arrive
        pool = workers._shared
        executor = pool._executor if pool is not None else None
        worker_pids = list(executor._processes) if executor is not None else []
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert workers._shared is None  # the app stopped the pool as it exited
    assert not any(_alive(pid) for pid in worker_pids)


async def test_an_unreadable_page_is_an_error_row_and_the_rest_opens(make_app, tmp_path: Path) -> None:
    folder = _issue(tmp_path / "issue", 6)
    (folder / "page-003.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    app = make_app(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _loaded(pilot)
        article_list = screen.query_one(ArticleList)
        rows = [str(option.prompt) for option in article_list.options]
        assert any("Page 3: could not be read" in row for row in rows)
        assert {article.page_number for article in article_list.articles} == {1, 2, 4, 5, 6}
        assert screen.pages[3].page.error
