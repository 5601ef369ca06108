"""CLI: ``embargo alerts|users|audit|watch|monitor|db …``, thin skins over :mod:`embargo.cases`.

The database is ``$EMBARGO_DATABASE_URL`` or ``$EMBARGO_HOME/cases.db``; it is created and
migrated on first use. ``--user NAME`` names an existing user: the CLI trusts whoever can run it
on this machine, the web UI asks for a password.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

alerts_app = typer.Typer(help="Review alerts: list, show, decide, approve.", no_args_is_help=True)
users_app = typer.Typer(help="Reviewers and their roles.", no_args_is_help=True)
audit_app = typer.Typer(help="The hash-chained audit log.", no_args_is_help=True)
watch_app = typer.Typer(help="Customers and suppliers under monitoring.", no_args_is_help=True)
monitor_app = typer.Typer(help="Re-screen the watched population.", no_args_is_help=True)
db_app = typer.Typer(help="The case database.", no_args_is_help=True)


def _fail(message: str, code: int = 2) -> None:
    from rich.console import Console

    Console(stderr=True).print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def _json(data: Any) -> None:
    import orjson

    sys.stdout.buffer.write(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")


def _db():
    from embargo.cases.config import ConfigError
    from embargo.cases.db import Database

    try:
        return Database.open()
    except ConfigError as exc:
        _fail(str(exc))
    except Exception as exc:  # an unreachable server, a read-only file: say which database
        from embargo.cases.config import database_url

        _fail(f"cannot open the case database {database_url()}: {type(exc).__name__}: {exc}")


def _console():
    from rich.console import Console

    return Console(soft_wrap=True)


# --- db ---------------------------------------------------------------------------------------


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the case database to the latest schema."""
    from embargo.cases.config import database_url
    from embargo.cases.db import Database

    db = Database(database_url())
    before, after = db.upgrade()
    state = "already at" if before == after else f"{before or 'empty'} →"
    _console().print(f"{db.describe()}: {state} {after}", highlight=False)


# --- alerts -----------------------------------------------------------------------------------


@alerts_app.command("list")
def alerts_list(
    status: Annotated[
        str,
        typer.Option(
            help="active (open, escalated, pending_approval), all, or one status: open, "
            "escalated, pending_approval, true_match, false_positive."
        ),
    ] = "active",
    search: Annotated[str | None, typer.Option(help="Words in key, names or entity id.")] = None,
    limit: Annotated[int, typer.Option()] = 200,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Alerts, newest first."""
    from embargo.cases.alerts import AlertError, list_alerts, summary

    db = _db()
    with db.read() as session:
        try:
            rows = list_alerts(session, None if status == "all" else status, search, limit=limit)
        except AlertError as exc:
            _fail(str(exc))
        data = [summary(a) for a in rows]
    if as_json:
        _json(data)
        return
    from rich.table import Table

    table = Table()
    for col in ("id", "status", "score", "record", "listed", "lists", "version"):
        table.add_column(col)
    for a in data:
        table.add_row(
            str(a["id"]),
            a["status"],
            f"{a['score']:.2f}",
            f"{a['record']} [{a['record_key']}]",
            f"{a['caption']} ({a['schema']})",
            ", ".join(f"{s.get('list')}:{s.get('ref')}" for s in a["sources"]),
            a["dataset_version"],
        )
    _console().print(table if data else "no alerts")


@alerts_app.command("show")
def alerts_show(
    alert_id: Annotated[int, typer.Argument(metavar="ID")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """One alert with its snapshots and decisions."""
    from embargo.cases.alerts import AlertError, get_alert, history, summary

    db = _db()
    with db.read() as session:
        try:
            alert = get_alert(session, alert_id)
        except AlertError as exc:
            _fail(str(exc))
        data = {
            **summary(alert),
            "input": alert.record,
            "hit": alert.hit,
            "entity": alert.entity,
            "decisions": [
                {
                    "id": d.id,
                    "action": d.action,
                    "decision": d.decision,
                    "reason": d.reason,
                    "user": d.user_name,
                    "status": d.status_after,
                    "at": d.at.isoformat(),
                }
                for d in history(session, alert_id)
            ],
        }
    if as_json:
        _json(data)
        return
    console = _console()
    console.print(
        f"#{data['id']} [{data['status']}] {data['record']} ⟷ {data['caption']} "
        f"score {data['score']:.2f} (dataset {data['dataset_version']})",
        highlight=False,
    )
    console.print(data["input"])
    console.print(data["hit"].get("explanation", {}))
    for d in data["decisions"]:
        console.print(
            f"  {d['at']} {d['user']}: {d['action']} {d['decision'] or ''} — {d['reason']}"
        )


@alerts_app.command("decide")
def alerts_decide(
    alert_id: Annotated[int, typer.Argument(metavar="ID")],
    decision: Annotated[str, typer.Option(help="true_match, false_positive or escalate.")],
    reason: Annotated[str, typer.Option(help="Why (kept in the audit log).")],
    user: Annotated[str, typer.Option(help="Who decides (an existing user).")],
) -> None:
    """Decide an open or escalated alert. A true match waits for an approver (four eyes)."""
    from embargo.cases.alerts import AlertError, decide
    from embargo.cases.users import UserError

    db = _db()
    try:
        with db.write() as session:
            row = decide(session, alert_id, decision, reason, user)
    except (AlertError, UserError) as exc:
        _fail(str(exc))
    _console().print(f"alert #{alert_id}: {row.status_before} → {row.status_after}")


@alerts_app.command("approve")
def alerts_approve(
    alert_id: Annotated[int, typer.Argument(metavar="ID")],
    user: Annotated[str, typer.Option(help="The approver (not the user who decided).")],
    reject: Annotated[bool, typer.Option(help="Send it back to the queue instead.")] = False,
    reason: Annotated[str, typer.Option(help="Required with --reject.")] = "",
) -> None:
    """Approve (or reject) a true match proposed by another user."""
    from embargo.cases.alerts import AlertError, approve
    from embargo.cases.users import UserError

    db = _db()
    try:
        with db.write() as session:
            row = approve(session, alert_id, user, reason, reject=reject)
    except (AlertError, UserError) as exc:
        _fail(str(exc))
    _console().print(f"alert #{alert_id}: {row.status_before} → {row.status_after}")


# --- users ------------------------------------------------------------------------------------


def _password(password: str | None, prompt: bool) -> str | None:
    if prompt:
        return typer.prompt("password", hide_input=True, confirmation_prompt=True)
    return password


@users_app.command("add")
def users_add(
    name: str,
    role: Annotated[str, typer.Option(help="analyst, approver or admin.")],
    password: Annotated[
        str | None, typer.Option(help="Web UI password (without one: CLI use only).")
    ] = None,
    prompt_password: Annotated[
        bool, typer.Option("--prompt-password", help="Ask for the password (not in history).")
    ] = False,
) -> None:
    """Add a reviewer."""
    from embargo.cases.users import UserError, add_user

    db = _db()
    try:
        with db.write() as session:
            add_user(session, name, role, _password(password, prompt_password))
    except UserError as exc:
        _fail(str(exc))
    _console().print(f"user {name} added ({role})", highlight=False)


@users_app.command("set")
def users_set(
    name: str,
    role: Annotated[str | None, typer.Option(help="analyst, approver or admin.")] = None,
    password: Annotated[str | None, typer.Option()] = None,
    prompt_password: Annotated[bool, typer.Option("--prompt-password")] = False,
    active: Annotated[
        bool | None, typer.Option("--enable/--disable", help="Allow or block this user.")
    ] = None,
) -> None:
    """Change a reviewer's role, password or access."""
    from embargo.cases.users import UserError, set_user

    db = _db()
    try:
        with db.write() as session:
            set_user(
                session,
                name,
                role=role,
                password=_password(password, prompt_password),
                active=active,
            )
    except UserError as exc:
        _fail(str(exc))
    _console().print(f"user {name} updated", highlight=False)


@users_app.command("list")
def users_list(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Reviewers, their roles and whether they can log in."""
    from embargo.cases.users import list_users

    db = _db()
    with db.read() as session:
        data = [
            {
                "name": u.name,
                "role": u.role,
                "active": u.active,
                "web_login": bool(u.password_hash),
                "created_at": u.created_at.isoformat(),
            }
            for u in list_users(session)
        ]
    if as_json:
        _json(data)
        return
    from rich.table import Table

    table = Table()
    for col in ("name", "role", "active", "web login", "created"):
        table.add_column(col)
    for u in data:
        table.add_row(u["name"], u["role"], str(u["active"]), str(u["web_login"]), u["created_at"])
    _console().print(table if data else "no users; add one with `embargo users add NAME --role …`")


# --- audit ------------------------------------------------------------------------------------


@audit_app.command("verify")
def audit_verify(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Re-compute the hash chain; exit 1 naming every edited, deleted or unaudited record."""
    from embargo.cases.audit import verify

    db = _db()
    with db.read() as session:
        result = verify(session)
    if as_json:
        _json({"ok": result.ok, "records": result.records, "problems": result.problems})
    else:
        console = _console()
        if result.ok:
            console.print(f"audit chain OK: {result.records} records", highlight=False)
        else:
            console.print(f"audit chain BROKEN ({result.records} records):", highlight=False)
            for problem in result.problems:
                console.print(f"  {problem}", highlight=False, soft_wrap=True)
    raise typer.Exit(0 if result.ok else 1)


@audit_app.command("export")
def audit_export(
    out: Annotated[Path | None, typer.Option(help="Write here instead of stdout.")] = None,
) -> None:
    """Every audit record as JSON Lines, in chain order, with its hashes."""
    import orjson

    from embargo.cases.audit import export_record, iter_records

    db = _db()
    sink = open(out, "wb") if out else sys.stdout.buffer
    try:
        with db.read() as session:
            for rec in iter_records(session):
                sink.write(orjson.dumps(export_record(rec)) + b"\n")
    finally:
        if out:
            sink.close()


# --- watch ------------------------------------------------------------------------------------


@watch_app.command("add")
def watch_add(
    file: Annotated[
        Path, typer.Argument(help="CSV/TSV, XLSX, Parquet or JSONL with an id column.")
    ],
    map_: Annotated[
        list[str] | None,
        typer.Option("--map", help="field=Header, as for `embargo screen` (e.g. id=Kundennr)."),
    ] = None,
    schema: Annotated[str | None, typer.Option(help="Schema of every row (else guessed).")] = None,
    delimiter: Annotated[str | None, typer.Option()] = None,
    encoding: Annotated[str | None, typer.Option()] = None,
    sheet: Annotated[str | None, typer.Option()] = None,
) -> None:
    """Watch the customers or suppliers in FILE; `embargo monitor run` screens them."""
    from embargo.cases.watch import WatchError, add_watched, read_watch_file

    try:
        records = read_watch_file(
            file, maps=map_, schema=schema, delimiter=delimiter, encoding=encoding, sheet=sheet
        )
    except WatchError as exc:
        _fail(str(exc))
    db = _db()
    with db.write() as session:
        result = add_watched(session, records, file.name)
    _console().print(
        f"{file}: {result.added} added, {result.changed} changed, {result.unchanged} unchanged; "
        "run `embargo monitor run` to screen them",
        highlight=False,
    )


@watch_app.command("list")
def watch_list(
    limit: Annotated[int, typer.Option()] = 100,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Watched records (by key), with the version each was last screened against."""
    from embargo.cases.watch import count_watched, list_watched

    db = _db()
    with db.read() as session:
        total = count_watched(session)
        data = [
            {
                "id": w.record_key,
                "caption": w.caption,
                "source": w.source,
                "added_at": w.added_at.isoformat(),
                "screened_version": w.screened_version,
            }
            for w in list_watched(session, limit=limit)
        ]
    if as_json:
        _json({"total": total, "records": data})
        return
    from rich.table import Table

    table = Table(title=f"{total} watched records" + (f" (first {limit})" if total > limit else ""))
    for col in ("id", "name", "source", "screened against"):
        table.add_column(col)
    for w in data:
        table.add_row(w["id"], w["caption"], w["source"], w["screened_version"] or "not yet")
    _console().print(table)


# --- monitor ----------------------------------------------------------------------------------


@monitor_app.command("run")
def monitor_run(
    as_json: Annotated[bool, typer.Option("--json")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Screen what changed since the last run (new/changed records, new/changed listings).

    Run it after every update: `embargo update && embargo monitor run`. New alerts go to
    $EMBARGO_WEBHOOK_URL when set.
    """
    from embargo.cases.config import webhook_url
    from embargo.cases.monitor import run_monitor
    from embargo.dataset.store import StoreError

    db = _db()
    console = _console()
    say = None if quiet or as_json else (lambda text: console.print(f"  {text}", highlight=False))
    try:
        report = run_monitor(db, webhook_url=webhook_url(), progress=say)
    except StoreError as exc:
        _fail(str(exc))
    if as_json:
        _json(report.to_dict())
        return
    if not quiet:
        console.print(
            f"dataset {report.version} (last run: {report.previous or 'none'}): "
            f"{report.screened_full} records screened in full, {report.changed_entities} changed "
            f"listings against {report.candidates} candidates → {len(report.raised)} new alerts, "
            f"{report.suppressed} suppressed false positives, {report.known} already known",
            highlight=False,
        )
        if report.webhook_sent or report.webhook_failed:
            console.print(
                f"webhook: {report.webhook_sent} sent, {report.webhook_failed} failed "
                "(retried next run)"
            )
