"""``embargo serve`` and ``embargo keys …``: thin CLI over the API package.

Heavy imports (FastAPI, uvicorn) stay inside the functions so ``embargo check`` starts fast.
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

keys_app = typer.Typer(
    help="API keys for `embargo serve`: create, list, revoke.", no_args_is_help=True
)


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    workers: Annotated[
        int, typer.Option(help="Worker processes (each loads the dataset; ~1 per core).")
    ] = 1,
    no_auth: Annotated[
        bool,
        typer.Option("--no-auth", help="No API keys (local use only; or EMBARGO_API_AUTH=off)."),
    ] = False,
    access_log: Annotated[bool, typer.Option(help="Log every request.")] = True,
) -> None:
    """Serve the screening HTTP API (yente-compatible /match, /search, /entities, /catalog)."""
    import uvicorn

    from embargo.api.config import ApiConfig
    from embargo.api.keys import KeyStore, KeyStoreError

    if no_auth:
        os.environ["EMBARGO_API_AUTH"] = "off"
    try:
        config = ApiConfig.from_env()
    except ValueError as exc:
        _fail(str(exc))
    if config.auth:
        try:
            if not KeyStore(config.keys_path).has_active():
                typer.echo(
                    f"warning: no active API key in {config.keys_path}; every request but "
                    "/healthz and /readyz will get 401. Create one: embargo keys create NAME",
                    err=True,
                )
        except KeyStoreError as exc:
            _fail(str(exc))
    elif host not in ("127.0.0.1", "::1", "localhost"):
        typer.echo(f"warning: authentication is off and the API listens on {host}", err=True)
    uvicorn.run(
        "embargo.api.app:create_app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=access_log,
        log_level="info",
    )


@keys_app.command("create")
def keys_create(
    name: Annotated[str, typer.Argument(help="Who or what uses the key.")],
    rate: Annotated[
        float | None, typer.Option(help="Queries per second (default: EMBARGO_API_RATE).")
    ] = None,
    burst: Annotated[
        int | None, typer.Option(help="Queries at once (default: EMBARGO_API_BURST).")
    ] = None,
) -> None:
    """Create a key; its secret is printed once, only a hash of it is kept."""
    from embargo.api.config import ApiConfig
    from embargo.api.keys import KeyStore, KeyStoreError

    store = KeyStore(ApiConfig.from_env().keys_path)
    try:
        secret, key = store.create(name, rate=rate, burst=burst)
    except KeyStoreError as exc:
        _fail(str(exc))
    typer.echo(f"created key {key.id} ({key.name}) in {store.path}", err=True)
    typer.echo("the secret below is shown only now; send it as 'Authorization: Bearer …'", err=True)
    typer.echo(secret)


@keys_app.command("list")
def keys_list(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Every key with its id, name, creation and revocation time (never the secret)."""
    import orjson

    from embargo.api.config import ApiConfig
    from embargo.api.keys import KeyStore, KeyStoreError

    try:
        keys = KeyStore(ApiConfig.from_env().keys_path).list()
    except KeyStoreError as exc:
        _fail(str(exc))
    if as_json:
        typer.echo(orjson.dumps([k.public() for k in keys], option=orjson.OPT_INDENT_2).decode())
        return
    if not keys:
        typer.echo("no API keys; create one with: embargo keys create NAME")
        return
    for k in keys:
        state = f"revoked {k.revoked_at}" if k.revoked_at else "active"
        limits = f"rate {k.rate:g}/s" if k.rate else "default rate"
        typer.echo(f"{k.id}  {k.prefix}…  {k.name}  created {k.created_at}  {state}  {limits}")


@keys_app.command("revoke")
def keys_revoke(key_id: Annotated[str, typer.Argument(help="The id `embargo keys list` shows.")]):
    """Revoke a key; running servers refuse it from their next request on."""
    from embargo.api.config import ApiConfig
    from embargo.api.keys import KeyStore, KeyStoreError

    try:
        key = KeyStore(ApiConfig.from_env().keys_path).revoke(key_id)
    except KeyStoreError as exc:
        _fail(str(exc))
    typer.echo(f"revoked key {key.id} ({key.name}) at {key.revoked_at}")
