"""Test-wide isolation: user data goes to a temporary folder, never the real one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
SEED_PAGE = REPO / "issues" / "gaoxin-2022-12-02" / "page-01.txt"


@pytest.fixture(autouse=True)
def _isolated_user_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path_factory.mktemp("reader-data")
    monkeypatch.setenv("READER_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_DATA_HOME", str(data / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(data / "xdg-config"))
    # The analysis cache and search indexes too: derived data, but never the user's real cache folder.
    monkeypatch.setenv("READER_CACHE_DIR", str(data / "cache"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(data / "xdg-cache"))
    return data


@pytest.fixture
def corpus() -> Path:
    """The shared real-data corpus; tests that use it skip when ``../shared`` is absent."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


def reaped(pid: int) -> bool:
    """True when child process ``pid`` is gone and was reaped (not running, not a zombie)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False
