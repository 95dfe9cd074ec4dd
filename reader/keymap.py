"""The user's key remapping: ``keymap.json`` in the data folder maps binding ids to keys.

Example: ``{"toggle-bookmark": "ctrl+b", "next-hit": "n,f3"}``. Every key of the app is a ``Binding`` with an
id (see the help screen, ``?``), and Textual's ``App.set_keymap`` applies the mapping. A bad file never stops
the app: it is ignored with a one-line warning.
"""

from __future__ import annotations

from pathlib import Path

KEYMAP_FILE = "keymap.json"
MAX_KEYMAP_BYTES = 64 * 1024
"""A keymap names a few dozen bindings; anything larger is not one (``/dev/zero`` must not be read)."""


def load_keymap(data_dir: Path) -> tuple[dict[str, str], str | None]:
    """Read ``keymap.json`` from ``data_dir``.

    Returns:
        The mapping of binding id to key(s) (empty when there is no file) and a warning for a file that could
        not be used, or None.
    """
    path = data_dir / KEYMAP_FILE
    if not path.exists() and not path.is_symlink():
        return {}, None
    from reader.errors import InputError
    from reader.fileread import read_json

    try:
        raw = read_json(path, MAX_KEYMAP_BYTES, what="keymap files")
    except InputError as exc:
        return {}, f"{exc} (keymap ignored)"
    if not isinstance(raw, dict):
        return {}, f"{path}: ignored, expected an object of binding id → key"
    keymap = {k: v.strip() for k, v in raw.items() if isinstance(k, str) and isinstance(v, str) and v.strip()}
    skipped = sorted(set(map(str, raw)) - set(keymap))
    warning = f"{path}: ignored entries whose key is not a string: {', '.join(skipped)}" if skipped else None
    return keymap, warning
