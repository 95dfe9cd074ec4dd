"""Display-only conversion between Chinese scripts with OpenCC.

Conversion changes only what is shown: the source text, notes and quoted passages stay as printed.

Script names (what ``--script`` and the app's ``t`` key cycle through):

- ``original``: the text as printed, no conversion.
- ``simplified`` (OpenCC ``t2s``): Simplified Chinese.
- ``traditional`` (``s2t``): OpenCC's *standard* Traditional form. It follows the dictionary standard, so it
  writes 喫, 麪 and 裏 where readers in Taiwan and Hong Kong write 吃, 麵 and 裡/裏. That is why the regional
  modes exist.
- ``taiwan`` (``s2twp``): Taiwan standard characters **and** Taiwan phrases (软件 → 軟體, 网络 → 網路,
  出租车 → 計程車). Phrase conversion can change the length of the text (U盘 → 隨身碟, 方便面 → 泡麵).
- ``hongkong`` (``s2hk``): Hong Kong standard characters.

Any OpenCC 1.4.2 config name is accepted too, case-insensitively (``S2TWP``, ``tw2s``, ``hk2s``, ``t2tw`` …):
OpenCC itself only finds its config files under their lowercase names, so ``OpenCC("S2T")`` fails.

Cost and threading. ``import opencc`` and building a converter (it loads dictionaries) happen on the first
call to a converter, never at ``import reader.convert``, so they stay off the path to the first screen. Each
converter is built once per config, under a lock, and shared by all threads. Conversion holds the GIL, so a
converter returned by :func:`get_converter` converts long text in chunks of at most :data:`MAX_CHUNK`
characters, cut at line or sentence ends; convert per article or per paragraph (:func:`convert_paragraphs`),
in a worker thread, and no single call blocks the screen for long (see ``benchmarks/convert.py``).

Known limitations (OpenCC's, kept as they are because conversion is display-only): segmentation errors such
as 要去干洗店 → 要去幹洗店 (干洗 "dry-clean" read as 幹), and one-to-many characters resolved by the
dictionary's first choice when no phrase matches.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable

from reader.errors import ReaderError

Converter = Callable[[str], str]
"""A ``str -> str`` conversion function."""

SCRIPTS: dict[str, str | None] = {
    "original": None,
    "simplified": "t2s",
    "traditional": "s2t",
    "taiwan": "s2twp",
    "hongkong": "s2hk",
}
"""User-facing script names and the OpenCC config each uses (None: no conversion)."""

SCRIPT_CYCLE: tuple[str, ...] = ("original", "simplified", "traditional", "taiwan", "hongkong")
"""Script names in the order the app's ``t`` key cycles through them."""

OPENCC_CONFIGS: tuple[str, ...] = (
    "hk2s",
    "hk2sp",
    "hk2t",
    "jp2t",
    "s2hk",
    "s2hkp",
    "s2t",
    "s2tw",
    "s2twp",
    "t2hk",
    "t2jp",
    "t2s",
    "t2tw",
    "tw2s",
    "tw2sp",
    "tw2t",
)
"""Config names shipped with OpenCC 1.4.2 (listed here so that checking a name never imports OpenCC)."""

_LABELS: dict[str, str] = {
    "original": "original",
    "simplified": "简体",
    "traditional": "繁體",
    "taiwan": "臺灣",
    "hongkong": "香港",
}
# What a config produces, by the end of its name: the label of that script.
_TARGET_LABELS: tuple[tuple[str, str], ...] = (
    ("2sp", "简体"),
    ("2s", "简体"),
    ("2twp", "臺灣"),
    ("2tw", "臺灣"),
    ("2hkp", "香港"),
    ("2hk", "香港"),
    ("2jp", "日本"),
    ("2t", "繁體"),
)

MAX_CHUNK = 20_000
"""Longest piece of text handed to OpenCC in one call. At about 6,000 characters per millisecond for the
slowest config (s2twp), one call blocks for a few milliseconds."""

# Where a long text may be cut without splitting a phrase: after a line end, sentence punctuation or a space.
_CUT_AFTER = re.compile(r"[\n。！？；!?;…\s]")
# Characters OpenCC's C++ layer cannot take: NUL ends the text early in multi-step configs (s2twp, s2hk
# drop everything after it) and lone surrogates cannot be encoded as UTF-8. They pass through unconverted.
_UNCONVERTIBLE = re.compile("([\x00\ud800-\udfff]+)")

_build_lock = threading.Lock()
_converters: dict[str, Converter] = {}


def _normalize(name: str) -> str:
    key = name.strip().lower()
    return key[: -len(".json")] if key.endswith(".json") else key


def valid_names() -> tuple[str, ...]:
    """Every name :func:`resolve_script` accepts: the script names, then the OpenCC config names."""
    return (*SCRIPTS, *OPENCC_CONFIGS)


def resolve_script(name: str) -> str | None:
    """The OpenCC config for a script name or config name, matched case-insensitively.

    Args:
        name: a script name (``taiwan``) or an OpenCC config name (``s2twp``, ``S2TWP``, ``s2twp.json``).

    Returns:
        The lowercase OpenCC config name, or None for ``original`` (no conversion).

    Raises:
        ReaderError: the name is unknown; the one-line message lists the valid names.
    """
    key = _normalize(name)
    if key in SCRIPTS:
        return SCRIPTS[key]
    if key in OPENCC_CONFIGS:
        return key
    raise ReaderError(f"unknown script {name!r}; valid names: {', '.join(valid_names())}")


def script_label(name: str) -> str:
    """A short label for a header: ``original``, ``简体``, ``繁體``, ``臺灣``, ``香港`` (``日本`` for t2jp).

    Raises:
        ReaderError: the name is unknown.
    """
    key = _normalize(name)
    if key in _LABELS:
        return _LABELS[key]
    config = resolve_script(name)
    assert config is not None  # only "original" resolves to None, and it has a label
    for suffix, label in _TARGET_LABELS:
        if config.endswith(suffix):
            return label
    return config


def next_script(name: str) -> str:
    """The script after ``name`` in :data:`SCRIPT_CYCLE` (a config name not in the cycle restarts it)."""
    key = _normalize(name)
    if key in SCRIPT_CYCLE:
        return SCRIPT_CYCLE[(SCRIPT_CYCLE.index(key) + 1) % len(SCRIPT_CYCLE)]
    return SCRIPT_CYCLE[0]


def _identity(text: str) -> str:
    return text


def _split_for_opencc(text: str) -> Iterable[str]:
    """Pieces of at most MAX_CHUNK characters, cut after a line or sentence end when there is one."""
    start = 0
    while len(text) - start > MAX_CHUNK:
        limit = start + MAX_CHUNK
        cut = -1
        # Look back over the last quarter of the window for a safe place to cut.
        for match in _CUT_AFTER.finditer(text, limit - MAX_CHUNK // 4, limit):
            cut = match.end()
        if cut <= start:
            cut = limit  # no boundary: a hard cut (may split a phrase; only in pathological text)
        yield text[start:cut]
        start = cut
    yield text[start:]


def _wrap(raw_convert: Converter) -> Converter:
    """Make OpenCC's ``convert`` safe for any ``str`` and short per call."""

    def convert_around(piece: str) -> str:
        # split() with a group alternates: text, separator, text, … ; separators stay as they are.
        parts = _UNCONVERTIBLE.split(piece)
        return "".join(raw_convert(part) if index % 2 == 0 and part else part for index, part in enumerate(parts))

    def convert_piece(piece: str) -> str:
        if not piece:
            return piece
        if "\x00" in piece:
            return convert_around(piece)
        try:
            return raw_convert(piece)
        except UnicodeEncodeError:  # lone surrogates: rare, so not looked for up front
            return convert_around(piece)

    def convert(text: str) -> str:
        if len(text) <= MAX_CHUNK:
            return convert_piece(text)
        return "".join(convert_piece(piece) for piece in _split_for_opencc(text))

    return convert


def _build(config: str) -> Converter:
    """Build (once) the OpenCC converter for a lowercase config name."""
    converter = _converters.get(config)
    if converter is not None:
        return converter
    with _build_lock:
        converter = _converters.get(config)
        if converter is None:
            import opencc  # deferred: loading OpenCC and its dictionaries costs tens of milliseconds

            try:
                converter = _wrap(opencc.OpenCC(config).convert)
            except RuntimeError as exc:  # pragma: no cover - a broken OpenCC install
                raise ReaderError(f"OpenCC cannot load config {config!r}: {exc}") from exc
            _converters[config] = converter
    return converter


def get_converter(name: str) -> Converter:
    """A ``str -> str`` converter for a script or OpenCC config name; the identity for ``original``.

    The name is checked at once (a bad one raises here), but OpenCC is imported and the converter built on
    the first call of the returned function, once per config for the whole process, safely across threads.
    The returned function accepts any ``str`` (empty, control characters, lone surrogates) and converts
    long text in pieces of at most :data:`MAX_CHUNK` characters.

    Args:
        name: a script name (see :data:`SCRIPTS`) or OpenCC config name, in any case.

    Raises:
        ReaderError: the name is unknown; the message lists the valid names.
    """
    config = resolve_script(name)
    if config is None:
        return _identity
    built = _converters.get(config)
    if built is not None:
        return built

    def convert(text: str) -> str:
        return _build(config)(text)

    return convert


def preload(names: Iterable[str]) -> None:
    """Build the converters for ``names`` now (OpenCC loads its dictionaries: up to ~100 ms each).

    Call it from a worker thread after the first paint, so a later ``t`` press or search converts at once.

    Raises:
        ReaderError: a name is unknown.
    """
    for name in names:
        config = resolve_script(name)
        if config is not None:
            _build(config)


def convert_paragraphs(paragraphs: Iterable[str], name: str) -> tuple[str, ...]:
    """Convert each paragraph separately, so no single OpenCC call holds the GIL for long.

    Run this in a worker thread for a whole issue: between paragraphs (and between the pieces of a very
    long paragraph) other threads, the screen included, get the GIL back.

    Args:
        paragraphs: the paragraphs as printed (any iterable of ``str``).
        name: a script or OpenCC config name; ``original`` returns the paragraphs unchanged.

    Returns:
        The converted paragraphs, one for each input paragraph, in order.

    Raises:
        ReaderError: the name is unknown.
    """
    convert = get_converter(name)
    return tuple(convert(paragraph) for paragraph in paragraphs)


def converter_if_ready(name: str) -> Converter | None:
    """The converter for ``name`` if OpenCC has built it already (never builds it: safe on the UI thread);
    the identity for ``original``; None while it is not built."""
    config = resolve_script(name)
    return _identity if config is None else _converters.get(config)


def for_article(article: object, convert: Converter) -> Converter:
    """``convert`` for the fields of one article, keeping its people's names (byline, contributors) as printed."""
    if convert is _identity:
        return convert
    names = [getattr(c, "name", "") for c in getattr(article, "contributors", ())]
    return keeping_names(getattr(article, "byline", None), convert, names)


def keeping_names(byline: str | None, convert: Converter, names: Iterable[str] = ()) -> Converter:
    """``convert``, except that the people named (in ``byline`` and ``names``) stay as printed.

    Script conversion is for display, and a name is not a word: OpenCC turns the surname 于 into 於
    (``通讯员 于其政`` → ``通訊員 於其政``). The text is converted around each name, so role words still convert.
    """
    from reader.analysis.bylines import author_names

    protected = sorted(
        {name for name in (*author_names(byline), *names) if name and name.strip()}, key=len, reverse=True
    )
    if not protected:
        return convert
    pattern = re.compile("|".join(re.escape(name) for name in protected))

    def convert_around_names(text: str) -> str:
        pieces, position = [], 0
        for match in pattern.finditer(text):
            pieces += [convert(text[position : match.start()]) if match.start() > position else "", match.group(0)]
            position = match.end()
        pieces.append(convert(text[position:]) if position < len(text) else "")
        return "".join(pieces)

    return convert_around_names
