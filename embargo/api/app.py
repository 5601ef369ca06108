"""The FastAPI application: routes over the live dataset, shaped like yente's API.

``create_app()`` reads its configuration from the environment (what ``embargo serve`` sets up
for every uvicorn worker); tests pass an :class:`ApiConfig` and may share one loaded
:class:`LiveDataset` between apps.
"""

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Annotated, Any

import anyio.to_thread
import orjson
from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response

from embargo.api.auth import Caller, Guard
from embargo.api.config import ApiConfig
from embargo.api.limits import BodyLimitMiddleware
from embargo.api.links import entity_response, nested_entity
from embargo.api.live import LiveDataset, LoadedDataset, start_gc_maintenance
from embargo.api.models import (
    AlgorithmResponse,
    DataCatalogModel,
    EntityMatchQuery,
    EntityMatchResponse,
    EntityResponse,
    ErrorResponse,
    ReadyResponse,
    SearchResponse,
    StatusResponse,
)
from embargo.api.query import QueryError, mapping, parse_example
from embargo.api.responses import (
    COUNTRY_PROPS,
    algorithm_names,
    facets,
    feature_docs,
    group_table,
    hit_lists,
    matcher_table,
    resolve_lists,
    scored_result,
)
from embargo.match.engine import Hit, UnreadableName
from embargo.match.weights import THRESHOLD
from embargo.shipment import Shipment, ShipmentError, ShipmentResult, screen_shipment
from embargo.shipment.rules import RulesError

log = logging.getLogger("embargo.api")

CANDIDATES = 1000  # most hits asked of the matcher for one query (when filters leave too few)
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "A query that cannot be screened"},
    401: {"model": ErrorResponse, "description": "Missing, invalid or revoked API key"},
    404: {"model": ErrorResponse, "description": "Unknown dataset or entity"},
    413: {"model": ErrorResponse, "description": "Request body over the size limit"},
    429: {"model": ErrorResponse, "description": "Rate limit of the API key exceeded"},
    503: {"model": ErrorResponse, "description": "No dataset loaded yet"},
}
DESCRIPTION = """\
Screen parties against sanctions and export-control lists. The matching endpoint takes and
returns the same bodies as [yente](https://github.com/opensanctions/yente), so its clients work
unchanged; every result also carries embargo's `explanation` of its score.

Authenticate with `Authorization: Bearer <key>` or `X-API-Key: <key>` (keys come from
`embargo keys create NAME`). `/healthz`, `/readyz` and these docs are open.
"""


def top_hits(
    check: Callable[[int], list[Hit]],
    keep: Callable[[Hit], bool],
    wanted: int,
    floor: float,
    filtered: bool,
) -> tuple[list[Hit], dict[str, Any]]:
    """The best ``wanted`` hits at or above ``floor`` that ``keep`` accepts, and yente's total.

    The matcher explains every hit it returns, so it is asked for only as many as needed:
    ``wanted`` when nothing is filtered out, a few times more when lists or ids are, and all
    candidates only if that still left too few. ``total`` is exact (``eq``) when the matcher
    ran out of hits above the floor, else a lower bound (``gte``).
    """
    ask = wanted * 5 + 20 if filtered else wanted
    while True:
        hits = check(ask)
        above = [h for h in hits if h.score >= floor]
        exhausted = len(hits) < ask or len(above) < len(hits)
        kept = [h for h in above if keep(h)]
        if len(kept) >= wanted or exhausted or ask >= CANDIDATES:
            break
        ask = CANDIDATES
    total = {"value": len(kept), "relation": "eq" if exhausted else "gte"}
    return kept[:wanted], total


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        orjson.dumps(data), status_code=status, media_type="application/json", headers=headers
    )


def create_app(config: ApiConfig | None = None, live: LiveDataset | None = None) -> FastAPI:
    """The app over ``config.home``; ``live`` lets several apps share one loaded dataset."""
    config = config or ApiConfig.from_env()
    live = live or LiveDataset(config.home, config.reload_interval)
    guard = Guard(config)
    auth = guard.dependency()
    table = matcher_table()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        start_gc_maintenance()
        # Route handlers run on anyio's worker threads (40 by default).
        anyio.to_thread.current_default_thread_limiter().total_tokens = config.threads
        live.check()
        yield

    app = FastAPI(
        title="embargo screening API",
        version="1",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.config = config
    app.state.live = live
    app.state.guard = guard
    app.add_middleware(BodyLimitMiddleware, max_bytes=config.max_body)
    if config.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=config.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "X-API-Key", "Content-Type"],
        )

    @app.exception_handler(QueryError)
    @app.exception_handler(UnreadableName)
    async def query_error(request: Request, exc: ValueError) -> Response:
        return _json({"detail": str(exc)}, 400)

    def loaded() -> LoadedDataset:
        current = live.current()
        if current is None:
            raise HTTPException(
                503,
                detail=f"no dataset loaded yet from {config.home}"
                + (f" ({live.error})" if live.error else "; run `embargo update` first"),
                headers={"Retry-After": "5"},
            )
        return current

    def lists_for(current: LoadedDataset, dataset: str) -> list[str]:
        available = list(current.version.sources)
        lists = resolve_lists(dataset, available)
        if lists is None:
            raise HTTPException(
                404,
                detail=f"unknown dataset {dataset!r}; lists: {', '.join(available)}; "
                f"groups: {', '.join(group_table())}",
            )
        return lists

    # -- system ------------------------------------------------------------------------------

    @app.get("/healthz", tags=["System information"], response_model=StatusResponse)
    async def healthz() -> Response:
        """The process answers. Needs no key."""
        return _json({"status": "ok"})

    @app.get(
        "/readyz",
        tags=["System information"],
        response_model=ReadyResponse,
        responses={503: {"model": ErrorResponse, "description": "No dataset loaded yet"}},
    )
    async def readyz() -> Response:
        """Ready once a dataset version is loaded. Needs no key."""
        current = live.current()
        if current is None:
            state = "loading" if live.loading else (live.error or "run `embargo update` first")
            return _json(
                {"detail": f"no dataset loaded yet from {config.home}: {state}"},
                503,
            )
        return _json({"status": "ok", "version": current.version.version, "loading": live.loading})

    @app.get("/catalog", tags=["Data access"], response_model=DataCatalogModel, responses=ERRORS)
    def catalog(caller: Annotated[Caller, Depends(auth)]) -> Response:
        """The lists in the version being served, with their dates, and the dataset groups."""
        current = loaded()
        manifest = current.manifest
        version = current.version.version
        entries = []
        for name, source in manifest["sources"].items():
            entries.append(
                {
                    "name": name,
                    "title": source.get("title") or name,
                    "load": True,
                    "version": version,
                    "index_version": version,
                    "index_current": True,
                    "children": [],
                    "published": source.get("published"),
                    "fetched_at": source.get("fetched_at"),
                    "status": source.get("status"),
                    "entity_count": source.get("entities", 0),
                    "by_schema": source.get("by_schema", {}),
                }
            )
        counts = {e["name"]: e["entity_count"] for e in entries}
        for name, group in group_table().items():
            children = resolve_lists(name, list(manifest["sources"])) or []
            entries.append(
                {
                    "name": name,
                    "title": group["title"],
                    "load": False,
                    "version": version,
                    "index_version": version,
                    "index_current": True,
                    "children": children,
                    "published": None,
                    "fetched_at": None,
                    "status": None,
                    "entity_count": sum(counts[c] for c in children),
                    "by_schema": {},
                }
            )
        return _json(
            {
                "datasets": entries,
                "current": [e["name"] for e in entries],
                "outdated": [],
                "index_stale": False,
                "version": version,
                "created_at": manifest.get("created_at"),
            }
        )

    @app.get("/algorithms", tags=["Matching"], response_model=AlgorithmResponse, responses=ERRORS)
    def algorithms(caller: Annotated[Caller, Depends(auth)]) -> Response:
        """The matcher and its features (yente's algorithm names are accepted as aliases)."""
        docs = feature_docs()
        algos = [
            {"name": name, "description": text, "features": docs}
            for name, text in table["algorithms"].items()
        ]
        algos += [
            {"name": alias, "description": f"Alias of {table['default']}.", "features": docs}
            for alias in table["aliases"]
        ]
        return _json({"algorithms": algos, "default": table["default"], "best": table["default"]})

    # -- matching ----------------------------------------------------------------------------

    @app.post(
        "/match/{dataset}",
        tags=["Matching"],
        response_model=EntityMatchResponse,
        responses=ERRORS,
    )
    def match(
        *,
        body: EntityMatchQuery,
        dataset: Annotated[
            str,
            Path(description="A list (us_ofac_sdn, custom:NAME) or a group (default, sanctions…)"),
        ],
        limit: Annotated[int, Query(ge=1, le=100, description="Results per query")] = 5,
        threshold: Annotated[
            float, Query(ge=0.0, le=1.0, description="Score of a match")
        ] = THRESHOLD,
        cutoff: Annotated[
            float | None,
            Query(ge=0.0, le=1.0, description="Lowest score returned at all (at most threshold)"),
        ] = None,
        algorithm: Annotated[str, Query(description="embargo, or a yente name")] = table["default"],
        include_dataset: Annotated[
            list[str] | None, Query(description="Only results on these lists")
        ] = None,
        exclude_dataset: Annotated[
            list[str] | None, Query(description="No results on these lists")
        ] = None,
        exclude_schema: Annotated[
            list[str] | None, Query(description="No results of these schemata")
        ] = None,
        exclude_entity_ids: Annotated[
            list[str] | None, Query(max_length=50, description="Skip these ids")
        ] = None,
        caller: Annotated[Caller, Depends(auth)],
    ) -> Response:
        """Screen a batch of parties, each given as a FollowTheMoney entity, e.g.

        ```json
        {"queries": {
          "entity1": {"schema": "Person", "properties": {
            "name": ["John Doe"], "birthDate": ["1975-04-21"], "nationality": ["us"]}},
          "entity2": {"schema": "Company", "properties": {
            "name": ["Brilliant Amazing Limited"], "jurisdiction": ["hk"],
            "registrationNumber": ["84BA99810"]}}
        }}
        ```

        Names come from `name`, `alias`, `previousName`, `weakAlias` and the name parts
        (`firstName` … `lastName`); birth dates from `birthDate`; countries from `nationality`,
        `country`, `citizenship`, `jurisdiction`; identifiers from `passportNumber`, `idNumber`,
        `registrationNumber`, `imoNumber`, `taxNumber`, `innCode`, `ogrnCode`, `leiCode`,
        `swiftBic` and more. Each query's answer is under its key in `responses`.
        """
        count = len(body.queries)
        if count > config.max_queries:
            raise RequestValidationError(
                [
                    {
                        "type": "too_long",
                        "loc": ("body", "queries"),
                        "msg": f"too many queries in one call: {count} (limit "
                        f"{config.max_queries}); split the batch",
                        "input": None,
                    }
                ]
            )
        if count == 0:
            raise HTTPException(400, detail="no queries given: send {'queries': {key: entity}}")
        if algorithm not in algorithm_names():
            raise HTTPException(
                400,
                detail=f"unknown algorithm {algorithm!r}; use {', '.join(algorithm_names())}",
            )
        guard.charge(caller, count - 1)
        current = loaded()
        lists = set(lists_for(current, dataset))
        parsed = [parse_example(key, example, config) for key, example in body.queries.items()]
        floor = min(cutoff if cutoff is not None else table["cutoff"], threshold)
        include, exclude = set(include_dataset or ()), set(exclude_dataset or ())
        skip_schema, skip_ids = set(exclude_schema or ()), set(exclude_entity_ids or ())

        filtered = bool(include or exclude or skip_schema or skip_ids) or lists != set(
            current.version.sources
        )

        def keep(hit: Hit) -> bool:
            on = hit_lists(hit)
            return (
                bool(on & lists)
                and (not include or bool(on & include))
                and not (on & exclude)
                and hit.schema not in skip_schema
                and hit.entity_id not in skip_ids
            )

        screener = current.screener
        responses = {}
        for item in parsed:
            kept, total = top_hits(
                lambda n, q=item.query: screener.check_query(q, threshold=threshold, limit=n),
                keep,
                limit,
                floor,
                filtered,
            )
            responses[item.key] = {
                "status": 200,
                "results": [scored_result(screener, h) for h in kept],
                "total": total,
                "query": item.echo,
            }
        return _json(
            {"responses": responses, "matcher": feature_docs(), "limit": limit},
            headers={
                "x-batch-size": str(len(responses)),
                "x-dataset-version": current.version.version,
            },
        )

    @app.get(
        "/search/{dataset}", tags=["Matching"], response_model=SearchResponse, responses=ERRORS
    )
    def search(
        *,
        dataset: Annotated[str, Path(description="A list or a group")],
        q: Annotated[str, Query(max_length=500, description="Name to look for")] = "",
        schema: Annotated[
            str, Query(description="Kind of party: Person, Company, Vessel…")
        ] = "Thing",
        countries: Annotated[
            list[str] | None, Query(description="Only results with these country codes")
        ] = None,
        datasets: Annotated[
            list[str] | None, Query(description="Only results on these lists")
        ] = None,
        limit: Annotated[int, Query(ge=0, le=100)] = 10,
        offset: Annotated[int, Query(ge=0, le=1000)] = 0,
        caller: Annotated[Caller, Depends(auth)],
    ) -> Response:
        """Parties whose names are like ``q``, best first (the matcher, not a text index)."""
        schemas = mapping()["schemas"]
        if schema not in schemas:
            raise HTTPException(400, detail=f"schema {schema!r}: use one of {', '.join(schemas)}")
        current = loaded()
        lists = set(lists_for(current, dataset))
        if datasets:
            lists &= set(datasets)
        screener = current.screener
        results: list[dict[str, Any]] = []
        total: dict[str, Any] = {"value": 0, "relation": "eq"}
        if q.strip():
            wanted = {c.lower() for c in countries or ()}

            def keep(hit: Hit) -> bool:
                if not hit_lists(hit) & lists:
                    return False
                if not wanted:
                    return True
                props = (screener.entity(hit.entity_id) or {}).get("properties", {})
                return bool({c for p in COUNTRY_PROPS for c in props.get(p, [])} & wanted)

            floor = table["cutoff"]
            kept, total = top_hits(
                lambda n: screener.check(q, schema=schemas[schema], threshold=floor, limit=n),
                keep,
                offset + limit,
                floor,
                bool(wanted) or lists != set(current.version.sources),
            )
            results = [scored_result(screener, h) for h in kept]
        titles = {n: s.get("title") or n for n, s in current.version.sources.items()}
        page = [
            {k: v for k, v in r.items() if k not in ("score", "features", "match", "explanation")}
            for r in results[offset : offset + limit]
        ]
        return _json(
            {
                "limit": limit,
                "offset": offset,
                "total": total,
                "results": page,
                "facets": facets(results, titles),
            }
        )

    @app.get(
        "/entities/{entity_id}",
        tags=["Data access"],
        response_model=EntityResponse,
        responses=ERRORS,
    )
    def fetch_entity(
        *,
        entity_id: Annotated[
            str, Path(description="Id of a listed party (or of a Sanction, link…)")
        ],
        nested: Annotated[bool, Query(description="Include the entities linked to it")] = True,
        caller: Annotated[Caller, Depends(auth)],
    ) -> Response:
        """One entity in full; with ``nested``, its Sanctions and links nested in its properties."""
        current = loaded()
        screener = current.screener
        data = screener.entity(entity_id)
        if data is None:
            raise HTTPException(404, detail=f"no entity {entity_id!r} in dataset version "
                                f"{current.version.version}")  # fmt: skip
        if not nested:
            return _json(entity_response(data))
        return _json(nested_entity(data, screener.entity, current.reverse_links()))

    @app.post(
        "/screen/shipment",
        tags=["Shipments"],
        response_model=ShipmentResult,
        responses=ERRORS,
    )
    def shipment(body: Shipment, caller: Annotated[Caller, Depends(auth)]) -> Response:
        """One shipment judged whole: its parties against the lists, its goods and its route.

        The decision (clear, review, block) comes with every reason and its source.
        """
        if len(body.parties) > config.max_queries:
            raise RequestValidationError(
                [
                    {
                        "type": "too_long",
                        "loc": ("body", "parties"),
                        "msg": f"too many parties in one shipment: {len(body.parties)} "
                        f"(limit {config.max_queries})",
                        "input": None,
                    }
                ]
            )
        guard.charge(caller, len(body.parties) - 1)
        current = loaded()
        try:
            result = screen_shipment(body, current.screener)
        except ShipmentError as exc:
            raise HTTPException(400, detail="; ".join(exc.messages)) from exc
        except RulesError as exc:
            log.error("shipment rules: %s", exc)
            raise HTTPException(503, detail=f"shipment rules cannot be used: {exc}") from exc
        return _json(result.to_dict(), headers={"x-dataset-version": current.version.version})

    from embargo.scan.router import scan_router

    app.include_router(scan_router(lambda: loaded().screener, [Depends(auth)]))

    return app


def create_app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory`` (each worker process builds its own app)."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(name)s: %(message)s")
    return create_app(ApiConfig.from_env())
