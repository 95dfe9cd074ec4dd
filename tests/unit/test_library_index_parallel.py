"""The library index built from postings made in worker processes holds exactly what building it serially does."""

from __future__ import annotations

import sqlite3
from array import array
from pathlib import Path

import pytest

import reader.cache_analysis as cache_analysis
import reader.library_index as library_index
from reader.cache import AnalysisCache
from reader.cache_analysis import open_issue_cached
from reader.fold import fold_text
from reader.library_index import article_fields, connect, grams_of, refresh
from tests.unit.test_library_search import ENGLISH, SEED, TRADITIONAL, write_issue


def make_library(root: Path) -> Path:
    """Issues of one to four pages, Chinese and English, a page with no articles among them."""
    write_issue(root / "gaoxin" / "2022-12-02", [SEED, ENGLISH], "高新区报", "2022-12-02")
    write_issue(root / "daily" / "1939-04-21", [ENGLISH.replace("Monday", "Friday")], "Daily News", "1939-04-21")
    write_issue(root / "jingbao" / "1939-04-25", [TRADITIONAL, "", ENGLISH, SEED.replace("高新", "新区")], "晶報")
    return root


def serial_content(library: Path, limit: int = library_index.MAX_ARTICLES_PER_ISSUE) -> tuple[dict, dict]:
    """Articles and postings by issue folder, worked out one article at a time from a fresh analysis."""
    articles: dict[str, list[tuple]] = {}
    postings: dict[tuple[str, str], list[int]] = {}
    for folder in sorted(p for p in library.glob("*/*") if p.is_dir()):
        analysis = open_issue_cached(folder, None, workers=1)
        key = str(folder.absolute())
        articles[key] = []
        for local, article in enumerate(analysis.articles[:limit]):
            codes, body = article_fields(article)
            articles[key].append((local, article.page_number, article.kind, article.id, article.headline, codes, body))
            for gram in grams_of(fold_text(body)):
                postings.setdefault((gram, key), []).append(local)
    return articles, postings


def index_content(conn: sqlite3.Connection) -> tuple[dict, dict]:
    paths = dict(conn.execute("SELECT issue, path FROM issues"))
    articles: dict[str, list[tuple]] = {path: [] for path in paths.values()}
    for issue, *row in conn.execute("SELECT * FROM articles ORDER BY issue, local"):
        articles[paths[issue]].append(tuple(row))
    postings = {
        (gram, paths[issue]): array("H", blob).tolist()
        for gram, issue, blob in conn.execute("SELECT gram, issue, locals FROM postings")
    }
    return articles, postings


@pytest.mark.parametrize("chunk_pages", [16, 2, 1])
@pytest.mark.parametrize("workers", [2, 1])
def test_postings_made_by_workers_match_a_serial_build(tmp_path: Path, monkeypatch, workers: int, chunk_pages) -> None:
    """Whole issues merged by a worker, or in pieces (of ``chunk_pages`` pages) merged here."""
    monkeypatch.setattr(cache_analysis, "INDEX_CHUNK_PAGES", chunk_pages)
    library = make_library(tmp_path / "library")
    conn = connect(tmp_path / "index.sqlite")
    report = refresh(conn, library, cache=AnalysisCache(tmp_path / "cache"), workers=workers)
    assert report.indexed == 3 and not report.errors
    expected = serial_content(library)
    assert sum(map(len, expected[0].values())) > 10 and len(expected[1]) > 100  # the comparison has substance
    assert index_content(conn) == expected


def test_an_index_built_from_warm_cache_entries_matches_too(tmp_path: Path) -> None:
    library = make_library(tmp_path / "library")
    cache_root = tmp_path / "cache"
    refresh(connect(tmp_path / "first.sqlite"), library, cache=AnalysisCache(cache_root), workers=2)
    conn = connect(tmp_path / "second.sqlite")  # every issue warm: the parent makes the postings itself
    refresh(conn, library, cache=AnalysisCache(cache_root), workers=2)
    assert index_content(conn) == serial_content(library)


def test_articles_past_the_per_issue_limit_are_left_out_as_before(tmp_path: Path, monkeypatch) -> None:
    library = make_library(tmp_path / "library")
    monkeypatch.setattr(library_index, "MAX_ARTICLES_PER_ISSUE", 3)
    monkeypatch.setattr(cache_analysis, "INDEX_CHUNK_PAGES", 1)  # the cut falls inside a piece merged here
    conn = connect(tmp_path / "index.sqlite")
    refresh(conn, library, cache=AnalysisCache(tmp_path / "cache"), workers=1)
    articles, postings = index_content(conn)
    assert max(map(len, articles.values())) == 3
    assert (articles, postings) == serial_content(library, limit=3)
