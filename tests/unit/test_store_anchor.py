"""resolve_anchor: notes survive a moved issue and an improved analysis, and never jump to another article."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reader.store import Store, resolve_anchor
from tests.unit.test_store_support import ARTICLE_A, ARTICLE_B, ARTICLE_C, make_analysis, make_article, sample_analysis


def _note(tmp_path: Path, article=ARTICLE_A, quote: str = ""):
    store = Store.open(tmp_path / "d")
    return store, store.add_note(sample_analysis(), article, "my note", quote=quote)


def test_same_id_resolves(tmp_path: Path) -> None:
    _, note = _note(tmp_path)
    assert resolve_anchor(note, sample_analysis()) == ARTICLE_A


def test_moved_issue_keeps_notes(tmp_path: Path) -> None:
    """The issue id is a content hash: the same issue opened from another folder finds its notes."""
    store, note = _note(tmp_path)
    moved = sample_analysis(source="/elsewhere/renamed")
    assert store.notes_for_article(moved.issue.id, ARTICLE_A.id) == [note]


def test_new_id_same_text_resolves_by_fingerprint(tmp_path: Path) -> None:
    _, note = _note(tmp_path)
    renamed = replace(ARTICLE_A, id="p1-newid000000", source_lines=(40, 41))
    assert resolve_anchor(note, make_analysis((ARTICLE_B, renamed))) == renamed


def test_better_segmentation_resolves_by_content(tmp_path: Path) -> None:
    """A lead paragraph re-attached and the headline re-joined: the text changed, the article is the same."""
    store, note = _note(tmp_path, quote="典礼于下午三时开始")
    improved = make_article(
        "p1-improved000",
        "中央人民政府 成立",
        ("导语：今天是历史性的一天。", *ARTICLE_A.paragraphs),
        (1, 2, 3, 4, 30),
    )
    analysis = make_analysis((ARTICLE_B, improved, ARTICLE_C))
    assert resolve_anchor(note, analysis) == improved
    assert store.notes_for_article("issue0001", improved.id, analysis) == [note]
    assert store.notes_for_article("issue0001", improved.id) == []  # without the analysis: ids only


def test_bookmark_re_anchors(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "d")
    store.add_bookmark(sample_analysis(), ARTICLE_B)
    moved = replace(ARTICLE_B, id="p1-moved000000")
    analysis = make_analysis((ARTICLE_A, moved))
    assert store.is_bookmarked("issue0001", moved.id, analysis)
    assert not store.is_bookmarked("issue0001", ARTICLE_A.id, analysis)
    assert store.toggle_bookmark(analysis, moved) is False
    assert store.list_bookmarks() == []


def test_vanished_article_is_not_found_never_another(tmp_path: Path) -> None:
    """Article B is gone; C sits on B's old lines with other text: the bookmark of B is dangling."""
    store = Store.open(tmp_path / "d")
    bookmark = store.add_bookmark(sample_analysis(), ARTICLE_B)
    usurper = replace(ARTICLE_C, source_lines=ARTICLE_B.source_lines)
    analysis = make_analysis((ARTICLE_A, usurper))
    assert resolve_anchor(bookmark, analysis) is None
    assert not store.is_bookmarked("issue0001", usurper.id, analysis)


def test_same_headline_alone_is_not_enough(tmp_path: Path) -> None:
    _, note = _note(tmp_path)
    namesake = make_article(
        "p2-other000000", ARTICLE_A.headline, ("完全不同的另一篇报道内容，与原文无关。",), (90, 91), page=2
    )
    assert resolve_anchor(note, make_analysis((namesake,))) is None
