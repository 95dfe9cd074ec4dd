"""``reader show [PATH] [--article N]``: the cleaned articles as text."""

from __future__ import annotations

import argparse

from reader.commands._common import (
    add_path_argument,
    add_script_argument,
    open_analysis,
    pick_article,
    script_converter,
)
from reader.textformat import article_text


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``show`` command."""
    parser = subparsers.add_parser("show", parents=[common], help="print the cleaned articles as text")
    add_path_argument(parser)
    parser.add_argument("--article", metavar="N", help="only article N (its number in `reader list`, or its id)")
    add_script_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print one article, or all of them separated by blank lines."""
    convert = script_converter(args.script)
    analysis = open_analysis(args.path, args.segmentation)
    if args.article is not None:
        number, article = pick_article(analysis, args.article)
        print(article_text(number, article, convert), end="")
        return 0
    chunks = [article_text(n, a, convert) for n, a in enumerate(analysis.articles, start=1) if a.kind == "article"]
    print("\n".join(chunks), end="")
    return 0
