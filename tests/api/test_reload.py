"""Hot reload: a running server moves to the version `embargo update` writes, failing nothing."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from embargo.api.live import LiveDataset
from embargo.dataset.store import Store
from embargo.dataset.update import run_update

ROOT = Path(__file__).resolve().parents[2]


def _from_dir(tmp: Path, lists_dir: Path, sources: list[str]) -> Path:
    """A --from folder holding symlinks to a few shared source folders (small, fast updates)."""
    folder = tmp / ("from-" + "-".join(sources))
    folder.mkdir()
    for name in sources:
        (folder / name).symlink_to(lists_dir / name)
    return folder


@pytest.fixture
def small_home(tmp_path: Path, lists_dir: Path) -> Path:
    home = tmp_path / "home"
    run_update(Store(home), from_dir=_from_dir(tmp_path, lists_dir, ["eu_fsf"]), workers=1)
    return home


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_old_version_keeps_serving_its_requests(small_home: Path, tmp_path: Path, lists_dir):
    live = LiveDataset(small_home, interval=0.0)
    old = live.wait(60)
    run_update(
        Store(small_home), from_dir=_from_dir(tmp_path, lists_dir, ["us_bis_dpl"]), workers=1
    )
    deadline = time.monotonic() + 60
    while live.current() is old and time.monotonic() < deadline:
        time.sleep(0.05)
    new = live.current()
    assert new is not old and new.version.version != old.version.version
    assert old.version.sources["us_bis_dpl"]["entities"] == 0
    assert new.version.sources["us_bis_dpl"]["entities"] > 0
    assert isinstance(old.screener.check("Vladimir Putin"), list)  # the old object still works


def test_broken_version_keeps_the_previous_one(small_home: Path) -> None:
    live = LiveDataset(small_home, interval=0.0)
    first = live.wait(60)
    broken = small_home / "datasets" / "99999999T000000.000000Z"
    broken.mkdir(parents=True)
    (broken / "manifest.json").write_text('{"version": "99999999T000000.000000Z", "sourc')
    tmp_link = small_home / ".current-test"
    tmp_link.symlink_to(Path("datasets") / broken.name)
    os.replace(tmp_link, small_home / "current")
    deadline = time.monotonic() + 30
    while live.error is None and time.monotonic() < deadline:
        assert live.current() is first  # each request checks the link, and keeps being served
        time.sleep(0.05)
    assert live.error and broken.name in live.error
    assert live.current() is first


def test_running_server_switches_version_without_errors(
    small_home: Path, tmp_path: Path, lists_dir: Path
) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "EMBARGO_HOME": str(small_home),
        "EMBARGO_API_RELOAD_INTERVAL": "0.2",
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    cmd = [sys.executable, "-m", "embargo", "serve", "--port", str(port), "--no-auth"]
    log = tmp_path / "server.log"
    server = subprocess.Popen(cmd, env=env, stdout=open(log, "wb"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, log.read_text()
            try:
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        first = httpx.get(f"{base}/catalog").json()
        counts = {d["name"]: d["entity_count"] for d in first["datasets"] if d["load"]}
        assert counts["eu_fsf"] > 0 and counts["us_bis_dpl"] == 0

        statuses: list[int] = []
        versions: set[str] = set()
        stop = threading.Event()
        body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Ali Hassan"]}}}}

        def hammer() -> None:
            with httpx.Client(base_url=base, timeout=30) as c:
                while not stop.is_set():
                    resp = c.post("/match/default", json=body)
                    statuses.append(resp.status_code)
                    versions.add(resp.headers.get("x-dataset-version", ""))
                    statuses.append(c.get("/catalog").status_code)

        threads = [threading.Thread(target=hammer) for _ in range(4)]
        for t in threads:
            t.start()
        time.sleep(1.0)
        run_update(
            Store(small_home), from_dir=_from_dir(tmp_path, lists_dir, ["us_bis_dpl"]), workers=1
        )
        deadline = time.monotonic() + 60
        while True:
            now = httpx.get(f"{base}/catalog").json()
            if now["version"] != first["version"]:
                break
            assert time.monotonic() < deadline, "server never switched to the new version"
            time.sleep(0.2)
        time.sleep(1.0)
        stop.set()
        for t in threads:
            t.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert now["version"] == Store(small_home).current().version
    assert {d["name"]: d["entity_count"] for d in now["datasets"]}["us_bis_dpl"] > 0
    assert len(statuses) > 20
    assert set(statuses) == {200}, sorted(set(statuses))
    assert versions == {first["version"], now["version"]}
