"""Jumps: an article that breaks off on one page ("See GOATS, page 3") and goes on on another ("From page 1").

Each part stays its own article (a reader, and the truth, see one per page). The page analysis finds the jump
lines, keeps them out of the cleaned text and quotes them in the article's reasons (``jump_to``,
``jump_from``), which the analysis cache keeps; :func:`link_jumps` then joins the parts of one issue through ``continues_on`` and
``continued_from``, matching the jump line's keyword with the jump head (the continuation's short title,
``GOATS``) and the page numbers on both sides.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

from reader.model import Article, PageAnalysis

__all__ = [
    "JumpPart",
    "find_jump",
    "jump_lines",
    "jump_links",
    "jump_part",
    "jump_relevant",
    "link_jumps",
    "strip_jumps",
]

#: "See GOATS, page 3", "Please see page 6", "See PATROL, back page", and OCR's "Sea", "Saa", "Se«".
_OUT = re.compile(
    r"(?:\bplease\s+)?\bs[eao][eao«]?\s+(?:(?P<key>[A-Z][A-Za-z.'’&-]*(?:\s+[A-Z][A-Za-z.'’&-]*){0,3})\s*,?\s*)?"
    r"(?:on\s+)?(?P<back>back\s+)?page\s*(?P<page>\d{1,2})?\W*$",
    re.IGNORECASE,
)
#: "From page 1", "Continued from page 5", "From back page" at the head of the text, and OCR's ``P'rom page 1``.
_IN = re.compile(
    r"^\W*(?:continued\s+)?(?:f|[a-z1]['’<]\s?)rom\s+(?P<back>back\s+)?page\s*(?P<page>\d{1,2})?\s*", re.IGNORECASE
)
#: A paragraph this short that ends in a jump is the jump line itself (with a stray word or two).
JUMP_LINE_MAX_CHARS = 60
#: Keywords of a jump line must share this many letters with the continuation's head to link them.
_KEY_MIN_LETTERS = 3


def find_jump(text: str, direction: str) -> tuple[str, int] | None:
    """The keyword and page of a jump line ending (``to``) or opening (``from``) ``text``.

    The page is 0 for "back page" and -1 when the line names none.
    """
    if direction == "to":
        tail = text[-80:]
        if "page" not in tail.lower():
            return None  # the line names no page (only ASCII capitals lower to those letters)
        match = _OUT.search(tail)
        if match is None or not re.search(r"\bpage\b", match.group(0), re.IGNORECASE):
            return None
        key = match.group("key") or ""
        if key.casefold() in ("please", "see"):
            key = ""
    else:
        match = _IN.match(text[:40])
        if match is None:
            return None
        key = ""
    page = 0 if match.group("back") else int(match.group("page")) if match.group("page") else -1
    return key, page


def ends_with_jump(line: str) -> bool:
    """Whether ``line`` ends with a jump line to another page (``See GOATS, page 3``, ``Please see page 6``).

    A cross-reference inside a sentence ("for details, see page 5") is not one: a jump line is short or names
    its story in capitals.
    """
    found = find_jump(line, "to")
    if found is None:
        return False
    key = found[0]
    return len(line) <= JUMP_LINE_MAX_CHARS or (key[:2].isupper() and key.split()[0].isupper())


def strip_jumps(paragraph: str) -> str:
    """``paragraph`` without a jump line run on at its end or its start (the article's text, not its links)."""
    match = _IN.match(paragraph[:40])
    if match is not None:
        paragraph = paragraph[match.end() :]
    tail = paragraph[-80:]
    if "page" not in tail.lower():
        return paragraph  # a jump line names a page (only ASCII capitals lower to those letters)
    out = _OUT.search(tail)
    if out is None or not re.search(r"\bpage\b", out.group(0), re.IGNORECASE):
        return paragraph
    key = out.group("key") or ""
    # a cross-reference inside a sentence ("for details, see page 5") stays; a jump line is short or
    # names its story in capitals ("… he said. See GOATS, page 3")
    if len(paragraph) <= JUMP_LINE_MAX_CHARS or (key[:2].isupper() and key.split()[0].isupper()):
        paragraph = paragraph[: len(paragraph) - len(tail) + out.start()].rstrip()
    return paragraph


def _letters(text: str | None) -> str:
    return "".join(char for char in (text or "").casefold() if char.isalnum())


def _parse(reason: str | None, direction: str) -> tuple[str, int] | None:
    """The keyword and page of the jump line quoted in an article's reason (``jump_to`` / ``jump_from``)."""
    return find_jump(reason, direction) if reason else None


def jump_lines(texts: Sequence[str]) -> dict[str, str]:
    """The jump lines among an article's text lines, as reasons: ``{"jump_to": "See GOATS, page 3"}``.

    A "From page" line counts among the first lines only; the last "See … page" line wins.
    """
    reasons: dict[str, str] = {}
    for position, text in enumerate(texts):
        if "age" not in text[-80:] and "AGE" not in text[-80:]:
            continue  # every jump line names a page
        if position < 3 and "jump_from" not in reasons and find_jump(text, "from"):
            reasons["jump_from"] = _IN.match(text[:40]).group(0).strip()  # type: ignore[union-attr]
        out = find_jump(text, "to")
        if out is not None and (len(text) <= JUMP_LINE_MAX_CHARS or out[0][:2].isupper()):
            reasons["jump_to"] = text[-80:].strip()
    return reasons


class JumpPart(NamedTuple):
    """What linking jumps needs of an article: small, so a worker can send it for every article of a page."""

    id: str
    kind: str
    page_number: int
    kicker: str | None
    headline: str | None
    subheadline: str | None
    jump_to: str | None
    jump_from: str | None


def jump_part(article: Article) -> JumpPart:
    """The parts of ``article`` that :func:`jump_links` reads."""
    reasons = article.confidence.reasons
    return JumpPart(
        article.id,
        article.kind,
        article.page_number,
        article.kicker,
        article.headline,
        article.subheadline,
        reasons.get("jump_to"),
        reasons.get("jump_from"),
    )


def jump_relevant(part: JumpPart) -> bool:
    """Whether ``part`` can take part in a link: a jump source (it names a page) or a possible continuation."""
    return part.kind == "article" or part.jump_to is not None


def _score(source: JumpPart, key: str, target: JumpPart, page_number: int) -> int:
    """How well ``target`` (on page ``page_number``) fits as the continuation of ``source``'s jump."""
    came_from = _parse(target.jump_from, "from")
    head = _letters(" ".join(p for p in (target.kicker, target.headline, target.subheadline) if p))
    score = 0
    wanted = _letters(key)
    if wanted and len(wanted) >= _KEY_MIN_LETTERS and head and (wanted in head or head in wanted):
        score += 2
    if came_from is not None:
        score += 1 if came_from[1] in (source.page_number, -1) else -1
    return score


def jump_links(pages: Sequence[tuple[int, Sequence[JumpPart]]]) -> dict[str, str]:
    """The links of one issue's jumps, source article id to target article id.

    ``pages`` is each page's number and its articles' :func:`jump_part`, in page order (articles that are
    not :func:`jump_relevant` may be left out: they change nothing).
    """
    links: dict[str, str] = {}  # source id -> target id
    if len(pages) < 2:
        return links
    taken: set[str] = set()
    last_page = max(number for number, _ in pages)
    numbered: dict[int, list[tuple[int, Sequence[JumpPart]]]] = {}
    for page in pages:
        numbered.setdefault(page[0], []).append(page)
    for page_number, articles in pages:
        for source in articles:
            jump = _parse(source.jump_to, "to")
            if jump is None:
                continue
            key, number = jump
            wanted = last_page if number == 0 else number
            best: tuple[int, str] | None = None
            for other_number, others in (
                numbered.get(wanted, ()) if wanted > 0 else pages
            ):  # the named page, or any later one
                if other_number == page_number or (wanted > 0 and other_number != wanted):
                    continue
                if wanted < 0 and other_number < page_number:
                    continue
                for target in others:
                    if target.kind != "article" or target.id in taken:
                        continue
                    score = _score(source, key, target, other_number)
                    if score >= 1 and (best is None or score > best[0]):
                        best = (score, target.id)
            if best is not None:
                links[source.id] = best[1]
                taken.add(best[1])
    return links


def link_jumps(pages: Sequence[PageAnalysis]) -> tuple[PageAnalysis, ...]:
    """Join the parts of jumped articles across the pages of one issue (``continues_on``/``continued_from``)."""
    if len(pages) < 2:
        return tuple(pages)
    links = jump_links([(page.page.number, [jump_part(a) for a in page.articles]) for page in pages])
    if not links:
        return tuple(pages)
    back = {target: source for source, target in links.items()}
    return tuple(
        PageAnalysis(
            page.page,
            tuple(
                replace(article, continues_on=links.get(article.id), continued_from=back.get(article.id))
                if article.id in links or article.id in back
                else article
                for article in page.articles
            ),
        )
        for page in pages
    )
