"""``embargo shipment FILE``: one decision per shipment, from the command line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer


def shipment(
    file: Annotated[
        Path,
        typer.Argument(help="A shipment as JSON (one object or a list), or a CSV of line items."),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print full results as JSON.")] = False,
    rules_dir: Annotated[
        Path | None,
        typer.Option(
            "--rules",
            help="Folder of rule data with goods/ and geo/ (default: $EMBARGO_RULES_DIR, "
            "else ../shared/data, else the package's tables).",
        ),
    ] = None,
    no_parties: Annotated[
        bool,
        typer.Option("--no-parties", help="Judge goods and route only (no list dataset needed)."),
    ] = False,
) -> None:
    """Screen shipments: parties against the lists, goods against the CHPL, the route against
    flagged places. Exit code 0 when all are clear, 1 when any needs review or is blocked,
    2 on an error."""
    import orjson

    from embargo import settings
    from embargo.shipment.decision import screen_shipment
    from embargo.shipment.model import ShipmentError
    from embargo.shipment.readers import read_shipments
    from embargo.shipment.rules import RulesError, load_rules

    try:
        rules = load_rules(rules_dir)
        shipments = read_shipments(file)
    except (RulesError, ShipmentError) as exc:
        _fail(str(exc))
    from embargo.dataset.store import StoreError
    from embargo.screener import open_for_parties

    try:
        screener = open_for_parties(settings.home(), no_parties)
    except StoreError as exc:
        _fail(str(exc))
    try:
        results = [screen_shipment(s, screener, rules) for s in shipments]
    except RulesError as exc:
        _fail(str(exc))
    if as_json:
        data: Any = [r.to_dict() for r in results]
        if len(results) == 1 and not _is_batch(file):
            data = data[0]
        sys.stdout.buffer.write(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")
    else:
        _print(results)
    raise typer.Exit(0 if all(r.decision == "clear" for r in results) else 1)


def _is_batch(file: Path) -> bool:
    if file.suffix.lower() in (".csv", ".tsv", ".txt"):
        return True
    return file.read_bytes().lstrip()[:1] == b"["


def _fail(message: str) -> None:
    from rich.console import Console

    Console(stderr=True).print(f"[bold red]error:[/] {message}", highlight=False, markup=True)
    raise typer.Exit(2)


_STYLE = {"clear": "green", "review": "yellow", "block": "bold red", "note": "dim"}


def _print(results: list) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    for r in results:
        style = _STYLE[r.decision]
        console.print(f"[bold]{escape(r.id)}[/]: [{style}]{r.decision.upper()}[/]")
        if r.reasons:
            table = Table(show_header=True, expand=True)
            table.add_column("outcome", no_wrap=True)
            table.add_column("rule", no_wrap=True)
            table.add_column("reason")
            for reason in r.reasons:
                table.add_row(
                    f"[{_STYLE[reason.outcome]}]{reason.outcome}[/]",
                    reason.rule,
                    escape(reason.text),
                )
            console.print(table)
        console.print(
            f"rules {r.rules_version}, dataset {r.dataset_version or 'none'}", style="dim"
        )
