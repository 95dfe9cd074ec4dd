"""Latin paragraph-per-line pages: jump lines and sentences broken at a column end stay in their article."""

from __future__ import annotations

from reader.analysis import analyze_page
from reader.model import Line, Page

_BODY = (
    "The committee met on Tuesday evening to discuss the budget for next year, and members argued for "
    "three hours about the new parking structure before anyone proposed a vote on it."
)


def _page(*rows: str) -> Page:
    return Page(number=1, source="t.txt", lines=tuple(Line(i, text) for i, text in enumerate(rows, 1)))


def _owners(page: Page) -> dict[int, int]:
    return {n: i for i, article in enumerate(analyze_page(page)) for n in article.source_lines}


def test_jump_lines_stay_with_their_article() -> None:
    page = _page("Council delays parking vote", "By Jane Doe", "Staff Writer", _BODY, _BODY, "See COUNCIL, page 5")
    owners = _owners(page)
    assert owners[6] == owners[4] == owners[1]
    page = _page("Council delays parking vote", "From page 1", _BODY, _BODY)
    owners = _owners(page)
    assert owners[2] == owners[1] == owners[3]


def test_line_broken_at_column_end_is_not_a_headline() -> None:
    page = _page("Council delays parking vote", _BODY, "The members of the board said the", "vote " + _BODY)
    articles = analyze_page(page)
    assert len([a for a in articles if a.kind == "article"]) == 1
    assert articles[0].headline == "Council delays parking vote"


def test_hyphen_or_function_word_at_line_end_is_not_a_headline() -> None:
    for broken in ("The board also postponed two proposals for fur-", "A police spokesman said the"):
        page = _page("Council delays parking vote", _BODY, broken, "Another " + _BODY)
        articles = analyze_page(page)
        assert len([a for a in articles if a.kind == "article"]) == 1, broken


_FESTIVAL = (
    "Organizers of the spring festival said on Friday that the music stage will move to the lawn behind the "
    "library, where more than a thousand students are expected."
)


def test_real_headline_after_text_still_starts_an_article() -> None:
    # the second story's own text: words of a text the story above printed would make the line its subhead
    page = _page("Council delays parking vote", _BODY, "Students plan spring festival", _FESTIVAL)
    articles = [a for a in analyze_page(page) if a.kind == "article"]
    assert [a.headline for a in articles] == ["Council delays parking vote", "Students plan spring festival"]


def test_run_on_jump_line_and_photo_credit_stay_in_the_article() -> None:
    page = _page(
        "Council delays parking vote",
        _BODY,
        "JOHN SMITH/Campus Daily",
        _BODY,
        "“It was hard,” said See COUNCIL, page 10",
    )
    owners = _owners(page)
    assert owners[1] == owners[3] == owners[5]


def test_running_head_with_a_date_is_page_furniture() -> None:
    page = _page("Friday, May 15, l9B1", "Council delays parking vote", _BODY, _BODY)
    articles = analyze_page(page)
    assert articles[0].kind == "other"
    assert articles[1].headline == "Council delays parking vote"


def test_garbled_from_page_line_opens_a_continuation_under_its_jump_head() -> None:
    for jump in ("P'rom page 1", "I’rom page 2", "1< rom page 3"):
        page = _page("Town budget passes", _BODY, "PARKING", jump, _BODY)
        articles = [a for a in analyze_page(page) if a.kind == "article"]
        assert [a.headline for a in articles] == ["Town budget passes", "PARKING"], jump
        assert articles[1].paragraphs == (_BODY,), jump  # the jump line is not text


def test_title_line_over_a_jump_head_is_not_its_kicker() -> None:
    page = _page("Town budget passes", _BODY, "The Valley Courier", "PARKING", "From page 1", _BODY)
    articles = [a for a in analyze_page(page) if a.kind == "article"]
    assert [(a.kicker, a.headline) for a in articles] == [(None, "Town budget passes"), (None, "PARKING")]
    assert 3 not in {n for a in articles for n in a.source_lines}
