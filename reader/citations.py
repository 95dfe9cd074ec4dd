"""Citations of newspaper articles: GB/T 7714-2015 (``[N]``) and Chicago (17th ed., newspaper article, bibliography).

The style is chosen per article by the script of its text (CJK → GB/T 7714, Latin → Chicago) unless forced.
Authors come from the byline without role words (``reader.analysis.bylines.author_names``, the one list);
names are never script-converted. A missing newspaper, date or title is left out cleanly. Information the
reader supplied rather than read from the issue (inferred newspaper or date) is put in square brackets, as
both standards do for supplied data (GB/T 7714-2015 8.4.1 ``[1936]``; Chicago 14.63).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

STYLES = ("auto", "gbt7714", "chicago")
"""``--citation`` values: ``auto`` picks per article by its script."""

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_MONTHS = ("January February March April May June July August September October November December").split()


@dataclass(frozen=True, slots=True)
class Source:
    """What a citation needs: the article's title and byline, the issue's newspaper, date and page.

    ``supplied`` names the fields that were inferred rather than given (``newspaper``, ``date``): they are
    bracketed.
    """

    headline: str | None
    byline: str | None
    newspaper: str | None
    date: str | None
    page: int | None = None
    supplied: frozenset[str] = frozenset()


def is_cjk(text: str) -> bool:
    """Whether ``text`` is mostly CJK (at least a third of its letters)."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(1 for ch in letters if _CJK.match(ch)) * 3 >= len(letters)


def choose_style(text: str, forced: str | None = None) -> str:
    """``gbt7714`` for CJK text, ``chicago`` for Latin text, or the ``forced`` style."""
    if forced and forced != "auto":
        return forced
    return "gbt7714" if is_cjk(text) else "chicago"


def _authors(byline: str | None) -> list[str]:
    from reader.analysis.bylines import author_names

    return list(author_names(byline))


def _bracket(value: str, supplied: bool) -> str:
    return f"[{value}]" if supplied else value


def _latin_name_gbt(name: str) -> str:
    """GB/T 7714 8.1.2: a Western name as SURNAME plus initials without points (``Jane Roe`` → ``ROE J``)."""
    if _CJK.search(name) or " " not in name.strip():
        return name
    *given, surname = name.replace(".", " ").split()
    return " ".join([surname.upper(), "".join(part[0].upper() for part in given if part)])


def gbt7714(source: Source) -> str:
    """``作者. 题名[N]. 报纸名, 出版日期(版次).`` (GB/T 7714-2015 4.7 and 8.8); unknown parts left out.

    More than three authors are cut to three followed by ``等`` (``et al`` for Latin names), as 8.1.3 asks.
    """
    authors = [_latin_name_gbt(name) for name in _authors(source.byline)]
    parts = []
    if authors:
        more = ", 等" if _CJK.search("".join(authors)) else ", et al"
        parts.append(", ".join(authors[:3]) + (more if len(authors) > 3 else ""))
    title = source.headline or ("(无题)" if is_cjk(source.byline or source.newspaper or "中") else "[Untitled]")
    parts.append(f"{' '.join(title.split())}[N]")
    where = ", ".join(
        _bracket(value, name in source.supplied)
        for name, value in (("newspaper", source.newspaper), ("date", source.date))
        if value
    )
    if where and source.page is not None:
        where += f"({source.page})"  # the page (版次) only after a newspaper or date: never a bare "(1)"
    if where:
        parts.append(where)
    return ". ".join(" ".join(part.split()) for part in parts) + "."


def chicago_date(date: str) -> str:
    """``1981-05-15`` → ``May 15, 1981``; ``1981-05`` → ``May 1981``; anything else as it is."""
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", date)
    if not match or not 1 <= int(match.group(2)) <= 12:
        return date
    month = _MONTHS[int(match.group(2)) - 1]
    return f"{month} {int(match.group(3))}, {match.group(1)}" if match.group(3) else f"{month} {match.group(1)}"


def _chicago_names(names: Sequence[str]) -> str:
    names = [name.title() if name.isupper() else name for name in names]
    if not names:
        return ""
    first = names[0].split()
    inverted = f"{first[-1]}, {' '.join(first[:-1])}" if len(first) > 1 and not _CJK.search(names[0]) else names[0]
    rest = names[1:]
    if not rest:
        return inverted
    if len(rest) == 1:
        return f"{inverted}, and {rest[0]}"
    return ", ".join([inverted, *rest[:-1]]) + f", and {rest[-1]}"


def chicago(source: Source, *, escape: Callable[[str], str] | None = None) -> str:
    """Chicago 17th ed. bibliography entry of a newspaper article (14.191): ``Last, First. "Headline."
    Newspaper, Month D, YYYY.``; an unsigned article starts with its headline.

    With ``escape`` (Markdown), every part goes through it and the newspaper's name is italicized with ``*``.
    """
    esc = escape or (lambda text: text)
    parts = []
    names = _chicago_names(_authors(source.byline))
    if names:
        parts.append(esc(names if names.endswith(".") else names + "."))
    if source.headline:
        headline = " ".join(source.headline.split())
        parts.append(esc(f"“{headline}”" if headline[-1:] in "?!." else f"“{headline}.”"))
    where = []
    if source.newspaper:
        paper = esc(_bracket(source.newspaper, "newspaper" in source.supplied))
        where.append(f"*{paper}*" if escape else paper)
    if source.date:
        where.append(esc(_bracket(chicago_date(source.date), "date" in source.supplied)))
    if where:
        parts.append(", ".join(where) + ".")
    return " ".join(parts) if parts else "[Untitled]."


def cite(source: Source, style: str, *, escape: Callable[[str], str] | None = None) -> str:
    """The citation of ``source`` in ``style`` (``gbt7714`` or ``chicago``); ``escape`` for Markdown."""
    if style == "chicago":
        return chicago(source, escape=escape)
    text = gbt7714(source)
    return escape(text) if escape else text
