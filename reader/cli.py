"""The ``reader`` command line: ``reader [PATH]`` opens the app; sub-commands work without a terminal UI.

Each sub-command lives in its own module under ``reader.commands`` and registers itself with
``register(subparsers)``. The app (and Textual) is imported only when the TUI is asked for, so ``--help``,
``--version`` and the plain commands start fast.
"""

from __future__ import annotations

import sys


def _quiet_interrupt(kind: type[BaseException], value: BaseException, traceback: object) -> None:
    """Ctrl-C before a command has begun (while the interpreter imports it) ends the process without a traceback.

    Once a command runs, :func:`_run` turns the interrupt into exit status 130 itself; an interrupt that
    escapes earlier reaches this hook, and the interpreter then ends the process by SIGINT as usual.
    """
    if issubclass(kind, KeyboardInterrupt):
        return
    _excepthook(kind, value, traceback)  # type: ignore[arg-type]


_excepthook = sys.excepthook
sys.excepthook = _quiet_interrupt  # first: it covers the imports below

import argparse  # noqa: E402
import errno  # noqa: E402
import importlib  # noqa: E402
import os  # noqa: E402
import signal  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from typing import TextIO  # noqa: E402

from reader import __version__  # noqa: E402
from reader.errors import ReaderError  # noqa: E402
from reader.sanitize import sanitize  # noqa: E402

COMMAND_MODULES = ("analyze", "list", "show", "search", "index", "issue", "eval", "notes", "bookmarks", "cache")
"""Sub-command modules in ``reader.commands``, in the order ``--help`` lists them."""

DESCRIPTION = """\
Read and annotate digitized newspaper issues in the terminal.

  reader [PATH]           open the reading app on a page file, an issue folder or a library
                          folder of issues (default: the bundled sample issue)
  reader COMMAND ...      run a plain command (no terminal UI; fit for scripts and pipes)
"""


def common_options() -> argparse.ArgumentParser:
    """Options every command accepts, before or after its name."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where notes, bookmarks and reading state live (default: $READER_DATA_DIR or the user data folder)",
    )
    parent.add_argument(
        "--cache-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where the analysis cache and search indexes live (default: $READER_CACHE_DIR or the user cache folder)",
    )
    parent.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks on errors")
    return parent


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The full parser: global options plus every sub-command (or only the sub-command ``only``).

    A command line that names its command needs no other: importing and registering all of them costs
    about 30 ms of a warm ``reader list``.
    """
    parser = argparse.ArgumentParser(
        prog="reader",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common_options()],
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name in COMMAND_MODULES if only is None else (only,):
        try:
            module = importlib.import_module(f"reader.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"reader.commands.{name}":
                raise
            continue
        module.register(subparsers, common_options())
    return parser


def build_app_parser() -> argparse.ArgumentParser:
    """The parser for ``reader [PATH]``, which opens the terminal app."""
    parser = argparse.ArgumentParser(prog="reader", parents=[common_options()])
    parser.add_argument("path", nargs="?", help="page file, issue folder or library folder")
    parser.add_argument("--script", metavar="NAME", default=None, help="display script (see `reader show --help`)")
    parser.add_argument(
        "--segmentation",
        choices=("auto", "ours", "library"),
        default=None,
        help="articles from the issue's METS/DIDL map (library), the analysis (ours), or the map if any (auto)",
    )
    return parser


OPTIONS_WITH_VALUES = ("--data-dir", "--cache-dir", "--script", "--segmentation")
"""Global options that take a value, so the word after them is not a command or a path."""


def _first_word(argv: Sequence[str]) -> str | None:
    """The first positional word of ``argv`` (skipping the values of options), or the help or version option
    when it comes first (``-h``, ``--help``, ``--version``: it starts with ``-``); None when there is neither."""
    tokens = iter(argv)
    for token in tokens:
        if token in ("-h", "--help", "--version"):
            return token
        if token in OPTIONS_WITH_VALUES:
            next(tokens, None)
        elif not token.startswith("-"):
            return token
    return None


def _wants_app(argv: Sequence[str]) -> bool:
    """True when no sub-command is named: the first positional word is a path, or there is none."""
    word = _first_word(argv)
    return word is None or (not word.startswith("-") and word not in COMMAND_MODULES)


def named_command(argv: Sequence[str]) -> str | None:
    """The sub-command ``argv`` names (its first positional word), or None: none, or help asked first."""
    word = _first_word(argv)
    return word if word in COMMAND_MODULES else None


APP_VALUE_OPTIONS = {
    "--data-dir": "data_dir",
    "--cache-dir": "cache_dir",
    "--script": "script",
    "--segmentation": "segmentation",
}


def simple_app_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """``reader [PATH]`` with ``--data-dir DIR``, ``--script NAME`` or ``--debug``, parsed without argparse.

    Building the argparse parsers costs about 3 ms on the way to the first frame, for what is nearly always
    ``reader`` or ``reader PATH``. Anything else (``--help``, ``--opt=value``, an unknown option, a second
    path, a missing value) returns None, and :func:`build_app_parser` handles it, errors and all. The result
    has the same attributes the parser would give.
    """
    parsed: dict[str, object] = {"path": None, "script": None, "segmentation": None}
    tokens = iter(argv)
    for token in tokens:
        if token in APP_VALUE_OPTIONS:
            value = next(tokens, None)
            if value is None or value.startswith("-"):
                return None
            if token == "--segmentation" and value not in ("auto", "ours", "library"):
                return None  # argparse says which choices there are
            parsed[APP_VALUE_OPTIONS[token]] = value
        elif token == "--debug":
            parsed["debug"] = True
        elif token.startswith("-") or parsed["path"] is not None:
            return None
        else:
            parsed["path"] = token
    return argparse.Namespace(**parsed)


def run_app(args: argparse.Namespace) -> int:
    """Open the terminal app (imported here so plain commands never load Textual)."""
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        raise ReaderError(
            "the reading app needs a terminal; for scripts use `reader show`, `reader list` or `reader --help`"
        )
    if getattr(args, "segmentation", None):
        # the app, its prefetch and its workers all read issues through load_issue, which honours this
        os.environ["READER_SEGMENTATION"] = args.segmentation
    from reader.opening import start_prefetch
    from reader.paths import app_path
    from reader.startup import pause_gc, resume_gc

    # Both before importing Textual: the first page is analyzed meanwhile (reader.opening), and the garbage
    # collector would slow the import (reader.startup).
    path = app_path(getattr(args, "path", None))
    # SIGTERM or SIGHUP before the app handles them itself (while Textual imports, say) still unwind through
    # the clean-ups below instead of killing the process where it stands; SIGINT does so as KeyboardInterrupt.
    previous = {number: signal.signal(number, _exit_on_signal) for number in _EXIT_SIGNALS}
    prefetch = None
    try:
        prefetch = start_prefetch(path) if path.exists() else None
        pause_gc(freeze_on_resume=True)
        from reader.app import launch

        return launch(args, prefetch=prefetch)
    finally:
        resume_gc()
        if prefetch is not None:
            prefetch.close()
        from reader.workers import close_shared_pool

        close_shared_pool()
        for number, handler in previous.items():
            signal.signal(number, handler)


_EXIT_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def _exit_on_signal(number: int, frame: object) -> None:
    """Leave the way an exception does, so that every ``finally`` runs (exit status 128 + the signal)."""
    raise SystemExit(128 + number)


TEXT_ARGUMENTS = ("text", "quote", "tag", "query", "article", "id", "script", "format")
"""Arguments that are text, not file names: they must be valid UTF-8 (file names need not be)."""


def _check_text_arguments(args: argparse.Namespace) -> None:
    """Refuse text arguments that are not valid UTF-8 (Python keeps such bytes as lone surrogates).

    Raises:
        InputError: naming the argument, before the text can reach a note file or the terminal.
    """
    from reader.errors import InputError

    for name in TEXT_ARGUMENTS:
        values = getattr(args, name, None)
        for value in values if isinstance(values, list) else [values]:
            if isinstance(value, str) and not _is_utf8(value):
                shown = value.encode("utf-8", "backslashreplace").decode("utf-8")
                raise InputError(f"the {name} argument is not valid UTF-8: '{shown}'; check the terminal's locale")


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class SanitizingWriter:
    """A text stream that passes everything written through :func:`reader.sanitize.sanitize`.

    Plain commands print file names, folder names and text from pages; wrapping stdout and stderr once makes
    sure none of it can drive the terminal, whichever ``print`` forgot to sanitize.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        """Write ``text`` without escape sequences or invisible characters."""
        return self._stream.write(sanitize(text))

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def _detach_stdout() -> None:
    """Point fd 1 at /dev/null after stdout failed, so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno())  # type: ignore[union-attr]
        os.close(devnull)
    except (OSError, AttributeError, ValueError):
        pass


def _describe_os_error(exc: OSError) -> str:
    """One line for an OSError: the path (when known) and the system's reason."""
    reason = exc.strerror or exc.__class__.__name__
    if exc.filename is not None:
        return f"{os.fsdecode(exc.filename)}: {reason}"
    return reason


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and run the command; return the process exit code."""
    argv_is_process = argv is None  # the ``reader`` command itself, not a test calling main([...])
    argv = list(sys.argv[1:] if argv is None else argv)
    if hasattr(sys.stdout, "reconfigure") and (sys.stdout.encoding or "").lower().replace("-", "") != "utf8":
        sys.stdout.reconfigure(encoding="utf-8", errors="replace")
    if _wants_app(argv):
        args = simple_app_args(argv) or build_app_parser().parse_args(argv)
        return _run(run_app, args)
    if argv_is_process:
        from reader.startup import one_process_one_job

        one_process_one_job()
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SanitizingWriter(stdout), SanitizingWriter(stderr)  # type: ignore[assignment]
    try:
        args = build_parser(named_command(argv)).parse_args(argv)
        handler = getattr(args, "func", None)
        if handler is None:
            build_parser().print_help()
            return 0
        return _run(handler, args, check_text=True)
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def _run(
    handler: Callable[[argparse.Namespace], int | None], args: argparse.Namespace, check_text: bool = False
) -> int:
    """Run a command, turning every failure into one line on stderr and an exit code."""
    if getattr(args, "cache_dir", None):
        # An environment variable, so that worker processes and the app find the same cache.
        os.environ["READER_CACHE_DIR"] = args.cache_dir
    writing = True  # until the handler returns, an OSError may be about any file; then only about stdout
    try:
        if check_text:
            _check_text_arguments(args)
        code = int(handler(args) or 0)
        writing = False
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not in the interpreter's last flush
        return code
    except ReaderError as exc:
        print(f"reader: error: {sanitize(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _detach_stdout()
        sys.stderr.close()
        return 0
    except OSError as exc:
        if not writing or exc.errno in (errno.ENOSPC, errno.EIO) and exc.filename is None:
            _detach_stdout()
            print(f"reader: error: cannot write the output: {exc.strerror or exc}", file=sys.stderr)
            return 74  # EX_IOERR
        if getattr(args, "debug", False):
            raise
        print(f"reader: error: {sanitize(_describe_os_error(exc))}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - the one place that turns surprises into one line
        if getattr(args, "debug", False):
            raise
        detail = sanitize(str(exc))
        print(
            f"reader: internal error: {exc.__class__.__name__}: {detail} (run with --debug for details)",
            file=sys.stderr,
        )
        return 70
    finally:
        _report_warnings(args)


def _report_warnings(args: argparse.Namespace) -> None:
    """Print what the command's store reported meanwhile (a file moved aside, a record skipped) to stderr."""
    for source in getattr(args, "warning_sources", ()):
        for warning in source.take_warnings():
            print(f"reader: warning: {sanitize(str(warning))}", file=sys.stderr)
