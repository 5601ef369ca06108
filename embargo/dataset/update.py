"""Build a new dataset version from every source, or leave the old one serving.

Order of work: get each source's files (download, or a folder of downloaded files), parse each
source in its own worker process straight into the staging folder, refuse sources whose count
fell sharply (a truncated download looks like a delisting), build the index, then commit. Any
error before the commit removes the staging folder and raises; ``current`` never moves.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import orjson

from embargo.dataset.store import DatasetVersion, Store, _file_safe, new_version_id

MAX_DROP = 0.5
MIN_COUNT_FOR_DROP_CHECK = 20


class UpdateError(Exception):
    """The update failed; the previous dataset version is still current."""


@dataclass
class SourceReport:
    source: str
    title: str
    status: str  # "updated", "carried", "failed"
    entities: int = 0
    by_schema: dict[str, int] = field(default_factory=dict)
    records: int = 0
    published: str | None = None
    fetched_at: str | None = None
    warnings: dict[str, int] = field(default_factory=dict)
    warning_examples: dict[str, str] = field(default_factory=dict)
    files: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    error: str | None = None


Events = Callable[[str, dict[str, Any]], None]


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _describe_files(folder: Path) -> list[dict[str, Any]]:
    return [
        {"name": p.name, "size": p.stat().st_size, "sha256": _sha256(p)}
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.name.endswith((".meta.json", ".part"))
    ]


def _write_entities(
    label: str, ctx: Any, entities: Iterable[Any], out_path: str, started: float
) -> dict[str, Any]:
    """Stream entities to JSON lines, counting listed parties by schema; report or the error."""
    from embargo.sources.base import ParseError

    by_schema: Counter[str] = Counter()
    records = 0
    try:
        with open(out_path, "wb") as fh:
            for entity in entities:
                data = entity.to_dict()
                if data.get("target"):
                    by_schema[entity.schema.name] += 1
                records += 1
                fh.write(orjson.dumps(data))
                fh.write(b"\n")
    except ParseError as exc:
        return {"error": str(exc)}
    except (OSError, ValueError, KeyError, IndexError, TypeError) as exc:
        return {"error": f"{label}: {type(exc).__name__}: {exc}"}
    return {
        "by_schema": dict(by_schema),
        "entities": sum(by_schema.values()),
        "records": records,
        "published": ctx.published,
        "warnings": dict(ctx.warnings),
        "warning_examples": dict(ctx.warning_examples),
        "seconds": round(time.perf_counter() - started, 3),
    }


def parse_source_to_file(module_name: str, folder: str, out_path: str) -> dict[str, Any]:
    """Worker: parse one source folder into a JSON-lines file."""
    from embargo.sources.base import ParseContext

    module = importlib.import_module(module_name)
    ctx = ParseContext(source=module.NAME)
    started = time.perf_counter()
    entities = module.parse(Path(folder), ctx)
    return _write_entities(f"{module.NAME}: {folder}", ctx, entities, out_path, started)


def parse_custom_to_file(name: str, path: str, out_path: str) -> dict[str, Any]:
    """Worker: parse one user list (``--custom NAME=FILE``) like an official one."""
    from embargo.sources import custom
    from embargo.sources.base import ParseError

    started = time.perf_counter()
    try:
        ctx, entities = custom.parse_file(Path(path), name)
    except ParseError as exc:
        return {"error": str(exc)}
    except OSError as exc:
        return {"error": f"custom:{name}: {path}: {exc}"}
    return _write_entities(f"custom:{name}: {path}", ctx, entities, out_path, started)


def _register_custom(store: Store, custom: dict[str, Path]) -> dict[str, Path]:
    """Keep user lists under ``$EMBARGO_HOME/custom`` so later updates include them too."""
    folder = store.home / "custom"
    folder.mkdir(parents=True, exist_ok=True)
    for name, path in custom.items():
        path = Path(path)
        if not path.is_file():
            raise UpdateError(f"custom:{name}: {path}: no such file")
        if not name.replace("_", "").replace("-", "").isalnum():
            raise UpdateError(f"custom list name {name!r}: use letters, digits, - and _ only")
        for old in folder.glob(f"{name}.*"):
            old.unlink()
        shutil.copyfile(path, folder / f"{name}{path.suffix.lower()}")
    return {p.stem: p for p in sorted(folder.iterdir()) if p.is_file()}


def run_update(
    store: Store,
    *,
    from_dir: Path | None = None,
    custom: dict[str, Path] | None = None,
    force: bool = False,
    mirror: str | None = None,
    only: list[str] | None = None,
    workers: int | None = None,
    max_drop: float = MAX_DROP,
    on_event: Events | None = None,
) -> tuple[DatasetVersion, list[SourceReport]]:
    """Write and switch to a new version; raise :class:`UpdateError` leaving the old one."""
    from embargo.sources import load_sources

    emit = on_event or (lambda kind, info: None)
    sources = load_sources()
    if only:
        unknown = sorted(set(only) - set(sources))
        if unknown:
            raise UpdateError(
                f"unknown source(s): {', '.join(unknown)}; known: {', '.join(sources)}"
            )
    with store.lock():
        previous = store.current()
        customs = _register_custom(store, custom or {})
        staging = store.begin()
        try:
            reports = _build(
                store, staging, sources, previous, from_dir, customs, mirror, only, workers, emit
            )
            failed = [r for r in reports if r.status == "failed"]
            if failed:
                raise UpdateError("; ".join(r.error or r.source for r in failed))
            _check_drops(reports, previous, force, max_drop)
            emit("index", {})
            from embargo.index import build_index

            index_started = time.perf_counter()
            stats = build_index(staging)
            manifest = {
                "version": new_version_id(),
                "created_at": _now(),
                "previous": previous.version if previous else None,
                "index": {**stats, "seconds": round(time.perf_counter() - index_started, 3)},
                "sources": {r.source: asdict(r) for r in reports},
            }
            version = store.commit(staging, manifest)
        except BaseException:
            store.abort(staging)
            raise
    emit("done", {"version": version.version})
    return version, reports


def _build(
    store: Store,
    staging: Path,
    sources: dict[str, Any],
    previous: DatasetVersion | None,
    from_dir: Path | None,
    customs: dict[str, Path],
    mirror: str | None,
    only: list[str] | None,
    workers: int | None,
    emit: Events,
) -> list[SourceReport]:
    jobs: list[tuple[SourceReport, Callable[..., dict[str, Any]], tuple[str, ...]]] = []
    reports: list[SourceReport] = []
    for name, module in sources.items():
        report = SourceReport(source=name, title=module.TITLE, status="updated")
        out_path = str(staging / "entities" / f"{_file_safe(name)}.jsonl")
        folder = _locate(store, module, from_dir, mirror, only, report, emit)
        if folder is None:
            _carry(previous, staging, name, report)
            reports.append(report)
            continue
        report.files = _describe_files(folder)
        jobs.append((report, parse_source_to_file, (module.__name__, str(folder), out_path)))
    for name, path in customs.items():
        source = f"custom:{name}"
        report = SourceReport(source=source, title=f"Custom list {name}", status="updated")
        report.fetched_at = _now()
        report.files = [{"name": path.name, "size": path.stat().st_size, "sha256": _sha256(path)}]
        out_path = str(staging / "entities" / f"{_file_safe(source)}.jsonl")
        jobs.append((report, parse_custom_to_file, (name, str(path), out_path)))

    workers = workers or min(len(jobs), os.cpu_count() or 1) or 1
    emit("parse", {"count": len(jobs)})
    if workers == 1:
        results = [fn(*args) for _, fn, args in jobs]
        for (report, _, _), result in zip(jobs, results, strict=True):
            _apply(report, result)
            emit("parsed", {"report": report})
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [(report, pool.submit(fn, *args)) for report, fn, args in jobs]
            for report, future in futures:
                _apply(report, future.result())
                emit("parsed", {"report": report})
    reports.extend(r for r, _, _ in jobs)
    order = {name: i for i, name in enumerate(sources)}
    reports.sort(key=lambda r: (order.get(r.source, len(order)), r.source))
    return reports


def _apply(report: SourceReport, result: dict[str, Any]) -> None:
    if "error" in result:
        report.status = "failed"
        report.error = result["error"]
        return
    report.entities = result["entities"]
    report.by_schema = result["by_schema"]
    report.records = result["records"]
    report.published = result["published"]
    report.warnings = result["warnings"]
    report.warning_examples = result["warning_examples"]
    report.seconds = result["seconds"]


def _locate(
    store: Store,
    module: Any,
    from_dir: Path | None,
    mirror: str | None,
    only: list[str] | None,
    report: SourceReport,
    emit: Events,
) -> Path | None:
    """The folder to parse for one source, or ``None`` to keep what the last version had."""
    if only and module.NAME not in only:
        return None
    if from_dir is not None:
        folder = from_dir / module.NAME
        if not folder.is_dir():
            emit("missing", {"source": module.NAME, "folder": str(folder)})
            return None
        report.fetched_at = time.strftime(
            "%Y-%m-%dT%H:%M:%SZ",
            time.gmtime(max((p.stat().st_mtime for p in folder.iterdir()), default=time.time())),
        )
        return folder
    from embargo.sources.download import DownloadError, fetch_source

    folder = store.home / "downloads" / module.NAME
    emit("download", {"source": module.NAME})
    try:
        fetch_source(
            module.NAME,
            module.DOWNLOADS,
            folder,
            mirror=mirror,
            on_progress=lambda name, done, total: emit(
                "progress", {"source": module.NAME, "file": name, "done": done, "total": total}
            ),
        )
    except DownloadError as exc:
        report.status = "failed"
        report.error = f"{module.NAME}: download failed: {exc}"
        raise UpdateError(report.error) from exc
    report.fetched_at = _now()
    return folder


def _carry(previous: DatasetVersion | None, staging: Path, name: str, report: SourceReport) -> None:
    """A source not refreshed this time keeps its last version's entities (hard-linked)."""
    if previous is None or name not in previous.sources:
        report.status = "absent"
        return
    old = previous.sources[name]
    src = previous.entity_file(name)
    if src.exists():
        os.link(src, staging / "entities" / src.name)
    report.status = "carried"
    for key in ("entities", "by_schema", "records", "published", "fetched_at", "files", "warnings"):
        setattr(report, key, old.get(key, getattr(report, key)))


def _check_drops(
    reports: list[SourceReport], previous: DatasetVersion | None, force: bool, max_drop: float
) -> None:
    """Refuse a source whose count fell by more than ``max_drop`` unless forced."""
    if previous is None or force:
        return
    problems = []
    for report in reports:
        if report.status != "updated":
            continue
        before = previous.sources.get(report.source, {}).get("entities", 0)
        if before >= MIN_COUNT_FOR_DROP_CHECK and report.entities < before * (1 - max_drop):
            problems.append(
                f"{report.source}: {report.entities} entities against {before} in version "
                f"{previous.version} (a fall of more than {max_drop:.0%}; truncated download?)"
            )
    if problems:
        raise UpdateError("; ".join(problems) + "; use --force to accept")
