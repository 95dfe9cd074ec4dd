"""Which sub-command a command line names: only that one's parser is built, help still lists them all."""

from __future__ import annotations

import pytest

from reader.cli import COMMAND_MODULES, _wants_app, build_parser, named_command


@pytest.mark.parametrize(
    ("argv", "command", "app"),
    [
        (["list", "issue"], "list", False),
        (["--data-dir", "list", "search", "x"], "search", False),  # "list" is the option's value
        (["--debug", "notes", "list"], "notes", False),
        (["--help", "list"], None, False),
        (["--version"], None, False),
        (["issue-folder"], None, True),
        (["--script", "t2s"], None, True),
        ([], None, True),
        ([""], None, True),
    ],
)
def test_named_command_and_app(argv: list[str], command: str | None, app: bool) -> None:
    assert named_command(argv) == command
    assert _wants_app(argv) is app


def test_help_lists_every_command_and_one_command_parses_alone(capsys) -> None:
    with pytest.raises(SystemExit):
        build_parser(None).parse_args(["--help"])
    shown = capsys.readouterr().out
    assert all(name in shown for name in COMMAND_MODULES)
    args = build_parser("list").parse_args(["list", "some-issue", "--all"])
    assert args.command == "list" and args.all is True
