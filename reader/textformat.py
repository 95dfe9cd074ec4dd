"""Plain-text renderings of articles for the plain commands (``list``, ``show``) and for pipes."""

from __future__ import annotations

from collections.abc import Callable

from reader.model import Article

Convert = Callable[[str], str]


def _same(text: str) -> str:
    return text


identity = _same
"""The identity conversion (the original script): recognised by the formatters, which then skip name protection."""


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, ending in ``…`` when cut (titles in headers, file names)."""
    return text if len(text) <= limit else text[: max(0, limit - 1)].rstrip() + "…"


def _keeping_names(article: Article, convert: Convert) -> Convert:
    if convert is _same:
        return convert
    from reader.convert import for_article

    return for_article(article, convert)


def short_byline(article: Article, limit: int = 24) -> str:
    """The byline trimmed for one-line listings ('' when there is none)."""
    byline = " ".join((article.byline or "").split())
    return byline if len(byline) <= limit else byline[: limit - 1] + "…"


def list_line(number: int, article: Article, convert: Convert = _same) -> str:
    """One line of ``reader list``: number, headline (or first words), byline, tab-separated (names unconverted)."""
    convert = _keeping_names(article, convert)
    title = convert(" ".join(article.display_title.split()))
    kind = "" if article.kind == "article" else f"[{article.kind}] "
    return f"{number}\t{kind}{title}\t{convert(short_byline(article))}"


def article_text(number: int, article: Article, convert: Convert = _same) -> str:
    """An article as readable text: headline block, byline, dateline, then the paragraphs (names unconverted)."""
    convert = _keeping_names(article, convert)
    lines = [f"── {number} · page {article.page_number} · {article.kind} ──"]
    if article.kicker:
        lines.append(convert(article.kicker))
    lines.append(convert(article.headline) if article.headline else "(no headline)")
    if article.subheadline:
        lines.append(convert(article.subheadline))
    lines.append("")
    if article.byline:
        lines.append(f"Byline: {convert(article.byline)}")
    if article.dateline:
        lines.append(f"Dateline: {convert(article.dateline)}")
    if article.byline or article.dateline:
        lines.append("")
    lines.extend(line for paragraph in article.paragraphs for line in (convert(paragraph), ""))
    return "\n".join(lines).rstrip("\n") + "\n"
