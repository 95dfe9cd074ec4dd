"""Errors that reach the user as one line on stderr and a non-zero exit."""

from __future__ import annotations


class ReaderError(Exception):
    """An expected failure with a message fit to show the user as is (one line, no traceback)."""

    exit_code = 1


class InputError(ReaderError):
    """The path given cannot be read as a page, an issue or a library."""

    exit_code = 2
