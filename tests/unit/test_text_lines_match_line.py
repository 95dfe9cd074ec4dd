"""Text pages' lines are built through the slots' setters; they must be the very lines ``Line()`` makes."""

from __future__ import annotations

import dataclasses

import pytest

from reader.ingest.text import split_lines
from reader.model import Line, text_lines


def test_text_lines_equal_lines_built_by_the_constructor() -> None:
    texts = ["第一行", "", "second line", "\t"]
    built = text_lines(texts)
    expected = tuple(Line(number, text) for number, text in enumerate(texts, start=1))
    assert built == expected
    assert [hash(line) for line in built] == [hash(line) for line in expected]
    assert [dataclasses.astuple(line) for line in built] == [dataclasses.astuple(line) for line in expected]


def test_text_lines_stay_frozen() -> None:
    line = text_lines(["x"])[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        line.text = "y"  # type: ignore[misc]
    assert dataclasses.replace(line, text="y") == Line(1, "y")


def test_split_lines_numbers_every_physical_line() -> None:
    assert [(line.number, line.text) for line in split_lines("a\r\nb\rc\n\nd\n")] == [
        (1, "a"),
        (2, "b"),
        (3, "c"),
        (4, ""),
        (5, "d"),
    ]
