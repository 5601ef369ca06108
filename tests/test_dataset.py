"""`embargo update` end to end: versions, counts, refusals, crash safety, custom lists, diff."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from embargo.dataset.diff import diff_versions
from embargo.dataset.store import Store
from embargo.dataset.update import UpdateError, run_update

EXPECTED = {
    "us_ofac_sdn": 15443,
    "us_ofac_cons": 442,
    "un_sc": 1003,
    "ca_sema": 4759,
    "jp_meti_end_user_list": 835,
    "uk_ofsi_conlist": 4688,
    "us_bis_dpl": 665,
    "us_trade_csl": 14160,
    "eu_fsf": 5,
}


def _mini_from(tmp_path: Path, lists_dir: Path, *names: str) -> Path:
    """A --from folder holding only some sources (symlinks to the shared snapshots)."""
    n = 0
    while (tmp_path / f"from{n}").exists():
        n += 1
    root = tmp_path / f"from{n}"
    root.mkdir(parents=True)
    for name in names:
        (root / name).symlink_to(lists_dir / name)
    return root


def test_full_update_counts(dataset_home: Path) -> None:
    version = Store(dataset_home).require_current()
    for source, count in EXPECTED.items():
        assert version.sources[source]["entities"] == count, source
        assert version.sources[source]["status"] == "updated"
    for source, info in version.sources.items():
        assert info["entities"] > 0, source
        assert info["files"], source
    assert version.sources["un_sc"]["published"].startswith("2026-02-27")
    assert version.manifest["index"]["names"] > 50_000


def test_alabuga_entity_complete(screener) -> None:
    entity = screener.entity("us-ofac-sdn-45708")
    assert entity is not None
    props = entity["properties"]
    assert (
        "JOINT STOCK COMPANY SPECIAL ECONOMIC ZONE OF INDUSTRIAL PRODUCTION ALABUGA"
        in props["name"]
    )
    assert any("ALABUGA" in a for a in props.get("alias", []))
    assert "ru" in props.get("country", [])
    assert any("Yelabuga" in a or "Elabuga" in a for a in props.get("address", []))
    assert props.get("program")
    assert entity["ref"] == "45708"


def _broken_copy(tmp_path: Path, lists_dir: Path) -> Path:
    root = _mini_from(tmp_path, lists_dir, "us_bis_dpl")
    broken = root / "un_sc"
    broken.mkdir()
    data = (lists_dir / "un_sc" / "consolidated.xml").read_bytes()
    (broken / "consolidated.xml").write_bytes(data[: len(data) // 3])
    return root


def test_failed_update_leaves_previous_serving(tmp_path: Path, lists_dir: Path) -> None:
    store = Store(tmp_path / "home")
    first, _ = run_update(store, from_dir=_mini_from(tmp_path, lists_dir, "un_sc"))
    bad = _broken_copy(tmp_path, lists_dir)
    with pytest.raises(UpdateError) as err:
        run_update(store, from_dir=bad)
    assert "un_sc" in str(err.value) and "consolidated.xml" in str(err.value)
    assert store.require_current().version == first.version
    assert store.versions() == [first.version]
    assert not list((tmp_path / "home" / "datasets").glob(".tmp-*"))


def test_sharp_drop_refused_unless_forced(tmp_path: Path, lists_dir: Path) -> None:
    store = Store(tmp_path / "home")
    first, _ = run_update(store, from_dir=_mini_from(tmp_path, lists_dir, "us_bis_dpl"))
    short = tmp_path / "short" / "us_bis_dpl"
    short.mkdir(parents=True)
    lines = (lists_dir / "us_bis_dpl" / "dpl.txt").read_bytes().splitlines(keepends=True)
    (short / "dpl.txt").write_bytes(b"".join(lines[:50]))
    with pytest.raises(UpdateError, match="--force"):
        run_update(store, from_dir=short.parent)
    assert store.require_current().version == first.version
    forced, reports = run_update(store, from_dir=short.parent, force=True)
    assert forced.sources["us_bis_dpl"]["entities"] == 49
    assert forced.version != first.version


def test_missing_source_is_carried_over(tmp_path: Path, lists_dir: Path) -> None:
    store = Store(tmp_path / "home")
    run_update(store, from_dir=_mini_from(tmp_path, lists_dir, "un_sc", "us_bis_dpl"))
    only_un = tmp_path / "only"
    only_un.mkdir()
    (only_un / "un_sc").symlink_to(lists_dir / "un_sc")
    second, _ = run_update(store, from_dir=only_un)
    assert second.sources["us_bis_dpl"]["status"] == "carried"
    assert second.sources["us_bis_dpl"]["entities"] == 665
    assert sum(1 for _ in second.iter_entities("us_bis_dpl")) >= 665


def test_kill_during_update_leaves_no_half_version(tmp_path: Path, lists_dir: Path) -> None:
    home = tmp_path / "home"
    store = Store(home)
    first, _ = run_update(store, from_dir=_mini_from(tmp_path, lists_dir, "us_bis_dpl"))
    env = {**os.environ, "EMBARGO_HOME": str(home)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "embargo", "update", "--from", str(lists_dir), "--quiet"],
        env=env,
        start_new_session=True,
    )
    deadline = time.time() + 60
    while time.time() < deadline and not list((home / "datasets").glob(".tmp-*/entities/*")):
        time.sleep(0.05)
    time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    # Worker processes of the killed update die with it; wait until the whole group is gone.
    for _ in range(200):
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    assert store.require_current().version == first.version
    assert store.versions() == [first.version]
    second, _ = run_update(store, from_dir=_mini_from(tmp_path, lists_dir, "un_sc"))
    assert not list((home / "datasets").glob(".tmp-*"))
    assert second.sources["us_bis_dpl"]["status"] == "carried"


def test_custom_list_is_indexed_and_tagged(tmp_path: Path, lists_dir: Path) -> None:
    csv_path = tmp_path / "blocked.csv"
    csv_path.write_text(
        "id,name,aliases,schema,country\n"
        "C1,Zyxwell Drone Parts Trading FZE,Zyxwell Parts;ZDP Trading,Company,ae\n"
        "C2,Ivan Petrovich Sidorovsky,,Person,ru\n",
        encoding="utf-8",
    )
    store = Store(tmp_path / "home")
    version, _ = run_update(
        store, from_dir=_mini_from(tmp_path, lists_dir, "us_bis_dpl"), custom={"internal": csv_path}
    )
    assert version.sources["custom:internal"]["entities"] == 2
    from embargo.screener import Screener

    hits = Screener(version).check("Zyxwell Drone Parts Trading", schema="Company")
    assert hits and hits[0].match
    assert hits[0].sources[0]["list"] == "custom:internal"
    # A later update without --custom keeps the registered list.
    again, _ = run_update(store, from_dir=_mini_from(tmp_path, lists_dir, "un_sc"))
    assert again.sources["custom:internal"]["entities"] == 2


def test_diff_between_versions(tmp_path: Path, lists_dir: Path) -> None:
    store = Store(tmp_path / "home")
    src = tmp_path / "v1" / "us_bis_dpl"
    src.mkdir(parents=True)
    lines = (lists_dir / "us_bis_dpl" / "dpl.txt").read_bytes().splitlines(keepends=True)
    (src / "dpl.txt").write_bytes(b"".join(lines[:-5]))
    old, _ = run_update(store, from_dir=src.parent)
    new, _ = run_update(store, from_dir=_mini_from(tmp_path, lists_dir, "us_bis_dpl"))
    result = diff_versions(old, new)
    assert len(result["added"]) == 4 or len(result["added"]) == 5
    assert result["removed"] == []
    assert orjson.dumps(result)


def test_an_index_built_with_other_word_lists_is_stale(dataset_home: Path, tmp_path: Path) -> None:
    """The index records the word lists' digest: one built before a word was added to
    ``org_words.json`` or ``name_terms.json`` is rebuilt, as for another normalisation, and
    does not serve symbols the lists no longer give."""
    from embargo.index import Index, StaleIndexError
    from embargo.names import data_digest

    built = Store(dataset_home).require_current().index_path
    meta = orjson.loads((built / "meta.json").read_bytes())
    assert meta["name_data"] == data_digest()
    copy = tmp_path / "index"
    copy.mkdir()
    for item in built.iterdir():
        if item.name != "meta.json":
            (copy / item.name).symlink_to(item)
    (copy / "meta.json").write_bytes(orjson.dumps({**meta, "name_data": "0" * 16}))
    with pytest.raises(StaleIndexError, match="other word lists"):
        Index(copy)


def test_processes_opening_a_version_without_its_index_build_it_once(
    tmp_path: Path, lists_dir: Path
) -> None:
    """A screen run's workers open the dataset together: where its index is missing or stale
    (the first run after an upgrade), one builds it while the others wait, then all load it.
    Each rebuilt it into the same folder before, and they broke each other's files."""
    import shutil

    store = Store(tmp_path / "home")
    version, _ = run_update(store, from_dir=_mini_from(tmp_path, lists_dir, "un_sc"))
    shutil.rmtree(version.index_path)
    script = (
        "import sys; from embargo.dataset.store import Store; from embargo.screener import "
        "Screener; s = Screener(Store(sys.argv[1]).require_current()); "
        "print(s.check('Ayman al-Zawahiri', schema='Person')[0].match)"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(store.home)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [err for _, err in results]
    assert [out.strip() for out, _ in results] == ["True"] * 3
    assert not (version.path / "index.tmp").exists()
