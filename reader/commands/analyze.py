"""``reader analyze PATH [--json]``: the page analysis of a page file or an issue folder."""

from __future__ import annotations

import argparse

from reader.commands._common import add_path_argument, open_analysis, open_analysis_json, print_analysis_json


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``analyze`` command."""
    parser = subparsers.add_parser(
        "analyze", parents=[common], help="show the page analysis (articles, titles, bylines, lines)"
    )
    add_path_argument(parser, required=True)
    parser.add_argument("--json", action="store_true", help="print the JSON document of DESIGN.md's contract")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the analysis as JSON or as a readable summary."""
    if args.json:
        print_analysis_json(args.path, open_analysis_json(args.path, args.segmentation))
        return 0
    from reader.textformat import short_byline  # the articles' types with it: after the workers start

    analysis = open_analysis(args.path, args.segmentation)
    issue = analysis.issue
    print(f"Issue {issue.id}  {issue.meta.title or '(untitled)'}  {issue.meta.date or '(undated)'}")
    number = 0
    for page_analysis in analysis.pages:
        page = page_analysis.page
        warn = "" if page.encoding_confidence >= 0.8 else f"  (encoding uncertain: {page.encoding_confidence:.2f})"
        if page.error:
            print(f"\nPage {page.number}: {page.source}  could not be read: {page.error}")
            continue
        kind = page.encoding if page.format == "text" else page.format  # says which file and format was read
        print(f"\nPage {page.number}: {page.source}  [{kind}]{warn}  {len(page_analysis.articles)} entries")
        for article in page_analysis.articles:
            number += 1
            lines = article.source_lines
            span = f"lines {min(lines)}–{max(lines)}" if lines else "no lines"
            print(f"  {number:>3}. [{article.kind}] {article.display_title}")
            details = [span, f"{len(article.paragraphs)} paragraphs", f"confidence {article.confidence.overall:.2f}"]
            if article.byline:
                details.insert(0, f"byline {short_byline(article, 40)}")
            print("       " + " · ".join(details))
    return 0
