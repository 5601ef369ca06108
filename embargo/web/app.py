"""The review UI: queue, alert review side by side, decisions, list status.

Server-rendered with Jinja2; no JavaScript is needed. Every page but the login form needs a
session; every POST needs the session's CSRF token (403 otherwise). Decisions are made through
:mod:`embargo.cases.alerts` in one transaction with their audit record, so a server killed
mid-request leaves the decision wholly recorded or not at all.

Settings: ``EMBARGO_WEB_SESSION_HOURS`` (absolute session lifetime, default 8),
``EMBARGO_WEB_IDLE_MINUTES`` (default 30), ``EMBARGO_WEB_SECURE_COOKIES=1`` behind HTTPS.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlsplit

import jinja2
from fastapi import FastAPI, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import select
from starlette.exceptions import HTTPException as StarletteHTTPException

from embargo import settings
from embargo.cases import alerts as cases
from embargo.cases.db import Database
from embargo.cases.models import ACTIVE_STATUSES, STATUSES, AuditRecord, User
from embargo.cases.users import APPROVERS, DECIDERS, UserError, check_password
from embargo.web.sessions import (
    LOGIN_COOKIE,
    SESSION_COOKIE,
    Sessions,
    Viewer,
    load_secret,
    tokens_equal,
)

HERE = Path(__file__).parent
# Shown first on the listed-entity side; other properties follow in name order.
ENTITY_FIELDS = (
    "name", "alias", "weakAlias", "previousName", "birthDate", "birthPlace", "nationality",
    "citizenship", "country", "jurisdiction", "address", "idNumber", "passportNumber",
    "registrationNumber", "taxNumber", "imoNumber", "program", "position", "notes", "sourceUrl",
)  # fmt: skip
DECISION_LABELS = {
    "true_match": "True match",
    "false_positive": "False positive",
    "escalate": "Escalate",
}


@dataclass
class WebConfig:
    home: Path = field(default_factory=settings.home)
    database_url: str | None = None
    session_hours: float = field(
        default_factory=lambda: float(os.environ.get("EMBARGO_WEB_SESSION_HOURS", "8"))
    )
    idle_minutes: float = field(
        default_factory=lambda: float(os.environ.get("EMBARGO_WEB_IDLE_MINUTES", "30"))
    )
    secure_cookies: bool = field(
        default_factory=lambda: os.environ.get("EMBARGO_WEB_SECURE_COOKIES", "0") == "1"
    )


class _Redirect(Exception):
    def __init__(self, location: str):
        self.location = location


def _timestamp(value: datetime | str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.replace("T", " ")[:19] + " UTC"
    return value.strftime("%Y-%m-%d %H:%M UTC")


def create_app(config: WebConfig | None = None) -> FastAPI:
    """The review UI over the configured case database and dataset."""
    config = config or WebConfig()
    db = Database.open(config.database_url, home=config.home)
    sessions = Sessions(
        db,
        load_secret(db),
        max_age=int(config.session_hours * 3600),
        idle=int(config.idle_minutes * 60),
    )
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True
    )
    env.filters["ts"] = _timestamp
    templates = Jinja2Templates(env=env)
    app = FastAPI(title="embargo review", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.db = db
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.exception_handler(_Redirect)
    def _redirect(_request: Request, exc: _Redirect) -> Response:
        return RedirectResponse(exc.location, status_code=303)

    @app.exception_handler(StarletteHTTPException)
    def _error(request: Request, exc: StarletteHTTPException) -> Response:
        return templates.TemplateResponse(
            request,
            "error.html.j2",
            {
                "viewer": None,
                "dataset": _dataset_line(config.home),
                "code": exc.status_code,
                "message": exc.detail,
            },
            status_code=exc.status_code,
        )

    @app.middleware("http")
    async def _headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
            "form-action 'self'; base-uri 'none'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if not request.url.path.startswith("/static/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    def viewer(request: Request) -> Viewer:
        found = sessions.find(request.cookies.get(SESSION_COOKIE))
        if found is None:
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            if request.method != "GET":
                target = "/"  # a form posted after the session ended: start from the queue
            raise _Redirect(f"/login?next={quote(target)}")
        return found

    def check_csrf(who: Viewer, token: str) -> None:
        if not tokens_equal(who.csrf, token):
            raise HTTPException(403, "CSRF token missing or wrong; reload the page and retry")

    def render(request: Request, name: str, who: Viewer | None, code: int = 200, **ctx: Any):
        return templates.TemplateResponse(
            request,
            name,
            {"viewer": who, "dataset": _dataset_line(config.home), **ctx},
            status_code=code,
        )

    @app.get("/login", response_class=HTMLResponse)
    def login_form(request: Request, next: str = "/", error: str | None = None):
        nonce, cookie = sessions.login_nonce()
        response = render(
            request, "login.html.j2", None, next=_local(next), csrf=nonce, error=error
        )
        response.set_cookie(
            LOGIN_COOKIE, cookie, httponly=True, samesite="strict", secure=config.secure_cookies
        )
        return response

    @app.post("/login")
    def login(
        request: Request,
        username: Annotated[str, Form()] = "",
        password: Annotated[str, Form()] = "",
        csrf: Annotated[str, Form()] = "",
        next: Annotated[str, Form()] = "/",
    ):
        if not sessions.check_login_nonce(request.cookies.get(LOGIN_COOKIE), csrf):
            raise HTTPException(403, "login form expired or forged; reload the page and retry")
        with db.read() as session:
            user = session.execute(
                select(User).where(User.name == username.strip())
            ).scalar_one_or_none()
        if user is None or not check_password(user, password):
            return RedirectResponse(f"/login?error=1&next={quote(_local(next))}", status_code=303)
        response = RedirectResponse(_local(next), status_code=303)
        response.set_cookie(
            SESSION_COOKIE,
            sessions.start(user),
            max_age=sessions.max_age,
            httponly=True,
            samesite="lax",
            secure=config.secure_cookies,
        )
        response.delete_cookie(LOGIN_COOKIE)
        return response

    @app.post("/logout")
    def logout(request: Request, csrf: Annotated[str, Form()] = ""):
        who = viewer(request)
        check_csrf(who, csrf)
        sessions.end(request.cookies.get(SESSION_COOKIE))
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(SESSION_COOKIE)
        return response

    @app.get("/", response_class=HTMLResponse)
    def queue(request: Request, q: str = "", status: str = "active", decided: int | None = None):
        who = viewer(request)
        if status not in ("active", "all", *STATUSES):
            status = "active"
        with db.read() as session:
            rows = cases.list_alerts(session, None if status == "all" else status, q or None)
            notice = None
            if decided is not None:
                try:
                    done = cases.get_alert(session, decided)
                    notice = f"Alert #{done.id} ({done.record_caption}) is now {done.status}."
                except cases.AlertError:
                    notice = None
        return render(
            request,
            "queue.html.j2",
            who,
            alerts=rows,
            q=q,
            status=status,
            statuses=("active", *STATUSES, "all"),
            notice=notice,
        )

    def alert_page(request: Request, who: Viewer, alert_id: int, error: str | None = None):
        with db.read() as session:
            try:
                alert = cases.get_alert(session, alert_id)
            except cases.AlertError:
                raise HTTPException(404, f"no alert #{alert_id}") from None
            decisions = cases.history(session, alert_id)
            trail = list(
                session.execute(
                    select(AuditRecord)
                    .where(AuditRecord.subject == f"alert:{alert_id}")
                    .order_by(AuditRecord.seq)
                ).scalars()
            )
        proposer = next((d.user_name for d in reversed(decisions) if d.action == "decide"), None)
        can_decide = alert.status in ("open", "escalated") and who.role in DECIDERS
        can_approve = (
            alert.status == "pending_approval" and who.role in APPROVERS and proposer != who.name
        )
        return render(
            request,
            "alert.html.j2",
            who,
            code=400 if error else 200,
            alert=alert,
            entity_rows=_entity_rows(alert.entity),
            explanation=alert.hit.get("explanation", {}),
            sources=_sources(alert.hit.get("sources", []), config.home),
            decisions=decisions,
            trail=trail,
            can_decide=can_decide,
            can_approve=can_approve,
            proposer=proposer,
            labels=DECISION_LABELS,
            error=error,
            active=alert.status in ACTIVE_STATUSES,
        )

    def act_on_alert(
        request: Request, alert_id: int, csrf: str, change: Callable[[Any, str], Any]
    ) -> Response:
        """One analyst action on an alert: checked, written, and shown again if refused."""
        who = viewer(request)
        check_csrf(who, csrf)
        try:
            with db.write() as session:
                change(session, who.name)
        except (cases.AlertError, UserError) as exc:
            return alert_page(request, who, alert_id, error=str(exc))
        return RedirectResponse(f"/?decided={alert_id}", status_code=303)

    @app.get("/alerts/{alert_id}", response_class=HTMLResponse)
    def alert_view(request: Request, alert_id: int):
        return alert_page(request, viewer(request), alert_id)

    @app.post("/alerts/{alert_id}/decide")
    def alert_decide(
        request: Request,
        alert_id: int,
        decision: Annotated[str, Form()] = "",
        reason: Annotated[str, Form()] = "",
        csrf: Annotated[str, Form()] = "",
    ):
        return act_on_alert(
            request,
            alert_id,
            csrf,
            lambda session, user: cases.decide(session, alert_id, decision, reason, user),
        )

    @app.post("/alerts/{alert_id}/approve")
    def alert_approve(
        request: Request,
        alert_id: int,
        action: Annotated[str, Form()] = "approve",
        reason: Annotated[str, Form()] = "",
        csrf: Annotated[str, Form()] = "",
    ):
        return act_on_alert(
            request,
            alert_id,
            csrf,
            lambda session, user: cases.approve(
                session, alert_id, user, reason, reject=action == "reject"
            ),
        )

    @app.get("/lists", response_class=HTMLResponse)
    def lists(request: Request):
        who = viewer(request)
        version = _current_version(config.home)
        rows = []
        if version is not None:
            for name, s in version.sources.items():
                rows.append({"source": name, **s})
        return render(request, "lists.html.j2", who, version=version, rows=rows)

    return app


def _local(target: str | None) -> str:
    """Only same-site paths as redirect targets (no open redirect through ``next``)."""
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


def _current_version(home: Path):
    from embargo.dataset.store import Store

    try:
        return Store(home).current()
    except Exception:  # an unreadable dataset must not take the review UI down
        return None


def _dataset_line(home: Path) -> dict[str, Any] | None:
    version = _current_version(home)
    if version is None:
        return None
    sources = version.sources
    return {
        "version": version.version,
        "created_at": version.manifest.get("created_at"),
        "sources": len(sources),
        "failed": sum(1 for s in sources.values() if s.get("status") == "failed"),
        "entities": sum(int(s.get("entities") or 0) for s in sources.values()),
    }


def _sources(sources: list[dict[str, Any]], home: Path) -> list[dict[str, Any]]:
    version = _current_version(home)
    titles = {k: v.get("title") for k, v in (version.sources if version else {}).items()}
    return [{**s, "title": titles.get(s.get("list")) or s.get("list_name")} for s in sources]


def _entity_rows(entity: dict[str, Any]) -> list[tuple[str, list[str]]]:
    props = entity.get("properties") or {}
    order = {name: i for i, name in enumerate(ENTITY_FIELDS)}
    keys = sorted(props, key=lambda k: (order.get(k, len(order)), k))
    return [(k, [str(v) for v in props[k]]) for k in keys if props[k]]
