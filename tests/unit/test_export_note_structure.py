"""A note's own lines cannot turn into headings or lists in the Markdown export."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from reader.export import md_block


@pytest.mark.parametrize(
    "note",
    ["第一行\n===", "line\n=", "1) 第一\n2) 第二", "1949) year"],
)
def test_note_lines_stay_paragraph_text(note: str) -> None:
    html = MarkdownIt("commonmark").render("\n".join(md_block(note)))
    assert "<h1" not in html and "<h2" not in html and "<ol" not in html and "<ul" not in html, html
