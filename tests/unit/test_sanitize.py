"""The one sanitizer: nothing from a file may drive the terminal, and markup stays literal text."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from reader.sanitize import UNSAFE_CHARACTERS, has_unsafe, sanitize


def test_plain_text_is_unchanged() -> None:
    text = "本报讯 11月29日\t[red]號外[/] C:\\path\\ 【图1】"
    assert sanitize(text) == text


def test_removes_csi_osc_and_c1() -> None:
    assert sanitize("a\x1b[31;1mb\x1b[0mc") == "abc"
    assert sanitize("x\x1b]52;c;ZXZpbA==\x07y") == "xy"  # OSC 52 clipboard write, BEL-terminated
    assert sanitize("x\x1b]8;;http://e.x\x1b\\link\x1b]8;;\x1b\\y") == "xlinky"  # hyperlink, ST-terminated
    assert sanitize("x\x9b31my\x9d0;title\x9cz") == "xyz"  # 8-bit CSI and OSC
    assert sanitize("a\x1bPq#0;2;0;0;0\x1b\\b") == "ab"  # DCS (sixel)


def test_removes_controls_bidi_and_surrogates_but_keeps_newline_and_tab() -> None:
    assert sanitize("a\x00b\x07c\x08d\re\nf\tg\x7f") == "abcde\nf\tg"
    assert sanitize("abc\u202edef\u2066g\u2069") == "abcdefg"
    assert sanitize("a\ud800b") == "ab"


@given(st.text())
def test_output_never_holds_escape_or_unsafe_characters(text: str) -> None:
    cleaned = sanitize(text)
    assert "\x1b" not in cleaned
    assert all(ch in "\n\t" or not (ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F) for ch in cleaned)
    assert not any(0xD800 <= ord(ch) <= 0xDFFF or 0x202A <= ord(ch) <= 0x202E for ch in cleaned)
    assert sanitize(cleaned) == cleaned


def test_removes_invisible_format_characters() -> None:
    hidden = "a\u200bb\u2060c\ufeffd\u00ade\u2061f\u206ag\ufff9h\U000e0041\U000e0001i"
    assert sanitize(hidden) == "abcdefghi"


def test_line_and_paragraph_separators_become_spaces() -> None:
    assert sanitize("one\u2028two\u2029three") == "one two three"


def test_keeps_joiners_private_use_and_visible_format_characters() -> None:
    kept = "क्\u200dष می\u200cخواهم 👩\u200d💻 \ue111 \U000f0000 \u0600١٢"
    assert sanitize(kept) == kept


def test_every_format_character_is_removed_or_deliberately_kept() -> None:
    """All of Unicode's format characters (Cf): each is removed unless a script needs it to be drawn."""
    import sys
    import unicodedata

    kept = {0x200C, 0x200D, *range(0x0600, 0x0606), 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2, 0x110BD, 0x110CD}
    kept.update(range(0x13430, 0x13460))  # Egyptian hieroglyph format controls: part of the script
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if unicodedata.category(char) == "Cf" and code not in kept:
            assert sanitize(f"a{char}b") == "ab", hex(code)


def test_json_escape_keeps_data_and_hides_overrides() -> None:
    import json

    from reader.sanitize import escape_json_text

    document = json.dumps({"t": "x\u202ey\ufeff\U000e0041\u2028\ud800"}, ensure_ascii=False)
    escaped = escape_json_text(document)
    assert escaped.isascii() and json.loads(escaped) == json.loads(document)


_ONE_CLASS = re.compile(f"[{UNSAFE_CHARACTERS}\u2028\u2029]")
"""The definition :func:`has_unsafe` answers in two cheaper parts (BMP characters, then astral ones)."""


@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from("本報\u3000\ue111\n\t \u200d\U00020000\U0001d173\U000e0041\U0001bca0\U0001bca4\u2028"),
            st.characters(),
        )
    )
)
def test_has_unsafe_agrees_with_the_one_character_class(text: str) -> None:
    assert has_unsafe(text) == (not text.isprintable() and _ONE_CLASS.search(text) is not None)
    if not has_unsafe(text):
        assert sanitize(text) == text


def test_an_unsafe_astral_character_is_found_among_safe_astral_ones() -> None:
    assert has_unsafe("\U00020000本\U0001d173") and sanitize("\U00020000本\U0001d173") == "\U00020000本"
    assert not has_unsafe("\U00020000本\u3000報")
