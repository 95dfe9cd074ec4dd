"""Cache entries decode to the very articles that were encoded, including rows written before a field existed."""

from __future__ import annotations

import orjson
import pytest

from reader.cache_codec import CorruptEntry, article_from_row, article_row, decode_entry, encode_entry
from reader.model import Article, Confidence, Contributor, Page


def full_article() -> Article:
    return Article(
        id="p2-a3",
        kind="article",
        page_number=2,
        kicker="本报讯",
        headline="高新区 [red]號外[/]",
        subheadline="副题",
        byline="记者 孙庆辉 通讯员 陈璐 文/图",
        contributors=(Contributor("记者", "孙庆辉"), Contributor("通讯员", "陈璐"), Contributor(None, "佚名")),
        dateline="11月29日",
        paragraphs=("第一段。", "第二段。"),
        source_lines=(4, 5, 6, 9),
        confidence=Confidence(0.9, 0.8, 0.7, {"headline": "large type", "byline": "role words"}),
        headline_lines=(4,),
        byline_lines=(9,),
        paragraph_starts=(5, 6),
        segmentation="library",
        continues_on="p3-a1",
        continued_from=None,
    )


def round_trip(article: Article) -> Article:
    return article_from_row(orjson.loads(orjson.dumps(article_row(article))))


def test_every_field_survives_the_round_trip() -> None:
    article = full_article()
    decoded = round_trip(article)
    assert decoded == article
    assert type(decoded.paragraphs) is tuple and type(decoded.source_lines) is tuple
    assert type(decoded.contributors) is tuple and decoded.contributors[0] == Contributor("记者", "孙庆辉")
    assert dict(decoded.confidence.reasons) == {"headline": "large type", "byline": "role words"}


def test_an_article_without_contributors_or_reasons() -> None:
    article = Article("a", "advert", 1, None, None, None, None, (), None, (), (), Confidence())
    assert round_trip(article) == article


def test_a_row_written_before_the_defaulted_fields_takes_their_defaults() -> None:
    row = orjson.loads(orjson.dumps(article_row(full_article())))[:12]
    decoded = article_from_row(row)
    assert decoded.headline_lines == decoded.byline_lines == decoded.paragraph_starts == ()
    assert decoded.segmentation == "ours" and decoded.continues_on is None and decoded.continued_from is None
    assert decoded.paragraphs == ("第一段。", "第二段。")


@pytest.mark.parametrize("size", [0, 11, 19])
def test_a_row_of_the_wrong_size_is_corrupt(size: int) -> None:
    row = (article_row(full_article()) + [None])[:size]
    with pytest.raises(CorruptEntry):
        article_from_row(row)


def test_a_torn_entry_is_corrupt_not_a_crash() -> None:
    page = Page(number=1, source="p.txt", lines=())
    data = encode_entry("k", page, (full_article(),))
    assert decode_entry(data, "k", "p.txt")[1] == (full_article(),)
    for cut in (1, len(data) // 2, len(data) - 1):
        with pytest.raises(CorruptEntry):
            decode_entry(data[:cut], "k", "p.txt")
