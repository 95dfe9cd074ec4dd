"""The analysis cache: warm opens match cold ones, changes are noticed, bad entries are misses, size is bounded."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reader.cache import AnalysisCache, analyser_version, cache_dir
from reader.cache_analysis import open_issue_cached
from reader.cli import main
from reader.document import open_issue
from tests.conftest import SEED_PAGE

LATIN = "THE DAILY NEWS\n\nMAYOR OPENS BRIDGE\n\nBy John Smith\n\nThe mayor opened the new bridge on Monday.\nCrowds cheered.\n"


def make_issue(folder: Path, pages: int = 3) -> Path:
    """An issue folder of small pages: the seed page and English pages, each altered by a line of its own."""
    folder.mkdir(parents=True, exist_ok=True)
    seed = SEED_PAGE.read_text(encoding="utf-8")
    for number in range(1, pages + 1):
        text = seed if number % 2 else LATIN
        (folder / f"page-{number:02d}.txt").write_text(f"{text}\nline of copy {number}\n", encoding="utf-8")
    return folder


def article_rows(analysis) -> list[tuple]:
    return [
        (a.id, a.kind, a.page_number, a.headline, a.byline, a.paragraphs, a.source_lines) for a in analysis.articles
    ]


def test_warm_open_matches_a_fresh_analysis_without_reading_pages(tmp_path: Path, monkeypatch) -> None:
    issue = make_issue(tmp_path / "issue")
    cache = AnalysisCache(tmp_path / "cache")
    fresh = open_issue(issue)
    cold = open_issue_cached(issue, cache, workers=1)
    # Warm: no page may be read (the cheap size/mtime check and the entries are enough).
    import reader.ingest.detect as text_module

    monkeypatch.setattr(text_module, "read_page", lambda *a, **k: pytest.fail("a warm open read a page"))
    warm = open_issue_cached(issue, AnalysisCache(tmp_path / "cache"), workers=1)
    assert article_rows(cold) == article_rows(warm) == article_rows(fresh)
    assert warm.issue.id == cold.issue.id == fresh.issue.id
    assert [p.page.encoding for p in warm.pages] == [p.page.encoding for p in fresh.pages]
    assert all(page.lines == () for page in warm.issue.pages)


def test_parallel_cold_open_matches_in_process(tmp_path: Path) -> None:
    issue = make_issue(tmp_path / "issue", pages=8)
    parallel = open_issue_cached(issue, AnalysisCache(tmp_path / "a"), workers=2)
    serial = open_issue_cached(issue, None, workers=1)
    assert article_rows(parallel) == article_rows(serial) == article_rows(open_issue(issue))
    assert parallel.issue.id == serial.issue.id


def test_a_changed_page_is_analyzed_again(tmp_path: Path) -> None:
    issue = make_issue(tmp_path / "issue")
    cache = AnalysisCache(tmp_path / "cache")
    open_issue_cached(issue, cache, workers=1)
    page = issue / "page-02.txt"
    page.write_text("NEW HEADLINE HERE\n\nA different story entirely, told at length.\n", encoding="utf-8")
    os.utime(page, ns=(1, 1))  # even with an old mtime, the size differs
    reopened = open_issue_cached(issue, cache, workers=1)
    assert article_rows(reopened) == article_rows(open_issue(issue))


def test_same_size_same_mtime_edit_is_the_documented_blind_spot_and_renames_are_not(tmp_path: Path) -> None:
    issue = make_issue(tmp_path / "issue", pages=2)
    cache = AnalysisCache(tmp_path / "cache")
    before = open_issue_cached(issue, cache, workers=1)
    (issue / "page-02.txt").rename(issue / "page-03.txt")
    after = open_issue_cached(issue, cache, workers=1)
    assert [p.page.source for p in after.pages][-1].endswith("page-03.txt")
    assert article_rows(after) == article_rows(before)


CORRUPT_ENTRIES = {
    "empty": b"",
    "truncated": b'{"format":1,"key":"',
    "not-json": b"\x00\xff garbage",
    "list": b"[]",
    "wrong-shape": b'{"format":1,"key":"KEY","page":{},"articles":[[1]]}',
    "other-key": b'{"format":1,"key":"someone-else","page":{},"articles":[]}',
}


@pytest.mark.parametrize("variant", sorted(CORRUPT_ENTRIES))
def test_a_corrupt_entry_is_a_miss_and_is_rewritten(tmp_path: Path, variant: str) -> None:
    issue = make_issue(tmp_path / "issue", pages=2)
    cache = AnalysisCache(tmp_path / "cache")
    expected = article_rows(open_issue_cached(issue, cache, workers=1))
    entries = sorted((cache.entries_dir).rglob("*.json"))
    assert len(entries) == 2
    for entry in entries:
        key = entry.stem
        entry.write_bytes(CORRUPT_ENTRIES[variant].replace(b"KEY", key.encode()))
    assert article_rows(open_issue_cached(issue, AnalysisCache(tmp_path / "cache"), workers=1)) == expected
    # rewritten whole: the next open is warm again
    assert cache.get(entries[0].stem, "x") is not None


@pytest.mark.parametrize("content", [b"", b"{", b"[]", b'{"format":1,"version":"x"}', b"\xef\xbb\xbf{}"])
def test_a_corrupt_folder_record_is_a_miss(tmp_path: Path, content: bytes) -> None:
    issue = make_issue(tmp_path / "issue", pages=2)
    cache = AnalysisCache(tmp_path / "cache")
    expected = article_rows(open_issue_cached(issue, cache, workers=1))
    cache.folder_path(issue).write_bytes(content)
    assert article_rows(open_issue_cached(issue, cache, workers=1)) == expected


def test_an_unwritable_cache_never_stops_a_command(tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    issue = make_issue(tmp_path / "issue", pages=2)
    assert article_rows(open_issue_cached(issue, AnalysisCache(blocker), workers=1)) == article_rows(open_issue(issue))
    assert main(["list", str(issue), "--cache-dir", str(blocker)]) == 0
    assert "MAYOR OPENS BRIDGE" in capsys.readouterr().out


def test_least_recently_used_entries_are_evicted_past_the_bound(tmp_path: Path) -> None:
    first = make_issue(tmp_path / "one", pages=4)
    second = make_issue(tmp_path / "two", pages=4)
    for number in range(1, 5):  # different bytes from the first issue's pages
        with open(second / f"page-{number:02d}.txt", "a", encoding="utf-8") as handle:
            handle.write("second issue\n")
    cache = AnalysisCache(tmp_path / "cache")
    open_issue_cached(first, cache, workers=1)
    for entry in cache.entries_dir.rglob("*.json"):
        os.utime(entry, (1_000_000, 1_000_000))  # long unused
    open_issue_cached(second, cache, workers=1)
    size = sum(p.stat().st_size for p in cache.entries_dir.rglob("*.json"))
    cache.max_bytes = size * 9 // 10  # eviction goes down to 80% of this: the old half only
    assert cache.maintain(force=True) >= 4
    # the recently used issue is still warm; the old one is a miss, analyzed again correctly
    assert cache.folder_record(second, _stats(second)) is not None
    assert all(cache.get(key, "x") is not None for key in cache.folder_record(second, _stats(second))[1])
    assert article_rows(open_issue_cached(first, cache, workers=1)) == article_rows(open_issue(first))


def _stats(folder: Path):
    from reader.cache import stat_pages
    from reader.ingest.issue import find_page_files

    return stat_pages(find_page_files(folder))


def test_entries_of_deleted_issues_are_pruned(tmp_path: Path) -> None:
    kept = make_issue(tmp_path / "kept", pages=2)
    gone = make_issue(tmp_path / "gone", pages=3)
    (gone / "page-01.txt").write_text("ONLY IN THE GONE ISSUE\n\nSome text of its own.\n", encoding="utf-8")
    cache = AnalysisCache(tmp_path / "cache")
    open_issue_cached(kept, cache, workers=1)
    open_issue_cached(gone, cache, workers=1)
    before = len(list(cache.entries_dir.rglob("*.json")))
    shutil.rmtree(gone)
    cache.maintain(force=True)
    # the two pages only the deleted issue had (1 and 3) are gone; page 2, shared with the kept issue, stays
    assert len(list(cache.entries_dir.rglob("*.json"))) == before - 2
    assert cache.folder_record(kept, _stats(kept)) is not None
    assert len(list((cache.root / "folders").rglob("*.json"))) == 1


def test_stale_temp_files_of_killed_writers_are_removed(tmp_path: Path) -> None:
    issue = make_issue(tmp_path / "issue", pages=1)
    cache = AnalysisCache(tmp_path / "cache")
    open_issue_cached(issue, cache, workers=1)
    stale = next(cache.entries_dir.rglob("*.json")).with_name(".tmp-abandoned.json.1234")
    stale.write_bytes(b'{"half')
    os.utime(stale, (1_000_000, 1_000_000))
    cache.maintain(force=True)
    assert not stale.exists()


def test_analyser_version_follows_the_analysis_source(tmp_path: Path, monkeypatch) -> None:
    import reader.cache as cache_module

    package = tmp_path / "reader"
    for name in ("analysis", "ingest"):
        shutil.copytree(Path(cache_module.__file__).parent / name, package / name)
    shutil.copy(Path(cache_module.__file__).parent / "model.py", package / "model.py")
    monkeypatch.setattr(cache_module, "_PACKAGE", package)
    before = analyser_version.__wrapped__()
    with open(package / "analysis" / "roles.py", "a", encoding="utf-8") as handle:
        handle.write("\n# a change\n")
    assert analyser_version.__wrapped__() != before
    assert analyser_version() == analyser_version()  # computed once per process


def test_cache_dir_comes_from_option_then_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "env"))
    assert cache_dir() == tmp_path / "env"
    assert cache_dir(tmp_path / "opt") == tmp_path / "opt"
    monkeypatch.delenv("READER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert str(cache_dir()).startswith(str(tmp_path / "xdg"))


def test_cache_info_and_clear_commands(tmp_path: Path, capsys) -> None:
    import json

    issue = make_issue(tmp_path / "issue", pages=2)
    where = tmp_path / "moved"
    assert main(["list", str(issue), "--cache-dir", str(where)]) == 0
    capsys.readouterr()
    assert main(["cache", "info", "--json", "--cache-dir", str(where)]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["path"] == str(where) and info["entries"] == 2 and info["folders"] == 1
    assert main(["cache", "info", "--cache-dir", str(where)]) == 0
    assert "pages          2" in capsys.readouterr().out
    assert main(["cache", "clear", "--cache-dir", str(where)]) == 0
    capsys.readouterr()
    assert main(["cache", "info", "--json", "--cache-dir", str(where)]) == 0
    assert json.loads(capsys.readouterr().out)["entries"] == 0


def test_importing_the_cache_touches_no_disk(tmp_path: Path) -> None:
    import subprocess
    import sys

    env = {**os.environ, "READER_CACHE_DIR": str(tmp_path / "never"), "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    code = "import reader.cache, reader.cache_analysis, reader.cache_codec, reader.index"
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    assert not (tmp_path / "never").exists() and not (tmp_path / "xdg").exists()


def test_entries_round_trip_every_article_field() -> None:
    from reader.analysis import analyze_page
    from reader.cache_codec import decode_entry, encode_entry
    from reader.ingest.detect import read_page

    page = read_page(SEED_PAGE, 3)
    articles = analyze_page(page)
    decoded_page, decoded = decode_entry(encode_entry("k-3", page, articles), "k-3", page.source)
    assert decoded == articles and any(a.contributors for a in decoded)
    assert (decoded_page.number, decoded_page.encoding, decoded_page.format) == (3, page.encoding, page.format)
