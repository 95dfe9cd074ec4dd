"""``reader --script NAME`` accepts the OpenCC config names the help points to."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from reader import app as app_module
from reader.errors import ReaderError


def _launched_script(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, script: str) -> str | None:
    seen: dict[str, str | None] = {}

    def fake_run(self: app_module.ReaderApp) -> None:
        seen["script"] = self._script

    monkeypatch.setattr(app_module.ReaderApp, "run", fake_run)
    app_module.launch(argparse.Namespace(path=None, script=script, data_dir=str(tmp_path)))
    return seen["script"]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("taiwan", "taiwan"),
        ("Simplified", "simplified"),
        ("s2twp", "taiwan"),
        ("T2S", "simplified"),
        ("s2hk", "hongkong"),
    ],
)
def test_script_names_and_configs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, given: str, expected: str) -> None:
    assert _launched_script(monkeypatch, tmp_path, given) == expected


def test_a_config_the_app_cannot_show_is_an_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with pytest.raises(ReaderError):
        _launched_script(monkeypatch, tmp_path, "jp2t")
