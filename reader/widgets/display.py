"""What the article view shows: an article's fields in the display script (no Textual)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reader.model import Article, Line, Page

Convert = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class DisplayArticle:
    """An article's display text, converted to the chosen script; the ``article`` itself is unchanged."""

    article: Article
    script: str
    title: str
    has_headline: bool
    kicker: str | None
    subheadline: str | None
    byline: str | None
    contributors: tuple[tuple[str | None, str], ...]
    dateline: str | None
    paragraphs: tuple[str, ...]
    raw_lines: tuple[Line, ...]

    @property
    def page_number(self) -> int:
        """The page the article is on."""
        return self.article.page_number

    @property
    def kind(self) -> str:
        """article, caption, notice, advert or other."""
        return self.article.kind


def source_lines(article: Article, page: Page | None) -> tuple[Line, ...]:
    """The page's lines that the article was built from, in line-number order."""
    if page is None:
        return ()
    by_number = page.lines
    found = []
    for number in sorted(set(article.source_lines)):
        line = by_number[number - 1] if 0 < number <= len(by_number) else None
        if line is None or line.number != number:
            line = next((candidate for candidate in by_number if candidate.number == number), None)
        if line is not None:
            found.append(line)
    return tuple(found)


def display_article(
    article: Article, page: Page | None, script: str = "original", convert: Convert | None = None
) -> DisplayArticle:
    """Build the display text of ``article``; ``convert`` maps text to ``script`` (identity when None)."""
    same: Convert = convert or (lambda text: text)

    def maybe(text: str | None) -> str | None:
        return same(text) if text else text

    return DisplayArticle(
        article=article,
        script=script,
        title=same(article.display_title),
        has_headline=bool(article.headline),
        kicker=maybe(article.kicker),
        subheadline=maybe(article.subheadline),
        byline=maybe(article.byline),
        contributors=tuple((maybe(c.role), same(c.name)) for c in article.contributors),
        dateline=maybe(article.dateline),
        paragraphs=tuple(same(paragraph) for paragraph in article.paragraphs),
        raw_lines=tuple(Line(line.number, same(line.text)) for line in source_lines(article, page)),
    )
