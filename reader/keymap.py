"""The user's key remapping: ``keymap.json`` in the data folder maps binding ids to keys.

Example: ``{"toggle-bookmark": "ctrl+b", "next-hit": "n,f3"}``. Every key of the app is a ``Binding`` with an
id (see the help screen, ``?``), and Textual's ``App.set_keymap`` applies the mapping. A bad file never stops
the app: it is ignored with a one-line warning.
"""

from __future__ import annotations

from pathlib import Path

KEYMAP_FILE = "keymap.json"


def load_keymap(data_dir: Path) -> tuple[dict[str, str], str | None]:
    """Read ``keymap.json`` from ``data_dir``.

    Returns:
        The mapping of binding id to key(s) (empty when there is no file) and a warning for a file that could
        not be used, or None.
    """
    path = data_dir / KEYMAP_FILE
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return {}, None
    except (OSError, UnicodeDecodeError) as exc:
        return {}, f"{path}: ignored, not a readable JSON file ({exc.__class__.__name__})"
    import json  # here: most users have no keymap, and the app starts without importing json

    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        return {}, f"{path}: ignored, not a readable JSON file ({exc.__class__.__name__})"
    if not isinstance(raw, dict):
        return {}, f"{path}: ignored, expected an object of binding id → key"
    keymap = {k: v.strip() for k, v in raw.items() if isinstance(k, str) and isinstance(v, str) and v.strip()}
    skipped = sorted(set(map(str, raw)) - set(keymap))
    warning = f"{path}: ignored entries whose key is not a string: {', '.join(skipped)}" if skipped else None
    return keymap, warning
