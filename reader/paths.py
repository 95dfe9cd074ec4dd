"""Where reader's bundled resources and the user's data live.

Resources are resolved from the installed package first (a wheel carries them as ``reader/styles`` and
``reader/sample_issues``) and then from a source checkout. User paths come from functions, never module-level
constants, so nothing touches the disk at import time.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _resource(installed: str, checkout: str) -> Path:
    inside = _PACKAGE / installed
    return inside if inside.is_dir() else _PACKAGE.parent / checkout


def styles_dir() -> Path:
    """The folder holding reader's Textual CSS (``*.tcss``)."""
    return _resource("styles", "styles")


def sample_issues_dir() -> Path:
    """The library of bundled sample newspaper issues."""
    return _resource("sample_issues", "issues")


def default_issue_path() -> Path:
    """The issue ``reader`` opens when no path is given: the first bundled sample issue."""
    library = sample_issues_dir()
    issues = sorted(p for p in library.iterdir() if p.is_dir()) if library.is_dir() else []
    return issues[0] if issues else library


def app_path(argument: str | None) -> Path:
    """The path ``reader [PATH]`` opens: the one given, else :func:`default_issue_path`."""
    return Path(argument) if argument else default_issue_path()


_XDG = {"data": ("XDG_DATA_HOME", ".local/share"), "cache": ("XDG_CACHE_HOME", ".cache")}


def user_dir(kind: str) -> Path:
    """reader's user ``data`` or ``cache`` folder on this platform (``platformdirs``'s ``user_data_dir`` /
    ``user_cache_dir`` with ``appauthor=False``).

    On Linux with an absolute ``HOME`` it is worked out here, by the XDG rules platformdirs applies (the
    variable when it holds an absolute path, else the default under home): importing platformdirs cost every
    command about 19 M instructions (a few milliseconds) of start-up. Elsewhere, and for an odd ``HOME``,
    platformdirs decides.
    """
    home = os.environ.get("HOME", "")
    if sys.platform == "linux" and os.path.isabs(home):
        variable, default = _XDG[kind]
        base = os.environ.get(variable, "")
        return Path(base if os.path.isabs(base) else os.path.join(home, default)) / "reader"
    import platformdirs

    function = platformdirs.user_data_dir if kind == "data" else platformdirs.user_cache_dir
    return Path(function("reader", appauthor=False))


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder for the user's notes, bookmarks and reading state.

    ``override`` (from ``--data-dir``) wins, then ``READER_DATA_DIR``, then the platform's user data folder.
    """
    if override:
        return Path(override).expanduser()
    env = os.environ.get("READER_DATA_DIR")
    if env:
        return Path(env).expanduser()
    return user_dir("data")


def default_export_dir() -> Path:
    """Where exports go until the user picks a folder: the documents folder if there is one, else home."""
    from platformdirs import user_documents_dir

    documents = Path(user_documents_dir())
    return documents if documents.is_dir() else Path.home()
