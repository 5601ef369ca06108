"""Case management: alerts, decisions, suppression, monitoring and the audit chain.

Everything is stored with SQLAlchemy in SQLite (``$EMBARGO_HOME/cases.db``, WAL) or in
PostgreSQL (``EMBARGO_DATABASE_URL``), one schema for both, migrated by Alembic. Open it with
:meth:`embargo.cases.db.Database.open`; the CLI (``embargo alerts|users|audit|watch|monitor``)
and the review web UI (:mod:`embargo.web`) are skins over the functions of this package.
"""
