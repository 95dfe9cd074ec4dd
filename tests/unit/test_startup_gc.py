"""The garbage collector's pause during start-up (``reader.startup``)."""

from __future__ import annotations

import gc

import pytest

from reader import startup


@pytest.fixture(autouse=True)
def _gc_restored():
    enabled = gc.isenabled()
    yield
    startup._paused = startup._freeze = False
    gc.unfreeze()
    if enabled:
        gc.enable()
    else:
        gc.disable()


def test_pause_then_resume_turns_collection_off_and_on_again() -> None:
    gc.enable()
    startup.pause_gc()
    assert not gc.isenabled()
    startup.pause_gc()  # twice is the same as once
    startup.resume_gc()
    assert gc.isenabled()


def test_resume_without_pause_changes_nothing() -> None:
    gc.disable()
    startup.resume_gc()
    assert not gc.isenabled()


def test_a_collector_switched_off_by_someone_else_stays_off() -> None:
    gc.disable()
    startup.pause_gc()
    startup.resume_gc()
    assert not gc.isenabled()


def test_only_the_reader_command_freezes_what_start_up_built() -> None:
    gc.enable()
    gc.unfreeze()
    startup.pause_gc()
    startup.resume_gc()
    assert gc.get_freeze_count() == 0, "an app built in-process (a test) is not kept alive"
    startup.pause_gc(freeze_on_resume=True)
    startup.resume_gc()
    assert gc.isenabled() and gc.get_freeze_count() > 0
