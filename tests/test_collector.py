"""The cyclic collector is held off during a check, and a check leaves no cycles behind."""

from __future__ import annotations

import gc
import sys
import threading

from embargo import collector

QUERIES = [
    ("Alabuga Machinery LLC", "Company", {"countries": ["ru"]}),
    ("Hans Meier", "Person", {"birth_dates": ["1970-01-01"]}),
    ("Абдурахманов Магомед", "Person", {}),
    ("عبد الله محمد رجب", "Person", {}),
    ("弗拉基米尔·普京", "Person", {}),
    ("金正恩", "Person", {}),
    ("朝鮮大成貿易会社", "Organization", {}),
    ("SAFARASH, Ijaz", None, {"ids": ["AB1234567"], "addresses": ["Karachi"]}),
]


def _inside(function: str) -> bool:
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == function:
            return True
        frame = frame.f_back
    return False


def _passes_during(action, inside: str) -> int:
    """How many collector passes start within a call of the function named ``inside`` while
    ``action`` runs, with a threshold so low that a hundred allocations start one."""
    started = []
    old = gc.get_threshold()

    def count(phase: str, info: dict) -> None:
        if phase == "start" and _inside(inside):
            started.append(info["generation"])

    gc.callbacks.append(count)
    gc.set_threshold(100, 10, 10)
    try:
        action()
    finally:
        gc.set_threshold(*old)
        gc.callbacks.remove(count)
    return len(started)


# Names no other check here asked for: their results and word similarities are new to the
# matcher's caches, so the check keeps what it allocates and the collector's counts grow.
FRESH = ["Alabuga Machine Works", "Hans Joachim Meyer", "Абдурахманова Мадина", "عبد الرحمن رجب",
         "Kalashnikov Concern", "Shahed Aviation Industries", "Mohammad Reza Ashtiani"]  # fmt: skip


def test_a_check_runs_without_collector_passes(screener):
    def checks() -> None:
        for name in FRESH:
            screener.check(name)

    def building() -> None:
        # Work of the same kind outside a check: the low threshold does start passes.
        kept = [[i] for i in range(5_000)]
        assert kept

    for name, schema, facts in QUERIES:  # load what loads once (readings tables)
        screener.check(name, schema=schema, **facts)
    assert _passes_during(building, "building") > 0
    assert _passes_during(checks, "_name_stage") == 0
    assert gc.isenabled()


def test_checks_make_no_reference_cycles(screener):
    """What the pause relies on: reference counting frees everything a check made, matches,
    explanations, identifier hits and near hits included."""
    for name, schema, facts in QUERIES:
        screener.check(name, schema=schema, **facts)
    gc.collect()
    gc.disable()
    try:
        for name, schema, facts in QUERIES:
            hits = screener.check(name, schema=schema, threshold=0.3, **facts)
            assert hits or name == "Hans Meier"
            del hits
        left = gc.collect()
    finally:
        gc.enable()
    assert left == 0


def test_the_pause_is_counted_across_threads():
    """One thread's pause ending leaves the collector off while another's runs; the last one
    switches it back on, and a collector the program switched off stays off."""
    inside = threading.Event()
    leave = threading.Event()

    def other() -> None:
        with collector.paused():
            inside.set()
            leave.wait(5)

    thread = threading.Thread(target=other)
    with collector.paused():
        thread.start()
        assert inside.wait(5)
    assert not gc.isenabled()
    leave.set()
    thread.join(5)
    assert gc.isenabled()

    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
