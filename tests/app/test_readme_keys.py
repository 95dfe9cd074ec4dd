"""The README names every remappable key id the app declares (users remap keys by these ids)."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import reader.screens
import reader.widgets
from reader.app import ReaderApp

README = Path(__file__).resolve().parents[2] / "README.md"


def _binding_ids() -> set[str]:
    classes: list[type] = [ReaderApp]
    for package in (reader.screens, reader.widgets):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            classes += [value for value in vars(module).values() if isinstance(value, type)]
    ids = set()
    for cls in classes:
        for binding in vars(cls).get("BINDINGS", ()):
            binding_id = getattr(binding, "id", None)
            if binding_id:
                ids.add(binding_id)
    return ids


def test_every_binding_id_is_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    missing = sorted(binding_id for binding_id in _binding_ids() if f"`{binding_id}`" not in readme)
    assert not missing, missing
