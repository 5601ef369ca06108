"""Shared fixtures: where the real list snapshots live (never copied into the repo)."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
LISTS = SHARED / "data" / "lists"


@pytest.fixture(scope="session")
def lists_dir() -> Path:
    if not LISTS.is_dir():
        pytest.fail(f"shared list snapshots not found at {LISTS}")
    return LISTS


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return SHARED


@pytest.fixture(scope="session")
def dataset_home(tmp_path_factory: pytest.TempPathFactory, lists_dir: Path) -> Path:
    """One full `embargo update --from ../shared/data/lists` per test session, shared read-only."""
    from embargo.dataset.store import Store
    from embargo.dataset.update import run_update

    home = tmp_path_factory.mktemp("embargo_home")
    run_update(Store(home), from_dir=lists_dir)
    return home


@pytest.fixture(scope="session")
def screener(dataset_home: Path):
    from embargo.screener import Screener

    return Screener.open(dataset_home)
