"""CJK terms are checked on the original text through the characters that fold to theirs: the same matches
at the same places as the folded pattern on the folded text, with no fold of the candidate's text."""

from __future__ import annotations

import re

import pytest

from reader.fold import TABLE_FILE, fold_table, fold_text, unfolded_class
from reader.library_search import parse_query


def test_each_class_holds_exactly_the_characters_that_fold_to_it() -> None:
    table = fold_table()
    targets = {chr(target) for target in table.values()}
    for target in sorted(targets)[:3000]:
        members = set(re.findall(unfolded_class(target), "".join(chr(code) for code in table) + target))
        expected = {chr(code) for code, folded in table.items() if chr(folded) == target}
        if table.get(ord(target), ord(target)) == ord(target):
            expected.add(target)
        assert members == expected, target


def test_a_character_that_folds_away_matches_nothing_of_its_own() -> None:
    assert re.fullmatch(unfolded_class(fold_text("臺")), "臺")
    assert not re.search(unfolded_class("臺"), "臺灣 台湾")  # 臺 is no fold target: a folded query never has it


@pytest.mark.parametrize("query", ["中國人", "臺灣", "高新區域", "上海", "國"])
def test_unfolded_pattern_finds_what_the_folded_one_finds(query: str) -> None:
    text = "在臺灣與台湾之間，中國人和中国人、中國 人，高新区域與高新區域；上海、上 海、國国"
    (term,) = parse_query(query)
    assert term.unfolded is not None
    assert [m.span() for m in term.unfolded.finditer(text)] == [
        m.span() for m in term.pattern.finditer(fold_text(text))
    ]


def test_latin_and_several_token_terms_keep_the_folded_pattern() -> None:
    assert all(term.unfolded is None for term in parse_query('council "中國 政府" Zürich'))


def test_translate_table_keeps_folds_of_every_character() -> None:
    sources, targets = TABLE_FILE.read_text(encoding="utf-8").split("\n")[:2]
    sample = "".join(chr(code) for code in range(0x3000)) + "Curly “quotes” and café, ÀÉÎ ｆｕｌｌ"
    assert sample.translate(fold_table()) == sample.translate(str.maketrans(sources, targets))
