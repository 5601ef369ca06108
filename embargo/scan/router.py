"""``POST /scan``: the news scan over HTTP, as a router the API app mounts.

    from embargo.scan.router import scan_router
    app.include_router(scan_router(lambda: loaded().screener, [Depends(auth)]))

The body carries the document itself (``text``, HTML or plain); the server does not fetch
URLs on a caller's behalf. One :class:`Scanner` is kept per loaded screener, so its memo
tables live as long as the dataset version does.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any, Literal

import orjson
from fastapi import APIRouter, HTTPException
from fastapi.responses import Response
from pydantic import BaseModel, Field

from embargo.scan.places import ScanDataError
from embargo.scan.scanner import OFFSETS_NOTE, Scanner
from embargo.screener import Screener
from embargo.shipment.rules import RulesError


class ScanRequest(BaseModel):
    text: str = Field(description="The article: an HTML page or plain text.", min_length=1)
    format: Literal["auto", "html", "text"] = Field(
        "auto", description="How to read `text` (auto: decide from its first lines)."
    )
    url: str | None = Field(None, description="Where the page came from (not fetched).")


class ScanMention(BaseModel):
    text: str
    start: int
    end: int
    kind: Literal["entity", "jurisdiction", "place"]
    score: float
    hits: list[dict[str, Any]] = Field(description="As in a check: entity_id, caption, sources…")
    jurisdiction: dict[str, Any] | None = None
    place: dict[str, Any] | None = None


class ScanResponse(BaseModel):
    source: str | None
    title: str | None
    extraction: str
    dataset_version: str | None
    offsets: str = Field(OFFSETS_NOTE)
    text: str
    mentions: list[ScanMention]


def scan_router(screener: Callable[[], Screener], dependencies: Sequence[Any] = ()) -> APIRouter:
    """A router with ``POST /scan``; ``screener()`` gives the current loaded screener."""
    router = APIRouter(tags=["News scanning"], dependencies=list(dependencies))
    lock = threading.Lock()
    scanners: dict[int, Scanner] = {}

    def scanner_for(current: Screener) -> Scanner:
        with lock:
            found = scanners.get(id(current))
            if found is None or found.screener is not current:
                try:
                    found = Scanner(current)
                except (RulesError, ScanDataError) as exc:
                    raise HTTPException(503, detail=f"scan rules cannot be used: {exc}") from exc
                scanners.clear()
                scanners[id(current)] = found
            return found

    @router.post("/scan", response_model=ScanResponse)
    def scan(body: ScanRequest) -> Response:
        """Listed parties, sanctioned jurisdictions and flagged places named in an article.

        Its main text is extracted first; each mention's ``start``/``end`` are character
        offsets into the returned ``text``.
        """
        current = screener()
        html = None if body.format == "auto" else body.format == "html"
        result = scanner_for(current).scan_document(
            body.text, source=body.url, url=body.url, html=html
        )
        return Response(
            orjson.dumps(result.to_dict()),
            media_type="application/json",
            headers={"x-dataset-version": current.version.version},
        )

    return router
