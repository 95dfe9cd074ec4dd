"""Helpers shared by the plain commands."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from reader.errors import InputError
from reader.model import Article, IssueAnalysis


def add_path_argument(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    """Add the PATH argument: a page file or an issue folder, the bundled sample issue by default."""
    if required:
        parser.add_argument("path", metavar="PATH", help="page file or issue folder")
    else:
        parser.add_argument(
            "path", metavar="PATH", nargs="?", help="page file or issue folder (default: the bundled sample issue)"
        )


def resolve_path(raw: str | None) -> Path:
    """The path a command works on: the one given, or the bundled sample issue."""
    if raw is None:
        from reader.paths import default_issue_path

        return default_issue_path()
    return Path(raw)


def open_analysis(raw: str | None) -> IssueAnalysis:
    """Load and analyze the issue named on the command line."""
    from reader.document import open_issue

    return open_issue(resolve_path(raw))


def pick_article(analysis: IssueAnalysis, reference: str) -> tuple[int, Article]:
    """Find an article by its number as ``reader list`` shows it (1-based) or by its id.

    Raises:
        InputError: no article matches.
    """
    articles = analysis.articles
    if reference.isdigit():
        number = int(reference)
        if 1 <= number <= len(articles):
            return number, articles[number - 1]
        raise InputError(f"no article {number}: this issue has {len(articles)} (see `reader list`)")
    for number, article in enumerate(articles, start=1):
        if article.id == reference:
            return number, article
    raise InputError(f"no article with id {reference!r} (see `reader list`)")


def print_json(document: Any) -> None:
    """Print a JSON document to stdout, UTF-8, not ASCII-escaped."""
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def add_script_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--script NAME``: show text converted to another Chinese script (display only)."""
    parser.add_argument(
        "--script",
        metavar="NAME",
        default=None,
        help="display script: original, simplified, traditional, taiwan, hongkong (or an OpenCC config such as s2twp)",
    )


def script_converter(name: str | None) -> Any:
    """A ``str -> str`` function for ``--script NAME``; the identity for the original script.

    Raises:
        ReaderError: the name is not a known script or OpenCC config.
    """
    if not name or name == "original":
        return lambda text: text
    from reader.convert import get_converter

    return get_converter(name)
