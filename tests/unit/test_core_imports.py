"""The core never imports Textual (STYLE.md): each module is imported alone in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE_MODULES = [
    "reader.model",
    "reader.annotations",
    "reader.ingest",
    "reader.analysis",
    "reader.convert",
    "reader.store",
    "reader.export",
    "reader.search",
    "reader.evaluation",
    "reader.scoring",
    "reader.sanitize",
    "reader.contract",
    "reader.document",
    "reader.cli",
    "reader.opening",
    "reader.workers",
    "reader.exit_signals",
    "reader.startup",
    "reader.paths",
]


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}\nprint(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
