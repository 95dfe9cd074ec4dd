"""Truth built at evaluation time from the libraries' own article maps (METS, DIDL) found in a corpus.

Nothing is copied into the project: for every issue folder under the corpus that ships a METS or DIDL
article map, each ALTO page's truth is made on the fly in the corpus truth format (``corpus/README.md``):
the map's articles (items of kind ``article`` with text beyond their heading) become truth articles, their
``HEADING``/``TITLE`` lines the headline lines and ``AUTHOR`` lines the byline lines; every other non-blank
line (mastheads, adverts, notices, lines no item claims) goes in ``other_lines``. The page is then read and
analyzed by the project as any ALTO page (without the map), and scored like the text sets.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from reader.errors import InputError
from reader.ingest.articlemap import find_article_map, read_article_map, resolve_units, scan_alto_lines
from reader.model import MappedArticle

__all__ = ["library_truth"]

#: Folder names that say nothing about the source; set names skip them.
_GENERIC = frozenset({"sample_data", "data", "newspaper", "newspapers"})


def _set_name(folder: Path, corpus: Path, map_file: Path) -> str:
    parts = [part for part in folder.relative_to(corpus).parts if part.lower() not in _GENERIC]
    kind = "didl" if "didl" in map_file.name.lower() else "mets"
    return "/".join(parts[:2]) + (" didl" if kind == "didl" else "")


def _truth(page_file: Path, articles: tuple[MappedArticle, ...], lines: int) -> dict:
    truth_articles = []
    claimed: set[int] = set()
    for article in articles:
        body = set(article.lines) - set(article.title_lines)
        if article.kind != "article" or not body:
            continue
        truth_articles.append(
            {
                "kind": "article",
                "source_lines": list(article.lines),
                "headline_lines": list(article.title_lines),
                "byline_lines": [n for n in article.byline_lines if n not in article.title_lines],
            }
        )
        claimed.update(article.lines)
    return {
        "page": page_file.name,
        "source": "library article map",
        "articles": truth_articles,
        "other_lines": [n for n in range(1, lines + 1) if n not in claimed],
    }


def library_truth(corpus: Path) -> Iterator[tuple[str, Path, dict]]:
    """``(set name, ALTO page file, truth)`` for every page of every issue with an article map under ``corpus``.

    Pages whose map or ALTO cannot be read are left out (they are robustness material, not truth).
    """
    folders = sorted({path.parent for path in corpus.rglob("*.xml") if _maybe_map(path)})
    for folder in folders:
        map_file = find_article_map(folder)
        if map_file is None:
            continue
        try:
            mapped = resolve_units(read_article_map(map_file))
        except InputError:
            continue
        name = _set_name(folder, corpus, map_file)
        for page_file in sorted(mapped):
            try:
                count = len(scan_alto_lines(page_file))
            except InputError:
                continue
            yield name, page_file, _truth(page_file, mapped[page_file], count)


def _maybe_map(path: Path) -> bool:
    name = path.name.lower()
    return "mets" in name or "didl" in name
