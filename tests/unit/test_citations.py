"""Citations checked against worked examples written by hand from the standards.

GB/T 7714-2015 8.8 and its annex (newspaper articles, ``[N]``): 丁文祥. 数字革命与竞争国际化[N]. 中国青年报,
2000-11-20(15). Chicago Manual of Style 17th ed. 14.191 (newspaper article, bibliography form): Royko, Mike.
"Next Time, Dan, Take Aim at Arnold." Chicago Tribune, September 23, 1992.
"""

from __future__ import annotations

import pytest

from reader.citations import Source, chicago, chicago_date, choose_style, cite, gbt7714


def test_gbt7714_worked_example_from_the_standard() -> None:
    source = Source("数字革命与竞争国际化", "丁文祥", "中国青年报", "2000-11-20", 15)
    assert gbt7714(source) == "丁文祥. 数字革命与竞争国际化[N]. 中国青年报, 2000-11-20(15)."


def test_gbt7714_role_words_are_not_authors_and_four_authors_become_three_and_deng() -> None:
    assert gbt7714(Source("题名", "记者 孙庆辉 通讯员 陈璐 文/图", "郑州日报", "2022-12-02", 1)) == (
        "孙庆辉, 陈璐. 题名[N]. 郑州日报, 2022-12-02(1)."
    )
    assert gbt7714(Source("题名", "特约撰稿人 甲 乙 丙 丁", "报", "2000-11-20", 15)) == (
        "甲, 乙, 丙, 等. 题名[N]. 报, 2000-11-20(15)."
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (Source("之起居注", "小坡", None, None, 2), "小坡. 之起居注[N]."),  # never "[N]. (2)."
        (Source("之起居注", None, None, "1920-04-09", 2), "之起居注[N]. 1920-04-09(2)."),
        (Source("之起居注", None, "晶報", None, None), "之起居注[N]. 晶報."),
        (
            Source("之起居注", "（丹翁）", "晶報", "1920-04-09", 2, frozenset({"newspaper", "date"})),
            "丹翁. 之起居注[N]. [晶報], [1920-04-09](2).",
        ),
    ],
)
def test_gbt7714_leaves_out_what_is_missing_and_brackets_what_was_inferred(source: Source, expected: str) -> None:
    assert gbt7714(source) == expected


def test_chicago_worked_example_from_the_manual() -> None:
    source = Source("Next Time, Dan, Take Aim at Arnold", "By Mike Royko", "Chicago Tribune", "1992-09-23")
    assert chicago(source) == "Royko, Mike. “Next Time, Dan, Take Aim at Arnold.” Chicago Tribune, September 23, 1992."


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            Source("Hawk wins runoff", "By Monique McCarty\nStaff Writer", "Mustang Daily", "1981-05-15", 1),
            "McCarty, Monique. “Hawk wins runoff.” Mustang Daily, May 15, 1981.",
        ),
        (
            Source("Strike ends", "By JOHN SMITH and Ann Poe, Associated Press", "The Sun", "1903-05-01"),
            "Smith, John, and Ann Poe. “Strike ends.” The Sun, May 1, 1903.",
        ),
        (Source("Why now?", "Associated Press", None, None), "“Why now?”"),
        (
            Source("Le ministère", None, "Le Matin", "1884-03-15", supplied=frozenset({"date"})),
            "“Le ministère.” Le Matin, [March 15, 1884].",
        ),
    ],
)
def test_chicago_names_unsigned_articles_and_missing_parts(source: Source, expected: str) -> None:
    assert chicago(source) == expected


def test_chicago_markdown_italicizes_the_newspaper_and_escapes_the_rest() -> None:
    source = Source("A *b*", None, "The *Sun*", "1903-05")
    assert cite(source, "chicago", escape=lambda t: t.replace("*", "\\*")) == "“A \\*b\\*.” *The \\*Sun\\**, May 1903."
    assert chicago_date("1903") == "1903"


def test_style_follows_the_script_of_the_article_unless_forced() -> None:
    assert choose_style("高新区领导以普通党员身份") == "gbt7714"
    assert choose_style("Hawk wins presidential runoff race") == "chicago"
    assert choose_style("Hawk wins", "gbt7714") == "gbt7714"
