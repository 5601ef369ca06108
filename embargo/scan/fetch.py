"""Where a scanned document comes from: a file, standard input, or a URL fetched with httpx."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 20_000_000  # a news page is well under a megabyte; refuse to read a huge file
TIMEOUT = 20.0
USER_AGENT = "embargo-scan/1 (+https://github.com/embargo; sanctions screening of news)"


class SourceError(ValueError):
    """The document cannot be read; the message names it and says why."""


@dataclass(frozen=True)
class Document:
    raw: str
    source: str  # the path, URL or "-"
    url: str | None = None  # set when fetched: trafilatura uses it to resolve the page
    html: bool | None = None  # what the server said it is (None: decide from the content)


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def read_source(source: str, *, timeout: float = TIMEOUT) -> Document:
    """``source`` is a file path, ``-`` for standard input, or an http(s) URL."""
    if source == "-":
        return Document(_decode(sys.stdin.buffer.read(MAX_BYTES + 1), "standard input"), "-")
    if is_url(source):
        return _fetch(source, timeout)
    path = Path(source)
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise SourceError(f"{source}: {exc.strerror or exc}") from exc
    return Document(_decode(data, source), source)


def _decode(data: bytes, where: str) -> str:
    if len(data) > MAX_BYTES:
        raise SourceError(f"{where}: larger than {MAX_BYTES // 1_000_000} MB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"{where}: not UTF-8 text (byte {exc.start}); convert it to UTF-8 first"
        ) from None


def _fetch(url: str, timeout: float) -> Document:
    import httpx

    try:
        with httpx.stream(
            "GET",
            url,
            follow_redirects=True,
            timeout=timeout,
            headers={"User-Agent": USER_AGENT, "Accept": "text/html,text/plain;q=0.9,*/*;q=0.5"},
        ) as response:
            if response.status_code >= 400:
                raise SourceError(f"{url}: HTTP {response.status_code} {response.reason_phrase}")
            chunks = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_BYTES:
                    raise SourceError(f"{url}: larger than {MAX_BYTES // 1_000_000} MB")
                chunks.append(chunk)
            content_type = response.headers.get("content-type", "").lower()
            encoding = response.charset_encoding or "utf-8"
            final_url = str(response.url)
    except httpx.HTTPError as exc:
        raise SourceError(f"{url}: {exc}") from exc
    data = b"".join(chunks)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        text = data.decode("utf-8", errors="replace")
    html = True if "html" in content_type else False if "text/plain" in content_type else None
    return Document(text, url, final_url, html)
