"""PaddleOCR result JSON: the 2.x list form and the 3.x dictionary form.

- 2.x (``ocr.ocr(img)`` saved as JSON): ``[[box, [text, score]], …]``, where ``box`` is four ``[x, y]``
  points, possibly nested once per page (``[[[box, [text, score]], …], …]``); a page with nothing found is
  ``null``.
- 3.x (``res.save_to_json``): ``{"rec_texts": […], "rec_scores": […], "rec_polys": […]}`` with
  ``rec_boxes`` (``[x1, y1, x2, y2]``) instead of or beside ``rec_polys``; possibly under ``"res"``, or a
  list of such objects (one per page), or one object per line (JSON Lines).

Each recognized text is one line, numbered in the file's order (PaddleOCR's detection order); its box is
the bounding rectangle of its polygon, its confidence the recognition score. A file holding several pages
is read as one page, its pages one after the other. PaddleOCR gives no blocks, so lines have no region.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from reader.errors import InputError
from reader.ingest.source import MAX_LAYOUT_BYTES, read_bounded
from reader.model import Box, Line, Page
from reader.sanitize import sanitize

Entry = tuple[str, Box | None, float | None]


def _box(points: Any) -> Box | None:
    """The bounding rectangle of ``[[x, y], …]`` or ``[x1, y1, x2, y2]``; None when it is neither."""
    try:
        if points and isinstance(points[0], (list, tuple)):
            xs = [float(point[0]) for point in points]
            ys = [float(point[1]) for point in points]
        elif len(points) == 4:
            xs = [float(points[0]), float(points[2])]
            ys = [float(points[1]), float(points[3])]
        else:
            return None
    except (TypeError, ValueError, IndexError, KeyError):
        return None
    return Box(min(xs), min(ys), max(xs), max(ys))


def _score(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _is_v2_entry(item: Any) -> bool:
    """``[box, [text, score]]`` (or ``[box, (text, score)]``)."""
    return (
        isinstance(item, list)
        and len(item) == 2
        and isinstance(item[0], list)
        and isinstance(item[1], list)
        and len(item[1]) >= 1
        and isinstance(item[1][0], str)
    )


def _v3_entries(result: dict[str, Any]) -> Iterator[Entry]:
    texts = result.get("rec_texts")
    if not isinstance(texts, list):
        return
    scores = result.get("rec_scores") or []
    shapes: Sequence[Any] = result.get("rec_polys") or result.get("rec_boxes") or []
    for index, text in enumerate(texts):
        shape = shapes[index] if index < len(shapes) else None
        score = scores[index] if index < len(scores) else None
        yield str(text), _box(shape) if shape is not None else None, _score(score)


def _entries(document: Any, depth: int = 0) -> Iterator[Entry]:
    """Every (text, box, score) in ``document``, whichever of the shapes above it has."""
    if depth > 4:
        return
    if isinstance(document, dict):
        if "rec_texts" in document:
            yield from _v3_entries(document)
        elif isinstance(document.get("res"), (dict, list)):
            yield from _entries(document["res"], depth + 1)
        return
    if not isinstance(document, list):
        return  # null: a page where nothing was found
    for item in document:
        if _is_v2_entry(item):
            yield str(item[1][0]), _box(item[0]), _score(item[1][1] if len(item[1]) > 1 else None)
        else:
            yield from _entries(item, depth + 1)


def _load(data: bytes, path: Path) -> list[Any]:
    """The JSON documents in ``data``: one document, or one per line (JSON Lines)."""
    text = data.decode("utf-8-sig", errors="strict")
    try:
        return [json.loads(text)]
    except json.JSONDecodeError as whole_error:
        documents = []
        for line in text.splitlines():
            if line.strip():
                try:
                    documents.append(json.loads(line))
                except json.JSONDecodeError:
                    message = f"not valid JSON at line {whole_error.lineno}, column {whole_error.colno}"
                    raise InputError(f"{path}: {message}: {whole_error.msg}") from whole_error
        return documents


def read_paddle(path: Path, number: int = 1, *, limit: int = MAX_LAYOUT_BYTES) -> Page:
    """Read one PaddleOCR result file (optionally gzipped) into a :class:`Page` of format ``paddle``.

    Raises:
        InputError: unreadable, too large, not JSON, or not a PaddleOCR result with text.
    """
    data = read_bounded(path, limit)
    try:
        documents = _load(data, path)
        entries = [entry for document in documents for entry in _entries(document)]
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: a JSON page must be UTF-8") from exc
    except RecursionError as exc:
        raise InputError(f"{path}: the JSON is nested too deeply") from exc
    if not entries:
        raise InputError(f"{path}: not a PaddleOCR result with text (no [box, [text, score]] or rec_texts)")
    lines = tuple(
        Line(index, sanitize(" ".join(text.split())), box=box, confidence=score)
        for index, (text, box, score) in enumerate(entries, start=1)
    )
    return Page(number, str(path), lines, format="paddle")
