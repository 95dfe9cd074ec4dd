"""``reader [PATH]`` starts the prefetch and pauses the GC before importing the app, and always undoes both."""

from __future__ import annotations

import gc
import os
from typing import Any

import pytest

from reader import cli, opening, startup
from tests.conftest import SEED_PAGE, reaped


class _Terminal:
    def isatty(self) -> bool:
        return True


class _Sys:
    """What ``cli.run_app`` sees of ``sys``: a terminal on both ends (pytest captures the real ones)."""

    stdin = stdout = _Terminal()


@pytest.fixture
def tty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "sys", _Sys)
    monkeypatch.setattr(opening, "usable_cpus", lambda: 2)


@pytest.fixture(autouse=True)
def _gc_restored():
    enabled = gc.isenabled()
    yield
    startup._paused = False
    gc.enable() if enabled else gc.disable()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this platform")
@pytest.mark.parametrize("outcome", ["returns", "raises"])
def test_run_app_hands_the_prefetch_to_launch_and_cleans_up(monkeypatch: pytest.MonkeyPatch, tty, outcome) -> None:
    import reader.app

    seen: dict[str, Any] = {}

    def fake_launch(args: Any, *, prefetch: opening.Prefetch | None = None) -> int:
        seen["gc during launch"] = gc.isenabled()
        seen["prefetch"] = prefetch
        if outcome == "raises":
            raise RuntimeError("the app crashed")
        return 0

    monkeypatch.setattr(reader.app, "launch", fake_launch)
    gc.enable()
    args = cli.build_app_parser().parse_args([str(SEED_PAGE.parent)])
    if outcome == "raises":
        with pytest.raises(RuntimeError):
            cli.run_app(args)
    else:
        assert cli.run_app(args) == 0
    prefetch = seen["prefetch"]
    assert isinstance(prefetch, opening.Prefetch)
    assert seen["gc during launch"] is False
    assert gc.isenabled(), "the collector runs again once the app is over"
    assert reaped(prefetch._pid), "the forked process does not outlive the app"


def test_run_app_starts_no_prefetch_for_a_missing_path(monkeypatch: pytest.MonkeyPatch, tty, tmp_path) -> None:
    import reader.app

    seen: dict[str, Any] = {}
    monkeypatch.setattr(reader.app, "launch", lambda args, *, prefetch=None: seen.setdefault("prefetch", prefetch))
    cli.run_app(cli.build_app_parser().parse_args([str(tmp_path / "missing")]))
    assert seen["prefetch"] is None
