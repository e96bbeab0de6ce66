"""`stridelift serve` as a real server: several worker processes share nothing in memory,
so whatever one signs (a CSRF token) another must accept, and so must the server after a
restart: the signing key lives in the database (services.server_secrets)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from tests.web_app import API_URL

STARTUP_S = 60.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_S
    while True:
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.2)


@contextmanager
def serving(db: str, workers: int) -> Iterator[str]:
    """`stridelift serve --workers N` on a free loopback port; its base URL."""
    port = _free_port()
    cmd = [sys.executable, "-m", "stridelift", "serve", "--port", str(port),
           "--workers", str(workers), "--db", db]  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    with subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as server:
        try:
            _wait_for(base, server)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=30)


def _token(base: str) -> str:
    return str(httpx.get(f"{base}/health").cookies["csrftoken"])


def _check_in(base: str, token: str) -> int:
    """A check-in with a bad value on a new connection: 422 once the CSRF token passed,
    403 if the process answering refused the token."""
    with httpx.Client(base_url=base, cookies={"csrftoken": token}) as c:
        answer = c.post(f"{API_URL}/checkin", json={"stress": 0},
                        headers={"x-csrftoken": token})  # fmt: skip
    return answer.status_code


def test_every_worker_accepts_the_csrf_token_another_worker_signed(db: str) -> None:
    with serving(db, workers=2) as base:
        token = _token(base)
        answers = [_check_in(base, token) for _ in range(24)]
    assert answers == [422] * 24


def test_a_form_served_before_a_restart_still_posts_after_it(db: str) -> None:
    with serving(db, workers=1) as base:
        token = _token(base)
    with serving(db, workers=1) as base:
        assert _check_in(base, token) == 422
