"""``POST /scan`` on a FastAPI app that mounts the scan router."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from embargo.scan.router import scan_router

from .conftest import news_page

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client(screener) -> TestClient:
    app = FastAPI()
    app.include_router(scan_router(lambda: screener))
    return TestClient(app)


def test_scan_an_html_page(client, story, headlines, article_title) -> None:
    page = news_page(article_title, story, headlines)
    response = client.post("/scan", json={"text": page, "url": "https://example.org/a"})
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["extraction"] == "trafilatura" and data["source"] == "https://example.org/a"
    assert response.headers["x-dataset-version"] == data["dataset_version"]
    zone = next(m for m in data["mentions"] if m["kind"] == "entity" and "Alabuga" in m["text"])
    assert "us-ofac-sdn-45708" in {h["entity_id"] for h in zone["hits"]}
    for m in data["mentions"]:
        assert data["text"][m["start"] : m["end"]] == m["text"]


def test_forced_text_format(client) -> None:
    response = client.post("/scan", json={"text": "<p>Sanctions on Iran</p>", "format": "text"})
    assert response.status_code == 200
    data = response.json()
    assert data["extraction"] == "plain-text rules" and data["text"].startswith("<p>")
    assert [m["text"] for m in data["mentions"]] == ["Iran"]


def test_empty_text_is_refused(client) -> None:
    assert client.post("/scan", json={"text": ""}).status_code == 422
    assert client.post("/scan", json={"text": "x", "format": "pdf"}).status_code == 422
