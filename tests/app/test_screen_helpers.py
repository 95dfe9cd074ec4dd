"""Screens share their helpers through ``reader.screens.common``, not through one another."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["reader.screens.bookmarks", "reader.screens.common"])
def test_a_screen_imports_without_the_note_editor(module: str) -> None:
    """Importing the bookmarks dialog (or the helpers) pulls in no other screen module."""
    code = (
        f"import sys, {module}\n"
        "others = sorted(m for m in sys.modules if m.startswith('reader.screens.') and m != "
        f"'{module}' and m != 'reader.screens.common')\n"
        "print(','.join(others))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
