"""Command palette provider: jump to an article of the open issue by its headline."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from reader.model import Article


class ArticleProvider(Provider):
    """Finds articles by headline (or first words). Headlines are shown as plain text, never markup."""

    def _articles(self) -> tuple[Article, ...]:
        from reader.screens.issue import IssueScreen

        screen = self.screen
        return screen.articles if isinstance(screen, IssueScreen) else ()

    def _jump(self, article: Article) -> None:
        from reader.screens.issue import IssueScreen

        screen = self.screen
        if isinstance(screen, IssueScreen):
            screen.jump_to(article)

    async def discover(self) -> Hits:
        for article in self._articles():
            if article.kind == "article":
                title = " ".join(article.display_title.split())
                yield DiscoveryHit(
                    Content(title), partial(self._jump, article), text=title, help=f"page {article.page_number}"
                )

    async def search(self, query: str) -> Hits:
        # Matched across scripts as ``/`` matches: 檢查 finds 检查 (both sides folded to one form).
        from reader.search import fold

        matcher = self.matcher(fold(query))
        for article in self._articles():
            title = " ".join(article.display_title.split())
            score = matcher.match(fold(title))
            if score > 0:
                yield Hit(
                    score, Content(title), partial(self._jump, article), text=title, help=f"page {article.page_number}"
                )
