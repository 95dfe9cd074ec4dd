"""Accuracy of article reconstruction on the shared corpus: one table row per set.

Usage: ``python benchmarks/accuracy.py [CORPUS_DIR] [--misses]``. The corpus defaults to ``../shared/corpus``
beside the checkout. Holdout sets are measured but must never be tuned on.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.evaluation import EvaluationReport, evaluate, format_misses, format_report  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def main(argv: list[str] | None = None) -> int:
    """Print the accuracy table (and with ``--misses`` the misses by category)."""
    args = list(sys.argv[1:] if argv is None else argv)
    show_misses = "--misses" in args
    paths = [arg for arg in args if not arg.startswith("--")]
    corpus = Path(paths[0]) if paths else DEFAULT_CORPUS
    if not corpus.is_dir():
        print(f"corpus not found: {corpus}", file=sys.stderr)
        return 2
    report: EvaluationReport = evaluate(corpus)
    print(format_report(report))
    if show_misses:
        print()
        print(format_misses(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
