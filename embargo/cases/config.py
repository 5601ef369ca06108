"""Case settings read from the environment, once per call (like :mod:`embargo.settings`)."""

from __future__ import annotations

import os
from pathlib import Path

from embargo import settings

DATABASE_FILE = "cases.db"


class ConfigError(Exception):
    """A setting cannot be used as given."""


def database_url(home: Path | None = None) -> str:
    """``$EMBARGO_DATABASE_URL``, else a SQLite file ``cases.db`` under ``$EMBARGO_HOME``.

    ``postgresql://`` (or ``postgres://``) URLs are given the psycopg 3 driver, so users can
    paste the URL their database administrator gave them.
    """
    url = os.environ.get("EMBARGO_DATABASE_URL")
    if not url:
        return f"sqlite:///{(home or settings.home()) / DATABASE_FILE}"
    return normalize_url(url)


def normalize_url(url: str) -> str:
    """The SQLAlchemy URL for ``url``; only SQLite and PostgreSQL are accepted."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    if url.startswith(("postgresql+psycopg://", "sqlite:///")):
        return url
    raise ConfigError(
        f"EMBARGO_DATABASE_URL={url!r}: use postgresql://user:pass@host/db or sqlite:///path"
    )


def require_approval() -> bool:
    """Four eyes: a true match needs a second user with role approver (``EMBARGO_FOUR_EYES``)."""
    return os.environ.get("EMBARGO_FOUR_EYES", "1").strip().lower() not in ("0", "false", "no")


def webhook_url() -> str | None:
    """``$EMBARGO_WEBHOOK_URL``: where each new monitoring alert is POSTed."""
    return os.environ.get("EMBARGO_WEBHOOK_URL") or None


def webhook_secret() -> str | None:
    """``$EMBARGO_WEBHOOK_SECRET``: when set, deliveries carry an HMAC-SHA256 signature."""
    return os.environ.get("EMBARGO_WEBHOOK_SECRET") or None
