"""The review UI over HTTP: login, CSRF, sessions, the queue, review and decisions."""

from __future__ import annotations

import re
import time
from datetime import timedelta

from sqlalchemy import select

from embargo.cases.alerts import get_alert, history
from embargo.cases.models import AuditRecord, WebSession, utcnow

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def login(client, user: str, password: str, next: str = "/"):
    page = client.get(f"/login?next={next}")
    assert page.status_code == 200
    nonce = CSRF.search(page.text).group(1)
    return client.post(
        "/login", data={"username": user, "password": password, "csrf": nonce, "next": next}
    )


def csrf_of(client) -> str:
    return CSRF.search(client.get("/").text).group(1)


def test_pages_need_a_login(make_client):
    client = make_client()
    for path in ("/", "/alerts/1", "/lists"):
        response = client.get(path)
        assert response.status_code == 303
        assert response.headers["location"] == f"/login?next={path}"


def test_wrong_password_and_forged_login_are_refused(make_client):
    client = make_client()
    bad = login(client, "alice", "not-her-password")
    assert bad.status_code == 303 and "error=1" in bad.headers["location"]
    assert "Wrong user name or password" in client.get(bad.headers["location"]).text
    assert client.get("/").status_code == 303
    forged = make_client().post(
        "/login", data={"username": "alice", "password": "alice-password", "csrf": "guess"}
    )
    assert forged.status_code == 403
    assert login(make_client(), "erin", "").status_code == 303  # no password: CLI-only user
    nobody = make_client()
    login(nobody, "erin", "")
    assert nobody.get("/").status_code == 303


def test_queue_review_and_decision(make_client, review_db):
    db, ids = review_db
    client = make_client()
    assert login(client, "alice", "alice-password").headers["location"] == "/"
    queue = client.get("/")
    assert queue.status_code == 200
    for alert_id in ids:
        assert f'href="/alerts/{alert_id}"' in queue.text
    assert "Abdul Latif Mansoor" in queue.text and "Alabuga Machinery" in queue.text

    target = ids[0]
    page = client.get(f"/alerts/{target}")
    assert page.status_code == 200
    for text in (
        "Screened record",
        "Listed party",
        "Why it matched",
        "False positive",
        "True match",
        "Escalate",
        "CUST-001",
    ):
        assert text in page.text
    with db.read() as session:
        alert = get_alert(session, target)
    assert alert.entity_id in page.text and alert.hit["sources"][0]["ref"] in page.text

    token = CSRF.search(page.text).group(1)
    done = client.post(
        f"/alerts/{target}/decide",
        data={"decision": "false_positive", "reason": "born 1990, other person", "csrf": token},
    )
    assert done.status_code == 303 and done.headers["location"] == f"/?decided={target}"
    after = client.get(done.headers["location"])
    assert f"Alert #{target}" in after.text and "is now false_positive" in after.text
    assert f'href="/alerts/{target}"' not in after.text
    with db.read() as session:
        assert get_alert(session, target).status == "false_positive"
        (decision,) = history(session, target)
        assert (decision.user_name, decision.reason) == ("alice", "born 1990, other person")
        actions = session.execute(
            select(AuditRecord.action).where(AuditRecord.subject == f"alert:{target}")
        ).scalars()
        assert list(actions) == ["alert.raise", "alert.decide"]


def test_posts_without_the_session_csrf_token_are_refused(make_client, review_db):
    db, ids = review_db
    client = make_client()
    login(client, "alice", "alice-password")
    for token in ("", "forged-token"):
        response = client.post(
            f"/alerts/{ids[0]}/decide",
            data={"decision": "true_match", "reason": "forged", "csrf": token},
        )
        assert response.status_code == 403
    other = make_client()
    login(other, "bob", "bob-password")
    stolen = csrf_of(other)  # a valid token, but of another session
    response = client.post(
        f"/alerts/{ids[0]}/decide",
        data={"decision": "true_match", "reason": "forged", "csrf": stolen},
    )
    assert response.status_code == 403
    assert client.post("/logout", data={"csrf": "x"}).status_code == 403
    with db.read() as session:
        assert get_alert(session, ids[0]).status == "open"
        assert history(session, ids[0]) == []


def test_four_eyes_in_the_browser_flow(make_client, review_db, monkeypatch):
    monkeypatch.delenv("EMBARGO_FOUR_EYES", raising=False)
    db, ids = review_db
    target = ids[1]
    alice = make_client()
    login(alice, "alice", "alice-password")
    alice.post(
        f"/alerts/{target}/decide",
        data={"decision": "true_match", "reason": "same entity", "csrf": csrf_of(alice)},
    )
    page = alice.get(f"/alerts/{target}").text
    assert "pending approval" in page and "Waiting for an approver other than alice" in page
    assert 'id="approve"' not in page and 'id="decide"' not in page

    bob = make_client()
    login(bob, "bob", "bob-password")
    page = bob.get(f"/alerts/{target}").text
    assert 'id="approve"' in page and "proposed by alice" in page
    response = bob.post(
        f"/alerts/{target}/approve", data={"action": "approve", "csrf": csrf_of(bob)}
    )
    assert response.status_code == 303
    with db.read() as session:
        assert get_alert(session, target).status == "true_match"


def test_a_decision_on_a_closed_alert_shows_the_reason(make_client, review_db):
    _db, ids = review_db
    client = make_client()
    login(client, "alice", "alice-password")
    token = csrf_of(client)
    form = {"decision": "false_positive", "reason": "other person", "csrf": token}
    assert client.post(f"/alerts/{ids[0]}/decide", data=form).status_code == 303
    again = client.post(f"/alerts/{ids[0]}/decide", data=form)
    assert again.status_code == 400 and "only open or escalated alerts" in again.text
    empty = client.post(f"/alerts/{ids[1]}/decide", data={**form, "reason": " "})
    assert empty.status_code == 400 and "needs a reason" in empty.text
    assert client.get("/alerts/99999").status_code == 404


def test_sessions_expire_and_logout_ends_them(make_client, review_db):
    db, _ids = review_db
    client = make_client()
    login(client, "alice", "alice-password")
    cookie = client.cookies.get("embargo_session")
    assert client.get("/").status_code == 200
    with db.write() as session:
        for row in session.execute(select(WebSession)).scalars():
            row.last_seen = utcnow() - timedelta(hours=1)
    assert client.get("/").status_code == 303  # idle too long

    login(client, "alice", "alice-password")
    assert client.get("/").status_code == 200
    assert client.post("/logout", data={"csrf": csrf_of(client)}).status_code == 303
    replay = make_client()
    replay.cookies.set("embargo_session", client.cookies.get("embargo_session") or cookie)
    assert replay.get("/").status_code == 303

    short = make_client(session_hours=1 / 3600)
    login(short, "alice", "alice-password")
    time.sleep(2.1)
    assert short.get("/").status_code == 303  # signed cookie older than its max age

    tampered = make_client()
    login(tampered, "alice", "alice-password")
    value = tampered.cookies.get("embargo_session")
    tampered.cookies.set("embargo_session", value[:-2] + ("AA" if value[-2:] != "AA" else "BB"))
    assert tampered.get("/").status_code == 303


def test_search_lists_and_headers(make_client):
    client = make_client()
    assert (
        login(client, "alice", "alice-password", next="//evil.example/x").headers["location"] == "/"
    )
    found = client.get("/", params={"q": "alabuga"})
    assert "Alabuga Machinery" in found.text and "Abdul Latif" not in found.text
    assert "No alerts matching" in client.get("/", params={"q": "zzzz"}).text
    lists = client.get("/lists")
    assert lists.status_code == 200
    for source in ("us_ofac_sdn", "un_sc", "eu_fsf"):
        assert source in lists.text
    headers = found.headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY" and headers["cache-control"] == "no-store"
    cookie = client.cookies.jar
    assert any(c.name == "embargo_session" and c.has_nonstandard_attr("HttpOnly") for c in cookie)
