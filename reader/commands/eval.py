"""``reader eval DIR``: score article reconstruction against the ``*.truth.json`` files under DIR."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``eval`` command."""
    parser = subparsers.add_parser(
        "eval", parents=[common], help="score article reconstruction against a corpus with truth files"
    )
    parser.add_argument("corpus", metavar="DIR", help="folder searched recursively for *.truth.json")
    parser.add_argument("--misses", action="store_true", help="also count misses by category per set, with examples")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print one table row per corpus set; exit 2 when DIR is not a folder."""
    from reader.evaluation import evaluate, format_misses, format_report
    from reader.sanitize import sanitize

    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"reader eval: not a folder: {sanitize(str(corpus))}", file=sys.stderr)
        return 2
    report = evaluate(corpus)
    for problem in report.problems:
        print(f"reader eval: skipped {sanitize(problem)}", file=sys.stderr)
    print(sanitize(format_report(report)))
    if args.misses:
        print()
        print(sanitize(format_misses(report)))
    return 0
