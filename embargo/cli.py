"""``embargo …``: thin commands over the library. Business logic lives elsewhere."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Annotated, Any

import orjson
import typer

from embargo import settings

app = typer.Typer(
    help="Screen parties, goods and routes against sanctions and export-control lists.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr)


def _fail(message: str, code: int = 2) -> None:
    _console(stderr=True).print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def _json(data: Any) -> None:
    sys.stdout.buffer.write(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")


def _store():
    from embargo.dataset.store import Store

    return Store(settings.home())


@app.command()
def update(
    from_dir: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="Folder of downloaded list files, one sub-folder per source "
            "(default: $EMBARGO_FROM; without either, download from the publishers).",
        ),
    ] = None,
    custom: Annotated[
        list[str] | None,
        typer.Option(
            "--custom", help="A list of your own: NAME=FILE (CSV/XLSX, columns id,name…)."
        ),
    ] = None,
    force: Annotated[bool, typer.Option(help="Accept a source whose count fell sharply.")] = False,
    source: Annotated[
        list[str] | None, typer.Option("--source", help="Refresh only these sources.")
    ] = None,
    mirror: Annotated[
        str | None,
        typer.Option(help="Base URL serving <source>/<file> (default: $EMBARGO_MIRROR)."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Fetch or read every list, parse it, and switch to a new dataset version atomically."""
    from embargo.dataset.store import StoreError
    from embargo.dataset.update import UpdateError, run_update

    customs: dict[str, Path] = {}
    for item in custom or []:
        name, sep, file = item.partition("=")
        if not sep or not name or not file:
            _fail(f"--custom takes NAME=FILE, got {item!r}")
        customs[name] = Path(file)
    from_dir = from_dir or settings.from_dir()
    if from_dir is not None and not from_dir.is_dir():
        _fail(f"--from {from_dir}: not a folder")
    console = _console(stderr=True)
    progress, on_event = _update_progress(console, quiet)
    try:
        with progress:
            version, reports = run_update(
                _store(),
                from_dir=from_dir,
                custom=customs,
                force=force,
                mirror=mirror or settings.mirror(),
                only=source,
                on_event=on_event,
            )
    except (UpdateError, StoreError) as exc:
        _fail(f"{exc}\nThe previous dataset version is still current.")
    if not quiet:
        _print_lists(version, console)


def _update_progress(console, quiet: bool):
    from contextlib import nullcontext

    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    if quiet or not console.is_terminal:

        def plain(kind: str, info: dict[str, Any]) -> None:
            if quiet:
                return
            if kind == "parsed":
                r = info["report"]
                state = "FAILED" if r.status == "failed" else f"{r.entities} entities"
                console.print(f"  {r.source}: {state} ({r.seconds:.1f}s)", highlight=False)
            elif kind == "index":
                console.print("  building index…")
            elif kind == "missing":
                console.print(f"  {info['source']}: no folder, keeping the previous data")

        return nullcontext(), plain
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    tasks: dict[str, Any] = {}

    def rich_events(kind: str, info: dict[str, Any]) -> None:
        if kind == "parse":
            tasks["parse"] = progress.add_task("parsing lists", total=info["count"])
        elif kind == "parsed":
            progress.advance(tasks["parse"])
            r = info["report"]
            progress.console.print(
                f"  {r.source}: {'FAILED' if r.status == 'failed' else f'{r.entities} entities'}"
            )
        elif kind == "download":
            tasks[info["source"]] = progress.add_task(f"download {info['source']}", total=None)
        elif kind == "progress":
            progress.update(tasks[info["source"]], completed=info["done"], total=info["total"])
        elif kind == "index":
            tasks["index"] = progress.add_task("building index", total=None)

    return progress, rich_events


def _lists_rows(version) -> list[dict[str, Any]]:
    rows = []
    for name, s in version.sources.items():
        rows.append(
            {
                "source": name,
                "title": s.get("title"),
                "status": s.get("status"),
                "entities": s.get("entities", 0),
                "by_schema": s.get("by_schema", {}),
                "published": s.get("published"),
                "fetched_at": s.get("fetched_at"),
                "version": version.version,
                "warnings": s.get("warnings", {}),
            }
        )
    return rows


def _print_lists(version, console) -> None:
    from rich.table import Table

    table = Table(title=f"Dataset version {version.version}")
    for col in ("source", "entities", "by schema", "published", "fetched at", "status"):
        table.add_column(col)
    for row in _lists_rows(version):
        table.add_row(
            row["source"],
            str(row["entities"]),
            ", ".join(f"{k} {v}" for k, v in sorted(row["by_schema"].items())),
            row["published"] or "",
            row["fetched_at"] or "",
            row["status"] or "",
        )
    console.print(table)


@app.command("lists")
def lists_cmd(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """What is loaded: each source, its date, fetch time and counts."""
    from embargo.dataset.store import StoreError

    try:
        version = _store().require_current()
    except StoreError as exc:
        _fail(str(exc))
    if as_json:
        _json(_lists_rows(version))
    else:
        _print_lists(version, _console())


@app.command()
def diff(
    old: Annotated[
        str | None, typer.Argument(help="Older version (default: the one before NEW).")
    ] = None,
    new: Annotated[str | None, typer.Argument(help="Newer version (default: current).")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Entities added, removed and changed between two dataset versions."""
    from embargo.dataset.diff import diff_versions
    from embargo.dataset.store import StoreError

    store = _store()
    try:
        new_v = store.get(new) if new else store.require_current()
        if old:
            old_v = store.get(old)
        else:
            prev = new_v.manifest.get("previous")
            if not prev or prev not in store.versions():
                _fail("no older version to compare with; name one: embargo diff OLD NEW")
            old_v = store.get(prev)
    except StoreError as exc:
        _fail(str(exc))
    result = diff_versions(old_v, new_v)
    if as_json:
        _json(result)
        return
    console = _console()
    console.print(f"{old_v.version} → {new_v.version}")
    for kind in ("added", "removed", "changed"):
        console.print(f"[bold]{kind}[/]: {len(result[kind])}")
        for item in result[kind][:20]:
            console.print(f"  {item['id']}  {item.get('caption', '')}", highlight=False)


def _open_screener():
    from embargo.dataset.store import StoreError
    from embargo.screener import Screener

    try:
        return Screener.open(settings.home())
    except StoreError as exc:
        _fail(str(exc))


@app.command()
def check(
    name: Annotated[list[str], typer.Argument(help="Name(s) of the party.")],
    schema: Annotated[
        str | None, typer.Option(help="Person, Organization, Company, Vessel, Airplane.")
    ] = None,
    birth_date: Annotated[str | None, typer.Option("--birth-date")] = None,
    country: Annotated[list[str] | None, typer.Option("--country")] = None,
    id_: Annotated[
        list[str] | None, typer.Option("--id", help="Passport, IMO, registration…")
    ] = None,
    threshold: Annotated[float | None, typer.Option(help="Match threshold in [0,1].")] = None,
    limit: Annotated[int, typer.Option()] = 10,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Screen one party. Exit code 1 when it matches, 0 when it does not."""
    from embargo.match.engine import UnreadableName
    from embargo.match.weights import THRESHOLD
    from embargo.sources.dates import parse_dates

    if schema and schema not in (
        "Person",
        "Organization",
        "Company",
        "LegalEntity",
        "Vessel",
        "Airplane",
        "any",
    ):
        _fail(
            f"--schema {schema!r}: use Person, Organization, Company, LegalEntity, Vessel, Airplane"
        )
    screener = _open_screener()
    try:
        hits = screener.check(
            name,
            schema=schema,
            birth_dates=parse_dates(birth_date) if birth_date else (),
            countries=country or (),
            ids=id_ or (),
            threshold=threshold if threshold is not None else THRESHOLD,
            limit=limit,
        )
    except UnreadableName as exc:
        _fail(f"{exc}; nothing was screened")
    if as_json:
        _json(
            {
                "query": {"names": name, "schema": schema},
                "version": screener.version.version,
                "hits": [h.to_dict() for h in hits],
            }
        )
    else:
        _print_hits(hits)
    raise typer.Exit(1 if any(h.match for h in hits) else 0)


def _print_hits(hits) -> None:
    from rich.table import Table

    console = _console()
    if not hits:
        console.print("no hits")
        return
    table = Table()
    for col in ("score", "match", "caption", "schema", "lists", "why"):
        table.add_column(col)
    for h in hits:
        name = h.explanation.get("name", {})
        why = ", ".join(f"{a['query']}~{a['listed']} ({a['how']})" for a in name.get("aligned", []))
        facts = "; ".join(f"{f['fact']}: {f['result']}" for f in h.explanation.get("facts", []))
        table.add_row(
            f"{h.score:.2f}",
            "MATCH" if h.match else "",
            h.caption,
            h.schema,
            ", ".join(f"{s['list']}:{s['ref']}" for s in h.sources),
            "; ".join(x for x in (why, facts) if x),
        )
    console.print(table)


@app.command()
def compare(
    name1: Annotated[str | None, typer.Argument()] = None,
    name2: Annotated[str | None, typer.Argument()] = None,
    schema: Annotated[str | None, typer.Option()] = None,
    pairs: Annotated[
        Path | None, typer.Option(help="CSV with columns name1,name2[,schema].")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv (with --pairs).")] = "jsonl",
    out: Annotated[Path | None, typer.Option(help="Write here instead of stdout.")] = None,
    threshold: Annotated[float | None, typer.Option()] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Score two names against each other, or every pair in a CSV, in order."""
    from embargo.match.compare import Vocabulary
    from embargo.match.weights import THRESHOLD

    limit = threshold if threshold is not None else THRESHOLD
    comparer = Vocabulary.open(settings.home())
    if pairs is None:
        if not name1 or not name2:
            _fail("give two names, or --pairs FILE.csv")
        result = comparer.compare(name1, name2, schema)
        data = {
            "name1": name1,
            "name2": name2,
            "schema": schema,
            "score": round(result.score, 4),
            "match": result.score >= limit,
            "explanation": result.explain(),
        }
        if as_json:
            _json(data)
        else:
            _console().print(f"{result.score:.3f} {'MATCH' if data['match'] else 'no match'}")
            _console().print(result.explain())
        return
    if fmt not in ("jsonl", "csv"):
        _fail(f"--format {fmt!r}: use jsonl or csv")
    try:
        fh = open(pairs, newline="", encoding="utf-8-sig")
    except OSError as exc:
        _fail(f"{pairs}: {exc}")
    with fh:
        reader = csv.DictReader(fh)
        headers = reader.fieldnames or []
        if "name1" not in headers or "name2" not in headers:
            _fail(
                f"{pairs}: needs columns name1,name2[,schema]; found {', '.join(headers) or 'none'}"
            )
        sink = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout
        writer = csv.writer(sink) if fmt == "csv" else None
        if writer:
            writer.writerow(["name1", "name2", "schema", "score", "match"])
        try:
            for row in reader:
                a, b = row.get("name1") or "", row.get("name2") or ""
                sch = (row.get("schema") or schema or "").strip() or None
                score = comparer.compare(a, b, sch).score
                if writer:
                    writer.writerow([a, b, sch or "", f"{score:.4f}", str(score >= limit).lower()])
                else:
                    sink.write(
                        orjson.dumps(
                            {
                                "name1": a,
                                "name2": b,
                                "schema": sch,
                                "score": round(score, 4),
                                "match": score >= limit,
                            }
                        ).decode()
                    )
                    sink.write("\n")
        finally:
            if out:
                sink.close()


# --- commands from other packages (each adds one import and one registration line below) ---
from embargo.screen.command import screen as _screen_command  # noqa: E402

app.command("screen")(_screen_command)
from embargo.api.command import keys_app as _api_keys_app  # noqa: E402
from embargo.api.command import serve as _serve_command  # noqa: E402

app.command("serve")(_serve_command)
app.add_typer(_api_keys_app, name="keys")
from embargo.shipment.command import shipment as _shipment_command  # noqa: E402

app.command("shipment")(_shipment_command)
from embargo.cases.command import alerts_app as _alerts_app  # noqa: E402
from embargo.cases.command import audit_app as _audit_app  # noqa: E402
from embargo.cases.command import db_app as _db_app  # noqa: E402
from embargo.cases.command import monitor_app as _monitor_app  # noqa: E402
from embargo.cases.command import users_app as _users_app  # noqa: E402
from embargo.cases.command import watch_app as _watch_app  # noqa: E402
from embargo.web.command import web as _web_command  # noqa: E402

app.add_typer(_alerts_app, name="alerts")
app.add_typer(_users_app, name="users")
app.add_typer(_audit_app, name="audit")
app.add_typer(_watch_app, name="watch")
app.add_typer(_monitor_app, name="monitor")
app.add_typer(_db_app, name="db")
app.command("web")(_web_command)
from embargo.scan.command import scan as _scan_command  # noqa: E402

app.command("scan")(_scan_command)
from embargo.spark.command import spark_screen as _spark_screen_command  # noqa: E402

app.command("spark-screen")(_spark_screen_command)
