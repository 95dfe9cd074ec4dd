"""Articles from the library's own article map (METS, DIDL): its boundaries, our reading of each article.

The map says which lines make an article (and often which are its heading or author); the analysis still
does the rest inside each one: blocks, roles, headline and kicker, byline and contributors, dateline,
cleaned paragraphs. Lines no item of the map claims (mastheads, furniture, unmapped text) are analyzed as
usual, so every non-blank line still lands in exactly one article. Such articles say
``segmentation="library"``; the others ``"ours"``.
"""

from __future__ import annotations

from dataclasses import replace

from reader.analysis.assemble import Draft
from reader.analysis.blocks import Block, block_of
from reader.analysis.geometry import has_geometry, regions_group_lines
from reader.analysis.geometry_pipeline import analyze_layout_page, geometry_roles, layout_parts
from reader.analysis.pipeline import _build_article
from reader.analysis.roles import BlockRole, classify_blocks
from reader.model import ARTICLE_KINDS, Article, Line, MappedArticle, Page

__all__ = ["analyze_library_page"]


def _draft(mapped: MappedArticle, blocks: list[Block], roles: list[BlockRole]) -> Draft:
    """One draft holding every block: title and byline blocks from the map, else from the roles.

    Blocks the map marks as the author become byline blocks in ``roles`` too, so the byline is built from them.
    """
    kind = mapped.kind if mapped.kind in ARTICLE_KINDS else "other"
    draft = Draft(kind=kind, reasons={"boundaries": "the library's article map"})
    titles, bylines = set(mapped.title_lines), set(mapped.byline_lines)
    for index, block in enumerate(blocks):
        numbers = set(block.numbers)
        if titles and numbers <= titles:
            draft.title.append(index)
            draft.reasons["headline"] = "the library marks these lines as the heading"
        elif bylines and numbers <= bylines:
            draft.byline.append(index)
            roles[index] = BlockRole("byline", byline_lines=block.numbers, reason="the library marks the author")
            draft.reasons["byline"] = "the library marks these lines as the author"
        elif not titles and roles[index].role == "title" and not (draft.body or draft.byline or draft.lead):
            draft.title.append(index)
        elif roles[index].role == "byline" and not bylines:
            draft.byline.append(index)
        else:
            draft.body.append(index)
    if kind == "article" and not (draft.body or draft.byline):
        draft.body, draft.title = draft.title, []  # a heading alone is still text, never dropped
    return draft


def _split_at_map_roles(blocks: list[Block], mapped: MappedArticle) -> list[Block]:
    """Blocks cut where the map's role changes (heading, author, text), so each part is its own block."""
    role_of = {n: "title" for n in mapped.title_lines} | {n: "byline" for n in mapped.byline_lines}
    result: list[Block] = []
    for block in blocks:
        start = 0
        for cut in range(1, len(block.lines) + 1):
            if cut == len(block.lines) or role_of.get(block.numbers[cut]) != role_of.get(block.numbers[start]):
                result.append(block_of(block.lines[start:cut], block.widths[start:cut], block.texts[start:cut]))
                start = cut
    return result


def _mapped_article(page: Page, mapped: MappedArticle, lines: list[Line], regions: bool) -> Article | None:
    part = replace(page, lines=tuple(lines), reading_order=(), library_articles=())
    if has_geometry(part):
        blocks, geometry = layout_parts(part, keep_order=True, regions=regions)
        split = _split_at_map_roles(blocks, mapped)
        if len(split) != len(blocks):  # each piece keeps the geometry of the block it came from
            owner = {n: found for block, found in zip(blocks, geometry, strict=True) for n in block.numbers}
            geometry = [owner[block.numbers[0]] for block in split]
            blocks = split
        roles = classify_blocks(blocks)
        geometry_roles(part, blocks, geometry, roles)
    else:
        from reader.analysis.blocks import split_blocks

        blocks = _split_at_map_roles(split_blocks(lines), mapped)
        roles = classify_blocks(blocks)
    if not blocks:
        return None
    article = _build_article(part, _draft(mapped, blocks, roles), blocks, roles)
    return replace(article, segmentation="library")


def analyze_library_page(page: Page) -> tuple[Article, ...]:
    """The page's articles as the library's map draws them, plus ours for the lines it leaves out."""
    by_number = {line.number: line for line in page.lines if line.text.strip()}
    claimed: set[int] = set()
    found: list[tuple[int, Article]] = []
    order = {line.number: position for position, line in enumerate(page.lines)}
    regions = regions_group_lines(list(by_number.values()))  # judged on the page, not on one article
    for mapped in page.library_articles:
        lines = [by_number[n] for n in mapped.lines if n in by_number and n not in claimed]
        if not lines:
            continue
        claimed.update(line.number for line in lines)
        article = _mapped_article(page, mapped, lines, regions)
        if article is not None:
            found.append((min(order[line.number] for line in lines), article))
    rest = tuple(line for line in page.lines if line.number in by_number and line.number not in claimed)
    if rest:
        part = replace(page, lines=rest, library_articles=())
        if has_geometry(part):
            ours = analyze_layout_page(part)
        else:
            from reader.analysis.pipeline import analyze_page

            ours = analyze_page(replace(part, format="text"))
        found.extend((min(order[n] for n in article.source_lines), article) for article in ours if article.source_lines)
    return tuple(article for _, article in sorted(found, key=lambda item: item[0]))
