"""The garbage collector's pause during start-up (``reader.startup``)."""

from __future__ import annotations

import gc

import pytest

from reader import startup


@pytest.fixture(autouse=True)
def _gc_restored():
    enabled = gc.isenabled()
    yield
    startup._paused = startup._freeze = startup._one_app = False
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


def test_collector_paused_turns_collection_off_inside_and_back_on_after_an_error() -> None:
    gc.enable()
    with pytest.raises(RuntimeError):
        with startup.collector_paused():
            assert not gc.isenabled()
            with startup.collector_paused():  # nested: the inner block leaves it off
                pass
            assert not gc.isenabled()
            raise RuntimeError
    assert gc.isenabled()
    gc.disable()
    with startup.collector_paused():
        pass
    assert not gc.isenabled(), "a collector someone else switched off stays off"


def test_collector_paused_freezes_what_it_built_only_in_a_one_job_process() -> None:
    gc.enable()
    gc.unfreeze()
    with startup.collector_paused():
        built = [[index] for index in range(1000)]
    assert gc.get_freeze_count() == 0, "in-process use (tests, the app as a library) keeps the collector's view"
    startup.one_process_one_job()
    with startup.collector_paused():
        built = [[index] for index in range(1000)]
    assert gc.isenabled() and gc.get_freeze_count() >= len(built)
