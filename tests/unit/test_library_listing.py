"""The saved library listing: what was scanned comes back the same; damage or another folder is a miss."""

from __future__ import annotations

from pathlib import Path

from reader.ingest import scan_library
from reader.library_listing import listing_path, load_listing, save_listing


def make_library(root: Path) -> Path:
    for folder, issue_json in (
        ("river/2020-03-15", '{"title": "河畔日报", "date": "2020-03-15", "edition": "晚版"}'),
        ("south/1921-06-01", None),
        ("bad", "{not json"),
    ):
        (root / folder).mkdir(parents=True)
        (root / folder / "page1.txt").write_text("标题\n\n正文。\n", encoding="utf-8")
        if issue_json is not None:
            (root / folder / "issue.json").write_text(issue_json, encoding="utf-8")
    return root


def test_a_saved_listing_loads_equal_to_the_scan(tmp_path) -> None:
    library = make_library(tmp_path / "library")
    refs = scan_library(library)
    assert any(ref.error for ref in refs) and any(ref.meta.provenance for ref in refs)  # both kinds of row
    assert save_listing(library, refs, tmp_path / "cache")
    assert load_listing(library, tmp_path / "cache") == refs


def test_no_listing_damage_or_another_folder_is_a_miss(tmp_path) -> None:
    library = make_library(tmp_path / "library")
    cache = tmp_path / "cache"
    assert load_listing(library, cache) is None
    save_listing(library, scan_library(library), cache)
    path = listing_path(library, cache)
    data = path.read_bytes()
    for damaged in (data[: len(data) // 2], b"", b"[]", data.replace(b'"issues":[', b'"issues":[[1],')):
        path.write_bytes(damaged)
        assert load_listing(library, cache) is None
    other = tmp_path / "other"
    other.mkdir()
    listing_path(other, cache).parent.mkdir(parents=True, exist_ok=True)
    listing_path(other, cache).write_bytes(data)  # a listing that names another library
    assert load_listing(other, cache) is None


def test_an_unwritable_cache_only_returns_false(tmp_path) -> None:
    library = make_library(tmp_path / "library")
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be")
    assert save_listing(library, scan_library(library), blocker) is False


def test_marks_count_notes_and_bookmarks_by_folder_or_by_the_issue_id_the_cache_recorded(tmp_path) -> None:
    from types import SimpleNamespace

    from reader.cache import AnalysisCache
    from reader.cache_analysis import open_issue_cached
    from reader.library_listing import issue_marks

    library = make_library(tmp_path / "library")
    river, south = library / "river/2020-03-15", library / "south/1921-06-01"
    opened = open_issue_cached(south, AnalysisCache.open(), workers=1)  # records south's issue id

    class Store:
        def list_notes(self):
            return [
                SimpleNamespace(issue_id="old-id", issue_path=str(river.resolve())),  # made in river
                SimpleNamespace(issue_id=opened.issue.id, issue_path="/elsewhere/moved"),  # south, moved since
                SimpleNamespace(issue_id=opened.issue.id, issue_path=str(south.resolve())),  # both: counted once
            ]

        def list_bookmarks(self):
            return [SimpleNamespace(issue_id="unrelated", issue_path=None)]

    refs = scan_library(library)
    marks = issue_marks(refs, Store())
    assert marks == {
        next(r.path for r in refs if r.path == river): (1, 0),
        next(r.path for r in refs if r.path == south): (2, 0),
    }
