"""API fixtures: one loaded dataset (the session's ``dataset_home``) shared by every app."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from embargo.api.app import create_app
from embargo.api.config import ApiConfig
from embargo.api.keys import KeyStore
from embargo.api.live import LiveDataset


@pytest.fixture(scope="session")
def api_live(dataset_home: Path) -> LiveDataset:
    live = LiveDataset(dataset_home)
    live.wait(120)
    return live


@pytest.fixture
def key_store(tmp_path: Path) -> KeyStore:
    return KeyStore(tmp_path / "api_keys.json")


@pytest.fixture
def make_client(
    dataset_home: Path,
    api_live: LiveDataset,
    key_store: KeyStore,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Callable[..., TestClient]]:
    """A TestClient over an app with the given ApiConfig fields (auth on unless told)."""
    monkeypatch.setenv("EMBARGO_HOME", str(dataset_home))
    clients: list[TestClient] = []

    def make(**overrides: Any) -> TestClient:
        config = ApiConfig(home=dataset_home, keys_file=key_store.path, **overrides)
        client = TestClient(create_app(config, api_live), raise_server_exceptions=False)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def api_key(key_store: KeyStore) -> str:
    secret, _ = key_store.create("tests", rate=1000, burst=1000)
    return secret


@pytest.fixture
def client(make_client: Callable[..., TestClient], api_key: str) -> TestClient:
    """Auth on, with a valid key sent as a bearer token on every request."""
    c = make_client()
    c.headers["Authorization"] = f"Bearer {api_key}"
    return c
