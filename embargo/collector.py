"""The cyclic garbage collector held off while the matcher works.

A check allocates thousands of short-lived tuples, lists and dicts and makes no reference
cycles (``tests/test_collector.py`` holds this), so reference counting frees all of it. The
cyclic collector still counts those allocations and runs its passes in the middle of a check;
with a dataset and the matcher's caches loaded, a full pass walks hundreds of thousands of
objects and finds nothing. On ``benchmarks.speed``'s queries the passes took about a third
of the warm checks' time (measured with the collector off), and each full one stalled a check
for 100 to 600 ms.

Paused for the length of each check, the collector runs once afterwards, on the next
allocation, with the counts of the whole check: far fewer passes, none inside a check. The
warm checks' mean fell by a sixth and the longest stall to 270 ms.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0  # checks running now, on any thread
_resume = False  # whether the collector was on when the first of them began


@contextmanager
def paused() -> Iterator[None]:
    """Hold the cyclic collector off until the outermost of the running pauses ends.

    Counted across threads, so one thread's check ending does not switch the collector back
    on under another's; a collector the host program switched off stays off.
    ``gc.collect()`` still works meanwhile: the server collects on its own schedule
    (:mod:`embargo.api.live`), which a stream of overlapping requests would otherwise defer.
    """
    global _depth, _resume
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()
