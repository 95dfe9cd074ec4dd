"""Terms of one token are checked on the original text through the characters that fold to theirs: the same
matches at the same places as the folded pattern on the folded text, with no fold of the candidate's text."""

from __future__ import annotations

import random
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


def test_terms_of_several_tokens_keep_the_folded_pattern() -> None:
    terms = parse_query('"city council" "中國 政府" "市 council"')
    assert len(terms) == 3
    assert all(term.unfolded is None for term in terms)


def _folded_spans(query: str, text: str) -> list[tuple[int, int]]:
    (term,) = parse_query(query)
    return [m.span() for m in term.pattern.finditer(fold_text(text))]


def _unfolded_spans(query: str, text: str) -> list[tuple[int, int]]:
    (term,) = parse_query(query)
    assert term.unfolded is not None
    return list(term.spans(text, ""))


@pytest.mark.parametrize(
    ("query", "text", "expected"),
    [
        ("mayor", "The MAYOR, the Mayor’s aide, ｍａｙｏｒ", ["MAYOR", "Mayor", "ｍａｙｏｒ"]),
        ("mayor", "mayoral Mayors exmayor mayor2 2mayor", []),
        ("zurich", "Zürich, ZURICH and Zurichsee", ["Zürich", "ZURICH"]),
        ("mayor", "市mayor市 Ɓmayor", ["mayor", "mayor"]),  # CJK and Ɓ (folds to ɓ, no word letter) are no letters
        (
            "co-operate",
            "co-operate, CO－OPERATE, cooperate, co operate, xco-operate",
            ["co-operate", "CO－OPERATE", "cooperate"],
        ),
        ("it's", "It’s, IT'S, its", ["It’s", "IT'S", "its"]),
        ("a-a", "xa-a-a", ["a-a"]),  # refused at 1 (x before it): the next try is inside that match, not after it
    ],
)
def test_a_word_matches_whole_on_the_original_text(query: str, text: str, expected: list[str]) -> None:
    spans = _unfolded_spans(query, text)
    assert [text[start:end] for start, end in spans] == expected
    assert spans == _folded_spans(query, text)


def test_words_match_as_on_the_folded_text_on_random_text() -> None:
    rng = random.Random(7)
    alphabet = "aAäÄáoOöÖ rR-－'’ｏ1１市,.ßẞİıƁ\n"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        for query in ("oa", "ro", "a-o", "a-a", "r1", "ß", "o'r"):
            assert _unfolded_spans(query, text) == _folded_spans(query, text), (query, text)


def test_translate_table_keeps_folds_of_every_character() -> None:
    sources, targets = TABLE_FILE.read_text(encoding="utf-8").split("\n")[:2]
    sample = "".join(chr(code) for code in range(0x3000)) + "Curly “quotes” and café, ÀÉÎ ｆｕｌｌ"
    assert sample.translate(fold_table()) == sample.translate(str.maketrans(sources, targets))
