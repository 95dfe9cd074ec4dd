"""English pages: bylines in their printed shapes, noise lines, and amounts in prose that are not adverts."""

from __future__ import annotations

import pytest

from reader.analysis import analyze_page
from reader.analysis.bylines import (
    ROLE_WORDS,
    author_names,
    is_byline_line,
    is_role_word,
    opens_article,
    parse_byline_lines,
)
from reader.analysis.latin import is_noise, is_signature_name
from reader.model import Contributor, Line, Page

_BODY = (
    "The committee met on Tuesday evening to discuss the budget for next year, and members argued for "
    "three hours about the new parking structure before anyone proposed a vote on it."
)
_MONEY = "The new structure would cost $12 million, the committee said, and it would be paid for by the fees."


def _page(*rows: str) -> Page:
    return Page(number=1, source="t.txt", lines=tuple(Line(i, text) for i, text in enumerate(rows, 1)))


def _articles(*rows: str):
    return [a for a in analyze_page(_page(*rows)) if a.kind == "article"]


@pytest.mark.parametrize(
    "line", ["By John Grennan", "BY KARIN RICH", "__.1____BY KARIN RICH ___ _", "Hy Kelli Harris", "IJy Kelli Harris"]
)
def test_by_lines_open_a_story_however_ocr_read_by(line: str) -> None:
    assert opens_article(line)
    assert is_byline_line(line)


@pytest.mark.parametrize("line", ["by the way he said", "By", "Bylaws are important", "by check only to a"])
def test_text_with_by_is_not_a_byline(line: str) -> None:
    assert not opens_article(line)
    assert not is_byline_line(line)


def test_role_words_are_one_list_and_tolerate_ocr() -> None:
    assert "Staff Writer" in ROLE_WORDS and "记者" in ROLE_WORDS
    assert is_role_word("记者") and is_role_word("Associated Press")
    assert is_role_word("Staff Writ**", fuzzy=True) and is_role_word("Associated Piess", fuzzy=True)
    assert not is_role_word("Carl Lewis", fuzzy=True) and not is_role_word("Staff Writ**")


def test_staff_and_wire_lines_are_roles_not_people() -> None:
    assert parse_byline_lines(["By Jane Roe and John Doe", "Staff Writers"]) == (
        Contributor("Staff Writers", "Jane Roe"),
        Contributor("Staff Writers", "John Doe"),
    )
    assert parse_byline_lines(["Chris Brandi", "Staff Writer"]) == (Contributor("Staff Writer", "Chris Brandi"),)
    assert parse_byline_lines(["Jane Roe / Staff Writer"]) == (Contributor("Staff Writer", "Jane Roe"),)
    assert list(author_names("By Jane Roe Staff Writer")) == ["Jane Roe"]
    assert list(author_names("记者 孙庆辉 通讯员 陈璐 文/图")) == ["孙庆辉", "陈璐"]
    assert list(author_names("Associated Press")) == []


def test_by_line_with_a_garbled_staff_line_is_one_byline() -> None:
    (article,) = _articles("Council delays parking vote", "By Jane Doe", "StaN Wrltar", _BODY, _BODY)
    assert article.byline == "By Jane Doe StaN Wrltar"
    assert article.contributors == (Contributor("StaN Wrltar", "Jane Doe"),)
    assert article.headline == "Council delays parking vote"


def test_a_second_by_line_after_a_finished_story_starts_the_next_one() -> None:
    articles = _articles("Council delays vote", "By Jane Doe", _BODY, _BODY, "By John Roe", "Staff Writer", _BODY)
    assert [a.byline for a in articles] == ["By Jane Doe", "By John Roe Staff Writer"]


def test_letter_signed_with_a_name_has_it_as_byline() -> None:
    articles = _articles("Parking is a mess", _BODY, _BODY, "KEN STROUD", "Bikes need lanes", _BODY, "Jane Roe")
    assert [a.byline for a in articles] == ["KEN STROUD", "Jane Roe"]
    assert is_signature_name("Kinley Nydegger English")
    assert not is_signature_name("GIVE LIFE GIVE BLOOD TODAY")
    assert not is_signature_name("The Mustangs had five")


@pytest.mark.parametrize("line", ["\\", "• • •", "-1", "V- ‘VrWVÿiÿV'v - ».* .1'.", "*******"])
def test_noise_lines_are_noise(line: str) -> None:
    assert is_noise(line)


@pytest.mark.parametrize("line", ["By", "Staff Writer", "IN QUOTES", "It was 3-1."])
def test_short_text_is_not_noise(line: str) -> None:
    assert not is_noise(line)


def test_noise_lines_neither_open_nor_split_an_article() -> None:
    (article,) = _articles("Council delays parking vote", _BODY, "*", "\\", "V..", _BODY)
    assert article.source_lines == (1, 2, 6)


def test_an_amount_in_prose_is_not_an_advert() -> None:
    articles = analyze_page(_page("Council delays parking vote", _BODY, _MONEY, _BODY))
    assert [a.kind for a in articles] == ["article"]
    assert analyze_page(_page("SALE $5 OFF", "Call 544-1234"))[0].kind == "advert"


def test_text_resumes_after_an_advert_printed_in_its_middle() -> None:
    articles = analyze_page(
        _page(
            "Council delays parking vote",
            "",
            _BODY,
            "",
            "Members of the board said they would",
            "",
            "SALE $5 OFF",
            "Call 544-1234",
            "",
            "vote again.",
        )
    )
    assert [a.kind for a in articles] == ["article", "advert"]
    assert articles[0].source_lines == (1, 3, 5, 10)


def test_nameplate_and_section_labels_stay_out_of_headlines() -> None:
    articles = _articles(
        "Campus Daily",
        "State University, Springfield",
        "Volume 51, No. 42",
        "Council delays parking vote",
        _BODY,
        _BODY,
        "LETTERS TO THE EDITOR",
        "Bikes need lanes now",
        _BODY,
    )
    assert [a.headline for a in articles] == ["Council delays parking vote", "Bikes need lanes now"]
    page = _page("Campus Daily", "Wednesday, November 19, 1986", "Council delays parking vote", _BODY, _BODY)
    assert [a.headline for a in analyze_page(page) if a.kind == "article"] == ["Council delays parking vote"]


def test_words_broken_by_ocr_are_rejoined_and_real_hyphens_kept() -> None:
    from reader.analysis.clean import clean_paragraph

    assert clean_paragraph(["the com- puters of twenty-five pre- and post-war schools"]) == (
        "the computers of twenty-five pre- and post-war schools"
    )
    (article,) = _articles("Council delays parking vote", _BODY, "Members said they would use the com-", "puters.")
    assert article.paragraphs[-1].endswith("would use the computers.")


def test_long_sign_off_is_a_byline_and_a_salutation_is_not() -> None:
    sign_off = "Jane Roe is a journalism senior and a member of the Campus Daily staff this spring."
    assert is_byline_line(sign_off)
    assert not is_byline_line("Jane Roe said the committee would meet again on Tuesday to vote on the budget.")
    articles = _articles("Parking is a mess", "Editor:", _BODY, _BODY)
    assert [a.byline for a in articles] == [None]


def test_the_speaker_under_a_pull_quote_stays_in_the_story() -> None:
    text = "The library will close at the end of the month and its books will move to the new branch, officials said. "
    quote = "\u201cWe cannot keep a building open that nobody can afford to heat?\u201d"
    articles = _articles(
        "Council votes to close the old library", text * 2, text * 2, quote, "Mary Ellen Jones", text * 2
    )
    assert [a.source_lines for a in articles] == [(1, 2, 3, 4, 5, 6)]


_STORY = (
    "Council weighs new parking fees",
    "",
    "By Jane Roe",
    "Staff Writer",
    "",
    "The city council met on Tuesday evening to discuss the budget for next year, and members argued",
    "for three hours about the new parking structure before anyone proposed a vote on the plan.",
    "",
)


def test_an_advert_after_the_last_sentence_is_not_the_story() -> None:
    rows = (
        *_STORY,
        "The vote is expected next week, the clerk said.",
        "",
        "Ski gloves: 20% off;",
        "",
        "Open daily 9-5;",
    )
    (story,) = _articles(*rows)
    assert max(story.source_lines) == rows.index("The vote is expected next week, the clerk said.") + 1
    others = [a for a in analyze_page(_page(*rows)) if a.kind != "article"]
    assert {n for a in others for n in a.source_lines} >= {rows.index("Ski gloves: 20% off;") + 1, len(rows)}


def test_text_that_stops_in_mid_sentence_keeps_what_follows() -> None:
    rows = (*_STORY, "The vote is expected next week, and the", "", "Ski gloves: 20% off;", "", "Open daily 9-5;")
    (story,) = _articles(*rows)
    assert max(story.source_lines) == len(rows)


def test_one_plain_line_after_the_text_is_not_cut_as_an_advert() -> None:
    rows = (*_STORY, "The vote is expected next week.", "", "Related events:")
    assert max(_articles(*rows)[0].source_lines) == len(rows)


@pytest.mark.parametrize(
    "fragment",
    [
        "According to the dean, officials recently have counted",
        "The treasurer said the fund was short",
        "“We have never seen a budget like this one before",
        "Earlier in the week, the mayor",
        "The library, for one —",
    ],
)
def test_a_sentence_piece_between_paragraphs_is_not_a_headline(fragment: str) -> None:
    rows = (*_STORY, fragment, "", "The vote is expected next week, and members will meet again before it.")
    (story,) = _articles(*rows)
    assert story.headline == "Council weighs new parking fees"
    assert max(story.source_lines) == len(rows)


def test_a_headline_between_stories_still_opens_one() -> None:
    rows = (*_STORY, "Library extends its hours", "", "By John Doe", "", _BODY)
    assert [a.headline for a in _articles(*rows)] == ["Council weighs new parking fees", "Library extends its hours"]


def test_a_chinese_line_after_an_english_story_is_not_judged_as_an_advert() -> None:
    rows = (*_STORY, "The vote is expected next week.", "", "第二页的附加一行。")
    assert max(_articles(*rows)[0].source_lines) == len(rows)


def test_the_papers_name_from_its_running_head_is_not_a_later_headline() -> None:
    rows = (
        "Monday, May 4, 1992 Campus Courier",
        "",
        *_STORY,
        "The vote is expected next week.",
        "",
        "Campus Courier",
        "",
        "Library extends its hours",
        "",
        "By John Doe",
        "",
        _BODY,
    )
    heads = [(a.kicker, a.headline) for a in _articles(*rows)]
    assert heads == [(None, "Council weighs new parking fees"), (None, "Library extends its hours")]


def test_the_papers_name_from_photo_credits_is_furniture() -> None:
    rows = (*_STORY, "JANE ROE/Campus Courier", "", "Campus Courier", "", "Library extends its hours", "", _BODY)
    assert "Campus Courier" not in [a.kicker for a in _articles(*rows)]


def test_the_nameplate_over_a_jump_head_in_capitals_is_not_the_headline() -> None:
    rows = ("Campus Courier", "", "LIBRARY", "", "From page 1", "", _BODY)
    (story,) = _articles(*rows)
    assert (story.kicker, story.headline) == (None, "LIBRARY")


def test_a_line_of_common_words_after_a_letter_is_not_its_signature() -> None:
    letter = ("Parking is a mess", "", "Editor: The new lots are a mess, and one of them is always full.", "")
    signed = _articles(*letter, "Julie Champlin")[0]
    assert signed.byline == "Julie Champlin"
    unsigned = _articles(*letter, "ONE DOLLAR COUPON")
    assert all(a.byline is None for a in unsigned)


@pytest.mark.parametrize(
    "sign_off",
    [
        "• Jane Roe is a history freshman. This is her first column for the paper.",
        "Jane Roe is Valley Courier’s opinion editor. She writes on Fridays, when the office is quiet enough.",
    ],
)
def test_a_column_signed_off_after_a_bullet_or_with_the_papers_name_has_both_byline_lines(sign_off: str) -> None:
    articles = _articles("Parking is a mess", "By Jane Roe", _BODY, _BODY, sign_off, "Bikes need lanes", _BODY)
    assert articles[0].byline == f"By Jane Roe {sign_off}"
    assert articles[0].paragraphs == (_BODY, _BODY)
    assert articles[1].byline is None


def test_the_papers_name_that_its_text_prints_is_not_a_signature() -> None:
    policy = "The Valley Courier welcomes letters from readers, and it prints as many of them as the page can hold."
    articles = _articles("Parking is a mess", _BODY, _BODY, "Ken Stroud", "Letters policy", policy, "Valley Courier")
    assert [a.byline for a in articles] == ["Ken Stroud", None]


def test_a_story_part_ends_at_its_jump_line() -> None:
    rows = ("Council delays parking vote", _BODY, _BODY, "See COUNCIL, page 5", "FRESH BAGELS DAILY", "Open 7 days")
    articles = analyze_page(_page(*rows))
    story = articles[0]
    assert story.headline == "Council delays parking vote" and story.source_lines == (1, 2, 3, 4)
    assert story.confidence.reasons["jump_to"]
    assert [a.kind for a in articles[1:]] == ["other"]
    # a photo credit under the jump line stays; a text after it is its own article
    rows = ("Council delays parking vote", _BODY, "See COUNCIL, page 5", "JANE ROE/Valley Courier", "Other " + _BODY)
    articles = analyze_page(_page(*rows))
    assert articles[0].source_lines == (1, 2, 3, 4)
    assert [(a.kind, a.source_lines) for a in articles[1:]] == [("article", (5,))]


def test_a_wire_dateline_after_a_story_opens_the_next_one() -> None:
    wire = "DENVER (AP) — A snowstorm closed the airport on Sunday, and the city asked drivers to stay at home."
    articles = _articles("Council delays parking vote", _BODY, _BODY, wire, _BODY)
    assert [a.source_lines for a in articles] == [(1, 2, 3), (4, 5)]
    assert articles[1].dateline == "DENVER (AP) —"
    # under its headline the dateline is the story's first paragraph, as before
    articles = _articles("Snow closes airport", wire, _BODY, _BODY)
    assert [(a.headline, a.source_lines) for a in articles] == [("Snow closes airport", (1, 2, 3, 4))]


def test_a_heading_shaped_line_over_a_wire_dateline_is_the_next_story_headline() -> None:
    wire = "DENVER (AP) — A snowstorm closed the airport on Sunday, and the city asked drivers to stay at home."
    head = "W. Denver airport closes in snow"  # a capital with a stop: not taken as a title block on its own
    articles = _articles("Council delays parking vote", _BODY, _BODY, head, wire, _BODY)
    assert [(a.headline, a.source_lines) for a in articles] == [
        ("Council delays parking vote", (1, 2, 3)),
        (head, (4, 5, 6)),
    ]
    # the same headline standing alone at the top of the page heads its story
    articles = _articles(head, "", wire, "", _BODY, "", _BODY)
    assert [(a.headline, a.source_lines) for a in articles] == [(head, (1, 3, 5, 7))]
    # a jump line ends the story above: it is no headline
    articles = _articles("Council delays parking vote", _BODY, _BODY, "See COUNCIL, page 5", wire, _BODY)
    assert [(a.headline, a.source_lines) for a in articles] == [
        ("Council delays parking vote", (1, 2, 3, 4)),
        (None, (5, 6)),
    ]


def test_a_note_on_the_columnist_ends_the_column() -> None:
    other = (
        "Parking permits went on sale on Monday at the cashier's window, and the line of drivers reached the "
        "library by nine in the morning."
    )
    rows = ("Why the lot is full", "By Jane Roe", _BODY, _BODY, "Jane Roe is a mathematics professor.", other, other)
    articles = _articles(*rows)
    assert [a.source_lines for a in articles] == [(1, 2, 3, 4, 5), (6, 7)]
    # a sentence of the text that names no author of the column goes on with it
    rows = ("Why the lot is full", "By Jane Roe", _BODY, "The permit is a gift to the city.", other)
    assert [a.source_lines for a in _articles(*rows)] == [(1, 2, 3, 4, 5)]


def test_a_jump_line_inside_a_block_ends_the_story_there() -> None:
    rows = (
        "Council delays parking vote",
        "",
        _BODY,
        "and the members will meet again next week to vote on it. See COUNCIL, page 5",
        "• FRESH BAGELS • DAILY • COFFEE",
        "Open 7 days",
    )
    articles = analyze_page(_page(*rows))
    assert articles[0].headline == "Council delays parking vote" and articles[0].source_lines == (1, 3, 4)
    assert [(a.kind, a.source_lines) for a in articles[1:]] == [("other", (5, 6))]


def test_jump_heads_stacked_over_the_first_part_go_to_the_parts_in_order() -> None:
    rows = ("PARKING", "BUDGET", "From page 1", _BODY, _BODY, "From page 3", _BODY, _BODY)
    articles = [a for a in analyze_page(_page(*rows)) if a.kind == "article"]
    assert [(a.headline, a.source_lines) for a in articles] == [
        ("PARKING", (1, 3, 4, 5)),
        ("BUDGET", (2, 6, 7, 8)),
    ]
