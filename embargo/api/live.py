"""The dataset the server answers from, swapped for a new version without a restart.

Every request takes :meth:`LiveDataset.current` once and keeps that object to the end, so a
request in flight finishes on the version it started with. At most once per interval a request
also reads the ``current`` symlink (one ``readlink``); when its target moved, a background
thread loads the new version and then replaces the reference in one assignment.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
import time
from pathlib import Path
from typing import Any

from embargo.dataset.store import DatasetVersion
from embargo.screener import Screener

log = logging.getLogger("embargo.api")
GRACE_SECONDS = 10.0  # after a swap, time for requests on the old version to finish
FREEZE_SECONDS = 2.0  # how often objects that survived so far are frozen
FULL_SECONDS = 180.0  # how often everything is unfrozen and collected once
_gc_lock = threading.Lock()
_gc_thread: threading.Thread | None = None


def full_collection() -> None:
    """Unfreeze, collect every generation, freeze what is left."""
    with _gc_lock:
        gc.unfreeze()
        gc.collect()
        gc.freeze()


def _gc_maintenance() -> None:
    """Keep the cyclic garbage collector's full passes from stalling requests.

    A full pass walks every tracked object: with a dataset loaded and the matcher's caches
    filling up that is hundreds of thousands of objects and a 100-500 ms stall. Objects that
    have survived until now are long-lived (dataset tables, caches), so they are frozen every
    few seconds and the passes skip them. The young generations are collected just before each
    freeze, so a request's cyclic garbage is not frozen (and kept) with them; whatever still
    slips through is collected when everything is unfrozen and collected in full, every few
    minutes.
    """
    last_full = time.monotonic()
    while True:
        time.sleep(FREEZE_SECONDS)
        if time.monotonic() - last_full >= FULL_SECONDS:
            full_collection()
            last_full = time.monotonic()
        else:
            with _gc_lock:
                gc.collect(1)
                gc.freeze()


def limit_malloc_arenas(arenas: int = 2) -> bool:
    """Cap glibc's malloc arenas for this process; False where that is not glibc.

    Requests run on a thread pool, and glibc gives threads their own arenas (up to eight per
    core): freed memory stays spread over all of them and the resident size creeps up for
    hours. Two arenas keep it level at no measurable cost in latency here.
    """
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name)
        return bool(libc.mallopt(_M_ARENA_MAX, arenas))
    except (OSError, AttributeError):
        return False


_M_ARENA_MAX = -8  # from glibc's malloc.h


def start_gc_maintenance() -> None:
    """Start the process-wide collector upkeep once (idempotent)."""
    global _gc_thread
    with _gc_lock:
        if _gc_thread is None:
            limit_malloc_arenas()
            _gc_thread = threading.Thread(target=_gc_maintenance, name="embargo-gc", daemon=True)
            _gc_thread.start()


class LoadedDataset:
    """One loaded version: its screener, plus a reverse link index built on first need."""

    def __init__(self, screener: Screener):
        self.screener = screener
        self.version: DatasetVersion = screener.version
        self.loaded_at = time.time()
        self._links: dict[str, list[tuple[str, str]]] | None = None
        self._links_lock = threading.Lock()

    @classmethod
    def open(cls, path: Path) -> LoadedDataset:
        screener = Screener(DatasetVersion(path))
        screener.entity("")  # build the id -> file offset table now, not on a request
        screener.check("warm up")
        return cls(screener)

    @property
    def manifest(self) -> dict[str, Any]:
        return self.version.manifest

    def reverse_links(self) -> dict[str, list[tuple[str, str]]]:
        """Entity id -> (property, id) of the Sanctions and links that point at it."""
        if self._links is None:
            with self._links_lock:
                if self._links is None:
                    from embargo.api.links import build_reverse_index

                    self._links = build_reverse_index(self.version)
        return self._links


class LiveDataset:
    """The current version under ``home``, reloaded in the background when it changes."""

    def __init__(self, home: Path, interval: float = 1.0):
        self.home = Path(home)
        self.interval = interval
        self._loaded: LoadedDataset | None = None
        self._target: str | None = None
        self._failed: str | None = None
        self._loading = False
        self._lock = threading.Lock()
        self._next_check = 0.0
        self._ready = threading.Event()
        self._attempted = threading.Event()
        self.error: str | None = None
        self._settle_count = 0

    def current(self) -> LoadedDataset | None:
        now = time.monotonic()
        if now >= self._next_check:
            self._next_check = now + self.interval
            self.check()
        return self._loaded

    @property
    def loading(self) -> bool:
        return self._loading

    def check(self) -> None:
        """Start loading the version ``current`` points at, if it is new."""
        try:
            target = os.readlink(self.home / "current")
        except OSError:
            return
        if target in (self._target, self._failed) or self._loading:
            return
        with self._lock:
            if self._loading:
                return
            self._loading = True
        threading.Thread(
            target=self._load, args=(target,), name="embargo-reload", daemon=True
        ).start()

    def _load(self, target: str) -> None:
        started = time.perf_counter()
        try:
            loaded = LoadedDataset.open(self.home / target)
        except Exception as exc:  # a broken version must not take the server down
            self._failed = target
            self.error = f"{self.home / target}: {type(exc).__name__}: {exc}"
            log.error("dataset load failed, still serving the previous version: %s", self.error)
        else:
            self._loaded = loaded
            self._target = target
            self._failed = None
            self.error = None
            log.info(
                "serving dataset version %s (loaded in %.1fs)",
                loaded.version.version,
                time.perf_counter() - started,
            )
            self._ready.set()
        finally:
            self._loading = False
            self._attempted.set()
        if self._loaded is not None and self._target == target:
            self._settle(first=self._settle_count == 0)

    def _settle(self, first: bool) -> None:
        """After a swap, and a grace period for requests still on the old version, free it."""
        if not first:
            time.sleep(GRACE_SECONDS)
        full_collection()
        self._settle_count += 1

    def wait(self, timeout: float = 60.0) -> LoadedDataset:
        """Block until a version is loaded (tests, the benchmark); raise if it cannot be."""
        self.check()
        deadline = time.monotonic() + timeout
        while self._loaded is None:
            if self._attempted.is_set() and not self._loading and self.error:
                raise RuntimeError(f"no dataset loaded from {self.home}: {self.error}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"no dataset loaded from {self.home} within {timeout}s")
            self._ready.wait(0.05)
            self.check()
        return self._loaded
