"""Notes, bookmarks and reading state in TinyDB, durable and safe across processes (no Textual here).

``from reader.store import Store`` is the entry point; see :mod:`reader.store.store`.
"""

from __future__ import annotations

from reader.store.anchor import anchor_fields, resolve_anchor
from reader.store.storage import StoreError
from reader.store.store import NoteNotFound, Store

__all__ = ["NoteNotFound", "Store", "StoreError", "anchor_fields", "resolve_anchor"]
