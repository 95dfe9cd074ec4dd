"""Article ids are unique within a page and stable across runs, whatever the page repeats."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.analysis import analyze_page
from reader.errors import InputError
from reader.ingest.text import read_page
from reader.model import Line, Page

DUPLICATE_PAGE = "mustang/dev/ua-nws_00004474_md-1992-56-118_p01.txt"


def _page(text: str, number: int = 1) -> Page:
    return Page(number=number, source="p.txt", lines=tuple(Line(i, t) for i, t in enumerate(text.split("\n"), 1)))


def _assert_unique_and_stable(page: Page) -> None:
    ids = [article.id for article in analyze_page(page)]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert ids == [article.id for article in analyze_page(page)]


def test_repeated_article_gets_a_deterministic_suffix() -> None:
    block = "Notice to readers\n\nThe office is closed on Monday for the holiday, as every year.\n\n"
    ids = [article.id for article in analyze_page(_page(block * 3, number=4))]
    assert len(ids) == 6 and len(set(ids)) == 6
    assert ids[2:4] == [f"{ids[0]}-2", f"{ids[1]}-2"]
    assert ids[4:6] == [f"{ids[0]}-3", f"{ids[1]}-3"]
    assert ids[0].startswith("p4-")


def test_the_page_that_crashed_the_app_has_unique_ids(corpus: Path) -> None:
    """This page printed two articles with the same content: the app raised DuplicateID."""
    _assert_unique_and_stable(read_page(corpus / DUPLICATE_PAGE))


def _corpus_pages() -> list[Path]:
    from tests.conftest import CORPUS

    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.rglob("*.txt") if p.name not in {"SOURCE.txt"} and "LICENSE" not in p.name)


@pytest.mark.parametrize("page_path", _corpus_pages() or [None], ids=lambda p: p.name if p else "no-corpus")
def test_every_corpus_page_has_unique_stable_ids(page_path: Path | None) -> None:
    if page_path is None:
        pytest.skip("../shared/corpus is not present")
    try:
        page = read_page(page_path)
    except InputError:
        pytest.skip(f"{page_path.name} is not a readable text page")
    _assert_unique_and_stable(page)


_REPEATED = st.lists(
    st.sampled_from(["Notice", "", "本报讯 记者 孙庆辉", "The end.", "高新区召开会议", "By JOHN SMITH", "—"]),
    max_size=60,
)


@settings(max_examples=200, deadline=None)
@given(_REPEATED | st.lists(st.text(max_size=40), max_size=40))
def test_random_pages_have_unique_stable_ids(lines: list[str]) -> None:
    _assert_unique_and_stable(_page("\n".join(lines)))
