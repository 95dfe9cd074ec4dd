"""``reader list [PATH]``: one line per article: number, headline, byline."""

from __future__ import annotations

import argparse
import sys

from reader.commands._common import add_path_argument, add_script_argument, open_analysis, script_converter
from reader.textformat import list_line


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``list`` command."""
    parser = subparsers.add_parser("list", parents=[common], help="list the articles of an issue")
    add_path_argument(parser)
    add_script_argument(parser)
    parser.add_argument("--all", action="store_true", help="include captions, notices, adverts and furniture")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print one tab-separated line per article."""
    convert = script_converter(args.script)
    analysis = open_analysis(args.path, args.segmentation)
    lines = [
        list_line(number, article, convert)
        for number, article in enumerate(analysis.articles, start=1)
        if args.all or article.kind == "article"
    ]
    if lines:
        sys.stdout.write("\n".join(lines) + "\n")  # one write: thousands of prints cost more than the listing
    return 0
