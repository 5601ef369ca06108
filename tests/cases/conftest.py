"""Case fixtures: every database test runs on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from embargo.cases.db import Database
from tests.cases import fixtures, postgres


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A throwaway PostgreSQL cluster for the session (skipped only if not installed)."""
    if postgres.find_bindir() is None:
        pytest.skip(postgres.SKIP_REASON)
    with postgres.cluster() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cases.db'}"
    return postgres.create_database(request.getfixturevalue("pg_server"))


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database.open(db_url)
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def versions(tmp_path_factory: pytest.TempPathFactory, lists_dir: Path):
    """``(home, v1, v2)``: a small dataset in two versions (v2 current)."""
    return fixtures.build_versions(tmp_path_factory.mktemp("versions"), lists_dir)


@pytest.fixture(scope="session")
def screeners(versions):
    from embargo.screener import Screener

    _home, v1, v2 = versions
    return Screener(v1), Screener(v2)
