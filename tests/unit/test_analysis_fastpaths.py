"""The speed shortcuts of the analysis give exactly what their plain definitions give."""

from __future__ import annotations

import re
import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.analysis.blocks import display_width, split_blocks, without_whitespace
from reader.analysis.clean import GLYPH_VARIANTS, join_wrapped, map_glyphs, remove_ocr_spaces
from reader.analysis.fingerprint import normalize_for_fingerprint
from reader.analysis.overlap import bigram_codes, bigrams
from reader.model import Line

# full-width forms, combining marks that compose, compatibility characters, CJK and ASCII punctuation
_TRICKY = st.sampled_from(
    list("ab Z1_.,<=%)中文鿿，。、“”…·・—（）　＜＝ＡＢ１ａ＿e\u0301\u0308\u0338™①⑴é-\u00adｶﾞ\u3099か査黒巻乗剰挿\n\t")
    # symbols, ideographs of extension A and B, 〇 and private-use glyphs that OCR prints in old papers
    + list("◘▲●★•«»„£®‥⋯䭾㐀䶿〇々\ue111\uf8ff𣏌豈")
    + ["  ", "   "]
)
_TEXT = st.lists(_TRICKY, max_size=30).map("".join) | st.text(max_size=20)
_NOT_WORD = re.compile(r"[\W_]+")


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_fingerprint_normalisation_is_nfkc_casefold_letters(text: str) -> None:
    expected = _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).casefold())
    assert normalize_for_fingerprint(text) == expected


#: English prose with a few other characters in it: the route that deletes ASCII punctuation as bytes first.
_MOSTLY_ASCII = st.tuples(st.text(alphabet="abcXYZ019 .,'_-\n\t", min_size=40, max_size=200), _TEXT).map("".join)


@settings(max_examples=300, deadline=None)
@given(_MOSTLY_ASCII)
def test_fingerprint_normalisation_of_mostly_ascii_text(text: str) -> None:
    expected = _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).casefold())
    assert normalize_for_fingerprint(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT.map(lambda t: "".join(t.split())), max_size=5))
def test_bigram_codes_match_bigram_strings(texts: list[str]) -> None:
    for text in texts:
        codes, strings = bigram_codes([text]), bigrams([text])
        assert len(codes) == len(strings)


def _remove_ocr_spaces_reference(text: str) -> str:
    """Character by character: a run of spaces between CJK (or CJK and a digit) goes, others become one."""
    from reader.analysis.clean import _ocr_space

    out: list[str] = []
    index = 0
    while index < len(text):
        if text[index] != " ":
            out.append(text[index])
            index += 1
            continue
        end = index
        while end < len(text) and text[end] == " ":
            end += 1
        left, right = (out[-1] if out else ""), (text[end] if end < len(text) else "")
        if not (left and right and _ocr_space(left, right)):
            out.append(" ")
        index = end
    return "".join(out)


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_ocr_space_removal_matches_reference(text: str) -> None:
    assert remove_ocr_spaces(text) == _remove_ocr_spaces_reference(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT, max_size=6))
def test_cjk_join_shortcut_and_glyph_map(lines: list[str]) -> None:
    joined = join_wrapped(lines)
    if len([line for line in lines if line.strip()]) <= 1:
        assert joined == "".join(line.strip() for line in lines)
    assert map_glyphs(joined) == joined.translate(str.maketrans(GLYPH_VARIANTS))


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT, max_size=12))
def test_block_widths_are_display_widths(texts: list[str]) -> None:
    lines = [Line(i, text.replace("\n", " ")) for i, text in enumerate(texts, 1)]
    for block in split_blocks(lines):
        assert block.widths == tuple(display_width(text) for text in block.texts)
        assert block.compact == "".join("".join(block.texts).split())


#: Words and the characters that do or do not end one for the regex ``\b`` (letters, digits, ``_``, accents).
_WORDISH = st.lists(
    st.sampled_from(["ab", "abc", "a", "Ab", "b", "c", "_", "1", "é", " ", "\n", ",", "’", "-"]), max_size=12
)


@settings(max_examples=500, deadline=None)
@given(_WORDISH.map("".join), st.sampled_from(["ab", "abc", "a", "b", "bc", "ca", ""]))
def test_lower_case_word_lookup_matches_the_plain_word_set(page_text: str, word: str) -> None:
    from reader.analysis.latin import _printed_in_lower_case

    vocabulary = set(re.findall(r"\b[a-z]{2,}\b", page_text))
    assert _printed_in_lower_case(word, page_text) == (word in vocabulary)


#: Text of an English advert with the characters the price pattern looks for, CJK and other.
_ADVERT_TEXT = st.lists(
    st.sampled_from(["$", "5", "a", "’", "“", "é", "電話", "電", "話", "洋", "元", "三", "角", "每瓶", "售價", " "]),
    max_size=10,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_ADVERT_TEXT)
def test_advert_shortcut_matches_the_advert_pattern(compact: str) -> None:
    from reader.analysis.roles import _ADVERT, _is_advert_text

    assert _is_advert_text(compact) == (_ADVERT.search(compact) is not None)


def test_every_advert_alternative_but_the_dollar_opens_with_an_ideograph() -> None:
    from reader.analysis.roles import _ADVERT, _UNIFIED_IDEOGRAPH

    alternatives = _ADVERT.pattern.split("|")
    assert alternatives[-1] == r"\$\d"
    assert all(_UNIFIED_IDEOGRAPH.match(alternative.lstrip("[")) for alternative in alternatives[:-1])


def test_every_whitespace_character_but_the_space_is_unprintable() -> None:
    """What :func:`without_whitespace` relies on to keep a printable text after dropping its spaces."""
    spaces = [chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()]
    assert [char for char in spaces if char.isprintable()] == [" "]


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_whitespace_removal_matches_split_and_join(text: str) -> None:
    assert without_whitespace(text) == "".join(text.split())


def test_plain_unfolded_class_is_plain_without_what_folding_changes() -> None:
    from reader.analysis.fingerprint import _FOLDED, _PLAIN, _PLAIN_UNFOLDED

    for code in range(sys.maxunicode + 1):
        char = chr(code)
        expected = _PLAIN.fullmatch(char) is not None and _FOLDED.match(char) is None
        assert (_PLAIN_UNFOLDED.fullmatch(char) is not None) == expected, hex(code)


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_plain_unfolded_letters_are_the_casefolded_letters(text: str) -> None:
    from reader.analysis.fingerprint import plain_unfolded_letters

    letters = plain_unfolded_letters(text)
    if letters is not None:
        assert letters == _NOT_WORD.sub("", text.casefold())


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_strip_leaves_single_spaced_text_alone(text: str) -> None:
    from reader.analysis.bylines import _single_spaced, _strip

    if _single_spaced(text):  # a sufficient test: an unprintable character that is no space also fails it
        assert _strip(text) == text
    if _strip(text) == text and text.isprintable():
        assert _single_spaced(text)


def test_by_pair_without_ignorecase_matches_what_ignorecase_would() -> None:
    """:data:`_BY_PAIR` spells out both cases: no other character of Unicode folds to one of its letters."""
    from reader.analysis.bylines import _BY_PAIR

    folded = re.compile(r"[blhrj][yv]", re.IGNORECASE)
    letters = [chr(code) for code in range(sys.maxunicode + 1) if re.fullmatch("[blhrjyv]", chr(code), re.I)]
    for first in letters:
        for second in letters:
            assert (_BY_PAIR.fullmatch(first + second) is None) == (folded.fullmatch(first + second) is None)


_CAPITALS_LINE = st.text(alphabet="ABCNOTW .,'’-—–()APUIRe1", min_size=1, max_size=50)


@settings(max_examples=800, deadline=None)
@given(_CAPITALS_LINE)
def test_a_capitals_line_without_bracket_or_dash_skips_the_dateline_patterns(text: str) -> None:
    """:func:`find_dateline` gives what the full pattern gives, though it skips lines with no ``(``, — or –."""
    from reader.analysis.datelines import _ANY, find_dateline

    match = _ANY.match(text.lstrip())
    assert find_dateline(text) == (match.group(0).strip() if match else None)


_CREDIT_PIECES = st.lists(
    st.sampled_from(["记者", "本報記者", "攝", "文/图", "孫慶輝", "張三", "李", " ", "　", "，"]), max_size=6
)


@settings(max_examples=800, deadline=None)
@given(_CREDIT_PIECES.map("".join))
def test_a_credit_line_has_a_space_or_opens_with_a_role(text: str) -> None:
    """What :func:`is_signature_line` and :func:`is_byline_line` test before they split a line into tokens."""
    from reader.analysis.bylines import _ROLE_OPENINGS, _is_credit_line, _strip

    stripped = _strip(text)
    if _is_credit_line(stripped):
        assert " " in stripped or stripped.startswith(_ROLE_OPENINGS)


def test_prose_answer_kept_on_a_block_is_the_answer_and_leaves_equality_alone() -> None:
    from reader.analysis.roles import is_prose

    text = "The council said that it would meet again on Tuesday to vote on the plan for the new park."
    lines = [Line(1, text), Line(2, "Call 555-1234 now")]
    block, advert = split_blocks(lines[:1])[0], split_blocks([Line(1, lines[1].text)])[0]
    assert block.prose is None
    assert is_prose(block) is True and block.prose is True
    assert is_prose(advert) is False and advert.prose is False
    assert is_prose(block) is True  # asked again: the kept answer
    assert block == split_blocks(lines[:1])[0]  # a fresh block, not yet asked, is still equal


def test_the_latin_by_pattern_opens_only_with_its_opening_letters() -> None:
    """:func:`is_byline_line` and :func:`is_signature_line` test the first letter before :data:`_LATIN_BY`."""
    from reader.analysis.bylines import _LATIN_BY, _LATIN_BY_OPENERS

    openers = [chr(code) for code in range(sys.maxunicode + 1) if _LATIN_BY.match(chr(code) + "y x")]
    openers += [chr(code) for code in range(sys.maxunicode + 1) if re.match("(?i)[bpvd]", chr(code))]
    assert set(openers) <= _LATIN_BY_OPENERS


def test_the_running_head_start_pattern_opens_only_with_its_opening_letters_or_a_digit() -> None:
    from reader.analysis.roles import _FURNITURE_START, _FURNITURE_START_OPENERS

    openers = {chr(code) for code in range(sys.maxunicode + 1) if re.match("(?i)[pvmtwfs]", chr(code))}
    assert openers <= _FURNITURE_START_OPENERS
    # every alternative (and every first alternative of a group) opens with one of those letters or a digit
    for piece in _FURNITURE_START.pattern.split("|"):
        piece = piece.removeprefix("(?:")
        assert piece[0] in "pvmtwfs" or piece.startswith("\\d"), piece
