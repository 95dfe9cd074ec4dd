"""Role words are not names: one list (reader.analysis.bylines.ROLE_WORDS) for citations and name protection."""

from __future__ import annotations

import pytest

from reader.analysis.bylines import ROLE_WORDS, author_names, is_role_word


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("记者 孙庆辉 通讯员 陈璐 文/图", ("孙庆辉", "陈璐")),
        ("本报记者 王文 摄", ("王文",)),
        ("记者孙庆辉", ("孙庆辉",)),
        ("通讯员 于其政", ("于其政",)),
        ("特约撰稿人 张三", ("张三",)),
        ("（丹翁）", ("丹翁",)),
        ("李涵秋著", ("李涵秋",)),
        ("By Monique McCarty Staff Writer", ("Monique McCarty",)),
        ("By Monique McCarty\nStaff Writer", ("Monique McCarty",)),
        ("By Jane Roe and John Doe", ("Jane Roe", "John Doe")),
        ("By JOHN SMITH, Associated Press", ("JOHN SMITH",)),
        ("Associated Press", ()),
        ("By Carolyn E. Nielsen\nStaff Writer____________________", ("Carolyn E. Nielsen",)),
        ("Monique McCarty is a journalism senior.", ("Monique McCarty",)),
        ("", ()),
        (None, ()),
    ],
)
def test_author_names_drop_role_words(byline: str | None, names: tuple[str, ...]) -> None:
    assert author_names(byline) == names


def test_the_issue_role_words_are_in_the_one_list() -> None:
    for word in ("Staff Writer", "记者", "通讯员", "特约撰稿人", "Associated Press"):
        assert word in ROLE_WORDS and is_role_word(word)
    assert not is_role_word("于其政") and not is_role_word("Monique McCarty")
