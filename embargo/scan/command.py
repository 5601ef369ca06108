"""``embargo scan FILE|URL|-``: listed parties, sanctioned jurisdictions and flagged places in a
news article."""

from __future__ import annotations

import sys
from typing import Annotated

import typer


def scan(
    source: Annotated[
        str, typer.Argument(help="An article: a file (HTML or text), an http(s) URL, or - (stdin).")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the full result as JSON.")] = False,
    html: Annotated[
        bool | None,
        typer.Option(
            "--html/--text",
            help="Read the document as HTML or as plain text (default: decide from it).",
        ),
    ] = None,
    no_parties: Annotated[
        bool,
        typer.Option("--no-parties", help="Jurisdictions and places only (no list dataset)."),
    ] = False,
) -> None:
    """Find listed parties, sanctioned jurisdictions and flagged places named in an article.

    The article's main text is extracted first (navigation and lists of other headlines
    dropped); every mention's start/end are character offsets into that text, which --json
    prints as "text". Exit code 1 when a listed party is named, 0 when none is, 2 on an error.
    """
    import orjson

    from embargo import settings
    from embargo.scan.fetch import SourceError, read_source
    from embargo.scan.places import ScanDataError
    from embargo.scan.scanner import Scanner
    from embargo.shipment.rules import RulesError

    try:
        document = read_source(source)
    except SourceError as exc:
        _fail(str(exc))
    from embargo.dataset.store import StoreError
    from embargo.screener import open_for_parties

    try:
        screener = open_for_parties(settings.home(), no_parties)
    except StoreError as exc:
        _fail(str(exc))
    try:
        scanner = Scanner(screener)
    except (RulesError, ScanDataError) as exc:
        _fail(str(exc))
    result = scanner.scan_document(
        document.raw,
        source=document.source,
        url=document.url,
        html=html if html is not None else document.html,
    )
    if as_json:
        sys.stdout.buffer.write(orjson.dumps(result.to_dict(), option=orjson.OPT_INDENT_2) + b"\n")
    else:
        _print(result)
    raise typer.Exit(1 if result.of_kind("entity") else 0)


def _fail(message: str) -> None:
    from rich.console import Console

    Console(stderr=True).print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(2)


def _print(result) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    console.print(
        f"{len(result.text)} characters of main text ({result.extraction}); "
        f"offsets are into that text (--json prints it)",
        highlight=False,
    )
    if not result.mentions:
        console.print("nothing found")
        return
    table = Table()
    for col in ("kind", "text", "start:end", "score", "what", "lists"):
        table.add_column(col)
    for m in result.mentions:
        if m.kind == "entity":
            what = m.hits[0].caption
            lists = ", ".join(f"{s['list']}:{s['ref']}" for h in m.hits for s in h.sources)
        elif m.kind == "jurisdiction":
            what = f"{m.details['name']} ({m.details['level']})"
            lists = ""
        else:
            what = f"{m.details['name']} ({m.details['kind']}, {m.details['precision']})"
            lists = ""
        table.add_row(m.kind, m.text, f"{m.start}:{m.end}", f"{m.score:.2f}", what, lists)
    console.print(table)
