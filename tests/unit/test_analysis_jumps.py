"""Jumped stories: each part stays its own article, the parts link by id, and jump lines are not text."""

from __future__ import annotations

from reader.analysis import analyze_page
from reader.analysis.jumps import find_jump, link_jumps, strip_jumps
from reader.contract import article_document
from reader.model import Article, Confidence, Line, Page, PageAnalysis

_BODY = (
    "The committee met on Tuesday evening to discuss the budget for next year, and members argued for "
    "three hours about the new parking structure before anyone proposed a vote on it."
)


def _page(number: int, *rows: str) -> Page:
    """A page of one row per line with a blank line between rows, as text exports print them."""
    spaced = [text for row in rows for text in (row, "")]
    return Page(number=number, source=f"p{number}.txt", lines=tuple(Line(i, t) for i, t in enumerate(spaced, 1)))


def test_jump_lines_are_read_with_keyword_and_page() -> None:
    assert find_jump("See GOATS, page 3", "to") == ("GOATS", 3)
    assert find_jump("… he said. See PATROL, back page", "to") == ("PATROL", 0)
    assert find_jump("Please see page 6", "to") == ("", 6)
    assert find_jump("From page 1", "from") == ("", 1)
    assert find_jump("The page was blank", "to") is None


def test_jump_lines_stay_out_of_the_text_but_in_the_source_lines() -> None:
    assert strip_jumps("the goats ate it all. See GOATS, page 3") == "the goats ate it all."
    assert strip_jumps("From page 1 growth.”") == "growth.”"
    assert strip_jumps("For details about the budget and the fees, see page 5 of the report.") == (
        "For details about the budget and the fees, see page 5 of the report."
    )
    (article,) = analyze_page(_page(1, "Goats clear the hill", _BODY, _BODY, "See GOATS, page 3"))
    assert 7 in article.source_lines
    assert not any("GOATS" in paragraph for paragraph in article.paragraphs)
    assert article.confidence.reasons["jump_to"] == "See GOATS, page 3"


def test_the_parts_of_a_jumped_story_link_to_each_other() -> None:
    first = _page(1, "Goats clear the hill", _BODY, "See GOATS, page 3")
    other = _page(2, "Students plan spring festival", _BODY)
    rest = _page(3, "Council votes", _BODY, "GOATS", "From page 1", _BODY)
    pages = link_jumps([PageAnalysis(page, analyze_page(page)) for page in (first, other, rest)])
    source = pages[0].articles[0]
    target = next(a for a in pages[2].articles if a.continued_from)
    assert source.continues_on == target.id and target.continued_from == source.id
    assert target.headline == "GOATS"
    assert article_document(source)["continues_on"] == target.id
    assert "continues_on" not in article_document(pages[1].articles[0])


def test_a_fragment_headline_is_shown_with_its_whole_title() -> None:
    def titled(kicker: str | None, headline: str, subheadline: str | None = None) -> Article:
        return Article("a", "article", 1, kicker, headline, subheadline, None, (), None, ("正文",), (1,), Confidence())

    assert titled("京華", "之起居注").display_title == "京華 之起居注"
    assert titled("長篇小說", "（一）（〇）（五）").display_title == "長篇小說 （一）（〇）（五）"
    assert titled("京華", "新聞一束").display_title == "新聞一束"
    assert titled(None, "之起居注").display_title == "之起居注"
    assert titled("京華", "新聞一束", "續").full_title == "京華 新聞一束 續"
    # A Latin headline that opens in lower case goes on from the line above it.
    assert titled("Poly students watch", "hopefuls’ first debate").display_title == (
        "Poly students watch hopefuls’ first debate"
    )
    assert titled("CAMPUS", "Budget vote delayed").display_title == "Budget vote delayed"
    assert titled(None, "iPhone sales").display_title == "iPhone sales"
