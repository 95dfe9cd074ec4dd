"""Wrapping for CJK wide characters with Chinese line-break rules (reader.wrap)."""

from __future__ import annotations

import subprocess
import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.wrap import NO_LINE_END, NO_LINE_START, wrap_offsets, wrap_text

SAMPLE = "本报讯 11月29日，高新区梧桐园区运营中心党支部召开专题组织生活会。“自力更生、艰苦创业”（红旗渠精神）！"


def test_lines_fit_the_width_in_cells() -> None:
    for width in range(4, 40):
        for line in wrap_text(SAMPLE, width):
            assert cell_len(line) <= width, (width, line)


def test_no_line_starts_with_closing_punctuation() -> None:
    for width in range(6, 40):  # narrower lines cannot fit a character plus two punctuation marks
        lines = wrap_text(SAMPLE, width)
        assert all(line[0] not in NO_LINE_START for line in lines[1:] if line), (width, lines)


def test_no_line_ends_with_opening_punctuation() -> None:
    for width in range(6, 40):  # narrower lines cannot fit a character plus two punctuation marks
        lines = wrap_text(SAMPLE, width)
        assert all(line[-1] not in NO_LINE_END for line in lines[:-1] if line), (width, lines)


def test_closing_punctuation_pulls_the_previous_character_along() -> None:
    # Width 8 fits 「高新区召」 exactly; the comma may not start the next line, so 召 moves down with it.
    assert wrap_text("高新区召，开会议", 8) == ["高新区", "召，开会", "议"]


def test_opening_quote_moves_to_the_next_line() -> None:
    assert wrap_text("一二三“四五”", 7) == ["一二三", "“四五”"]


def test_latin_words_are_not_split() -> None:
    assert wrap_text("Hello world again", 11) == ["Hello world", "again"]


def test_word_longer_than_the_line_is_split() -> None:
    assert wrap_text("abcdefghij", 4) == ["abcd", "efgh", "ij"]


def test_text_is_kept_apart_from_spaces_at_breaks() -> None:
    text = "高新区 人大工委到双桥办事处检查，安全生产工作 OK"
    for width in range(2, 30):
        joined = "".join(text[start:end] for start, end in wrap_offsets(text, width))
        assert joined.replace(" ", "") == text.replace(" ", "")


def test_empty_paragraph_is_one_empty_line() -> None:
    assert wrap_offsets("", 10) == [(0, 0)]
    assert wrap_text("a\n\nb", 10) == ["a", "", "b"]


def test_tiny_width_still_terminates() -> None:
    assert wrap_text("，，，，", 1) == ["，", "，", "，", "，"]


def test_long_article_wraps_in_linear_work(monkeypatch) -> None:
    """Work, not seconds: the break checks grow with the text, and stay below one per character."""
    import reader.wrap as wrap_module

    calls = 0
    can_break = wrap_module._can_break

    def counting(text: str, index: int) -> bool:
        nonlocal calls
        calls += 1
        return can_break(text, index)

    monkeypatch.setattr(wrap_module, "_can_break", counting)
    counts = []
    for repeat in (200, 2000):  # about 10,000 and 100,000 characters
        calls = 0
        text = SAMPLE * repeat
        lines = wrap_offsets(text, 80)
        assert len(lines) > repeat // 2
        assert calls <= len(text)
        counts.append(calls)
    assert counts[1] <= 11 * counts[0]


_CJK = st.sampled_from("高新区党支部召开专题组织生活会记者孙庆辉")
_PUNCT = st.sampled_from(sorted(NO_LINE_START | NO_LINE_END))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(_CJK, st.one_of(st.just(""), _PUNCT)), min_size=1, max_size=80),
    st.integers(min_value=6, max_value=60),
)
def test_kinsoku_holds_when_punctuation_is_not_clustered(pairs: list[tuple[str, str]], width: int) -> None:
    text = "".join(character + punct for character, punct in pairs)
    lines = wrap_text(text, width)
    assert "".join(lines) == text
    for number, line in enumerate(lines):
        assert cell_len(line) <= width
        if number:
            assert line[0] not in NO_LINE_START, lines
        if number < len(lines) - 1:
            assert line[-1] not in NO_LINE_END, lines


def test_wrap_does_not_import_textual() -> None:
    code = "import sys, reader.wrap; sys.exit('textual' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_words_with_accents_are_not_split() -> None:
    # French, German, Greek and Cyrillic words break at spaces only, like ASCII ones.
    text = "plusieurs bâtimens éprouvé Müßiggang Ελλάδα Москва"
    for width in range(9, 30):
        for line in wrap_text(text, width):
            assert all(word in text.split() for word in line.split()), (width, line)


def test_a_combining_accent_stays_with_its_letter() -> None:
    # "aé," (a decomposed é) at width 2: the comma may not start a line, and the break before it would leave
    # the accent alone at the start of the next.
    for text in ("ae\u0301,", "cafe\u0301, " * 3 + "e\u0301" * 12):
        for width in range(2, 12):
            lines = wrap_text(text, width)
            assert all(not line or not unicodedata.combining(line[0]) for line in lines), (width, lines)


def test_wide_characters_still_break_between_any_two() -> None:
    assert wrap_text("高新区召开工作会议", 6) == ["高新区", "召开工", "作会议"]
    assert wrap_text("ＡＢＣＤ", 4) == ["ＡＢ", "ＣＤ"]  # fullwidth Latin is wide: it breaks like Chinese
