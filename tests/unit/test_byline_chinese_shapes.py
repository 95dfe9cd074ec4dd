"""Chinese byline shapes that look like a byline and are not: addresses, verbs run on to a word, titles."""

from __future__ import annotations

from reader.analysis.bylines import is_byline_line, is_name_only_line, is_signature_line


def test_a_bracketed_address_is_no_pen_name() -> None:
    assert is_byline_line("（丹翁）")
    assert not is_byline_line("（大華路口）")
    assert not is_byline_line("（地址）")


def test_a_role_that_is_also_a_verb_run_on_to_a_word_credits_no_one() -> None:
    assert is_signature_line("记者孙庆辉")
    assert is_signature_line("整理 王小明 记者 李四")
    assert not is_signature_line("整理物價")
    assert not is_byline_line("撰文紀念")


def test_an_instalment_number_before_the_author_is_a_byline_but_a_title_before_it_is_not() -> None:
    assert is_name_only_line("（三）某某遺著")
    assert not is_name_only_line("春夢記　（二）某某遺著")
