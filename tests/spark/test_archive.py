"""The index archive: what it holds, and the Screener an executor opens from it (no Spark)."""

from __future__ import annotations

import tarfile
from pathlib import Path

import orjson
import pytest

from embargo.spark import archive
from embargo.spark.archive import IndexArchiveError, default_alias, executor_screener


def test_archive_holds_manifest_and_index_only(index_archive: Path, screener):
    with tarfile.open(index_archive) as tar:
        names = set(tar.getnames())
    assert "manifest.json" in names
    assert {"index/meta.json", "index/post_keys.npy", "index/names.json"} <= names
    assert not any(n.startswith("entities") for n in names)
    assert index_archive.name == f"embargo-index-{screener.version.version}.tar.gz"


def test_executor_screener_opens_once_and_matches_the_local_one(
    index_archive: Path, screener, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    alias = default_alias(screener.version.version)
    with tarfile.open(index_archive) as tar:
        tar.extractall(tmp_path / alias, filter="data")
    monkeypatch.chdir(tmp_path)  # where YARN unpacks --archives
    monkeypatch.setattr(archive, "_screeners", {})
    first = executor_screener(alias)
    assert executor_screener(alias) is first
    assert first.version.version == screener.version.version
    name = screener.index.raw_name(0)
    remote = [h.to_dict() for h in first.check(name)]
    assert remote == [h.to_dict() for h in screener.check(name)]
    assert remote and remote[0]["match"]


def test_index_of_another_format_is_refused(
    index_archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    with tarfile.open(index_archive) as tar:
        tar.extractall(tmp_path / "old", filter="data")
    meta = tmp_path / "old" / "index" / "meta.json"
    meta.write_bytes(orjson.dumps({**orjson.loads(meta.read_bytes()), "format": -1}))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(archive, "_screeners", {})
    with pytest.raises(IndexArchiveError, match="pack the index again"):
        executor_screener("old")
    with pytest.raises(IndexArchiveError, match="--archives"):
        executor_screener("nowhere")
