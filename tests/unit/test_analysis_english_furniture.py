"""English pages: adverts, listings and page furniture kept out of the stories around them (issue 11)."""

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
_LAST = (
    "The board will take up the plan again at its next meeting in the spring, when the final figures for the "
    "new parking structure are expected to be ready for a vote."
)
#: A shop's advert as a paragraph-per-line export gives it: short rows with no blank line between them.
_ADVERT = (
    "Campus Pizza",
    "Large one-topping pizza",
    "Bring a friend and save on the second pizza with this coupon.",
    "Open 7 days a week",
    "Foothill Plaza",
)


def _page(*rows: str) -> Page:
    return Page(number=1, source="t.txt", lines=tuple(Line(i, text) for i, text in enumerate(rows, 1)))


def _articles(*rows: str):
    return [a for a in analyze_page(_page(*rows)) if a.kind == "article"]


#: Two more adverts, so that the page's wide rows are fewer than a fifth of its lines, as on a page of ads.
_ADVERTS = (
    "Book Exchange",
    "Used textbooks bought and sold",
    "Top prices paid for your books",
    "University Square",
    "Monday to Saturday",
    "",
    "Surf Shop",
    "Wetsuits and boards",
    "Rentals by the day or week",
    "Ask about our lessons",
    "Morro Bay",
)


def test_a_box_of_short_rows_after_a_story_on_a_page_of_adverts_is_no_part_of_it() -> None:
    # the advert's one long row reads as a sentence: only its shape tells it from the story
    rows = ("Council delays vote", _BODY, _MORE, _LAST, "", *_ADVERT, "", *_ADVERTS)
    (article,) = _articles(*rows)
    assert article.source_lines == (1, 2, 3, 4)


def test_a_narrow_column_of_quoted_text_on_a_page_of_adverts_stays_in_its_story() -> None:
    column = ("“We will wait,” said", "the chairman of the", "board, who spoke last.")
    rows = ("Council delays vote", _BODY, _MORE, _LAST, "", *column, "", *_ADVERTS)
    (article,) = _articles(*rows)
    assert article.source_lines == (1, 2, 3, 4, 6, 7, 8)


def test_short_rows_on_a_page_of_narrow_columns_stay_text() -> None:
    # no row holds a whole paragraph: the page is not a paragraph-per-line export, and its short rows are text
    (article,) = _articles("Council delays vote", "", *_ADVERT)
    assert article.source_lines == (1, 3, 4, 5, 6, 7)


def test_an_advert_under_a_story_s_last_sentence_leaves_the_story_though_a_row_ends_like_a_sentence() -> None:
    # "the campus store" opens in lower case and the last row ends in a full stop, as a story's lines may
    rows = ("Council delays vote", _BODY, _MORE, _LAST, "", "Super Savings at:", "", "the campus store", "")
    articles = _articles(*rows, "Call 555-0123 for our hours.")
    assert [a.source_lines for a in articles] == [(1, 2, 3, 4)]


def test_a_signed_letter_keeps_its_short_lines() -> None:
    rows = ("Parking fees are too high", "Editor:", _BODY, _MORE, "", "— Pat Smith", "", "Call 555-0123.")
    (article,) = _articles(*rows)
    assert article.source_lines == (1, 2, 3, 4, 6, 8)


_CLASSIFIEDS = (
    "Classified",
    "ROOMMATE WANTED for spring quarter. Own room near campus. Call 555-0188 after six.",
    "TYPING and editing of senior projects, done fast. Call Pat at 555-0199 today.",
)


def test_a_one_word_section_head_after_a_finished_story_opens_something_new() -> None:
    articles = _articles("Council delays vote", _BODY, _MORE, _LAST, *_CLASSIFIEDS)
    assert articles[0].source_lines == (1, 2, 3, 4)


def test_a_one_word_subhead_whose_text_goes_on_with_the_story_stays_in_it() -> None:
    subhead = ("Parking", "The parking structure the committee discussed would cost the students more in fees.")
    (article,) = _articles("Council delays vote", _BODY, _MORE, _LAST, *subhead)
    assert article.source_lines == (1, 2, 3, 4, 5, 6)


def test_a_box_whose_rows_read_as_sentences_is_an_advert_when_they_give_prices_and_phones() -> None:
    advert = (
        "Take advantage of the great savings on all of our fresh food at the market!",
        "Bring this ad with you and get 10% off on all of our meats this week.",
        "Open every day, call 555-0177",
    )
    rows = ("Council delays vote", _BODY, _MORE, _LAST, "", *advert, "", *_ADVERTS)
    (article,) = _articles(*rows)
    assert article.source_lines == (1, 2, 3, 4)


def test_an_advert_s_rows_between_two_paragraphs_of_a_story_leave_it_and_the_story_goes_on() -> None:
    # the story's long rows run on into the advert's, so each row of the advert is a block of its own
    advert = ("Lose 10 pounds in six weeks.", "Diet Center, 1504 Marsh St.", "Open Monday to Friday.", "Call 555-0144.")
    (article,) = _articles("Council delays vote", _BODY, _MORE, *advert, _LAST)
    assert article.source_lines == (1, 2, 3, 8)


def test_a_list_of_short_points_in_a_story_stays_in_it() -> None:
    points = ("• Raising the fees", "• Cutting the hours", "• Closing the old lot")
    (article,) = _articles("Council delays vote", _BODY, _MORE, "The options:", *points, _LAST)
    assert article.source_lines == tuple(range(1, 9))


def test_a_section_name_over_the_page_s_running_head_stays_out_of_the_first_story() -> None:
    rows = ("Opinion", "Thursday, January 28, 1993", "Council delays vote", _BODY, _MORE, _LAST)
    (article,) = _articles(*rows)
    assert article.source_lines == (3, 4, 5, 6)


def test_a_garbled_page_number_beside_the_running_head_stays_out_of_the_first_story() -> None:
    rows = ("The Campus Courier Friday, May 11, 1981", "Pag3x", "Council delays vote", _BODY, _MORE, _LAST)
    (article,) = _articles(*rows)
    assert article.source_lines == (3, 4, 5, 6)


#: An advert's list printed under a story: bulleted items, some of them whole sentences, a sentence that runs
#: on to the next row, cries.
_BULLETED_ADVERT = (
    "• Fully furnished rooms",
    "• A quiet, mature place to live that caters to the student who wants to study in peace.",
    "• Rents that are fair and include a lower rate for the summer months.",
    "Our rooms rent quickly!",
    "Applications are now being taken for the",
    "1994-95 school year. Don't wait...",
    "Pick up an application today!",
)


def test_a_bulleted_advert_under_a_story_s_last_sentence_leaves_it_though_its_items_read_as_sentences() -> None:
    rows = ("Council delays vote", _BODY, _MORE, _LAST, *_BULLETED_ADVERT)
    (article,) = _articles(*rows)
    assert article.source_lines == (1, 2, 3, 4)


def test_a_list_of_sentences_that_ends_a_story_stays_in_it() -> None:
    points = (
        "• The board gave its consent to the new name of the department of animal science last week.",
        "• The board also approved the wording of two sections of the plan and discussed the fees.",
    )
    (article,) = _articles("Council delays vote", _BODY, _MORE, "The board did two more things:", *points)
    assert article.source_lines == (1, 2, 3, 4, 5, 6)


def test_a_story_s_sentence_left_open_above_an_advert_stays_in_the_story() -> None:
    # the open sentence goes on in another column: the capitals under it are the advert's, not its rest
    rows = ("Council delays vote", _BODY, _MORE, "• The committee proposed to the city that", "COME TO THE SUB SHOP!")
    articles = _articles(*rows)
    assert 4 in articles[0].source_lines


def test_a_box_that_gives_sizes_in_inches_and_prices_is_an_advert() -> None:
    # a quotation mark after a digit is an inch mark: the rows do not quote anyone
    advert = (
        "Bundles of savings going on now, from $180 to $700 off!",
        "Classic computer with a 40MB hard drive",
        "with printer and a 12” color monitor for $2047.00",
        "On sale now at the campus store",
    )
    rows = ("Council delays vote", _BODY, _MORE, _LAST, "", *advert, "", *_ADVERTS)
    (article,) = _articles(*rows)
    assert article.source_lines == (1, 2, 3, 4)


def test_an_inch_mark_is_no_quotation_but_a_closing_quotation_mark_is() -> None:
    from reader.analysis.adverts import flows

    assert not flows('a 12" monitor and a 21” bike')
    assert flows('a 12" monitor, "the best," he wrote')
    assert flows("the best” monitor")


def test_a_bulleted_advert_under_a_story_s_unfinished_sentence_leaves_it() -> None:
    # the story's sentence goes on in another column: a list item under it cannot go on with it
    advert = ("• Used clothing", "• Gifts from around the world", "• Cards and toys", "AT THE DEPOT, call 555-0161")
    unfinished = "The chairman said that the board would take the plan up again at its next meeting, when the"
    rows = ("Council delays vote", _BODY, _MORE, unfinished, *advert)
    (article,) = _articles(*rows)
    assert article.source_lines == (1, 2, 3, 4)


def test_a_two_word_subhead_shaped_like_a_name_stays_in_the_story_its_text_goes_on_with() -> None:
    # "Parking Structure" reads like a name with a major ("Pat Smith English"), but no letter on the page is
    # signed: it heads a section of the story, whose own words go on under it
    subhead = (
        "Parking Structure",
        "The parking structure the committee discussed would cost the students more in fees.",
    )
    (article,) = _articles("Council delays vote", _BODY, _MORE, _LAST, *subhead)
    assert article.source_lines == (1, 2, 3, 4, 5, 6)


def test_on_a_page_of_signed_letters_a_name_under_a_letter_still_ends_it() -> None:
    # the next letter, with no headline of its own, answers the same letter and shares its words
    first = ("Parking fees are too high", "Editor:", _BODY, _MORE, "Pat Smith English")
    second = ("The parking structure the committee discussed would cost the students more in fees.", _LAST)
    articles = _articles(*first, *second, "Sam Lee History")
    assert articles[0].source_lines == (1, 2, 3, 4)
    assert articles[-1].source_lines[-3:] == (6, 7, 8)


def test_a_few_lower_case_words_ending_a_sentence_go_back_to_the_story_another_story_cut_off() -> None:
    # "after five years." is too short to share the story's words: the sentence it ends is its only tie
    cut = "Students said the fees would rise before most of them graduate, which for many of them now takes"
    other = ("Library opens late", _MORE, _LAST)
    articles = _articles("Council delays vote", _BODY, cut, *other, "after five years.")
    assert articles[0].source_lines == (1, 2, 3, 7)
    assert articles[1].source_lines == (4, 5, 6)


def test_a_lower_case_line_that_ends_no_sentence_stays_where_it_stands() -> None:
    cut = "Students said the fees would rise before most of them graduate, which for many of them now takes"
    other = ("Library opens late", _MORE, _LAST)
    articles = _articles("Council delays vote", _BODY, cut, *other, "the campus store")
    assert articles[0].source_lines == (1, 2, 3)
