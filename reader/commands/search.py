"""``reader search [PATH] QUERY [--script NAME] [--json]``: where a word occurs in an issue, in any script."""

from __future__ import annotations

import argparse
import sys

from reader.commands._common import add_path_argument, add_script_argument, open_analysis, print_json, script_converter
from reader.errors import ReaderError

DESCRIPTION = """\
Print every place QUERY occurs in the issue, one line each: article number (as `reader list --all` numbers
it), page and a snippet with the match marked «like this».

Matching works across Chinese scripts: 高新區 finds 高新区 and the reverse, and a Taiwan or Hong Kong phrase
finds its mainland form (軟體 finds 软件). Case and full-width forms are ignored. With --script the text is
converted first (display only) and snippets show the converted text. Scripts: original, simplified (t2s),
traditional (s2t: OpenCC's standard forms such as 喫, 麪, 裏, which Taiwan and Hong Kong readers don't use),
taiwan (s2twp: Taiwan forms and phrases, 软件 → 軟體), hongkong (s2hk); or any OpenCC config name, in any case.

PATH may be a library (a folder of issue folders, at any depth): then every issue is searched at once
through an index kept in the cache folder (issues that changed are analyzed and indexed again first).
Terms must all occur in an article; "a phrase" keeps its words together; a leading - excludes
(reader search LIB '高新区 "孙庆辉" -广告'). Hits are grouped by issue, in date order, at most --limit
(200), with the total on stderr; the user's notes and quotes are searched too and marked [note]/[quote].

Exit status, as with grep: 0 when something matched, 1 when nothing did (with a one-line message on
stderr), 2 when the input or an option is bad.
"""


class UsageError(ReaderError):
    """A bad option value: exit 2, so that 1 keeps meaning "no matches" (as with grep)."""

    exit_code = 2


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``search`` command."""
    parser = subparsers.add_parser(
        "search",
        parents=[common],
        help="find a word in an issue, across Chinese scripts (exit 1 when nothing matches)",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_path_argument(parser)
    parser.add_argument("query", metavar="QUERY", help="what to look for, in any Chinese script")
    add_script_argument(parser)
    parser.add_argument("--json", action="store_true", help="print the hits as one JSON document")
    from reader.commands.search_library import add_library_options

    add_library_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the hits; return 0 when there are some, 1 when there are none."""
    if not args.query.strip():
        raise UsageError("the search query is empty")
    from reader.commands._common import resolve_path
    from reader.commands.search_library import looks_like_library

    path = resolve_path(args.path)
    if looks_like_library(path):
        from reader.commands.search_library import run_library

        return run_library(args, path, UsageError)
    try:
        convert = script_converter(args.script)
    except ReaderError as exc:
        raise UsageError(str(exc)) from exc
    from reader.search import search_issue  # here: a library search needs neither it nor the article types

    analysis = open_analysis(args.path, args.segmentation)
    hits = search_issue(analysis, args.query, convert)
    if args.json:
        print_json(
            {
                "query": args.query,
                "script": args.script or "original",
                "hits": [
                    {
                        "article": hit.article_number,
                        "article_id": hit.article.id,
                        "headline": convert(hit.article.headline) if hit.article.headline else None,
                        "page": hit.page_number,
                        "field": hit.field,
                        "paragraph": hit.paragraph_index,
                        "start": hit.start,
                        "end": hit.end,
                        "match": hit.match,
                        "snippet": hit.snippet,
                    }
                    for hit in hits
                ],
            }
        )
    else:
        for hit in hits:
            where = f"¶{hit.paragraph_index + 1}" if hit.paragraph_index is not None else hit.field
            print(f"{hit.article_number}\tp.{hit.page_number}\t{where}\t{hit.snippet}")
    if not hits:
        print(f"reader: no matches for {args.query.strip()!r}", file=sys.stderr)
        return 1
    return 0
