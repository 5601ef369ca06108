"""Immutable dataset versions on disk, and the atomic switch between them.

Layout under ``$EMBARGO_HOME``::

    datasets/<version>/manifest.json          what was loaded, from where, counts per source
    datasets/<version>/entities/<source>.jsonl FtM entities, one JSON object a line
    datasets/<version>/index/                  the matcher's candidate index
    current -> datasets/<version>              symlink, replaced atomically

A version is written into ``datasets/.tmp-*``, synced, renamed into place, and only then does
``current`` move, so a crash at any point leaves the previous version serving and at worst a
``.tmp-*`` folder that the next writer removes.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson

KEEP_VERSIONS = 5
MANIFEST = "manifest.json"
INDEX = "index"


class StoreError(Exception):
    """The local dataset is missing or unreadable."""


class DatasetVersion:
    """One written, immutable version of the dataset."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.manifest: dict[str, Any] = orjson.loads((path / MANIFEST).read_bytes())
        except FileNotFoundError as exc:
            raise StoreError(f"{path}: no {MANIFEST}; not a dataset version") from exc
        self.version: str = self.manifest["version"]

    @property
    def sources(self) -> dict[str, dict[str, Any]]:
        return self.manifest["sources"]

    @property
    def index_path(self) -> Path:
        return self.path / INDEX

    def entity_file(self, source: str) -> Path:
        return self.path / "entities" / f"{_file_safe(source)}.jsonl"

    def iter_entities(self, source: str | None = None) -> Iterator[dict[str, Any]]:
        names = [source] if source else list(self.sources)
        for name in names:
            path = self.entity_file(name)
            if not path.exists():
                continue
            with open(path, "rb") as fh:
                for line in fh:
                    yield orjson.loads(line)

    def __repr__(self) -> str:
        return f"<DatasetVersion {self.version}>"


def _file_safe(source: str) -> str:
    return source.replace(":", "__").replace("/", "_")


class Store:
    """The versions under one home folder."""

    def __init__(self, home: Path):
        self.home = Path(home)
        self.datasets = self.home / "datasets"

    @contextmanager
    def lock(self) -> Iterator[None]:
        """One writer at a time; readers never wait."""
        self.home.mkdir(parents=True, exist_ok=True)
        with open(self.home / ".lock", "w") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise StoreError(f"{self.home}: another update is running") from exc
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def current(self) -> DatasetVersion | None:
        link = self.home / "current"
        if not link.is_symlink() and not link.exists():
            return None
        target = link.resolve()
        if not (target / MANIFEST).exists():
            return None
        return DatasetVersion(target)

    def require_current(self) -> DatasetVersion:
        current = self.current()
        if current is None:
            raise StoreError(
                f"no dataset in {self.home}; run `embargo update` (or `--from DIR` offline) first"
            )
        return current

    def versions(self) -> list[str]:
        if not self.datasets.exists():
            return []
        return sorted(
            p.name
            for p in self.datasets.iterdir()
            if p.is_dir() and not p.name.startswith(".") and (p / MANIFEST).exists()
        )

    def get(self, version: str) -> DatasetVersion:
        path = self.datasets / version
        if not (path / MANIFEST).exists():
            raise StoreError(f"no dataset version {version!r} in {self.datasets}")
        return DatasetVersion(path)

    def begin(self) -> Path:
        """A fresh staging folder for a new version; removes crash leftovers first."""
        self.datasets.mkdir(parents=True, exist_ok=True)
        for stale in self.datasets.glob(".tmp-*"):
            shutil.rmtree(stale, ignore_errors=True)
        staging = self.datasets / f".tmp-{os.getpid()}-{time.time_ns()}"
        (staging / "entities").mkdir(parents=True)
        return staging

    def commit(
        self, staging: Path, manifest: dict[str, Any], keep: int = KEEP_VERSIONS
    ) -> DatasetVersion:
        """Seal ``staging`` as a version and make it current, atomically."""
        version = manifest["version"]
        (staging / MANIFEST).write_bytes(orjson.dumps(manifest, option=orjson.OPT_INDENT_2))
        _fsync_tree(staging)
        final = self.datasets / version
        if final.exists():
            raise StoreError(f"version {version} already exists")
        os.rename(staging, final)
        _fsync_dir(self.datasets)
        tmp_link = self.home / f".current-{os.getpid()}"
        tmp_link.unlink(missing_ok=True)
        os.symlink(Path("datasets") / version, tmp_link)
        os.replace(tmp_link, self.home / "current")
        _fsync_dir(self.home)
        self.prune(keep)
        return DatasetVersion(final)

    def abort(self, staging: Path) -> None:
        shutil.rmtree(staging, ignore_errors=True)

    def prune(self, keep: int = KEEP_VERSIONS) -> list[str]:
        """Remove all but the newest ``keep`` versions, never the current one."""
        current = self.current()
        removed = []
        versions = self.versions()
        for version in versions[: max(0, len(versions) - keep)]:
            if current is not None and version == current.version:
                continue
            shutil.rmtree(self.datasets / version, ignore_errors=True)
            removed.append(version)
        return removed


def new_version_id() -> str:
    """Sortable, unique: UTC time to the microsecond."""
    now = time.time()
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(now))
    return f"{stamp}.{int((now % 1) * 1_000_000):06d}Z"


def _fsync_tree(root: Path) -> None:
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            fd = os.open(os.path.join(dirpath, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _fsync_dir(Path(dirpath))


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
