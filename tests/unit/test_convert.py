"""Display-only conversion between Chinese scripts (reader.convert, OpenCC 1.4.2)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader import convert as convert_module
from reader.convert import (
    MAX_CHUNK,
    OPENCC_CONFIGS,
    SCRIPT_CYCLE,
    SCRIPTS,
    convert_paragraphs,
    get_converter,
    next_script,
    resolve_script,
    script_label,
)
from reader.errors import ReaderError
from tests.conftest import CORPUS, SEED_PAGE

# (config, source, expected): one line per behaviour we rely on.
KNOWN_PAIRS = [
    # t2s: Traditional (any region) to Simplified.
    ("t2s", "高新區領導以普通黨員身份參加", "高新区领导以普通党员身份参加"),
    ("t2s", "頭髮發展後來", "头发发展后来"),
    ("t2s", "喫麪 裏面 裡面", "吃面 里面 里面"),
    ("t2s", "乾隆年間", "乾隆年间"),  # a phrase keeps 乾 where the character alone would become 干
    # s2t: OpenCC's standard Traditional, with 喫, 麪 and 裏 that Taiwan and Hong Kong readers don't use.
    ("s2t", "高新区", "高新區"),
    ("s2t", "吃面 里面", "喫麪 裏面"),
    ("s2t", "头发 发展 后来", "頭髮 發展 後來"),
    ("s2t", "软件网络", "軟件網絡"),  # characters only: no regional phrases
    # s2twp: Taiwan characters and Taiwan phrases.
    ("s2twp", "软件", "軟體"),
    ("s2twp", "网络", "網路"),
    ("s2twp", "鼠标", "滑鼠"),
    ("s2twp", "信息", "資訊"),
    ("s2twp", "打印机", "印表機"),
    ("s2twp", "出租车", "計程車"),
    ("s2twp", "自行车", "腳踏車"),
    ("s2twp", "吃面 里面", "吃麵 裡面"),
    ("s2twp", "U盘", "隨身碟"),  # longer
    ("s2twp", "方便面", "泡麵"),  # shorter
    # s2hk: Hong Kong characters, no phrase changes.
    ("s2hk", "高新区", "高新區"),
    ("s2hk", "吃面 里面", "吃麪 裏面"),
    ("s2hk", "软件网络", "軟件網絡"),
    # The reverse and regional configs.
    ("s2tw", "里面", "裡面"),
    ("t2tw", "裏面", "裡面"),
    ("t2hk", "爲僞衆", "為偽眾"),
    ("hk2t", "為偽眾", "爲僞衆"),
    ("tw2s", "軟體", "软体"),  # characters only
    ("tw2sp", "軟體 網路 滑鼠", "软件 网络 鼠标"),  # with phrases
    ("hk2s", "高新區", "高新区"),
    ("tw2t", "裡面", "裏面"),
]


@pytest.mark.parametrize(("config", "source", "expected"), KNOWN_PAIRS)
def test_known_pairs(config: str, source: str, expected: str) -> None:
    assert get_converter(config)(source) == expected


@pytest.mark.parametrize(("script", "expected"), [
    ("original", "高新区的软件"),
    ("simplified", "高新区的软件"),
    ("traditional", "高新區的軟件"),
    ("taiwan", "高新區的軟體"),
    ("hongkong", "高新區的軟件"),
])  # fmt: skip
def test_script_names(script: str, expected: str) -> None:
    assert get_converter(script)("高新区的软件") == expected


def test_original_is_the_identity_and_never_needs_opencc() -> None:
    text = "高新区\x00\ud800"
    assert get_converter("original")(text) is text
    assert resolve_script("original") is None


@pytest.mark.parametrize("name", ["S2T", "s2T", " s2twp ", "S2TWP", "s2twp.json", "Taiwan", "HONGKONG", "Tw2Sp"])
def test_names_are_case_insensitive(name: str) -> None:
    """``OpenCC("S2T")`` fails in OpenCC itself; we map to the lowercase config file name."""
    config = resolve_script(name)
    assert config is not None and config == config.lower()
    assert get_converter(name)("软件") in {"軟件", "軟體", "软件"}


@pytest.mark.parametrize("name", ["", "s2x", "klingon", "s2t2s", "../s2t", "/etc/passwd", "s2t.ini"])
def test_bad_names_give_one_line_listing_the_valid_ones(name: str) -> None:
    with pytest.raises(ReaderError) as caught:
        get_converter(name)
    message = str(caught.value)
    assert "\n" not in message
    assert "unknown script" in message
    for valid in ("original", "simplified", "traditional", "taiwan", "hongkong", "s2twp", "t2s", "hk2s"):
        assert valid in message


def test_config_list_matches_the_installed_opencc() -> None:
    """We list the configs so checking a name never imports OpenCC; a version bump must update the list."""
    import opencc

    assert sorted(OPENCC_CONFIGS) == sorted(name.removesuffix(".json") for name in opencc.CONFIGS)
    assert all(config in OPENCC_CONFIGS for config in SCRIPTS.values() if config)


def test_script_cycle_and_labels() -> None:
    assert SCRIPT_CYCLE == ("original", "simplified", "traditional", "taiwan", "hongkong")
    assert [script_label(name) for name in SCRIPT_CYCLE] == ["original", "简体", "繁體", "臺灣", "香港"]
    assert script_label("S2TWP") == "臺灣"
    assert script_label("tw2sp") == "简体"
    assert script_label("hk2t") == "繁體"
    assert script_label("t2hk") == "香港"
    assert [next_script(name) for name in SCRIPT_CYCLE] == [*SCRIPT_CYCLE[1:], SCRIPT_CYCLE[0]]
    assert next_script("tw2s") == "original"
    with pytest.raises(ReaderError):
        script_label("nope")


def test_import_does_not_load_opencc() -> None:
    """Importing the module, and even asking for a converter, stays off OpenCC until text is converted."""
    code = (
        "import sys\n"
        "import reader.convert as c\n"
        "assert 'opencc' not in sys.modules, 'import'\n"
        "f = c.get_converter('taiwan')\n"
        "assert 'opencc' not in sys.modules, 'get_converter'\n"
        "assert f('软件') == '軟體'\n"
        "assert 'opencc' in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_each_config_is_built_once_across_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    import opencc

    built: list[str] = []
    real = opencc.OpenCC

    class SlowOpenCC(real):  # type: ignore[misc, valid-type]
        def __init__(self, config: str) -> None:
            built.append(config)
            time.sleep(0.05)  # widen the race window
            super().__init__(config)

    monkeypatch.setattr(opencc, "OpenCC", SlowOpenCC)
    monkeypatch.setattr(convert_module, "_converters", {})
    converter = get_converter("hongkong")
    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(converter("高新区"))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["高新區"] * 8
    assert built == ["s2hk"]


def test_nul_and_surrogates_pass_through() -> None:
    """OpenCC's multi-step configs stop at NUL ('a\\x00b' → 'a') and it cannot encode lone surrogates."""
    for config in OPENCC_CONFIGS:
        convert = get_converter(config)
        assert convert("a\x00b") == "a\x00b"
        assert convert("\ud800") == "\ud800"
    assert get_converter("taiwan")("软件\x00网络\ud83d方便面") == "軟體\x00網路\ud83d泡麵"


def test_long_text_is_converted_in_short_pieces_with_the_same_result() -> None:
    import opencc

    text = ("本报讯 高新区梧桐园区的软件和网络。" * 3000) + "末" * (MAX_CHUNK + 5)
    assert get_converter("taiwan")(text) == opencc.OpenCC("s2twp").convert(text)
    pieces = list(convert_module._split_for_opencc(text))
    assert "".join(pieces) == text
    assert max(map(len, pieces)) <= MAX_CHUNK
    assert all(piece.endswith(("。", " ")) for piece in pieces[:-2])  # cut at sentence ends when possible


def test_convert_paragraphs() -> None:
    paragraphs = ["高新区的软件", "", "网络"]
    assert convert_paragraphs(paragraphs, "taiwan") == ("高新區的軟體", "", "網路")
    assert convert_paragraphs(iter(paragraphs), "original") == tuple(paragraphs)
    assert convert_paragraphs([], "S2T") == ()
    with pytest.raises(ReaderError):
        convert_paragraphs(paragraphs, "nope")


def _real_texts() -> list[str]:
    texts = [SEED_PAGE.read_text(encoding="utf-8")]
    texts += [path.read_text(encoding="utf-8") for path in sorted((CORPUS / "jingbao" / "dev").glob("*.txt"))[:5]]
    return texts


def test_idempotence_and_length_on_real_pages() -> None:
    """Converting twice changes nothing more, and character-only configs keep the length."""
    for text in _real_texts():
        for config in ("t2s", "s2t", "s2hk", "s2twp", "t2tw"):
            once = get_converter(config)(text)
            assert get_converter(config)(once) == once, config
        for config in ("t2s", "s2t", "s2hk"):
            assert len(get_converter(config)(text)) == len(text), config


# Han characters, minus 薴: t2s turns it into 苧 and only a second pass gives 苎 (see the test below).
_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF, exclude_characters="薴")


@given(st.text(_HAN, max_size=40))
def test_t2s_is_idempotent(text: str) -> None:
    to_simplified = get_converter("t2s")
    assert to_simplified(to_simplified(text)) == to_simplified(text)


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=60))
def test_round_trips_never_crash_on_arbitrary_text(text: str) -> None:
    """Any text, controls and astral characters included: every config returns text, NULs where they were."""
    for config in ("t2s", "s2t", "s2twp", "s2hk", "tw2sp", "hk2s"):
        converted = get_converter(config)(text)
        assert isinstance(converted, str)
        assert converted.count("\x00") == text.count("\x00")
        back = get_converter("t2s")(converted)
        assert isinstance(back, str)


@given(st.text(st.characters(max_codepoint=0x2E7F, exclude_categories=("Cs",)), max_size=60))
def test_text_without_cjk_is_never_changed(text: str) -> None:
    for config in ("t2s", "s2t", "s2twp", "s2hk"):
        assert get_converter(config)(text) == text


# Known limitations: OpenCC's own behaviour, kept because conversion is display-only. If an OpenCC upgrade
# fixes one of these, the test fails: update it and the docs.


def test_known_limitation_segmentation_dry_cleaner() -> None:
    # 干洗店 (dry cleaner's) is split so that 干 is read as 幹 ("to do"); correct would be 乾洗店.
    assert get_converter("s2t")("要去干洗店") == "要去幹洗店"
    assert get_converter("taiwan")("要去干洗店") == "要去幹洗店"


def test_known_limitation_t2s_needs_two_passes_for_some_characters() -> None:
    # 薴 → 苧 → 苎: t2s is not idempotent on this character.
    assert get_converter("t2s")("薴") == "苧"
    assert get_converter("t2s")("苧") == "苎"


def test_known_limitation_round_trip_is_not_exact() -> None:
    # 缐 stays as it is under t2s, but s2t then t2s normalises it to 线.
    t2s, s2t = get_converter("t2s"), get_converter("s2t")
    assert t2s("缐万") == "缐万"
    assert t2s(s2t(t2s("缐万"))) == "线万"


def test_preload_builds_converters_up_front(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(convert_module, "_converters", {})
    convert_module.preload(["taiwan", "original", "HK2S"])
    assert sorted(convert_module._converters) == ["hk2s", "s2twp"]
    assert get_converter("taiwan") is convert_module._converters["s2twp"]  # built: handed out directly
    with pytest.raises(ReaderError):
        convert_module.preload(["nope"])
