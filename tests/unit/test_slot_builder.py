"""``model.slot_builder``: objects built through the slots' setters are the objects the constructor makes."""

from __future__ import annotations

import dataclasses

import pytest

from reader.model import Article, Confidence, Contributor, slot_builder


def _article_fields() -> dict:
    return {
        "id": "a1",
        "kind": "article",
        "page_number": 2,
        "kicker": None,
        "headline": "號外",
        "subheadline": None,
        "byline": "記者 甲",
        "contributors": (Contributor("記者", "甲"),),
        "dateline": None,
        "paragraphs": ("一段。",),
        "source_lines": (1, 2),
        "confidence": Confidence(0.9, 0.8, 0.7, {"headline": "short line"}),
    }


def test_keyword_builder_equals_the_constructor_with_defaults() -> None:
    built = slot_builder(Article)(**_article_fields())
    assert built == Article(**_article_fields())
    assert built.segmentation == "ours" and built.headline_lines == ()


def test_positional_builder_takes_fields_in_declaration_order() -> None:
    values = list(_article_fields().values())
    built = slot_builder(Article, positional=True)(*values)
    assert built == Article(*values)
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.headline = "x"  # type: ignore[misc]


def test_keyword_builder_refuses_positions() -> None:
    with pytest.raises(TypeError):
        slot_builder(Article)(*_article_fields().values())


def test_a_class_with_post_init_is_refused() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        value: int

        def __post_init__(self) -> None:
            pass

    with pytest.raises(TypeError):
        slot_builder(Checked)
