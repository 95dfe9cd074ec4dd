"""``reader [PATH]``'s options parsed without argparse give what argparse gives, or are left to it."""

from __future__ import annotations

import pytest

from reader.cli import build_app_parser, simple_app_args

SIMPLE = [
    [],
    ["issue-folder"],
    ["--data-dir", "/tmp/data"],
    ["--data-dir", "/tmp/data", "page.txt"],
    ["page.txt", "--script", "taiwan"],
    ["--debug", "--script", "s2twp", "library", "--data-dir", "d"],
    ["--script", "simplified", "--script", "taiwan"],
    ["報紙/第一版.txt"],
    ["issue-folder", "--segmentation", "ours"],
    ["--segmentation", "library", "issue-folder"],
]

LEFT_TO_ARGPARSE = [
    ["--help"],
    ["-h"],
    ["--data-dir=/tmp/data"],
    ["--data-dir"],
    ["--script", "--debug"],
    ["one", "two"],
    ["--unknown"],
    ["--", "-file-starting-with-dash.txt"],
    ["-"],
    ["issue-folder", "--segmentation", "nobody"],
]


@pytest.mark.parametrize("argv", SIMPLE, ids=" ".join)
def test_simple_command_lines_parse_as_argparse_would(argv: list[str]) -> None:
    simple = simple_app_args(argv)
    assert simple is not None
    assert vars(simple) == vars(build_app_parser().parse_args(argv))


@pytest.mark.parametrize("argv", LEFT_TO_ARGPARSE, ids=" ".join)
def test_anything_else_is_left_to_argparse(argv: list[str]) -> None:
    assert simple_app_args(argv) is None
