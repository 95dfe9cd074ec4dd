"""Display-only conversion between Chinese scripts with OpenCC (skeleton; issue 6 completes it).

OpenCC is imported lazily and each converter is built once per config, off the path to the first screen.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from reader.errors import ReaderError

SCRIPTS: dict[str, str | None] = {
    "original": None,
    "simplified": "t2s",
    "traditional": "s2t",
    "taiwan": "s2twp",
    "hongkong": "s2hk",
}
"""User-facing script names and the OpenCC config each uses (None: no conversion)."""


def resolve_script(name: str) -> str | None:
    """The OpenCC config for a script name or config name.

    Raises:
        ReaderError: the name is unknown; the message lists the valid names.
    """
    key = name.strip().lower()
    if key in SCRIPTS:
        return SCRIPTS[key]
    raise ReaderError(f"unknown script {name!r}; valid names: {', '.join(SCRIPTS)}")


@lru_cache(maxsize=None)
def _opencc(config: str) -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC(config).convert


def get_converter(name: str) -> Callable[[str], str]:
    """A ``str -> str`` converter for a script name; the identity for ``original``."""
    config = resolve_script(name)
    if config is None:
        return lambda text: text
    return _opencc(config)
