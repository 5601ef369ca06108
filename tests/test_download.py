"""The download path against a real HTTP server on 127.0.0.1 serving the shared files."""

from __future__ import annotations

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from embargo.sources.base import Download
from embargo.sources.download import DownloadError, fetch_file, fetch_source


class _Server:
    """Serves ../shared/data/lists with ETags; behaviours are switched per path."""

    def __init__(self, root: Path):
        self.root = root
        self.fail_next: dict[str, int] = {}
        self.truncate: set[str] = set()
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                server.requests.append((self.path, dict(self.headers)))
                if server.fail_next.get(self.path, 0) > 0:
                    server.fail_next[self.path] -= 1
                    self.send_response(500)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                path = server.root / self.path.lstrip("/")
                if not path.is_file():
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = path.read_bytes()
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.path in server.truncate:
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    self.connection.close()
                    return
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> _Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture()
def server(lists_dir: Path):
    with _Server(lists_dir) as srv:
        yield srv


def test_200_then_304_keeps_file(server: _Server, tmp_path: Path, lists_dir: Path) -> None:
    url = f"{server.url}/us_bis_dpl/dpl.txt"
    dest = tmp_path / "dpl.txt"
    with httpx.Client() as client:
        first = fetch_file(client, url, dest, backoff=0.01)
        assert first.status == "downloaded"
        assert dest.read_bytes() == (lists_dir / "us_bis_dpl" / "dpl.txt").read_bytes()
        second = fetch_file(client, url, dest, backoff=0.01)
    assert second.status == "not-modified"
    assert "If-None-Match" in server.requests[-1][1] or "if-none-match" in {
        k.lower() for k in server.requests[-1][1]
    }
    assert dest.read_bytes() == (lists_dir / "us_bis_dpl" / "dpl.txt").read_bytes()


def test_500_is_retried_then_succeeds(server: _Server, tmp_path: Path) -> None:
    server.fail_next["/un_sc/consolidated.xml"] = 2
    with httpx.Client() as client:
        result = fetch_file(
            client, f"{server.url}/un_sc/consolidated.xml", tmp_path / "c.xml", backoff=0.01
        )
    assert result.status == "downloaded"
    assert len([p for p, _ in server.requests if p == "/un_sc/consolidated.xml"]) == 3


def test_persistent_500_fails_and_keeps_previous_file(server: _Server, tmp_path: Path) -> None:
    dest = tmp_path / "c.xml"
    dest.write_bytes(b"previous")
    server.fail_next["/un_sc/consolidated.xml"] = 99
    with httpx.Client() as client, pytest.raises(DownloadError, match="HTTP 500"):
        fetch_file(client, f"{server.url}/un_sc/consolidated.xml", dest, retries=2, backoff=0.01)
    assert dest.read_bytes() == b"previous"
    assert not list(tmp_path.glob("*.part"))


def test_truncated_body_is_refused(server: _Server, tmp_path: Path) -> None:
    server.truncate.add("/us_ofac_sdn/sdn.csv")
    dest = tmp_path / "sdn.csv"
    with httpx.Client() as client, pytest.raises(DownloadError):
        fetch_file(client, f"{server.url}/us_ofac_sdn/sdn.csv", dest, retries=1, backoff=0.01)
    assert not dest.exists()
    assert not list(tmp_path.glob("*.part"))


def test_fetch_source_through_mirror(server: _Server, tmp_path: Path) -> None:
    downloads = [
        Download("https://publisher.invalid/a/dpl.txt", "dpl.txt"),
        Download("https://publisher.invalid/a/optional.xml", "optional.xml", required=False),
    ]
    results = fetch_source(
        "us_bis_dpl", downloads, tmp_path / "dl", mirror=server.url, backoff=0.01, retries=0
    )
    assert [r.status for r in results] == ["downloaded", "skipped"]
    assert (tmp_path / "dl" / "dpl.txt").stat().st_size > 100_000
