"""How the API server is configured: from the environment, so every uvicorn worker agrees."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from embargo import settings

KEYS_FILE = "api_keys.json"


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    lowered = value.strip().lower()
    if lowered in ("1", "true", "on", "yes"):
        return True
    if lowered in ("0", "false", "off", "no"):
        return False
    raise ValueError(f"{name}={value!r}: use on or off")


def _number(name: str, default: float, kind: type = float) -> float:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        number = kind(value)
    except ValueError as exc:
        raise ValueError(f"{name}={value!r}: not a {kind.__name__}") from exc
    if number <= 0:
        raise ValueError(f"{name}={value!r}: must be positive")
    return number


@dataclass
class ApiConfig:
    """Limits and switches of one server; defaults suit a service facing a company network."""

    home: Path
    auth: bool = True
    keys_file: Path | None = None
    rate: float = 20.0  # requests (match queries) per second per key, refilled continuously
    burst: int = 100  # bucket size: how many may arrive at once
    max_body: int = 1 << 20  # bytes; larger bodies get 413 before any parsing
    max_queries: int = 100  # per /match call; more get 422
    max_names: int = 50  # name values per query
    max_value_chars: int = 500  # per property value
    max_name_chars: int = 4000  # all name values of one query together
    reload_interval: float = 1.0  # seconds between checks of the ``current`` symlink
    # Requests screened at once per worker. Screening holds the GIL, so more threads add no
    # throughput, only requests in flight each holding its working memory.
    threads: int = 4
    cors_origins: list[str] = field(default_factory=list)

    @property
    def keys_path(self) -> Path:
        return self.keys_file or self.home / KEYS_FILE

    @property
    def buckets_path(self) -> Path:
        """The rate-limit buckets every worker shares, beside the keys they belong to."""
        keys = self.keys_path
        return keys.with_name(keys.stem + ".buckets.sqlite")

    @classmethod
    def from_env(cls) -> ApiConfig:
        """Read ``EMBARGO_API_*`` (and ``EMBARGO_HOME``, ``EMBARGO_CORS_ORIGINS``)."""
        keys = os.environ.get("EMBARGO_API_KEYS_FILE")
        origins = os.environ.get("EMBARGO_CORS_ORIGINS", "")
        return cls(
            home=settings.home(),
            auth=_flag("EMBARGO_API_AUTH", True),
            keys_file=Path(keys).expanduser() if keys else None,
            rate=_number("EMBARGO_API_RATE", cls.rate),
            burst=int(_number("EMBARGO_API_BURST", cls.burst, int)),
            max_body=int(_number("EMBARGO_API_MAX_BODY", cls.max_body, int)),
            max_queries=int(_number("EMBARGO_API_MAX_QUERIES", cls.max_queries, int)),
            reload_interval=_number("EMBARGO_API_RELOAD_INTERVAL", cls.reload_interval),
            threads=int(_number("EMBARGO_API_THREADS", cls.threads, int)),
            cors_origins=[o.strip() for o in origins.split(",") if o.strip()],
        )
