"""Alembic environment: runs on the connection :mod:`embargo.cases.db` hands over.

Run standalone (``alembic -c …``) it connects to ``$EMBARGO_DATABASE_URL`` or the SQLite file
under ``$EMBARGO_HOME``; ``embargo db upgrade`` is the usual way in.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from embargo.cases.config import database_url
from embargo.cases.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    engine = create_engine(database_url())
    with engine.begin() as connection:
        context.configure(connection=connection, target_metadata=Base.metadata)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=Base.metadata)
    with context.begin_transaction():
        context.run_migrations()
