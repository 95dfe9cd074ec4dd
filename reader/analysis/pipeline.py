"""The analysis pipeline: blocks → roles → articles → cleaned :class:`~reader.model.Article` objects."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import chain

from reader.analysis.advert_tails import split_advert_tails
from reader.analysis.assemble import Draft, assemble
from reader.analysis.blocks import Block, continues_across, split_blocks
from reader.analysis.bylines import parse_byline_lines, parse_contributors
from reader.analysis.clean import clean_paragraph, clean_title
from reader.analysis.fingerprint import article_fingerprint
from reader.analysis.flow import analysis_lines
from reader.analysis.jumps import jump_lines, strip_jumps
from reader.analysis.labels import split_labels
from reader.analysis.latin import TABLE_ROW_ROLE
from reader.analysis.roles import BlockRole, classify_blocks, is_latin_page, split_byline_tails
from reader.analysis.tails import split_after_jumps, split_tails, stack_jump_heads
from reader.model import Article, Confidence, Contributor, Page, slot_builder

_ASCII_LETTER = re.compile("[A-Za-z]")
_NO_LINES: frozenset[int] = frozenset()
#: :class:`Article` and :class:`Confidence` as their ``__init__`` builds them, at half the cost: one each per
#: article.
_new_article = slot_builder(Article)
_new_confidence = slot_builder(Confidence)

__all__ = ["analyze_page", "unique_ids"]


def _split_title(draft: Draft, blocks: list[Block], roles: list[BlockRole]) -> tuple[list[int], list[int]]:
    """Title lines and byline lines printed inside the title blocks."""
    title_lines: list[int] = []
    inner_bylines: list[int] = []
    for index in draft.title:
        inner = roles[index].byline_lines
        if not inner:
            title_lines.extend(blocks[index].numbers)
            continue
        for number in blocks[index].numbers:
            (inner_bylines if number in inner else title_lines).append(number)
    return title_lines, inner_bylines


def _title_fields(
    draft: Draft, blocks: list[Block], byline_numbers: set[int]
) -> tuple[str | None, str | None, str | None]:
    """Kicker, headline and subheadline: the longest title block is the headline."""
    parts: list[tuple[str, ...] | list[str]] = []
    sizes: list[int] = []  # letters without whitespace, to find the longest
    for index in draft.title:
        block = blocks[index]
        if byline_numbers.isdisjoint(block.numbers):
            parts.append(block.texts)  # clean_title strips each line: the stripped texts give the same title
            sizes.append(len(block.compact))
            continue
        texts = [line.text for line in block.lines if line.number not in byline_numbers]
        if texts:
            parts.append(texts)
            sizes.append(len("".join("".join(texts).split())))
    if len(parts) > 1:  # a rule or an ornament printed over a headline ("-", "★") is no kicker: no letter, no digit
        kept = [i for i, part in enumerate(parts) if any(map(str.isalnum, "".join(part)))]
        parts, sizes = [parts[i] for i in kept], [sizes[i] for i in kept]
    if not parts:
        return None, None, None
    if len(parts) == 1:  # the usual title: one block, the headline
        return None, clean_title(parts[0]) or None, None
    main = max(range(len(parts)), key=lambda i: (sizes[i], -i))
    kicker = " ".join(clean_title(p, " ") for p in parts[:main]) or None
    headline = clean_title(parts[main]) or None
    subheadline = " ".join(clean_title(p, " ") for p in parts[main + 1 :]) or None
    return kicker, headline, subheadline


def _paragraphs(draft: Draft, blocks: list[Block], roles: list[BlockRole]) -> tuple[list[str], list[int], str | None]:
    """Cleaned paragraphs (lead first, column breaks joined), their first lines, and the dateline."""
    order = [*draft.lead, *draft.body]
    body = set(draft.body)
    groups: list[list[int]] = []
    for position, index in enumerate(order):
        previous = order[position - 1] if position else None
        joinable = (
            previous is not None
            and previous in body
            and index in body
            and roles[index].dateline is None
            and roles[previous].role == roles[index].role == "body"
            and (
                continues_across(blocks[previous], blocks[index])
                or roles[previous] is roles[index] is TABLE_ROW_ROLE  # the rows of one table are one paragraph
            )
        )
        if joinable:
            groups[-1].append(index)
        else:
            groups.append([index])
    paragraphs: list[str] = []
    starts: list[int] = []
    dateline: str | None = None
    for group in groups:
        head = roles[group[0]].dateline
        if head and dateline is None and (not paragraphs or group[0] in body):
            dateline = dateline or head
        lines = blocks[group[0]].texts if len(group) == 1 else [text for index in group for text in blocks[index].texts]
        paragraphs.append(clean_paragraph(lines, head))
        starts.append(blocks[group[0]].numbers[0])
    return paragraphs, starts, dateline


def _has_latin(draft: Draft, blocks: list[Block]) -> bool:
    """Whether the article's text is in Latin letters (jump lines are an English and French habit)."""
    sample = "".join([blocks[index].compact[:40] for index in draft.body[:3]])
    return 3 * len(_ASCII_LETTER.findall(sample)) > len(sample)


def _build_article(
    page: Page, draft: Draft, blocks: list[Block], roles: list[BlockRole], latin: bool | None = None
) -> Article:
    title_lines, inner_bylines = _split_title(draft, blocks, roles)
    byline: str | None = None
    contributors: tuple[Contributor, ...] = ()
    extra_body: list[int] = []
    if inner_bylines or draft.byline:
        byline_lines = sorted({*inner_bylines, *(n for index in draft.byline for n in roles[index].byline_lines)})
        byline_set = set(byline_lines)
        kicker, headline, subheadline = _title_fields(draft, blocks, byline_set)
        # only byline lines and the other lines of byline blocks are looked up
        line_text = {line.number: line.text for index in (*draft.title, *draft.byline) for line in blocks[index].lines}
        byline = " ".join(" ".join(line_text[n].split()) for n in byline_lines) or None
        if byline:
            contributors = parse_byline_lines([line_text[n] for n in byline_lines])
            if not contributors:
                contributors = parse_contributors(byline)
        # lines of byline blocks that are not byline lines (禁止轉載) stay with the body text
        extra_body = [n for index in draft.byline for n in blocks[index].numbers if n not in byline_set]
    else:  # no byline anywhere: the common case skips the look-ups
        byline_lines = []
        kicker, headline, subheadline = _title_fields(draft, blocks, _NO_LINES)
    indices = draft.blocks
    paragraphs, starts, dateline = _paragraphs(draft, blocks, roles)
    if extra_body:
        paragraphs.insert(0, " ".join(line_text[n].strip() for n in extra_body))
        starts.insert(0, extra_body[0])
    jumps = (
        jump_lines([text for index in draft.body for text in blocks[index].texts])
        if draft.kind == "article" and (_has_latin(draft, blocks) if latin is None else latin)
        else {}
    )
    if jumps:  # the jump lines link the parts of the story; they are not its text
        kept = [(text, start) for text, start in zip(map(strip_jumps, paragraphs), starts, strict=True) if text]
        paragraphs, starts = [text for text, _ in kept], [start for _, start in kept]
    source_lines = (
        blocks[indices[0]].numbers
        if len(indices) == 1
        else tuple(chain.from_iterable([blocks[index].numbers for index in indices]))
    )
    fingerprint = article_fingerprint("\n".join([headline or "", *paragraphs, byline or ""]))
    reasons = {**draft.reasons, **jumps}
    reasons.setdefault(
        "headline",
        "longest title block above the text is the headline" if headline else "no title-like block before the text",
    )
    reasons.setdefault("byline", "matches a byline pattern" if byline else "no byline pattern found")
    reasons.setdefault("boundaries", "text runs between titles, bylines and datelines")
    displaced = "away from" in reasons["headline"]
    confidence = _new_confidence(
        headline=(0.7 if displaced else 0.85) if headline else 0.5,
        byline=0.95 if byline and contributors else (0.6 if byline else 0.7),
        boundaries=0.8 if draft.kind == "article" else 0.6,
        reasons=reasons,
    )
    return _new_article(
        id=f"p{page.number}-{fingerprint[:12]}",
        kind=draft.kind,
        page_number=page.number,
        kicker=kicker,
        headline=headline,
        subheadline=subheadline,
        byline=byline,
        contributors=contributors,
        dateline=dateline,
        paragraphs=tuple(filter(None, paragraphs)),  # the non-empty paragraphs
        source_lines=source_lines,
        confidence=confidence,
        headline_lines=tuple(title_lines),
        byline_lines=tuple(byline_lines),
        paragraph_starts=tuple(starts),
    )


def analyze_page(page: Page) -> tuple[Article, ...]:
    """Return the articles of ``page`` in reading order; every non-blank line lands in exactly one.

    Layout pages (lines with boxes) go through :mod:`reader.analysis.geometry_pipeline`; the library's own
    article map, when the page carries one, through :mod:`reader.analysis.library`. Text pages stay here.
    """
    if page.format != "text" or page.library_articles:
        from reader.analysis.dispatch import analyze_layout_or_library

        articles = analyze_layout_or_library(page)
        if articles is not None:
            return unique_ids(articles)
    blocks = split_byline_tails(split_blocks(analysis_lines(page)))
    if not blocks:
        return ()
    latin = is_latin_page(blocks)
    roles = classify_blocks(blocks, latin)
    drafts = assemble(blocks, roles)
    if latin:
        drafts = split_tails(split_after_jumps(split_labels(drafts, blocks), blocks, roles), blocks, roles)
        drafts = split_advert_tails(drafts, blocks, roles)
        drafts = stack_jump_heads(drafts, blocks, roles)
    return unique_ids(tuple(_build_article(page, draft, blocks, roles, latin) for draft in drafts))


def unique_ids(articles: tuple[Article, ...]) -> tuple[Article, ...]:
    """Give repeated ids a suffix (``-2``, ``-3`` … in reading order), so every id of a page is unique.

    Ids come from the content, so a page that prints the same text twice (a repeated notice, an empty
    furniture block) would otherwise give two articles one id; the suffix depends only on the order, so the
    same page always gets the same ids.
    """
    seen: set[str] = {article.id for article in articles}
    if len(seen) == len(articles):
        return articles
    taken: set[str] = set()
    result: list[Article] = []
    for article in articles:
        article_id = article.id
        if article_id in taken:
            suffix = 2
            while f"{article.id}-{suffix}" in seen or f"{article.id}-{suffix}" in taken:
                suffix += 1
            article_id = f"{article.id}-{suffix}"
            article = replace(article, id=article_id)
        taken.add(article_id)
        result.append(article)
    return tuple(result)
