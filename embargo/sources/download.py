"""Fetch a source's files from its publisher: conditional requests, retries, no partial files.

Each file is kept under ``downloads/<source>/<filename>`` with a ``.meta.json`` beside it holding
the ETag and Last-Modified the server gave, so the next run asks "changed since?" and a 304 keeps
the file it has. A body shorter than its Content-Length, a 5xx or a dropped connection is retried
with back-off; what finally fails raises :class:`DownloadError` and leaves the old file in place.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import orjson

from embargo.sources.base import Download

USER_AGENT = "embargo-screening/0.1 (+https://github.com/embargo)"
RETRY_STATUS = {429, 500, 502, 503, 504}


class DownloadError(Exception):
    """A file that could not be fetched after all retries."""


@dataclass
class FetchResult:
    filename: str
    status: str  # "downloaded", "not-modified", "skipped"
    size: int


def mirror_url(download: Download, source: str, mirror: str | None) -> str:
    """The publisher's address, or ``<mirror>/<source>/<filename>`` when a mirror is set."""
    if not mirror:
        return download.url
    return f"{mirror.rstrip('/')}/{source}/{download.filename}"


def fetch_file(
    client: httpx.Client,
    url: str,
    dest: Path,
    *,
    retries: int = 3,
    backoff: float = 0.5,
    on_progress: Callable[[int, int | None], None] | None = None,
) -> FetchResult:
    """Download ``url`` to ``dest`` unless the server says it has not changed."""
    meta_path = dest.with_name(dest.name + ".meta.json")
    headers = {"User-Agent": USER_AGENT}
    if dest.exists() and meta_path.exists():
        meta = orjson.loads(meta_path.read_bytes())
        if meta.get("etag"):
            headers["If-None-Match"] = meta["etag"]
        if meta.get("last_modified"):
            headers["If-Modified-Since"] = meta["last_modified"]
    last_error = ""
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(backoff * (2 ** (attempt - 1)))
        try:
            return _attempt(client, url, dest, meta_path, headers, on_progress)
        except _Retryable as exc:
            last_error = str(exc)
        except httpx.TransportError as exc:
            last_error = f"{type(exc).__name__}: {exc}"
    raise DownloadError(f"{url}: failed after {retries + 1} attempts: {last_error}")


class _Retryable(Exception):
    pass


def _attempt(
    client: httpx.Client,
    url: str,
    dest: Path,
    meta_path: Path,
    headers: dict[str, str],
    on_progress: Callable[[int, int | None], None] | None,
) -> FetchResult:
    part = dest.with_name(dest.name + ".part")
    try:
        return _stream(client, url, dest, part, meta_path, headers, on_progress)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def _stream(
    client: httpx.Client,
    url: str,
    dest: Path,
    part: Path,
    meta_path: Path,
    headers: dict[str, str],
    on_progress: Callable[[int, int | None], None] | None,
) -> FetchResult:
    with client.stream("GET", url, headers=headers) as response:
        if response.status_code == 304:
            return FetchResult(dest.name, "not-modified", dest.stat().st_size)
        if response.status_code in RETRY_STATUS:
            raise _Retryable(f"HTTP {response.status_code}")
        if response.status_code != 200:
            raise DownloadError(f"{url}: HTTP {response.status_code}")
        expected = response.headers.get("Content-Length")
        total = int(expected) if expected and expected.isdigit() else None
        size = 0
        with open(part, "wb") as fh:
            for chunk in response.iter_raw():
                fh.write(chunk)
                size += len(chunk)
                if on_progress:
                    on_progress(size, total)
            fh.flush()
            os.fsync(fh.fileno())
        if total is not None and size != total:
            part.unlink(missing_ok=True)
            raise _Retryable(f"truncated body: {size} of {total} bytes")
        if size == 0:
            part.unlink(missing_ok=True)
            raise _Retryable("empty body")
        os.replace(part, dest)
        meta = {
            "url": url,
            "etag": response.headers.get("ETag"),
            "last_modified": response.headers.get("Last-Modified"),
            "fetched_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "size": size,
        }
        meta_path.write_bytes(orjson.dumps(meta))
        return FetchResult(dest.name, "downloaded", size)


def fetch_source(
    source: str,
    downloads: list[Download],
    folder: Path,
    *,
    mirror: str | None = None,
    client: httpx.Client | None = None,
    retries: int = 3,
    backoff: float = 0.5,
    on_progress: Callable[[str, int, int | None], None] | None = None,
) -> list[FetchResult]:
    """Bring ``folder`` up to date with every file of one source.

    A required file that fails raises; an optional one (e.g. an XML edition next to the CSVs)
    is skipped so the source still parses from what it has.
    """
    folder.mkdir(parents=True, exist_ok=True)
    own = client is None
    client = client or httpx.Client(
        timeout=httpx.Timeout(60.0, connect=15.0), follow_redirects=True
    )
    results: list[FetchResult] = []
    try:
        for download in downloads:
            url = mirror_url(download, source, mirror)
            if urlsplit(url).scheme not in ("http", "https"):
                raise DownloadError(f"{url}: only http(s) addresses can be fetched")
            progress = None
            if on_progress:

                def progress(done: int, total: int | None, name: str = download.filename) -> None:
                    on_progress(name, done, total)

            try:
                results.append(
                    fetch_file(
                        client,
                        url,
                        folder / download.filename,
                        retries=retries,
                        backoff=backoff,
                        on_progress=progress,
                    )
                )
            except DownloadError:
                if download.required:
                    raise
                results.append(FetchResult(download.filename, "skipped", 0))
    finally:
        if own:
            client.close()
    return results
