"""Helpers shared by the plain commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.errors import InputError

if TYPE_CHECKING:
    from reader.cache import AnalysisCache
    from reader.cache_analysis import IssueJson
    from reader.model import Article, IssueAnalysis


def add_path_argument(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    """Add the PATH argument: a page file or an issue folder, the bundled sample issue by default.

    ``--segmentation`` comes with it: whose article boundaries to use where the issue ships a METS or DIDL
    article map.
    """
    parser.add_argument(
        "--segmentation",
        choices=("auto", "ours", "library"),
        default="auto",
        help="articles from the issue's METS/DIDL article map (library), from the analysis (ours), "
        "or the map when there is one (auto, the default)",
    )
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


def open_analysis(raw: str | None, segmentation: str = "auto") -> IssueAnalysis:
    """Load and analyze the issue named on the command line, through the analysis cache.

    Its pages come without their lines (the commands need the articles only). Cold pages are analyzed on
    every usable CPU, with a progress bar on stderr when it is a terminal.
    """
    analysis = _open(raw, segmentation, json=False)
    return analysis  # type: ignore[return-value]


def open_analysis_json(raw: str | None, segmentation: str = "auto") -> IssueAnalysis | IssueJson:
    """:func:`open_analysis` for ``analyze --json``: a cold issue comes as its pages' JSON, serialized by the
    workers that analysed them (:func:`reader.cache_analysis.open_issue_json`)."""
    return _open(raw, segmentation, json=True)


def _open(raw: str | None, segmentation: str, *, json: bool) -> IssueAnalysis | IssueJson:
    if raw == "-":  # one page from standard input: nothing on disk to cache it by
        from reader.document import open_issue

        return open_issue(Path(raw))
    from reader.cache import AnalysisCache

    path = resolve_path(raw)
    cache = AnalysisCache.open()
    _start_workers_early(path, cache)
    from reader.cache_analysis import open_issue_cached, open_issue_json, terminal_progress

    progress, close = terminal_progress(f"analyzing {path.name}")
    opener = open_issue_json if json else open_issue_cached
    try:
        analysis = opener(path, cache, progress=progress, segmentation=segmentation)
    finally:
        close()
    from reader.page_errors import page_warnings

    for warning in page_warnings(analysis.issue.pages):  # the rest of the issue is there; say what is not
        print(f"reader: warning: {warning}", file=sys.stderr)
    return analysis


def _start_workers_early(path: Path, cache: AnalysisCache) -> None:
    """Start the worker processes for a folder that was never opened (no record in the cache: cold), before
    importing and reading what opening it takes, so that they import the analysis meanwhile."""
    import os

    from reader.workers import PARALLEL_MIN_TASKS, start_early

    try:
        if not path.is_dir() or len(os.listdir(path)) < PARALLEL_MIN_TASKS or cache.folder_path(path).exists():
            return
    except OSError:
        return
    start_early(_WORKER_MODULES)


_WORKER_MODULES = ("reader.cache_analysis", "reader.analysis.pipeline", "reader.ingest.detect", "reader.contract")
"""What a worker analysing a page imports (reader.cache_analysis.analyze_file)."""


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


def print_analysis_json(source: str, analysis: IssueAnalysis | IssueJson) -> None:
    """Print the ``analyze --json`` document of ``analysis`` (as :func:`print_json` would print it)."""
    from reader.cache_analysis import IssueJson
    from reader.contract import analysis_document, document_json

    if isinstance(analysis, IssueJson):
        data = document_json(source, analysis.issue, analysis.pages)
        if data is not None:
            write_stdout(data)
            return
        analysis = analysis.analysis()  # orjson refused a string of the issue's own fields
    print_json(analysis_document(source, analysis))


def print_json(document: Any) -> None:
    """Print a JSON document to stdout, UTF-8, not ASCII-escaped, indented by 2, in one write.

    orjson encodes in C; ``json.dump`` with ``indent`` falls back to the pure-Python encoder and makes a
    ``write`` call per token (a million for a 400-page issue, each a system call under ``PYTHONUNBUFFERED``).
    Bidi overrides and invisible characters are escaped (``\\u202e``), so the terminal never receives them
    raw; text orjson refuses (lone surrogates from a file name that is not UTF-8) goes through ``json``.
    """
    import orjson

    from reader.sanitize import escape_json_text

    try:
        text = orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode("utf-8")
    except orjson.JSONEncodeError:
        import json

        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    write_stdout(escape_json_text(text).encode("utf-8"))


def write_stdout(data: bytes) -> None:
    """Write UTF-8 ``data`` to stdout in one write (after anything printed before it)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (some test harnesses)
        sys.stdout.write(data.decode("utf-8"))
        return
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()


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
        from reader.textformat import identity

        return identity
    from reader.convert import get_converter

    return get_converter(name)
