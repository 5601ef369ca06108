"""Scan fixtures: the seed article (read from ../shared/seed, never copied) and a web page
wrapping it in the boilerplate a news site adds."""

from __future__ import annotations

import html
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

SPAM = ("Ethermac Exchange", "Algosensey Quantitative Think Tank Center View")


@pytest.fixture(scope="session")
def seed_page(shared_dir: Path) -> str:
    path = shared_dir / "seed" / "news_article.txt"
    if not path.is_file():
        pytest.fail(f"seed article not found at {path}")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def story(seed_page: str) -> list[str]:
    """The article's own paragraphs: after the date line, up to the tag list."""
    lines = [line for line in seed_page.splitlines() if line.strip()]
    first = next(i for i, line in enumerate(lines) if line.startswith("Date:")) + 1
    return lines[first : lines.index("- In:")]


@pytest.fixture(scope="session")
def headlines(seed_page: str) -> list[str]:
    """The unrelated headlines listed under Related, Ranking and Recommendation."""
    lines = [line.strip() for line in seed_page.splitlines() if line.strip()]
    out = []
    for line in lines[lines.index("Related") + 1 :]:
        if line not in ("Ranking", "Recommendation"):
            out.append(line.removeprefix("- "))
    return out


@pytest.fixture(scope="session")
def scanner(screener):
    from embargo.scan import Scanner

    return Scanner(screener)


def news_page(title: str, paragraphs: list[str], related: list[str]) -> str:
    """A page as a news site serves it: navigation, the story, related links, a footer."""
    esc = html.escape
    nav = "".join(
        f'<li><a href="/{s.lower()}">{s}</a></li>' for s in ("Home", "Markets", "World", "Tech")
    )
    body = "".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    links = "".join(f'<li><a href="/story/{i}">{esc(h)}</a></li>' for i, h in enumerate(related))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(title)} - Dynamic Money Growth</title>
</head><body>
<header><nav class="site-nav"><ul>{nav}</ul></nav>
<div class="breadcrumb"><a href="/">Home</a> &gt; <a href="/markets">Markets</a></div></header>
<main><article><h1>{esc(title)}</h1><p class="byline">By Staff Writer, 2025-04-09</p>
{body}</article>
<aside class="related"><h2>Related</h2><ul>{links}</ul></aside></main>
<footer><p>Subscribe to our newsletter for daily market news and analysis.</p>
<p>&copy; 2025 Dynamic Money Growth. All rights reserved.</p>
<ul><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li></ul></footer>
</body></html>"""


@pytest.fixture(scope="session")
def article_title(seed_page: str) -> str:
    """The headline as the page gives it, injected brand name and all."""
    return seed_page.splitlines()[1]


@pytest.fixture
def served(
    tmp_path: Path, story: list[str], headlines: list[str], article_title: str
) -> Iterator[str]:
    """The article as HTML on a local http.server; yields its URL."""
    (tmp_path / "article.html").write_text(
        news_page(article_title, story, headlines), encoding="utf-8"
    )
    handler = partial(_QuietHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/article.html"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass
