"""``reader bookmarks list|add|remove``: bookmarked articles without the terminal UI."""

from __future__ import annotations

import argparse
import sys

from reader.commands._common import open_analysis, pick_article, print_json
from reader.commands.notes import open_store
from reader.sanitize import sanitize


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``bookmarks`` command and its sub-commands."""
    parser = subparsers.add_parser("bookmarks", parents=[common], help="list, add and remove bookmarks")
    actions = parser.add_subparsers(dest="bookmarks_command", metavar="ACTION", required=True)

    listing = actions.add_parser("list", parents=[common], help="list bookmarks across all issues")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(func=run_list)

    for name, handler, text in (("add", run_add, "bookmark an article"), ("remove", run_remove, "remove a bookmark")):
        action = actions.add_parser(name, parents=[common], help=text)
        action.add_argument("path", metavar="PATH", help="page file or issue folder")
        action.add_argument("article", metavar="ARTICLE", help="article number as `reader list` shows it, or its id")
        action.set_defaults(func=handler)


def run_list(args: argparse.Namespace) -> int:
    """Print every bookmark: id, date, newspaper, page, headline."""
    from reader.store.schema import bookmark_to_doc

    bookmarks = open_store(args).list_bookmarks()
    if args.json:
        print_json([bookmark_to_doc(bookmark) for bookmark in bookmarks])
        return 0
    for bookmark in bookmarks:
        fields = [
            bookmark.id[:8],
            bookmark.date or "",
            bookmark.newspaper or "",
            f"p{bookmark.page}" if bookmark.page else "",
            bookmark.headline or "(untitled)",
        ]
        print(sanitize("\t".join(fields)))
    return 0


def run_add(args: argparse.Namespace) -> int:
    """Bookmark an article (a no-op when it already is) and print the bookmark's id."""
    analysis = open_analysis(args.path)
    _, article = pick_article(analysis, args.article)
    print(open_store(args).add_bookmark(analysis, article).id)
    return 0


def run_remove(args: argparse.Namespace) -> int:
    """Remove an article's bookmark; exit 1 when it was not bookmarked."""
    analysis = open_analysis(args.path)
    _, article = pick_article(analysis, args.article)
    if not open_store(args).remove_bookmark(analysis.issue.id, article.id, analysis):
        print(f"reader: article {sanitize(args.article)} is not bookmarked", file=sys.stderr)
        return 1
    print("removed")
    return 0
