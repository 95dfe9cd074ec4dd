"""Search within the text of an issue (skeleton; issue 6 makes it match across scripts)."""

from __future__ import annotations


def find_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Every non-overlapping occurrence of ``query`` in ``text`` as ``(start, end)`` offsets into ``text``."""
    spans: list[tuple[int, int]] = []
    if not query:
        return spans
    start = text.find(query)
    while start != -1:
        spans.append((start, start + len(query)))
        start = text.find(query, start + len(query))
    return spans
