"""Request and response bodies, shaped like yente's so its clients work unchanged.

Field names, nesting and defaults follow yente's ``data/common.py`` (EntityExample,
EntityMatchQuery, EntityMatches, EntityMatchResponse, SearchResponse, …); embargo adds an
``explanation`` to every scored result.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ErrorResponse(BaseModel):
    detail: Any = Field(..., examples=["request body too large: 52428800 bytes (limit 1048576)"])


class StatusResponse(BaseModel):
    status: str = "ok"


class ReadyResponse(StatusResponse):
    version: str | None = None
    loading: bool = False


class EntityExample(BaseModel):
    """One party to screen, as a FollowTheMoney entity with loose property values."""

    model_config = ConfigDict(populate_by_name=True)

    id: str | None = Field(None, examples=["my-entity-id"])
    schema_: str = Field(..., alias="schema", examples=["Person"])
    properties: dict[str, str | list[Any]] = Field(
        ..., examples=[{"name": ["John Doe"], "birthDate": ["1975-04-21"], "nationality": ["us"]}]
    )


class EntityMatchQuery(BaseModel):
    """yente's match request: named queries; ``weights`` and ``config`` are accepted, unused."""

    weights: dict[str, float] = Field({}, examples=[{}])
    config: dict[str, Any] = Field({}, examples=[{}])
    queries: dict[str, EntityExample]


class EntityResponse(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    id: str = Field(..., examples=["us-ofac-sdn-36"])
    caption: str = Field(..., examples=["AEROCARIBBEAN AIRLINES"])
    schema_: str = Field(..., alias="schema", examples=["Organization"])
    properties: dict[str, list[str | EntityResponse]] = Field(
        ..., examples=[{"name": ["AEROCARIBBEAN AIRLINES"], "country": ["cu"]}]
    )
    datasets: list[str] = Field([], examples=[["us_ofac_sdn"]])
    referents: list[str] = Field([], examples=[[]])
    target: bool = False
    first_seen: str | None = None
    last_seen: str | None = None
    last_change: str | None = None


class ScoredEntityResponse(EntityResponse):
    score: float = Field(..., examples=[0.93])
    features: dict[str, float] = Field(..., examples=[{"name": 0.93, "birth_date": 0.04}])
    match: bool = False
    explanation: dict[str, Any] = Field(
        {}, description="Why this score: the aligned words of the best name, and each fact."
    )


class TotalSpec(BaseModel):
    value: int = Field(..., examples=[3])
    relation: str = Field("eq", examples=["eq"])


class EntityMatches(BaseModel):
    status: int = Field(200, examples=[200])
    results: list[ScoredEntityResponse]
    total: TotalSpec
    query: EntityExample


class FeatureDoc(BaseModel):
    description: str | None = None
    coefficient: float
    url: str


class EntityMatchResponse(BaseModel):
    responses: dict[str, EntityMatches]
    matcher: dict[str, FeatureDoc]
    limit: int = Field(..., examples=[5])


class SearchFacetItem(BaseModel):
    name: str
    label: str
    count: int = 1


class SearchFacet(BaseModel):
    label: str
    values: list[SearchFacetItem]


class SearchResponse(BaseModel):
    limit: int = Field(..., examples=[10])
    offset: int = Field(0, examples=[0])
    total: TotalSpec
    results: list[EntityResponse]
    facets: dict[str, SearchFacet]


class DatasetModel(BaseModel):
    name: str
    title: str
    summary: str | None = None
    url: str | None = None
    load: bool = True
    entities_url: str | None = None
    version: str
    index_version: str | None = None
    index_current: bool = True
    children: list[str] = []
    published: str | None = None
    fetched_at: str | None = None
    status: str | None = None
    entity_count: int = 0
    by_schema: dict[str, int] = {}


class DataCatalogModel(BaseModel):
    datasets: list[DatasetModel]
    current: list[str]
    outdated: list[str]
    index_stale: bool = False
    version: str = Field(..., description="The dataset version being served.")
    created_at: str | None = None


class Algorithm(BaseModel):
    name: str
    description: str | None = None
    features: dict[str, FeatureDoc]


class AlgorithmResponse(BaseModel):
    algorithms: list[Algorithm]
    default: str
    best: str
