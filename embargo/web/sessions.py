"""Login sessions and CSRF tokens for the review UI.

The cookie holds a random token signed with itsdangerous (so a tampered or stale cookie is
rejected before the database is asked) and limited in age; the server keeps a row per session
with its CSRF token, expiry and last activity, so logging out or disabling a user ends it at
once. Every POST must carry the session's CSRF token; the login form, before any session
exists, carries a nonce that must equal the one in a signed short-lived cookie.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import delete, select

from embargo.cases.db import Database
from embargo.cases.models import Meta, User, WebSession, utcnow

SESSION_COOKIE = "embargo_session"
LOGIN_COOKIE = "embargo_login"
SECRET_KEY = "web.secret"
LOGIN_MAX_AGE = 3600


@dataclass
class Viewer:
    """The logged-in user of a request."""

    user_id: int
    name: str
    role: str
    csrf: str
    session_id: str


def load_secret(db: Database) -> str:
    """The signing secret, made once and kept in the database (shared by every web worker)."""
    with db.read() as session:
        meta = session.get(Meta, SECRET_KEY)
        if meta is not None:
            return meta.value
    with db.write() as session:
        meta = session.get(Meta, SECRET_KEY, with_for_update=True)
        if meta is None:
            meta = Meta(key=SECRET_KEY, value=secrets.token_hex(32))
            session.add(meta)
        return meta.value


def _session_id(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def tokens_equal(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


class Sessions:
    """Creates, finds and ends login sessions."""

    def __init__(self, db: Database, secret: str, max_age: int, idle: int):
        self.db = db
        self.max_age = max_age
        self.idle = idle
        self.signer = URLSafeTimedSerializer(secret, salt="embargo.web.session")
        self.login_signer = URLSafeTimedSerializer(secret, salt="embargo.web.login")

    def start(self, user: User) -> str:
        """A new session for ``user``; returns the cookie value."""
        token = secrets.token_urlsafe(32)
        now = utcnow()
        with self.db.write() as session:
            session.execute(delete(WebSession).where(WebSession.expires_at < now))
            session.add(
                WebSession(
                    id=_session_id(token),
                    user_id=user.id,
                    csrf=secrets.token_urlsafe(32),
                    created_at=now,
                    expires_at=now + timedelta(seconds=self.max_age),
                    last_seen=now,
                )
            )
        return self.signer.dumps(token)

    def find(self, cookie: str | None) -> Viewer | None:
        """The viewer a session cookie stands for, if it is valid, unexpired and not idle."""
        if not cookie:
            return None
        try:
            token = self.signer.loads(cookie, max_age=self.max_age)
        except BadSignature:  # also SignatureExpired
            return None
        sid = _session_id(token)
        now = utcnow()
        with self.db.read() as session:
            row = session.execute(
                select(WebSession, User)
                .join(User, User.id == WebSession.user_id)
                .where(WebSession.id == sid)
            ).first()
        if row is None:
            return None
        ws, user = row
        if (
            not user.active
            or ws.expires_at <= now
            or ws.last_seen + timedelta(seconds=self.idle) <= now
        ):
            self.end(cookie)
            return None
        if (now - ws.last_seen).total_seconds() > 60:
            with self.db.write() as session:
                fresh = session.get(WebSession, sid)
                if fresh is not None:
                    fresh.last_seen = now
        return Viewer(user.id, user.name, user.role, ws.csrf, sid)

    def end(self, cookie: str | None) -> None:
        if not cookie:
            return
        try:
            token = self.signer.loads(cookie)
        except BadSignature:
            return
        with self.db.write() as session:
            session.execute(delete(WebSession).where(WebSession.id == _session_id(token)))

    def login_nonce(self) -> tuple[str, str]:
        """``(nonce for the form, cookie value)`` guarding the login form against CSRF."""
        nonce = secrets.token_urlsafe(24)
        return nonce, self.login_signer.dumps(nonce)

    def check_login_nonce(self, cookie: str | None, nonce: str | None) -> bool:
        if not cookie:
            return False
        try:
            expected = self.login_signer.loads(cookie, max_age=LOGIN_MAX_AGE)
        except BadSignature:
            return False
        return tokens_equal(expected, nonce)
