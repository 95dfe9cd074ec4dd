"""Search across Chinese scripts (reader.search)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.convert import get_converter
from reader.document import open_issue
from reader.errors import ReaderError
from reader.model import Article, Issue, IssueAnalysis, IssueMeta, Line, Page, PageAnalysis
from reader.search import Hit, find_spans, fold, search_issue
from tests.conftest import SEED_PAGE
from tests.unit.test_store_support import make_article


def _article(article_id: str, page: int, headline: str | None, *paragraphs: str, byline: str | None = None) -> Article:
    return make_article(article_id, headline, paragraphs, (1,), page=page, byline=byline)


def _issue(*pages: tuple[Article, ...]) -> IssueAnalysis:
    page_objects = tuple(Page(number, f"page-{number}.txt", (Line(1, "x"),)) for number in range(1, len(pages) + 1))
    issue = Issue("test", "test", IssueMeta(), page_objects)
    return IssueAnalysis(
        issue, tuple(PageAnalysis(page, articles) for page, articles in zip(page_objects, pages, strict=True))
    )


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        ("高新区梧桐园区", "高新區", [(0, 3)]),  # traditional query, simplified text
        ("高新區梧桐園區", "高新区", [(0, 3)]),  # simplified query, traditional text
        ("本報訊 高新區和高新区", "高新区", [(4, 7), (8, 11)]),  # both scripts in one text
        ("我们吃面", "喫麪", [(2, 4)]),  # s2t's standard forms
        ("裡面和裏面", "里面", [(0, 2), (3, 5)]),  # regional variants of 里
        ("工作的软件", "軟體", [(3, 5)]),  # Taiwan phrase finds the mainland phrase
        ("工作的軟體", "软件", [(3, 5)]),  # and the reverse
        ("ＡＢＣ and abc", "abc", [(0, 3), (8, 11)]),  # full-width and case folded
        ("第１２期", "12", [(1, 3)]),
        ("aaaa", "aa", [(0, 2), (2, 4)]),  # non-overlapping
        ("高新区", "", []),
        ("高新区", "   ", []),
        ("", "高新区", []),
        ("高新区", "梧桐", []),
    ],
)
def test_find_spans(text: str, query: str, expected: list[tuple[int, int]]) -> None:
    assert find_spans(text, query) == expected


def test_find_spans_in_text_converted_with_a_length_change() -> None:
    """In Taiwan display 方便面 → 泡麵 shortens the text: spans index the displayed text, not the source."""
    source = "方便面和高新区的软件"
    taiwan = get_converter("taiwan")
    shown = taiwan(source)
    assert shown == "泡麵和高新區的軟體"
    assert find_spans(shown, "高新区", convert=taiwan) == [(3, 6)]
    assert shown[3:6] == "高新區"
    assert find_spans(shown, "方便面", convert=taiwan) == [(0, 2)]  # the source's phrase finds its display form
    assert find_spans(shown, "泡麵") == [(0, 2)]
    assert find_spans(shown, "软件") == [(7, 9)]  # tw2sp/s2twp query forms relate the phrases


def test_longer_phrase_form_wins_over_a_shorter_one() -> None:
    shown = get_converter("taiwan")("用U盘拷贝")
    assert shown == "用隨身碟複製"
    assert find_spans(shown, "U盘") == [(1, 4)]


def test_fold_keeps_length_and_needs_two_passes_where_t2s_does() -> None:
    assert fold("高新區 ＡＢＣ") == "高新区 abc"
    assert fold("薴") == "苎"  # t2s gives 苧, a second pass 苎
    assert find_spans("苎麻", "薴麻") == [(0, 2)]


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=80))
def test_fold_never_changes_length(text: str) -> None:
    assert len(fold(text)) == len(text)


_TEXT = st.text(
    st.one_of(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), st.sampled_from("高新区區 ,.\n\x00abcＡ")),
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(_TEXT, st.data())
def test_any_slice_of_the_text_is_found(text: str, data: st.DataObject) -> None:
    """Spans are in bounds, in order, never overlap, and any stripped slice of the text is found."""
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    query = text[start:end]
    spans = find_spans(text, query)
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:], strict=False))
    if query.strip() == query and query:
        assert spans


def test_search_issue_reading_order_and_offsets_after_conversion() -> None:
    analysis = _issue(
        (
            _article("a1", 1, "方便面厂落户高新区", "方便面厂昨日在高新区开工。", "高新区管委会到场。"),
            _article("a2", 1, None, "与高新區无关的方便面。", byline="记者 高新区"),
        ),
        (_article("a3", 2, "高新區新聞", "买了U盘和高新区资料"),),
    )
    hits = search_issue(analysis, "高新區", "taiwan")
    assert [(hit.article_number, hit.page_number, hit.field, hit.paragraph_index) for hit in hits] == [
        (1, 1, "headline", None),
        (1, 1, "paragraph", 0),
        (1, 1, "paragraph", 1),
        (2, 1, "byline", None),
        (2, 1, "paragraph", 0),
        (3, 2, "headline", None),
        (3, 2, "paragraph", 0),
    ]
    taiwan = get_converter("taiwan")
    for hit in hits:
        if hit.field == "byline":  # a name in a byline is shown as printed (never converted), and found so
            assert hit.match == "高新区" and hit.text == "記者 高新区"
            continue
        assert hit.match == "高新區"
        assert hit.text == taiwan(getattr(hit.article, hit.field) if hit.paragraph_index is None else
                                  hit.article.paragraphs[hit.paragraph_index])  # fmt: skip
    # 方便面 → 泡麵 and U盘 → 隨身碟 change the length before the hit.
    assert hits[0].text == "泡麵廠落戶高新區" and hits[0].span == (5, 8)
    assert hits[1].text == "泡麵廠昨日在高新區開工。" and hits[1].span == (6, 9)
    assert hits[6].text == "買了隨身碟和高新區資料" and hits[6].span == (6, 9)
    # Without conversion the same hits sit elsewhere in the source text.
    plain = search_issue(analysis, "高新區")
    assert plain[0].span == (6, 9) and plain[0].match == "高新区"
    assert plain[6].span == (5, 8)


def test_search_issue_accepts_a_converter_and_rejects_bad_names() -> None:
    analysis = _issue((_article("a1", 1, "高新区", "软件"),))
    by_name = search_issue(analysis, "软件", "taiwan")
    by_function = search_issue(analysis, "软件", get_converter("taiwan"))
    assert [(h.span, h.text) for h in by_name] == [(h.span, h.text) for h in by_function] == [((0, 2), "軟體")]
    assert search_issue(analysis, "  ") == []
    with pytest.raises(ReaderError):
        search_issue(analysis, "软件", "nope")


def test_snippet_marks_the_hit_on_one_line() -> None:
    text = "第一行\n" + "甲" * 30 + "高新区" + "乙" * 30
    hit = Hit(1, _article("a", 1, None, text), 1, "paragraph", 0, text, 34, 37)
    before, match, after = hit.context(5)
    assert (before, match, after) == ("…甲甲甲甲甲", "高新区", "乙乙乙乙乙…")
    assert "«高新区»" in hit.snippet and "\n" not in hit.snippet
    short = Hit(1, _article("a", 1, None, "a\n高新区\tb"), 1, "paragraph", 0, "a\n高新区\tb", 2, 5)
    assert short.snippet == "a «高新区» b"


def test_seed_issue() -> None:
    analysis = open_issue(SEED_PAGE.parent)
    simplified = search_issue(analysis, "高新区")
    traditional = search_issue(analysis, "高新區")
    assert simplified and [h.span for h in simplified] == [h.span for h in traditional]
    numbers = [(h.article_number, h.paragraph_index or -1) for h in simplified]
    assert numbers == sorted(numbers, key=lambda n: n[0])  # reading order: article by article
    shown = search_issue(analysis, "高新区", "traditional")
    assert [h.match for h in shown] == ["高新區"] * len(simplified)


def test_query_forms_are_prepared_once() -> None:
    from reader.search import QUERY_CONFIGS, query_forms, warm_up

    warm_up()
    taiwan = get_converter("taiwan")
    assert query_forms("高新区", taiwan) is query_forms("高新区", taiwan)
    forms = query_forms("软件", taiwan).folded
    assert "软件" in forms and "软体" in forms  # 軟體 folds to 软体 character by character
    assert len(QUERY_CONFIGS) == 6
