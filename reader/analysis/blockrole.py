"""The role of one block, as the role stages decide it and the assembler reads it."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["BlockRole"]


@dataclass(frozen=True, slots=True)
class BlockRole:
    """The role of one block and the facts the assembler needs about it."""

    role: str  # "title", "byline", "body", "caption", "notice", "advert", "furniture"
    wide: bool = False
    dateline: str | None = None
    byline_lines: tuple[int, ...] = ()
    reason: str = ""
    title_like: bool = False
    opens: bool = False
    """A byline that heads its story ("By NAME"): after text it starts a new article instead of signing off."""
