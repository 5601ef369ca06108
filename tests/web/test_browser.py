"""End to end in a real headless Chromium (Playwright): log in, review, decide, CSRF refused.

Runs Debian's ``/usr/bin/chromium`` (``apt-get install -y chromium chromium-driver``); Playwright's
own browser downloads are never used. Saves its screenshots in a temporary folder, or under
``$EMBARGO_SCREENSHOTS`` to refresh the documentation's (``EMBARGO_SCREENSHOTS=docs/screenshots``):
a test run leaves the checkout as it found it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from embargo.cases.alerts import get_alert, history
from tests.web.server import WebProcess

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(
            f"{CHROMIUM} not found; install it: apt-get install -y chromium chromium-driver"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield instance
        instance.close()


@pytest.fixture
def server(review_db, dataset_home: Path, tmp_path: Path) -> Iterator[WebProcess]:
    db, _ids = review_db
    process = WebProcess(dataset_home, db.url, tmp_path / "web.log").start()
    yield process
    process.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    yield context.new_page()
    context.close()


def _login(page, server: WebProcess, user: str, password: str) -> None:
    page.goto(server.url + "/")
    assert "/login" in page.url
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", password)
    page.click("#login button[type=submit]")
    page.wait_for_selector("table.queue")


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("EMBARGO_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_log_in_review_decide_and_the_alert_leaves_the_queue(page, server, review_db, screenshots):
    db, ids = review_db
    _login(page, server, "alice", "alice-password")
    rows = page.locator("table.queue tbody tr")
    assert rows.count() == len(ids)
    assert "alice" in page.inner_text("header")
    page.screenshot(path=str(screenshots / "queue.png"), full_page=True)
    assert (screenshots / "queue.png").stat().st_size > 10_000

    target = ids[0]
    page.click(f"tr[data-alert='{target}'] td:nth-child(4) a")
    page.wait_for_selector("#decide")
    assert page.url.endswith(f"/alerts/{target}")
    sides = page.inner_text(".sides")
    assert "Screened record" in sides and "Listed party" in sides
    assert "Abdul Latif Mansoor" in sides
    assert page.locator("table.explain tbody tr").count() >= 2
    page.screenshot(path=str(screenshots / "alert.png"), full_page=True)

    page.fill("#decide textarea[name=reason]", "Birth year and nationality differ")
    page.click("#decide button[value=false_positive]")
    page.wait_for_selector(".notice")
    assert f"Alert #{target}" in page.inner_text(".notice")
    assert page.locator(f"tr[data-alert='{target}']").count() == 0
    assert page.locator("table.queue tbody tr").count() == len(ids) - 1
    with db.read() as session:
        assert get_alert(session, target).status == "false_positive"
        assert [d.user_name for d in history(session, target)] == ["alice"]


def _evil_site(action: str) -> ThreadingHTTPServer:
    """Another origin serving a page that auto-submits a decision to the review UI."""
    html = (
        f'<form id="f" method="post" action="{action}">'
        '<input name="decision" value="true_match"><input name="reason" value="forged">'
        '<input name="csrf" value="guessed"></form>'
        "<script>document.getElementById('f').submit()</script>"
    ).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args: object) -> None:
            pass

    site = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    return site


def test_forged_posts_are_refused(page, server, review_db):
    db, ids = review_db
    target = ids[1]
    _login(page, server, "alice", "alice-password")
    page.goto(f"{server.url}/alerts/{target}")
    status = page.evaluate(
        """async (url) => {
            const body = new URLSearchParams({decision: "true_match", reason: "forged",
                                              csrf: "not-the-session-token"});
            const r = await fetch(url, {method: "POST", body, redirect: "manual"});
            return r.status;
        }""",
        f"{server.url}/alerts/{target}/decide",
    )
    assert status == 403

    site = _evil_site(f"{server.url}/alerts/{target}/decide")
    try:
        page.goto(f"http://localhost:{site.server_address[1]}/")
        page.wait_for_load_state("networkidle")
        assert page.url.startswith(server.url)
        assert "/login" in page.url or "403" in page.content()
    finally:
        site.shutdown()
        site.server_close()
    with db.read() as session:
        assert get_alert(session, target).status == "open"
        assert history(session, target) == []
