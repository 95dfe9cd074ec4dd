"""Building a large test issue from corpus pages, for the loading benchmarks.

Each page of the issue is a corpus text page, decoded the way the reader decodes it and written as UTF-8 with
one line of its own appended ("copy N"), so that no two pages are the same (as in a real issue). Nothing is
copied into the project: the issue is written to a folder the caller gives (a temporary one).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def corpus_texts(corpus: Path = DEFAULT_CORPUS) -> list[str]:
    """The text of every readable ``*.txt`` page under ``corpus``, in path order."""
    from reader.errors import ReaderError
    from reader.ingest import read_page

    texts = []
    for path in sorted(corpus.rglob("*.txt")):
        try:
            texts.append(read_page(path, 1).text)
        except ReaderError:
            continue
    return texts


def build_issue(folder: Path, pages: int, corpus: Path = DEFAULT_CORPUS) -> Path:
    """Write an issue of ``pages`` pages into ``folder`` (created), cycling through the corpus pages."""
    texts = corpus_texts(corpus)
    if not texts:
        raise SystemExit(f"no readable corpus pages under {corpus}")
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(pages):
        text = texts[index % len(texts)]
        (folder / f"page{index + 1:04d}.txt").write_text(f"{text}\ncopy {index + 1}\n", encoding="utf-8")
    return folder
