"""The one sanitizer: nothing from a file may drive the terminal, and markup stays literal text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.sanitize import sanitize


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
