"""The case database: SQLite (WAL) by default, PostgreSQL when configured; migrated on open.

Writes go through :meth:`Database.write`, one transaction each. On SQLite a write transaction
starts with ``BEGIN IMMEDIATE``, so writers queue on the database lock instead of failing half
way with "database is locked"; reads use plain deferred transactions and never wait (WAL).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from embargo.cases.config import database_url, normalize_url

MIGRATIONS = Path(__file__).parent / "migrations"
_UPGRADE_LOCK = zlib.crc32(b"embargo.cases.upgrade")


class Database:
    """An engine on the case database and transactions over it."""

    def __init__(self, url: str):
        self.url = normalize_url(url)
        parsed = make_url(self.url)
        self.dialect = parsed.get_backend_name()
        if self.dialect == "sqlite":
            path = parsed.database
            if not path or path == ":memory:":
                raise ValueError("use a SQLite file (sqlite:///path), not an in-memory database")
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.engine = create_engine(self.url, connect_args={"timeout": 60})
            _sqlite_events(self.engine)
        else:
            self.engine = create_engine(self.url, pool_pre_ping=True)
        self._writer = self.engine.execution_options(embargo_write=True)

    @classmethod
    def open(
        cls, url: str | None = None, *, home: Path | None = None, upgrade: bool = True
    ) -> Database:
        """The configured database, brought to the latest schema unless ``upgrade`` is off."""
        db = cls(url or database_url(home))
        if upgrade and db.revision() != db.head():
            db.upgrade()
        return db

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; nothing it does is committed.

        Closing it (not rolling back) leaves the objects read usable after the block.
        """
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose changes are committed together at the end, or not at all."""
        with Session(self._writer, expire_on_commit=False) as session:
            with session.begin():
                yield session

    def head(self) -> str | None:
        """The newest migration shipped with this version of embargo."""
        from alembic.script import ScriptDirectory

        return ScriptDirectory.from_config(_alembic_config()).get_current_head()

    def revision(self) -> str | None:
        """The migration the database is at (None: empty database)."""
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def upgrade(self) -> tuple[str | None, str | None]:
        """Apply pending migrations, one process at a time; ``(before, after)`` revisions."""
        from alembic import command
        from alembic.runtime.migration import MigrationContext

        with self._writer.begin() as conn:
            if self.dialect == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_UPGRADE_LOCK})")
            before = MigrationContext.configure(conn).get_current_revision()
            command.upgrade(_alembic_config(conn), "head")
            after = MigrationContext.configure(conn).get_current_revision()
        return before, after

    def describe(self) -> str:
        """The URL without its password, for messages."""
        return make_url(self.url).render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()


def _alembic_config(connection: Any = None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def _sqlite_events(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event, not the sqlite3 module, start transactions.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=60000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        write = conn.get_execution_options().get("embargo_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
