"""What the article view shows: an article's fields in the display script (no Textual)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass, field

from reader.model import Article, Line, Page

Convert = Callable[[str], str]

GETA_MARK = "〓"
"""Shown for a private-use character: transcribers mark a glyph they could not encode with one (U+E111 in
Jing bao), and no font draws it. One character for one keeps every search offset valid."""
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")


def mark_missing_glyphs(text: str) -> str:
    """``text`` with each private-use character shown as the GETA MARK 〓."""
    return text if text.isascii() else _PRIVATE_USE.sub(GETA_MARK, text)


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
    line_ranges: tuple[tuple[int, int], ...] = ()
    """The source lines as ranges, blank lines between them not counted as gaps."""

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


def line_ranges(numbers: Sequence[int], blank: Set[int] = frozenset()) -> tuple[tuple[int, int], ...]:
    """Line numbers as ``(first, last)`` ranges; a gap made only of ``blank`` lines does not split a range."""
    ranges: list[list[int]] = []
    for number in sorted(set(numbers)):
        if ranges and all(between in blank for between in range(ranges[-1][1] + 1, number)):
            ranges[-1][1] = number
        else:
            ranges.append([number, number])
    return tuple((first, last) for first, last in ranges)


def display_article(
    article: Article, page: Page | None, script: str = "original", convert: Convert | None = None
) -> DisplayArticle:
    """Build the display text of ``article``; ``convert`` maps text to ``script`` (identity when None)."""
    if convert is not None:
        from reader.convert import for_article

        convert = for_article(article, convert)  # names in bylines and contributors stay as printed
    convert_script: Convert = convert or (lambda text: text)

    def same(text: str) -> str:
        return mark_missing_glyphs(convert_script(text))

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
        line_ranges=line_ranges(
            article.source_lines, {line.number for line in page.lines if not line.text.strip()} if page else set()
        ),
    )


Spans = tuple[tuple[int, int], ...]
"""``(start, end)`` offsets into one displayed text."""


@dataclass(frozen=True, slots=True)
class ArticleMarks:
    """What to highlight in a displayed article (search hits), as offsets into its displayed text.

    Attributes:
        paragraphs: for each paragraph, its highlighted spans.
        fields: spans in ``kicker``, ``headline``, ``subheadline`` and ``byline``, by field name.
        current: the current hit as ``(field, paragraph index or None, start, end)``, if it is in this article.
        raw_lines: for each raw OCR line, where the query matches it (a guide only: a match broken across
            two lines is not found, and ``n``/``N`` visit the hits in the cleaned text).
    """

    paragraphs: tuple[Spans, ...] = ()
    fields: Mapping[str, Spans] = field(default_factory=dict)
    current: tuple[str, int | None, int, int] | None = None
    raw_lines: tuple[Spans, ...] = ()

    def paragraph_current(self) -> tuple[int, int, int] | None:
        """The current hit as ``(paragraph, start, end)`` when it is in a paragraph."""
        if self.current is None or self.current[0] != "paragraph" or self.current[1] is None:
            return None
        return self.current[1], self.current[2], self.current[3]

    def field_current(self, name: str) -> tuple[int, int] | None:
        """The current hit's span when it is in field ``name``."""
        if self.current is None or self.current[0] != name:
            return None
        return self.current[2], self.current[3]


NO_MARKS = ArticleMarks()
"""Nothing highlighted."""
