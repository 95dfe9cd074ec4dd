"""Folding text for the library index: one precomputed table, one ``str.translate`` call.

``fold_text`` maps each character to a canonical form, keeping the length, so that an offset in the folded
text is the same offset in the original:

- width and compatibility forms (NFKC: ``Ａ`` → ``a``, compatibility ideographs → unified ones), lower case;
- accents off Latin letters (``é`` → ``e``, ``ß`` stays), so ``Zürich`` finds ``Zurich``;
- Traditional, Taiwan and Hong Kong character forms to Simplified (``臺``/``台``/``颱`` → ``台``, ``裡`` → ``里``),
  each applied again until the result stops changing, as the issue-level search does.

A step whose result is not exactly one character is skipped. The table is computed once from OpenCC's
character dictionaries (``python -m reader.fold`` rewrites ``reader/fold_table.txt``) and shipped, so no
query builds an OpenCC converter (six of them cost 170 ms). Phrase-level regional wording (軟體 for 软件) is
the issue-level search's business; the library index matches character forms.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

TABLE_FILE = Path(__file__).resolve().parent / "fold_table.txt"
CONFIGS = ("t2s", "tw2s", "hk2s")
RANGES = ((0x41, 0x5B), (0xC0, 0x2FF), (0x370, 0x530), (0x1E00, 0x2000), (0x2100, 0x2200), (0x2460, 0x2500))
"""Non-CJK code points whose fold may change (Latin, Greek, Cyrillic, letter-like and enclosed forms)."""
CJK_RANGES = (
    (0x2E80, 0x2FE0),  # radicals
    (0x3000, 0x3100),  # CJK punctuation, kana
    (0x3190, 0x3400),
    (0x3400, 0xA000),  # Ext A, unified
    (0xF900, 0xFB00),  # compatibility ideographs
    (0xFE30, 0xFFF0),  # compatibility and half/full-width forms
    (0x20000, 0x32400),  # Ext B and beyond
)


def _base_fold(char: str) -> str:
    """NFKC, lower case and accents off, keeping one character (the steps that would not are skipped)."""
    folded = unicodedata.normalize("NFKC", char)
    if len(folded) != 1:
        folded = char
    lowered = folded.lower()
    if len(lowered) == 1:
        folded = lowered
    decomposed = unicodedata.normalize("NFD", folded)
    if len(decomposed) > 1 and decomposed[0].isascii() and all(unicodedata.combining(c) for c in decomposed[1:]):
        folded = decomposed[0]
    return folded


def compute_table() -> dict[str, str]:
    """Every character whose fold differs from itself, worked out with OpenCC (slow: run once, ship the result)."""
    from opencc import OpenCC

    converters = [OpenCC(f"{config}.json" if not config.endswith(".json") else config) for config in CONFIGS]
    chars = [chr(code) for start, stop in (*RANGES, *CJK_RANGES) for code in range(start, stop)]
    folded = {char: _base_fold(char) for char in chars}
    active = [char for char in chars if not folded[char].isascii()]
    for _round in range(4):
        if not active:
            break
        still = []
        for converter in converters:
            sources = [folded[char] for char in active]
            results = converter.convert("\n".join(sources)).split("\n")
            if len(results) != len(sources):  # pragma: no cover - a dictionary entry spanning a newline
                results = [converter.convert(source) for source in sources]
            for char, source, result in zip(active, sources, results, strict=True):
                if len(result) == 1 and result != source:
                    folded[char] = _base_fold(result)
                    still.append(char)
        active = sorted(set(still))
    return {char: target for char, target in folded.items() if target != char}


def write_table(path: Path = TABLE_FILE) -> int:
    """Write the table as two lines of equal length (sources, then targets); returns its size."""
    table = compute_table()
    sources = "".join(table)
    path.write_text(sources + "\n" + "".join(table.values()) + "\n", encoding="utf-8")
    return len(table)


_UNCHANGED = (*range(0x80), *range(0xA0, 0x100), *range(0x2000, 0x2070))
"""ASCII, Latin-1 and general punctuation: mapped to themselves in the translate table (see :func:`fold_table`)."""


@lru_cache(maxsize=1)
def fold_table() -> dict[int, int]:
    """The shipped table as a ``str.translate`` mapping (read once per process, about a millisecond).

    Characters that fold to themselves are left out, except the commonest in Latin text: ``str.translate``
    takes a slow path from the first non-ASCII character on (a curly quote is enough), where every character
    missing from the table costs a ``KeyError``; with them in it, English pages fold three times faster.
    """
    sources, targets = TABLE_FILE.read_text(encoding="utf-8").split("\n")[:2]
    table = {code: code for code in _UNCHANGED}
    table.update(str.maketrans(sources, targets))
    return table


@lru_cache(maxsize=1)
def _sources_of() -> dict[str, str]:
    """Each fold target with every character that folds to it, itself included when it folds to itself."""
    sources: dict[str, str] = {}
    for code, target in fold_table().items():
        if code != target:
            sources[chr(target)] = sources.get(chr(target), "") + chr(code)
    return sources


def unfolded_class(char: str) -> str:
    """A regex character class of every character whose fold is ``char`` (which is folded already), so that a
    pattern can match the original text as another matches its fold: ``台`` gives ``[台臺颱檯]``."""
    table = fold_table()
    keeps = table.get(ord(char), ord(char)) == ord(char)
    members = (char if keeps else "") + _sources_of().get(char, "")
    return "[" + "".join(re.escape(member) for member in members) + "]" if members else "(?!)"


def fold_text(text: str) -> str:
    """``text`` folded (see the module docstring); exactly as long as ``text``."""
    return text.translate(fold_table())


if __name__ == "__main__":  # pragma: no cover - a maintenance step
    print(f"{write_table()} characters fold")
