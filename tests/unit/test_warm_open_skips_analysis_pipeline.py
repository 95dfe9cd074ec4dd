"""A warm open from the cache must not import the analysis pipeline (its modules compile many regexes)."""

from __future__ import annotations

import subprocess
import sys


def test_cache_analysis_import_leaves_pipeline_unloaded() -> None:
    code = "import sys, reader.cache_analysis, reader.commands.list\nprint('reader.analysis.pipeline' in sys.modules)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_analyze_page_still_importable_from_package() -> None:
    from reader.analysis import analyze_page
    from reader.analysis.pipeline import analyze_page as direct

    assert analyze_page is direct


def test_original_script_is_the_formatters_identity() -> None:
    """So ``reader list`` without ``--script`` skips per-article name protection (a regex per article)."""
    from reader.commands._common import script_converter
    from reader.textformat import identity

    assert script_converter(None) is identity
    assert script_converter("original") is identity
