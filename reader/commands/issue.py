"""``reader issue show|set PATH``: an issue's newspaper, date and edition, where each came from, and the user's edits.

Edits are stored in the data folder, keyed by the issue's content id; nothing is written into the issue's folder.
"""

from __future__ import annotations

import argparse
import json
import sys

from reader.commands._common import open_analysis
from reader.errors import InputError
from reader.model import Issue, IssueMeta
from reader.sanitize import sanitize


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``issue`` command with ``show`` and ``set``."""
    parser = subparsers.add_parser("issue", parents=[common], help="show or set an issue's newspaper, date, edition")
    actions = parser.add_subparsers(dest="issue_command", metavar="ACTION", required=True)
    show = actions.add_parser("show", parents=[common], help="the issue's metadata and where each field came from")
    show.add_argument("path", metavar="PATH", help="page file or issue folder")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(func=run_show)
    edit = actions.add_parser("set", parents=[common], help="set (or with '' clear) the issue's metadata")
    edit.add_argument("path", metavar="PATH", help="page file or issue folder")
    edit.add_argument("--title", metavar="T", help="the newspaper's name")
    edit.add_argument("--date", metavar="D", help="the issue's date, YYYY-MM-DD")
    edit.add_argument("--edition", metavar="E", help="the edition")
    edit.set_defaults(func=run_set)


def current_meta(issue: Issue, store) -> IssueMeta:  # store: reader.store.Store (imported lazily)
    """The issue's metadata as the reader sees it now: given, inferred, then the user's edits on top."""
    from reader.metadata import apply_edits

    return apply_edits(issue.meta, store.get_issue_edits(issue.id)) if store is not None else issue.meta


def _print_meta(issue: Issue, meta: IssueMeta, as_json: bool) -> None:
    from reader.metadata import describe

    rows = describe(meta)
    if as_json:
        document = {
            "id": issue.id,
            "source": issue.source,
            **{
                name: {"value": value or None, "source": source, "reason": reason}
                for name, value, source, reason in rows
            },
        }
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    print(sanitize(f"issue\t{issue.id}\t{issue.source}"))
    for name, value, source, reason in rows:
        print(sanitize("\t".join([name, value or "-", source, reason])))


def run_show(args: argparse.Namespace) -> int:
    """Print the issue's title, date and edition with their provenance (given, inferred, unknown)."""
    from reader.commands.notes import open_store

    issue = open_analysis(args.path).issue
    _print_meta(issue, current_meta(issue, open_store(args)), args.json)
    return 0


def run_set(args: argparse.Namespace) -> int:
    """Store the user's edits of the issue's metadata, then print the result."""
    from reader.commands.notes import open_store
    from reader.metadata import parse_user_date

    if args.title is None and args.date is None and args.edition is None:
        raise InputError("nothing to set: give --title, --date or --edition")
    date = args.date
    if date:
        try:
            date = parse_user_date(date)
        except ValueError as exc:
            raise InputError(str(exc)) from None
    issue = open_analysis(args.path).issue
    store = open_store(args)
    store.set_issue_edits(issue.id, title=args.title, date=date, edition=args.edition)
    _print_meta(issue, current_meta(issue, store), False)
    return 0
