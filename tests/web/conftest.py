"""Web fixtures: a case database seeded with real alerts from the session's full dataset."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from embargo.cases.alerts import Finding, raise_alerts
from embargo.cases.db import Database
from embargo.web.app import WebConfig, create_app
from tests.cases import postgres
from tests.cases.helpers import add_team

# Screened parties that match listed ones in the shared lists, and one that does not.
PARTIES = [
    ("CUST-001", "Abdul Latif Mansoor", "Person"),
    ("CUST-002", "Alabuga Machinery", "Company"),
    ("CUST-003", "Rosoboronexport", "Company"),
]


def seed_alerts(db: Database, screener, parties=PARTIES) -> list[int]:
    """Screen ``parties`` for real and raise an alert for each matching hit."""
    findings = []
    for key, name, schema in parties:
        for hit in screener.check(name, schema=schema, limit=3):
            if hit.match:
                findings.append(
                    Finding(
                        record_key=key,
                        record={"customer id": key, "name": name, "type": schema},
                        hit=hit.to_dict(),
                        entity=screener.entity(hit.entity_id),
                        record_caption=name,
                    )
                )
    with db.write() as session:
        return raise_alerts(
            session,
            findings,
            screener.version.version,
            "screen",
            manifest=screener.version.manifest,
        ).raised


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    if postgres.find_bindir() is None:
        pytest.skip(postgres.SKIP_REASON)
    with postgres.cluster() as url:
        yield url


@pytest.fixture
def review_db(tmp_path: Path, screener) -> Iterator[tuple[Database, list[int]]]:
    """A SQLite case database with the team and real alerts."""
    db = Database.open(f"sqlite:///{tmp_path / 'cases.db'}")
    add_team(db)
    ids = seed_alerts(db, screener)
    assert len({key for key, *_ in PARTIES}) >= 2 and len(ids) >= 3
    yield db, ids
    db.dispose()


@pytest.fixture
def make_client(review_db, dataset_home: Path) -> Iterator[Callable[..., TestClient]]:
    db, _ids = review_db
    clients: list[TestClient] = []

    def make(**overrides) -> TestClient:
        config = WebConfig(home=dataset_home, database_url=db.url, **overrides)
        client = TestClient(create_app(config), follow_redirects=False)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()
