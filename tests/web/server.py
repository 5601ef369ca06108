"""A real ``embargo web`` process on 127.0.0.1, and an HTTP client logged in to it."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

CSRF = re.compile(r'name="csrf" value="([^"]+)"')
ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class WebProcess:
    """``python -m embargo web`` with the given home and database, started and stopped."""

    def __init__(self, home: Path, database_url: str, log: Path):
        self.home, self.database_url, self.log = home, database_url, log
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 60.0) -> WebProcess:
        env = {
            **os.environ,
            "EMBARGO_HOME": str(self.home),
            "EMBARGO_DATABASE_URL": self.database_url,
            "PYTHONPATH": str(ROOT),
        }
        env.pop("EMBARGO_FOUR_EYES", None)
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "embargo", "web", "--port", str(self.port)],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=ROOT,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"embargo web exited: {self.log.read_text()[-3000:]}")
            try:
                if httpx.get(self.url + "/login", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise TimeoutError(
            f"embargo web not ready after {timeout}s: {self.log.read_text()[-3000:]}"
        )

    def kill(self) -> None:
        """SIGKILL: no shutdown handler, no chance to finish anything."""
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    def login(self, user: str, password: str) -> tuple[httpx.Client, str]:
        """A client with a session cookie, and that session's CSRF token."""
        client = httpx.Client(base_url=self.url, timeout=30, follow_redirects=False)
        nonce = CSRF.search(client.get("/login").text).group(1)
        response = client.post(
            "/login", data={"username": user, "password": password, "csrf": nonce, "next": "/"}
        )
        assert response.status_code == 303 and response.headers["location"] == "/", response.text
        return client, CSRF.search(client.get("/").text).group(1)
