"""Article reconstruction from plain OCR text: pure functions, no I/O, never imports Textual.

The public entry point is :func:`analyze_page`; everything else is a stage of its pipeline.

The pipeline is imported on first use of ``analyze_page``, not with the package: a warm open from the cache
needs only light submodules (``reader.analysis.jumps``), and the pipeline's modules compile many regular
expressions at import time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.analysis.pipeline import analyze_page

__all__ = ["analyze_page"]


def __getattr__(name: str) -> Any:
    if name == "analyze_page":
        from reader.analysis.pipeline import analyze_page

        return analyze_page
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
