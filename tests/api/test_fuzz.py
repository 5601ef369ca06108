"""Property-based fuzzing from the app's own OpenAPI spec: whatever comes in, never a 500.

schemathesis generates valid and invalid requests for every operation (path and query values,
bodies, headers) and sends them through the ASGI app with a valid key; each response must not
be a server error and must match the schema the spec declares for its status. A second pass
points the generated queries at a real dataset and a screenable schema with a name, so the
fuzzed values travel all the way through query parsing and the matcher.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from embargo.api.query import mapping

MAX_EXAMPLES = 20  # per operation and pass; keeps the file well under a minute
SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture
def api_schema(make_client):
    return schemathesis.openapi.from_asgi("/openapi.json", make_client().app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@SETTINGS
def test_no_server_errors(case, api_key: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {api_key}"}, checks=CHECKS)


def _first_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return next((v for v in value if isinstance(v, str)), "x")
    return "x"


@schema.parametrize()
@SETTINGS
def test_no_server_errors_through_the_matcher(case, api_key: str) -> None:
    if case.path_parameters and "dataset" in case.path_parameters:
        case.path_parameters["dataset"] = "default"
    schemas = list(mapping()["schemas"])
    queries = case.body.get("queries") if isinstance(case.body, dict) else None
    if isinstance(queries, dict):
        for i, query in enumerate(queries.values()):
            if isinstance(query, dict) and isinstance(query.get("properties"), dict):
                query["schema"] = schemas[i % len(schemas)]
                props = query["properties"]
                props.setdefault("name", _first_text(next(iter(props.values()), "x")))
    case.call_and_validate(headers={"Authorization": f"Bearer {api_key}"}, checks=CHECKS)


@pytest.mark.parametrize("route", [{"places": False}, {"transit": False}, {"ports": 5}])
def test_shipment_wrong_types_are_422(client, route) -> None:
    """Found by the fuzzer on /screen/shipment: wrong types in a route are a 422, not a 500."""
    body = {"id": "0", "goods": [{"description": "bolts"}], "route": route}
    assert client.post("/screen/shipment", json=body).status_code == 422
