"""``reader notes add|list|edit|delete|export``: the reader's notes without the terminal UI."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from reader.annotations import Note
from reader.commands._common import add_script_argument, open_analysis, pick_article, print_json, script_converter
from reader.errors import InputError, ReaderError
from reader.model import IssueAnalysis, IssueMeta
from reader.sanitize import sanitize


def open_store(args: argparse.Namespace):  # -> reader.store.Store (imported lazily: TinyDB costs start-up time)
    """The store under ``--data-dir`` (or the default); warnings such as a moved-aside file go to stderr."""
    from reader.paths import data_dir
    from reader.store import Store

    store = Store.open(data_dir(getattr(args, "data_dir", None)))
    for warning in store.take_warnings():
        print(f"reader: warning: {sanitize(warning)}", file=sys.stderr)
    # Files found corrupt or records skipped while the command runs are reported when it ends (reader.cli).
    args.warning_sources = [*getattr(args, "warning_sources", []), store]
    return store


def articles_found(notes: Iterable[Note], analyses: dict[str, IssueAnalysis | None]) -> dict[str, bool]:
    """Note id → whether its article is found in the current analysis of its issue.

    ``analyses`` maps issue ids to analyses; issues not in it are loaded from the path the note remembers
    when that still holds the same issue. Notes whose issue cannot be loaded are left out (unknown).
    """
    from reader.store import resolve_anchor

    found = {}
    for note in notes:
        if note.issue_id not in analyses:
            analyses[note.issue_id] = _load_same_issue(note)
        analysis = analyses[note.issue_id]
        if analysis is not None:
            found[note.id] = resolve_anchor(note, analysis) is not None
    return found


def _load_same_issue(note: Note) -> IssueAnalysis | None:
    if not note.issue_path or not Path(note.issue_path).exists():
        return None
    try:
        analysis = open_analysis(note.issue_path)
    except ReaderError:
        return None
    return analysis if analysis.issue.id == note.issue_id else None


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``notes`` command and its sub-commands."""
    parser = subparsers.add_parser("notes", parents=[common], help="add, list, edit, delete and export notes")
    actions = parser.add_subparsers(dest="notes_command", metavar="ACTION", required=True)

    add = actions.add_parser("add", parents=[common], help="add a note to an article")
    add.add_argument("path", metavar="PATH", help="page file or issue folder")
    add.add_argument("article", metavar="ARTICLE", help="article number as `reader list` shows it, or its id")
    add.add_argument("text", metavar="TEXT", help="the note")
    add.add_argument("--quote", metavar="Q", default="", help="the passage the note is about")
    add.add_argument("--tag", metavar="T", action="append", default=[], help="a tag (repeat for more)")
    add.set_defaults(func=run_add)

    listing = actions.add_parser("list", parents=[common], help="list notes")
    listing.add_argument("--issue", metavar="PATH", help="only the notes of this issue")
    listing.add_argument("--tag", metavar="T", help="only notes with this tag")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(func=run_list)

    edit = actions.add_parser("edit", parents=[common], help="change a note's text (and quote or tags)")
    edit.add_argument("id", metavar="ID", help="note id (a unique prefix is enough)")
    edit.add_argument("text", metavar="TEXT", help="the new text")
    edit.add_argument("--quote", metavar="Q", default=None, help="replace the quote")
    edit.add_argument("--tag", metavar="T", action="append", default=None, help="replace the tags (repeat)")
    edit.set_defaults(func=run_edit)

    delete = actions.add_parser("delete", parents=[common], help="delete a note")
    delete.add_argument("id", metavar="ID", help="note id (a unique prefix is enough)")
    delete.set_defaults(func=run_delete)

    export = actions.add_parser("export", parents=[common], help="export notes as Markdown or JSON")
    export.add_argument("--issue", metavar="PATH", help="only the notes of this issue")
    export.add_argument("--tag", metavar="T", help="only notes with this tag")
    export.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (or a new file in a folder); - or nothing: stdout"
    )
    export.add_argument("--format", choices=("markdown", "json"), default="markdown", help="default: markdown")
    export.add_argument("--force", action="store_true", help="overwrite an existing file")
    export.add_argument("--split", action="store_true", help="one file per issue, in the folder given with -o")
    export.add_argument(
        "--citation",
        choices=("auto", "gbt7714", "chicago"),
        default="auto",
        help="citation style (default auto: GB/T 7714 for CJK articles, Chicago for Latin-script ones)",
    )
    add_script_argument(export)
    export.set_defaults(func=run_export)


def _select(args: argparse.Namespace, store) -> tuple[list[Note], dict[str, IssueAnalysis | None]]:
    analyses: dict[str, IssueAnalysis | None] = {}
    issue_id = None
    if getattr(args, "issue", None):
        analysis = open_analysis(args.issue)
        issue_id = analysis.issue.id
        analyses[issue_id] = analysis
    return store.list_notes(issue_id=issue_id, tag=args.tag), analyses


def _resolve_id(store, reference: str) -> str:
    matches = store.match_note_ids(reference)
    if not matches:
        raise InputError(f"no note with id {reference!r} (see `reader notes list`)")
    if len(matches) > 1:
        raise InputError(f"note id {reference!r} is ambiguous: {len(matches)} notes start with it")
    return matches[0]


def run_add(args: argparse.Namespace) -> int:
    """Add a note and print its id."""
    if not args.text.strip() and not args.quote.strip():
        raise InputError("a note needs a text or a --quote")
    analysis = open_analysis(args.path)
    _, article = pick_article(analysis, args.article)
    note = open_store(args).add_note(analysis, article, args.text, quote=args.quote, tags=args.tag)
    print(note.id)
    return 0


def note_line(note: Note, found: bool | None) -> str:
    """One line of ``reader notes list``: id, date, newspaper, headline, tags, text (tab-separated)."""
    where = " ".join(filter(None, [note.date, note.newspaper, f"p{note.page}" if note.page else None]))
    headline = note.headline or "(untitled)"
    if found is False:
        headline += " (article not found)"
    text = " ".join(note.text.split())
    tags = " ".join(f"#{tag}" for tag in note.tags)
    return sanitize("\t".join([note.id[:8], where, headline, tags, text[:80]]))


def run_list(args: argparse.Namespace) -> int:
    """List notes as lines, or as JSON with ``--json``."""
    from reader.store.schema import note_to_doc

    store = open_store(args)
    notes, analyses = _select(args, store)
    found = articles_found(notes, analyses)
    if args.json:
        print_json([{**note_to_doc(note), "article_found": found.get(note.id)} for note in notes])
    else:
        for note in notes:
            print(note_line(note, found.get(note.id)))
    return 0


def run_edit(args: argparse.Namespace) -> int:
    """Replace a note's text (and optionally its quote and tags)."""
    store = open_store(args)
    note_id = _resolve_id(store, args.id)
    current = store.get_note(note_id)
    quote = args.quote if args.quote is not None else (current.quote if current else "")
    if not args.text.strip() and not quote.strip():
        raise InputError("a note needs a text or a quote")
    note = store.update_note(note_id, text=args.text, quote=args.quote, tags=args.tag)
    print(note.id)
    return 0


def run_delete(args: argparse.Namespace) -> int:
    """Delete a note."""
    store = open_store(args)
    note_id = _resolve_id(store, args.id)
    store.delete_note(note_id)
    print(f"deleted {note_id}")
    return 0


def current_metas(store, notes: Iterable[Note], analyses: dict[str, IssueAnalysis | None]) -> dict[str, IssueMeta]:
    """Issue id → the issue's metadata now: read from the issue on disk (given or inferred), with the user's
    edits on top. Issues no longer on disk are left out (the export falls back to what their notes stored),
    except that the user's edits still apply to them."""
    from reader.commands.issue import current_meta
    from reader.metadata import apply_edits

    metas: dict[str, IssueMeta] = {}
    for issue_id in dict.fromkeys(note.issue_id for note in notes):
        analysis = analyses.get(issue_id)
        if analysis is not None:
            metas[issue_id] = current_meta(analysis.issue, store)
            continue
        edits = store.get_issue_edits(issue_id)
        if edits:
            stored = next(note for note in notes if note.issue_id == issue_id)
            base = IssueMeta(title=stored.newspaper, date=stored.date, edition=stored.edition)
            metas[issue_id] = apply_edits(base, edits)
    return metas


def run_export(args: argparse.Namespace) -> int:
    """Export the selected notes to stdout, to a new file, or with ``--split`` to one file per issue."""
    from reader.export import default_filename, issue_filename, render, target_in
    from reader.filewrite import write_new_file

    convert = script_converter(args.script) if args.script and args.script != "original" else None
    store = open_store(args)
    notes, analyses = _select(args, store)
    if not notes:
        raise ReaderError("no notes to export" + (" with that tag" if args.tag else ""))
    found = articles_found(notes, analyses)
    metas = current_metas(store, notes, analyses)

    def content_of(selected: list[Note]) -> str:
        return render(
            selected,
            args.format,
            issues=metas,
            convert=convert,
            script=args.script if convert else None,
            found=found,
            citation=args.citation,
        )

    if args.split:
        if not args.output or args.output == "-":
            raise InputError("--split writes one file per issue: give the folder with -o DIR")
        folder = Path(args.output).expanduser()
        if not folder.is_dir():
            raise ReaderError(f"cannot write to {folder}: --split needs an existing folder")
        by_issue: dict[str, list[Note]] = {}
        for note in notes:
            by_issue.setdefault(note.issue_id, []).append(note)
        for issue_id, selected in by_issue.items():
            meta = metas.get(issue_id) or IssueMeta(title=selected[0].newspaper, date=selected[0].date)
            name = issue_filename(meta, args.format)
            if name.startswith("notes."):
                name = issue_filename(IssueMeta(title=f"issue {issue_id[:8]}"), args.format)
            written = write_new_file(target_in(folder, name), content_of(selected), force=args.force)
            print(f"exported {len(selected)} note(s) to {written}")
        return 0
    content = content_of(notes)
    if not args.output or args.output == "-":
        sys.stdout.write(content)
        return 0
    output = Path(args.output).expanduser()
    if args.output.endswith(("/", os.sep)) and not output.is_dir():
        raise ReaderError(f"cannot write to {output}/: the folder does not exist")
    target = target_in(output, default_filename(notes, args.format, metas)) if output.is_dir() else output
    written = write_new_file(target, content, force=args.force)
    print(f"exported {len(notes)} note(s) to {written}")
    return 0
