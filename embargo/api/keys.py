"""API keys: created and revoked from the CLI, checked by the server on every request.

Only a SHA-256 digest of each key is stored. The keys are 256-bit random tokens, so a fast hash
is enough (a slow password hash such as argon2 protects guessable secrets, which these are not)
and it keeps the check to microseconds per request. The file is replaced atomically on every
change; servers notice a change by its inode and mtime and reload it, so a revoked key stops
working on the next request without a restart.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import orjson

PREFIX = "emb_"


class KeyStoreError(Exception):
    """A key operation failed: unknown id, unreadable file."""


@dataclass(frozen=True)
class ApiKey:
    id: str
    name: str
    prefix: str  # the first characters of the secret, to recognise it in listings
    sha256: str
    created_at: str
    revoked_at: str | None = None
    rate: float | None = None  # requests per second; None = the server's default
    burst: int | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def public(self) -> dict[str, object]:
        """What listings show: everything but the digest."""
        data = asdict(self)
        data.pop("sha256")
        data["active"] = self.active
        return data


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class KeyStore:
    """The keys in one JSON file (default ``$EMBARGO_HOME/api_keys.json``)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._stamp: tuple[int, int, int] | None = None
        self._by_digest: dict[str, ApiKey] = {}

    # -- reading -----------------------------------------------------------------------------

    def _read(self) -> list[ApiKey]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return []
        try:
            data = orjson.loads(raw)
            return [ApiKey(**item) for item in data["keys"]]
        except (orjson.JSONDecodeError, KeyError, TypeError) as exc:
            raise KeyStoreError(f"{self.path}: not an API key file ({exc})") from exc

    def list(self) -> list[ApiKey]:
        return self._read()

    def lookup(self, secret: str) -> ApiKey | None:
        """The active key with this secret, re-reading the file only when it changed."""
        try:
            st = os.stat(self.path)
            stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
        except FileNotFoundError:
            stamp = None
        if stamp != self._stamp:
            with self._lock:
                keys = self._read() if stamp else []
                self._by_digest = {k.sha256: k for k in keys if k.active}
                self._stamp = stamp
        return self._by_digest.get(digest(secret))

    def has_active(self) -> bool:
        return any(k.active for k in self._read())

    # -- writing -----------------------------------------------------------------------------

    @contextmanager
    def _editing(self) -> Iterator[list[ApiKey]]:
        """Read-modify-write under an exclusive lock, then replace the file atomically."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_name(self.path.name + ".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            keys = self._read()
            yield keys
            tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(
                    orjson.dumps({"keys": [asdict(k) for k in keys]}, option=orjson.OPT_INDENT_2)
                )
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)

    def create(
        self, name: str, rate: float | None = None, burst: int | None = None
    ) -> tuple[str, ApiKey]:
        """A new key; the secret is returned here once and never stored."""
        if not name.strip():
            raise KeyStoreError("a key needs a name (who or what uses it)")
        if rate is not None and rate <= 0:
            raise KeyStoreError(f"rate {rate}: must be positive")
        if burst is not None and burst < 1:
            raise KeyStoreError(f"burst {burst}: must be at least 1")
        secret = PREFIX + secrets.token_urlsafe(32)
        with self._editing() as keys:
            taken = {k.id for k in keys}
            key_id = secrets.token_hex(4)
            while key_id in taken:
                key_id = secrets.token_hex(4)
            key = ApiKey(
                id=key_id,
                name=name.strip(),
                prefix=secret[: len(PREFIX) + 6],
                sha256=digest(secret),
                created_at=_now(),
                rate=rate,
                burst=burst,
            )
            keys.append(key)
        return secret, key

    def revoke(self, key_id: str) -> ApiKey:
        with self._editing() as keys:
            for i, key in enumerate(keys):
                if key.id == key_id:
                    if key.revoked_at is None:
                        key = ApiKey(**{**asdict(key), "revoked_at": _now()})
                        keys[i] = key
                    return key
        known = ", ".join(k.id for k in keys) or "none"
        raise KeyStoreError(f"no API key with id {key_id!r} in {self.path} (ids: {known})")
