"""The migration scripts build exactly the models' schema, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from embargo.cases.db import Database
from embargo.cases.models import Base


def test_upgrade_builds_the_models_schema(db_url):
    db = Database(db_url)
    assert db.revision() is None
    before, after = db.upgrade()
    assert (before, after) == (None, db.head())
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    assert db.upgrade() == (after, after)
    db.dispose()


def test_open_upgrades_an_empty_database_on_first_use(db_url):
    db = Database.open(db_url)
    assert db.revision() == db.head()
    tables = set(inspect(db.engine).get_table_names())
    assert {"alerts", "decisions", "audit_log", "audit_head", "users", "watched"} <= tables
    db.dispose()


def test_sqlite_runs_in_wal_mode(tmp_path):
    db = Database.open(f"sqlite:///{tmp_path / 'sub' / 'cases.db'}")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    db.dispose()
