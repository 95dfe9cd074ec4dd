"""1930s Chinese news pages: headings inside a report stay in it; bylines printed under a headline are bylines."""

from __future__ import annotations

import pytest

from reader.analysis import analyze_page
from reader.model import Line, Page

_REPORT = [
    "上海市商會及法租界納稅華人會、爲勸導法租界商店復業、於昨晨",
    "、分別發出緊急通吿云、市商會、中法邦交素稱敦睦、此次懸旗糾紛",
    "、係由越捕執行職務、過分所致、各界引爲遺憾、應請各商店卽先復業、",
]
_GOES_ON = [
    "法租界納稅華人會、昨推代表交涉懸旗",
    "事件、先於昨晨十時、往晤法租界捕房",
    "、陳述商民意見、要求各商店卽先復業、",
]


def _page(*blocks: list[str]) -> Page:
    rows = [text for block in blocks for text in (*block, "")]
    return Page(number=1, source="p.txt", lines=tuple(Line(i, text) for i, text in enumerate(rows, 1)))


def test_a_heading_whose_text_goes_on_with_the_report_stays_in_it() -> None:
    page = _page(["法租界懸旗糾紛"], ["各商店遵勸今日可復業"], _REPORT, ["交涉經過"], _GOES_ON)
    articles = [a for a in analyze_page(page) if a.kind == "article"]
    assert len(articles) == 1
    assert articles[0].headline == "各商店遵勸今日可復業"


def test_a_new_item_with_its_own_words_starts_an_article() -> None:
    other = ["英國海軍今日在地中海舉行演習、", "軍艦二十餘艘參加、歷時三日云、"]
    page = _page(["法租界懸旗糾紛"], _REPORT, ["英海軍演習"], other)
    assert len([a for a in analyze_page(page) if a.kind == "article"]) == 2


def test_author_lines_under_a_headline_are_the_byline() -> None:
    page = _page(["愛國志士", "賽珍珠女士作", "諍　諍　譯"], ["三　革命黨員"], _GOES_ON)
    (article,) = [a for a in analyze_page(page) if a.kind == "article"]
    assert article.headline == "愛國志士"
    assert article.byline == "賽珍珠女士作 諍 諍 譯"


def test_separators_section_numbers_and_dialogue_do_not_open_articles() -> None:
    story = ["今年春天來得早，園中", "桃花已開，遊人甚多，"]
    for inner in (["★　★　★"], ["（二）"], ["『你去那裏？』"]):
        page = _page(["春遊記"], story, inner, story)
        articles = [a for a in analyze_page(page) if a.kind == "article"]
        assert len(articles) == 1, inner
        assert articles[0].headline == "春遊記"


def test_a_column_rubric_and_its_editor_stay_out_of_the_title() -> None:
    page = _page(["中華民國二十八年四月廿一日　晶報　星期五　第五版"], ["文化營"], ["黔野主編"], ["旗主奴"], _GOES_ON)
    (article,) = [a for a in analyze_page(page) if a.kind == "article"]
    assert article.headline == "旗主奴" and article.kicker is None


_ROBBERY = ["西門路一家米店、昨午有匪徒二人闖入、", "持槍向米店店主恫嚇、"]


def _articles(page: Page) -> list:
    return [a for a in analyze_page(page) if a.kind == "article"]


def test_a_display_word_inside_an_open_sentence_stays_in_the_report() -> None:
    left_open = ["縣府昨日宣布、築路經費已由省府", "核准撥給"]
    page = _page(["公路開工"], left_open, ["經費"], ["二十萬元、分三期發放、", "下月一日開工云、"])
    (article,) = _articles(page)
    assert article.headline == "公路開工"
    assert "核准撥給經費二十萬元" in "".join(article.paragraphs)


def test_a_display_word_after_a_clause_mark_stays_when_the_words_go_on() -> None:
    goes_on = ["刼去店主衣物多件、匪徒二人", "持槍逃出米店時被捕、"]
    page = _page(["米店遭刼"], _ROBBERY, ["結果"], goes_on)
    (article,) = _articles(page)
    assert article.headline == "米店遭刼"


def test_a_short_title_after_a_finished_report_starts_a_new_one() -> None:
    market = ["昨日河下到貨甚少、各行", "交易淸淡、價格仍穩、"]
    page = _page(["米店遭刼"], [*_ROBBERY, "當場被捕云、"], ["菜市"], market)
    articles = _articles(page)
    assert [a.headline for a in articles] == ["米店遭刼", "菜市"]


def test_a_short_title_over_a_dateline_or_an_item_mark_starts_a_new_report() -> None:
    dateline = (["英軍演習"], ["（倫敦廿日電）英國陸軍、", "今日舉行演習、"])
    for title, text in (dateline, (["◇壽慶◇"], ["某君夫人今日六十壽辰、"])):
        page = _page(["公路開工"], ["縣府昨日宣布、築路經費已由省府", "核准撥給"], title, text)
        assert len(_articles(page)) == 2, title


def test_a_bare_word_over_a_list_of_items_is_no_byline() -> None:
    page = _page(["大光明戲院"], ["節目"], ["日場", "夜場", "話劇", "歌舞", "魔術"])
    assert all(a.byline is None for a in analyze_page(page))


def test_a_pen_name_between_vertical_brackets_is_the_whole_byline() -> None:
    page = _page(["西湖遊記"], ["））", "阿三", "自杭", "州寄", "（（"], _GOES_ON)
    (article,) = _articles(page)
    assert article.headline == "西湖遊記"
    assert "".join(article.byline.split()) == "））阿三自杭州寄（（"


def test_a_title_before_an_instalment_number_and_author_is_a_title_line() -> None:
    page = _page(["春夢記　（二）某某遺著", "（一名浮生）"], ["今年春天來得早，園中", "桃花已開，遊人甚多，"])
    (article,) = _articles(page)
    assert article.byline is None
    assert "春夢記" in (article.headline or "") and "一名浮生" in "".join(
        filter(None, (article.headline, article.subheadline))
    )


def test_a_bracketed_word_after_the_text_of_a_signed_article_is_text() -> None:
    poem = ["春風吹綠了江岸，", "燕子飛回舊巢。"]
    page = _page(["詩話"], ["（小林）"], ["一　春日"], ["（古風）"], poem, ["（水邊）"])
    (article,) = _articles(page)
    assert article.byline == "（小林）"
    assert "".join(article.paragraphs).count("（") == 2


def test_a_pen_name_after_unsigned_text_still_signs_it_off() -> None:
    page = _page(["春遊記"], ["今年春天來得早，園中", "桃花已開，遊人甚多，"], ["（小林）"])
    (article,) = _articles(page)
    assert article.byline == "（小林）"


def test_the_name_heading_each_page_of_a_fold_is_no_kicker() -> None:
    second = ["西湖遊記"], ["今年春天來得早，園中", "桃花已開，遊人甚多，"]
    page = _page(["新聞報"], ["春遊記"], _GOES_ON, ["新聞報"], *second)
    articles = _articles(page)
    assert [(a.kicker, a.headline) for a in articles] == [(None, "春遊記"), (None, "西湖遊記")]


@pytest.mark.parametrize("ornament", ["★", "-", "——", "⋯⋯", "= /"])
def test_a_rule_or_ornament_over_a_headline_is_no_kicker(ornament: str) -> None:
    page = _page(
        [ornament],
        ["高新区召开工作会议"],
        ["本报讯 11月29日，高新区召开工作会议，部署下一阶段工作，会议要求各部门认真落实。" * 3],
    )
    (article,) = [a for a in analyze_page(page) if a.kind == "article"]
    assert (article.kicker, article.headline) == (None, "高新区召开工作会议")


def test_a_kicker_with_words_is_kept() -> None:
    page = _page(
        ["專訪"],
        ["高新区召开工作会议"],
        ["本报讯 11月29日，高新区召开工作会议，部署下一阶段工作，会议要求各部门认真落实。" * 3],
    )
    (article,) = [a for a in analyze_page(page) if a.kind == "article"]
    assert (article.kicker, article.headline) == ("專訪", "高新区召开工作会议")
