"""English pages: how stories are assembled from blocks when OCR order breaks them up (issue 11)."""

from __future__ import annotations

from reader.analysis import analyze_page
from reader.model import Line, Page

_BODY = (
    "The committee met on Tuesday evening to discuss the budget for next year, and members argued for "
    "three hours about the new parking structure before anyone proposed a vote on it."
)
_MORE = (
    "Students who spoke at the meeting said the fees were already too high, and several asked the board to "
    "wait until the spring before it decides anything about the plan."
)


def _page(*rows: str) -> Page:
    return Page(number=1, source="t.txt", lines=tuple(Line(i, text) for i, text in enumerate(rows, 1)))


def _articles(*rows: str):
    return [a for a in analyze_page(_page(*rows)) if a.kind == "article"]


def test_a_headline_read_as_text_above_a_by_line_heads_the_next_story() -> None:
    rows = ("Council delays vote", "By Jane Doe", _BODY, _MORE, "Library opens new wing", "for night students")
    articles = _articles(*rows, "By John Roe", "Staff Writer", _BODY)
    assert [a.source_lines for a in articles] == [(1, 2, 3, 4), (5, 6, 7, 8, 9)]
    assert articles[1].headline_lines == (5, 6)
    assert articles[1].byline == "By John Roe Staff Writer"


def test_a_line_left_open_above_a_by_line_stays_with_its_text() -> None:
    # the last line ends in mid-sentence: it is the end of a paragraph, not a headline
    rows = ("Council delays vote", "By Jane Doe", _BODY, _MORE, "The board will meet again in", "By John Roe", _MORE)
    articles = _articles(*rows)
    assert [a.source_lines for a in articles] == [(1, 2, 3, 4, 5), (6, 7)]


def test_a_by_line_inside_a_running_sentence_is_the_story_s_byline() -> None:
    rows = ("Council delays vote", _BODY, _MORE + " The council will meet again in the", "By Jane Doe", _MORE.lower())
    (article,) = _articles(*rows)
    assert article.source_lines == (1, 2, 3, 4, 5)
    assert article.byline == "By Jane Doe"


def test_lines_that_wait_for_their_next_word_are_left_open() -> None:
    from reader.analysis.roles import left_open

    assert left_open("Official word of her selection could")
    assert left_open("The dean was a member of last year’s")
    assert not left_open("Lacrosse team ousted by rivals")
    assert not left_open("AIDS education is needed, Reagan says")


def test_a_paragraph_cut_at_a_possessive_does_not_head_a_story() -> None:
    rows = ("Council delays vote", "By Jane Doe", _BODY, "The dean was a member of last year’s", _MORE)
    (article,) = _articles(*rows)
    assert article.source_lines == (1, 2, 3, 4, 5)
    assert article.headline_lines == (1,)


def test_a_signature_name_may_carry_accents() -> None:
    from reader.analysis.latin import is_signature_name

    assert is_signature_name("Ana Sabían Animal Science")
    assert is_signature_name("José Peña")
    assert not is_signature_name("Café opens today")


def test_a_headline_s_second_line_in_lower_case_stays_in_the_headline() -> None:
    (article,) = _articles("Forum weighs the future", "of campus farming", _BODY, _MORE)
    assert article.headline_lines == (1, 2)
    assert article.source_lines == (1, 2, 3, 4)


def test_a_paragraph_cut_by_the_column_still_runs_on_in_lower_case() -> None:
    (article,) = _articles("Council delays vote", _BODY, "The members who spoke first", _MORE.lower())
    assert article.headline_lines == (1,)
    assert article.source_lines == (1, 2, 3, 4)


def test_a_photo_credit_whose_slash_ocr_garbled_stays_in_its_story() -> None:
    rows = ("Council delays vote", "By Jane Doe", _BODY, "JANE ROEAlampus Times", _MORE)
    (article,) = _articles(*rows)
    assert article.source_lines == (1, 2, 3, 4, 5)
    assert article.headline_lines == (1,)


def test_a_sentence_that_runs_past_a_title_keeps_the_story_whole() -> None:
    # a headline and its deck printed across the column, in the middle of the text's lines
    rows = ("Council delays vote", "By Jane Doe", _BODY, _MORE + " The board said that the", "Parking fees rise")
    (article,) = _articles(*rows, "Garage plan grows", "new garage would open in " + _MORE.lower())
    assert article.source_lines == (1, 2, 3, 4, 5, 6, 7)
    assert article.headline_lines == (1,)


def test_a_story_that_opens_a_sentence_after_a_title_is_new() -> None:
    rows = ("Council delays vote", "By Jane Doe", _BODY, _MORE + " The board said that the", "Parking fees rise")
    articles = _articles(*rows, _MORE)
    assert [a.source_lines for a in articles] == [(1, 2, 3, 4), (5, 6)]


def test_a_box_of_short_lines_above_a_headline_is_not_part_of_it() -> None:
    box = ("Members of the panel", "Biology Department", "Physics Department", "Chemistry Department")
    page = _page(*box, "Budget panel named to study the fees", "Report due in spring", "By Ann Lee", _BODY, _MORE)
    articles = analyze_page(page)
    story = next(a for a in articles if a.kind == "article" and a.byline)
    assert story.headline_lines == (5, 6)
    assert story.source_lines == (5, 6, 7, 8, 9)
    assert all(a.kind != "article" for a in articles if 1 in a.source_lines)


def test_rows_of_a_standings_table_stay_in_the_story_as_one_paragraph() -> None:
    rows = ("Council delays vote", "By Jane Doe", _BODY, "North College 3 0", "South College 2 1", "East State 1 2")
    (article,) = _articles(*rows, _MORE, _BODY)
    assert article.source_lines == (1, 2, 3, 4, 5, 6, 7, 8)
    assert article.paragraph_starts == (3, 4, 7, 8)


def test_a_headline_with_one_score_is_still_a_headline() -> None:
    articles = _articles("Council delays vote", "By Jane Doe", _BODY, "Women's team wins again 9-0", _MORE)
    assert [a.headline_lines for a in articles] == [(1,), (4,)]


def test_a_paragraph_tail_with_a_price_stays_in_the_story() -> None:
    # the column cut the sentence; its last piece names an amount, which alone would read as an advert
    rows = (
        "Council delays vote",
        "By Jane Doe",
        _BODY,
        "Last month the club that ran the spring dance asked the council to refund the",
    )
    articles = [a for a in analyze_page(_page(*rows, "fee, leaving the fund with only $1,200.", _MORE))]
    assert [(a.kind, a.source_lines) for a in articles] == [("article", (1, 2, 3, 4, 5, 6))]


def test_a_paragraph_tail_that_opens_with_by_is_text_not_a_byline() -> None:
    # the column cut "the winning story is chosen / by Wendy Marsh.": a sentence, not the head of a story
    rows = (
        "Council delays vote",
        "By Jane Doe",
        _BODY,
        "Each spring the club holds a short story contest for its members, and the winning story is chosen",
    )
    articles = _articles(*rows, "by Wendy Marsh.", "She has judged the contest for a decade.", _MORE)
    assert [a.source_lines for a in articles] == [(1, 2, 3, 4, 5, 6, 7)]
    assert articles[0].byline == "By Jane Doe"


_LEFT_OPEN = "Members said the parking structure, which the board approved in May, would cost far more than its finance"
_OTHER_STORY = (
    "The library will open its new wing for night students in March, the dean said on Friday, after two "
    "years of work on the old reading rooms."
)
_RESUMED = (
    "committee had planned, and the budget vote on the parking structure was put off until the next meeting "
    "of the board in the spring."
)


def _blocks(*rows: str) -> list[str]:
    """The rows with a blank line between them: each row is a block of its own."""
    return [line for row in rows for line in (row, "")][:-1]


def test_a_sentence_cut_off_by_another_story_goes_back_to_its_story() -> None:
    rows = ("Council delays vote", "By Jane Doe", _BODY, _LEFT_OPEN, "Library opens new wing", _OTHER_STORY, _RESUMED)
    articles = _articles(*_blocks(*rows))
    assert [a.source_lines for a in articles] == [(1, 3, 5, 7, 13), (9, 11)]


def test_a_lower_case_paragraph_without_the_cut_story_s_words_stays_where_it_is() -> None:
    unrelated = (
        "and the new wing will stay open until midnight on weekdays, when the reading rooms fill up with students."
    )
    rows = ("Council delays vote", "By Jane Doe", _BODY, _LEFT_OPEN, "Library opens new wing", _OTHER_STORY, unrelated)
    articles = _articles(*_blocks(*rows))
    assert [a.source_lines for a in articles] == [(1, 3, 5, 7), (9, 11, 13)]


def test_a_picture_caption_between_two_paragraphs_of_a_story_is_the_story_s() -> None:
    rows = ("Council delays vote", "By Jane Doe", _BODY, "Photo by John Roe", _MORE)
    (article,) = _articles(*_blocks(*rows))
    assert article.source_lines == (1, 3, 5, 7, 9)


_HORSES = (
    "The riding class at the college farm has grown to ninety students this year, and the instructor said that "
    "the horses are ready for the spring show."
)
_HORSES_MORE = (
    "Students who groom the horses every morning at the farm learn more than riding, the instructor said, and "
    "the spring show is the class's test."
)
_LIBRARY = (
    "The library will open a new wing for night students in March, and the dean said that the reading rooms "
    "will stay open until midnight."
)


def test_a_short_heading_whose_text_goes_on_with_the_story_s_words_stays_in_the_story() -> None:
    rows = ("Riding class fills up", "By Jane Doe", _HORSES, "Reasons for popularity", _HORSES_MORE)
    (article,) = _articles(*_blocks(*rows))
    assert article.source_lines == (1, 3, 5, 7, 9)
    assert article.headline == "Riding class fills up"


def test_a_short_headline_over_text_with_words_of_its_own_opens_a_new_story() -> None:
    rows = ("Riding class fills up", "By Jane Doe", _HORSES, "Library opens wing", _LIBRARY)
    articles = _articles(*_blocks(*rows))
    assert [a.source_lines for a in articles] == [(1, 3, 5), (7, 9)]
