"""Article reconstruction from plain OCR text: pure functions, no I/O, never imports Textual.

The public entry point is :func:`analyze_page`; everything else is a stage of its pipeline.
"""

from __future__ import annotations

from reader.analysis.pipeline import analyze_page

__all__ = ["analyze_page"]
