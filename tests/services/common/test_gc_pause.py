"""The cycle collector paused for a bulk job: nested and overlapping pauses, and a collector
already off, are left as they were."""

from __future__ import annotations

import gc
import threading

from member_reach.services.common.gc_pause import gc_paused


def test_a_pause_ends_with_the_last_of_overlapping_pauses() -> None:
    assert gc.isenabled()
    inner_started, outer_may_end = threading.Event(), threading.Event()
    seen: list[bool] = []

    def other_job() -> None:
        with gc_paused():
            inner_started.set()
            outer_may_end.wait(5)
        seen.append(gc.isenabled())

    with gc_paused():
        assert not gc.isenabled()
        worker = threading.Thread(target=other_job)
        worker.start()
        assert inner_started.wait(5)
    assert not gc.isenabled()  # the other thread's job still runs
    outer_may_end.set()
    worker.join(5)
    assert seen == [True] and gc.isenabled()


def test_a_collector_already_off_stays_off_and_errors_end_the_pause() -> None:
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
    try:
        with gc_paused():
            raise ValueError("the job failed")
    except ValueError:
        pass
    assert gc.isenabled()
