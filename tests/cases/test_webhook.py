"""Webhook delivery of new alerts, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select

from embargo.cases import alerts
from embargo.cases.models import Alert
from embargo.cases.monitor import run_monitor
from embargo.cases.watch import add_watched, read_watch_file
from embargo.cases.webhook import deliver_pending
from tests.cases.fixtures import WATCHED_SPECIAL, write_watched
from tests.cases.helpers import finding


class Receiver:
    """An HTTP endpoint that fails the first ``failures`` requests with 503."""

    def __init__(self, failures: int = 0):
        self.failures = failures
        self.requests: list[tuple[int, dict[str, str], bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                status = 503 if receiver.failures > 0 else 200
                receiver.failures -= 1
                receiver.requests.append((status, dict(self.headers), body))
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def delivered(self) -> list[dict]:
        return [json.loads(body) for status, _, body in self.requests if status == 200]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    found = Receiver()
    yield found
    found.close()


def _pending(db, n: int) -> list[int]:
    with db.write() as session:
        return alerts.raise_alerts(
            session, [finding(f"C-{i}", f"e-{i}") for i in range(n)], "v1", "monitor", webhook=True
        ).raised


def test_each_new_alert_is_posted_once_after_retries(db, receiver, monkeypatch):
    monkeypatch.setenv("EMBARGO_WEBHOOK_SECRET", "s3cret")
    ids = _pending(db, 3)
    receiver.failures = 2
    assert deliver_pending(db, receiver.url, backoff=0.01) == (3, 0)
    assert [s for s, _, _ in receiver.requests] == [503, 503, 200, 200, 200]
    assert [d["alert"]["id"] for d in receiver.delivered()] == ids
    first = receiver.delivered()[0]
    assert first["event"] == "alert.raised"
    assert first["alert"]["record_key"] == "C-0" and first["alert"]["entity_id"] == "e-0"
    _, headers, body = receiver.requests[2]
    assert headers["Idempotency-Key"] == f"embargo-alert-{ids[0]}"
    expected = hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert headers["X-Embargo-Signature"] == f"sha256={expected}"
    assert deliver_pending(db, receiver.url) == (0, 0)  # nothing left to send


def test_a_receiver_that_is_down_gets_them_on_the_next_run(db, receiver):
    ids = _pending(db, 2)
    down = Receiver()
    down.close()  # nothing listens on its port any more
    assert deliver_pending(db, down.url, attempts=2, backoff=0.01) == (0, 2)
    with db.read() as session:
        states = session.execute(select(Alert.webhook, Alert.webhook_attempts)).all()
    assert sorted(states) == [("pending", 1), ("pending", 1)]
    assert deliver_pending(db, receiver.url, backoff=0.01) == (2, 0)
    assert sorted(d["alert"]["id"] for d in receiver.delivered()) == ids


def test_a_refusing_receiver_is_not_hammered(db, receiver):
    _pending(db, 1)
    calls: list[str] = []

    class Refuse(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            calls.append(self.path)
            self.send_response(400)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    receiver.server.RequestHandlerClass = Refuse
    assert deliver_pending(db, receiver.url, backoff=0.01) == (0, 1)
    assert calls == ["/hook"]  # a 400 is not retried


def test_monitor_run_posts_its_new_alerts(db, versions, screeners, receiver, tmp_path):
    home, _v1, _v2 = versions
    s1, _s2 = screeners
    with db.write() as session:
        add_watched(
            session, read_watch_file(write_watched(tmp_path / "w.csv", WATCHED_SPECIAL)), "w.csv"
        )
    report = run_monitor(db, home, screener=s1, webhook_url=receiver.url)
    assert report.raised and report.webhook_sent == len(report.raised)
    assert sorted(d["alert"]["id"] for d in receiver.delivered()) == sorted(report.raised)
    assert {d["alert"]["origin"] for d in receiver.delivered()} == {"monitor"}
