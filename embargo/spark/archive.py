"""Shipping one dataset version to the executors, and opening it there once per process.

The archive holds the version's ``manifest.json`` and its ``index/`` folder (memory-mapped
``.npy`` files plus JSON; the entities are not needed to screen). Spark unpacks it once per
executor (``SparkContext.addArchive`` or ``spark-submit --archives FILE#ALIAS``) into a folder
named after its alias; every Python worker process then opens a :class:`Screener` on that
folder once and keeps it in :data:`_screeners`, so the arrays are mapped, not copied, and
shared by the workers of one executor through the page cache.
"""

from __future__ import annotations

import os
import re
import tarfile
from pathlib import Path

import orjson

from embargo.dataset.store import INDEX, MANIFEST, DatasetVersion
from embargo.screener import Screener

ARCHIVE_SUFFIX = ".tar.gz"
_COMPRESSLEVEL = 1  # the .npy files shrink ~2.5x at level 1 already; higher levels cost seconds


class IndexArchiveError(Exception):
    """The index archive is missing, unreadable or built by another embargo."""


def archive_name(version: str) -> str:
    """``embargo-index-<version>.tar.gz``: one file name per dataset version."""
    return f"embargo-index-{_safe(version)}{ARCHIVE_SUFFIX}"


def default_alias(version: str) -> str:
    """The folder the archive unpacks into: versioned, so one Spark context can hold two."""
    return f"embargo_index_{_safe(version)}"


def _safe(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z_.-]+", "_", text)


def ensure_index(version: DatasetVersion) -> None:
    """Rebuild the version's index on the driver if this embargo cannot read it as it is.

    Executors never rebuild (they do not get the entities): the archive must be current.
    """
    if _index_problem(version.path) is not None:
        Screener(version)  # rebuilds a stale or missing index beside the version, atomically


def pack_index(version: DatasetVersion, dest_dir: Path) -> Path:
    """Write ``dest_dir/embargo-index-<version>.tar.gz`` (manifest + index) and return it.

    Written aside and renamed, so a reader never sees half an archive.
    """
    ensure_index(version)
    dest_dir.mkdir(parents=True, exist_ok=True)
    target = dest_dir / archive_name(version.version)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with tarfile.open(tmp, "w:gz", compresslevel=_COMPRESSLEVEL) as tar:
        tar.add(version.path / MANIFEST, arcname=MANIFEST)
        tar.add(version.index_path, arcname=INDEX)
    tmp.replace(target)
    return target


def _index_problem(folder: Path) -> str | None:
    """Why the index under ``folder`` cannot be opened by this embargo, or None."""
    from embargo.index import stale_reason

    meta_path = folder / INDEX / "meta.json"
    try:
        meta = orjson.loads(meta_path.read_bytes())
    except (OSError, orjson.JSONDecodeError) as exc:
        return f"cannot read {meta_path}: {exc}"
    reason = stale_reason(meta)
    if reason is not None:
        return (
            f"{meta_path}: {reason} (install the same embargo on the driver and the executors, "
            "and pack the index again)"
        )
    return None


def unpacked_folder(alias: str) -> Path:
    """Where Spark unpacked the archive with this alias, on this executor.

    ``addArchive`` and ``--archives`` on standalone, Kubernetes and local masters unpack under
    the SparkFiles root; YARN unpacks into the container's working directory.
    """
    tried: list[Path] = []
    try:
        from pyspark import SparkFiles

        tried.append(Path(SparkFiles.get(alias)))
    except Exception:  # noqa: BLE001 - outside a Spark task there is no SparkFiles root
        pass
    tried.append(Path.cwd() / alias)
    for folder in tried:
        if (folder / MANIFEST).is_file():
            return folder
    raise IndexArchiveError(
        f"index archive {alias!r} not found on this executor (looked in "
        f"{', '.join(str(p) for p in tried)}); ship it with spark-submit --archives "
        f"FILE{ARCHIVE_SUFFIX}#{alias}"
    )


_screeners: dict[Path, Screener] = {}


def executor_screener(alias: str) -> Screener:
    """The Screener of this Python worker process, opened on first use and then reused."""
    folder = unpacked_folder(alias)
    screener = _screeners.get(folder)
    if screener is None:
        problem = _index_problem(folder)
        if problem is not None:
            raise IndexArchiveError(problem)
        _screeners.clear()  # one dataset version per process: a new run's archive replaces it
        screener = _screeners[folder] = Screener(DatasetVersion(folder))
    return screener


def probe(alias: str) -> str:
    """The dataset version an executor sees under ``alias`` (run as a tiny Spark task)."""
    folder = unpacked_folder(alias)
    problem = _index_problem(folder)
    if problem is not None:
        raise IndexArchiveError(problem)
    return DatasetVersion(folder).version
