"""reader's user folders on Linux are worked out without importing platformdirs: the same folders it gives."""

from __future__ import annotations

import sys

import platformdirs
import pytest

from reader.cache import cache_dir
from reader.paths import data_dir, user_dir

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the XDG rules are worked out on Linux only")


@pytest.mark.parametrize("home", ["/home/reader", "relative-home"])
@pytest.mark.parametrize("value", [None, "", "   ", "/srv/xdg", "relative/xdg", "~/xdg"])
def test_user_folders_are_platformdirs_folders(monkeypatch: pytest.MonkeyPatch, value: str | None, home: str) -> None:
    monkeypatch.setenv("HOME", home)
    for variable in ("XDG_DATA_HOME", "XDG_CACHE_HOME"):
        if value is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, value)
    assert str(user_dir("data")) == platformdirs.user_data_dir("reader", appauthor=False)
    assert str(user_dir("cache")) == platformdirs.user_cache_dir("reader", appauthor=False)


def test_commands_use_them_unless_told_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("READER_DATA_DIR", raising=False)
    monkeypatch.delenv("READER_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", "/srv/data")
    monkeypatch.setenv("XDG_CACHE_HOME", "/srv/cache")
    assert str(data_dir()) == "/srv/data/reader"
    assert str(cache_dir()) == "/srv/cache/reader"
