"""Property tests: analysis never crashes and uses every non-blank line exactly once; it scales linearly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.analysis import analyze_page
from reader.model import Line, Page

_ALPHABET = st.sampled_from(
    list("本报讯记者通讯员文图（）()、，。；：“”◘▲  \u3000abcXYZ.-0123456789丹翁十三By查査") + ["\n", "\n"]
)


def _page(text: str) -> Page:
    return Page(number=2, source="p.txt", lines=tuple(Line(i, t) for i, t in enumerate(text.split("\n"), 1)))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=400) | st.text(max_size=300))
def test_every_nonblank_line_in_exactly_one_article(text: str) -> None:
    page = _page(text)
    articles = analyze_page(page)
    used = sorted(n for article in articles for n in article.source_lines)
    assert used == [line.number for line in page.lines if line.text.strip()]
    for article in articles:
        assert article.id.startswith("p2-")
        assert set(article.headline_lines) <= set(article.source_lines)
        assert set(article.byline_lines) <= set(article.source_lines)
        assert not set(article.headline_lines) & set(article.byline_lines)
        assert 0.0 <= article.confidence.overall <= 1.0


def test_ten_thousand_line_page_completes_and_is_correct() -> None:
    block = [
        "高新区召开会议",
        "",
        "本报讯 11月 29日，高新区梧桐园区运营中心党支部召开",
        "专题组织生活会，党支部全体党员参会。",
        "记者 孙庆辉",
        "",
    ]
    lines = block * 1700
    page = _page("\n".join(lines))
    articles = [a for a in analyze_page(page) if a.kind == "article"]
    assert len(lines) >= 10_000
    assert len(articles) == 1700
    assert all(a.headline == "高新区召开会议" and a.byline == "记者 孙庆辉" for a in articles)
    assert articles[0].paragraphs == (
        "本报讯 11月29日，高新区梧桐园区运营中心党支部召开专题组织生活会，党支部全体党员参会。",
    )
