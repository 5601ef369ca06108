"""Request limits: a token bucket per API key, and a body-size cap enforced before parsing."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

import orjson

log = logging.getLogger("embargo.api")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class TokenBucket:
    """``rate`` tokens a second up to ``burst``; a request spends one token per query."""

    __slots__ = ("rate", "burst", "tokens", "stamp")

    def __init__(self, rate: float, burst: int):
        self.rate = rate
        self.burst = burst
        self.tokens = float(burst)
        self.stamp = time.monotonic()

    def take(self, cost: float = 1.0) -> float:
        """Spend ``cost`` tokens; 0.0 when granted, else the seconds until it would be."""
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if cost <= self.tokens:
            self.tokens -= cost
            return 0.0
        return (cost - self.tokens) / self.rate


class RateLimiter:
    """One bucket per key, in this process's memory."""

    def __init__(self, rate: float, burst: int):
        self.rate = rate
        self.burst = burst
        self._buckets: dict[str, TokenBucket] = {}
        self._lock = threading.Lock()

    def take(
        self, key: str, cost: float = 1.0, rate: float | None = None, burst: int | None = None
    ) -> float:
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = TokenBucket(rate or self.rate, burst or self.burst)
                self._buckets[key] = bucket
            return bucket.take(cost)


class SharedRateLimiter:
    """One bucket per key in a SQLite file, so that every uvicorn worker spends from it.

    Each worker keeping its own buckets would let a key through ``workers`` times its rate.
    A take is one short write transaction (WAL, not synced: a bucket lost in a power cut
    refills, nothing else is lost). Should the file fail, limits fall back to this process's
    own buckets, logged once: still limited, never refused for the limiter's sake.
    """

    def __init__(self, path: Path, rate: float, burst: int):
        self.path = path
        self.rate = rate
        self.burst = burst
        self._local = threading.local()
        self._fallback = RateLimiter(rate, burst)
        self._failed = False

    def _connection(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=5.0, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=OFF")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS bucket "
                "(key TEXT PRIMARY KEY, tokens REAL NOT NULL, stamp REAL NOT NULL)"
            )
            self._local.conn = conn
        return conn

    def take(
        self, key: str, cost: float = 1.0, rate: float | None = None, burst: int | None = None
    ) -> float:
        """Spend ``cost`` tokens; 0.0 when granted, else the seconds until it would be."""
        if self._failed:
            return self._fallback.take(key, cost, rate, burst)
        rate = rate or self.rate
        burst = burst or self.burst
        try:
            return self._take(key, cost, rate, burst)
        except sqlite3.Error as exc:
            self._failed = True
            log.warning("rate limits in %s failed (%s); workers now count alone", self.path, exc)
            return self._fallback.take(key, cost, rate, burst)

    def _take(self, key: str, cost: float, rate: float, burst: int) -> float:
        conn = self._connection()
        conn.execute("BEGIN IMMEDIATE")
        try:
            now = time.time()  # wall time: the workers are separate processes
            row = conn.execute("SELECT tokens, stamp FROM bucket WHERE key = ?", (key,)).fetchone()
            tokens = float(burst)
            if row is not None:
                tokens = min(float(burst), row[0] + max(0.0, now - row[1]) * rate)
            wait = 0.0
            if cost <= tokens:
                tokens -= cost
            else:
                wait = (cost - tokens) / rate
            conn.execute(
                "INSERT INTO bucket (key, tokens, stamp) VALUES (?, ?, ?) ON CONFLICT (key) "
                "DO UPDATE SET tokens = excluded.tokens, stamp = excluded.stamp",
                (key, tokens, now),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return wait


async def _send_error(send: Send, status: int, detail: str) -> None:
    body = orjson.dumps({"detail": detail})
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimitMiddleware:
    """Answer 413 to bodies over ``max_bytes`` before the app reads or parses any of it.

    A declared ``Content-Length`` over the limit is refused at once; a chunked body is read
    only up to the limit. Accepted bodies are buffered and replayed to the app unchanged.
    """

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = None
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _send_error(send, 400, f"invalid Content-Length header: {value!r}")
                    return
        if declared is not None and declared > self.max_bytes:
            await _send_error(send, 413, self._too_large(declared))
            return
        if scope.get("method") in ("GET", "HEAD", "OPTIONS", "DELETE") and not declared:
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, _replay([message], receive), send)
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await _send_error(send, 413, self._too_large(size, partial=True))
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        await self.app(
            scope,
            _replay([{"type": "http.request", "body": body, "more_body": False}], receive),
            send,
        )

    def _too_large(self, size: int, partial: bool = False) -> str:
        got = f"over {self.max_bytes}" if partial else str(size)
        return f"request body too large: {got} bytes (limit {self.max_bytes} bytes)"


def _replay(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replay() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replay
