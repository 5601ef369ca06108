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
