"""``embargo web``: serve the review UI."""

from __future__ import annotations

from typing import Annotated

import typer


def web(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8080,
) -> None:
    """Serve the review UI: alert queue, side-by-side review, decisions, list status."""
    import uvicorn

    from embargo.web.app import create_app

    uvicorn.run(create_app(), host=host, port=port, log_level="info", proxy_headers=False)
