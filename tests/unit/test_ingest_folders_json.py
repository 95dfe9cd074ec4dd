"""A JSON file in an issue folder is a page only when its content is PaddleOCR output."""

from __future__ import annotations

import json
from pathlib import Path

from reader.ingest.folders import find_page_files


def test_json_sidecars_are_not_pages_but_paddle_results_are(tmp_path: Path) -> None:
    (tmp_path / "p1.txt").write_text("第一版\n\n新聞一則。\n", encoding="utf-8")
    (tmp_path / "p1.truth.json").write_text(json.dumps({"page": "p1.txt", "articles": []}), encoding="utf-8")
    (tmp_path / "settings.json").write_text('{"theme": "dark"}', encoding="utf-8")
    paddle = [[[[0, 0], [100, 0], [100, 20], [0, 20]], ["二版新聞", 0.98]]]
    (tmp_path / "p2.json").write_text(json.dumps(paddle, ensure_ascii=False), encoding="utf-8")
    assert [path.name for path in find_page_files(tmp_path)] == ["p1.txt", "p2.json"]
