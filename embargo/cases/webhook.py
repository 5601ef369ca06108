"""POSTing new alerts to a webhook (``$EMBARGO_WEBHOOK_URL``), with retries.

Each alert raised while a webhook is configured waits in state ``pending`` until its delivery
succeeds (any 2xx); failures are retried with backoff within a run and again on the next run,
so a receiver that was down misses nothing. The ``Idempotency-Key`` header lets a receiver drop
the duplicate it gets if embargo stops between a delivery and recording it. With
``$EMBARGO_WEBHOOK_SECRET`` set, ``X-Embargo-Signature: sha256=<hex>`` is the HMAC-SHA256 of
the body under that secret.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from typing import Any

import httpx
from sqlalchemy import select

from embargo.cases.alerts import summary
from embargo.cases.config import webhook_secret
from embargo.cases.db import Database
from embargo.cases.models import Alert

ATTEMPTS = 4
BACKOFF = 0.5  # seconds, doubled after each failed attempt
TIMEOUT = 10.0


def payload(alert: Alert) -> dict[str, Any]:
    return {"event": "alert.raised", "alert": summary(alert)}


def post(
    client: httpx.Client,
    url: str,
    body: bytes,
    key: str,
    *,
    secret: str | None = None,
    attempts: int = ATTEMPTS,
    backoff: float = BACKOFF,
) -> str | None:
    """Deliver ``body``; None on success, else the last error."""
    headers = {"Content-Type": "application/json", "Idempotency-Key": key}
    if secret:
        digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        headers["X-Embargo-Signature"] = f"sha256={digest}"
    error = None
    for attempt in range(attempts):
        if attempt:
            time.sleep(backoff * 2 ** (attempt - 1))
        try:
            response = client.post(url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"
            continue
        if response.is_success:
            return None
        error = f"HTTP {response.status_code}"
        if response.status_code < 500 and response.status_code not in (408, 429):
            break  # the receiver refuses this request; retrying now will not help
    return error


def deliver_pending(
    db: Database,
    url: str,
    *,
    attempts: int = ATTEMPTS,
    backoff: float = BACKOFF,
    timeout: float = TIMEOUT,
) -> tuple[int, int]:
    """Send every pending alert, oldest first; ``(sent, failed)``."""
    import orjson

    secret = webhook_secret()
    with db.read() as session:
        pending = list(
            session.execute(
                select(Alert).where(Alert.webhook == "pending").order_by(Alert.id)
            ).scalars()
        )
    sent = failed = 0
    with httpx.Client(timeout=timeout) as client:
        for alert in pending:
            body = orjson.dumps(payload(alert))
            error = post(
                client,
                url,
                body,
                f"embargo-alert-{alert.id}",
                secret=secret,
                attempts=attempts,
                backoff=backoff,
            )
            with db.write() as session:
                row = session.get(Alert, alert.id, with_for_update=True)
                row.webhook_attempts += 1
                if error is None:
                    row.webhook = "sent"
            if error is None:
                sent += 1
            else:
                failed += 1
    return sent, failed
