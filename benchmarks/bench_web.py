"""Time the web app's pages and the stats API on a ten-year log, and weigh its front end.

Run: .venv/bin/python benchmarks/bench_web.py. Seeds a SQLite file with the demo athlete
(services/demo_data.py) over ten years: runs four days a week, two strength sessions
with their sets, a check-in every day, and the plan made from them; every run is then
marked as imported from a watch (source "fit"), so the Progress page's best efforts and
race predictions read all 2,080 of them. Then requests every page (Today, Plan,
Replan, Progress, Log, Export, Profile), the fragments htmx loads (a session's details,
the replan preview), the calendar API and ``GET /api/v1/a/{athlete}/stats`` (12 weeks,
and with the forecast) through Litestar's TestClient, REQUESTS times each after one
warm-up, and prints the median and 95th-percentile response times against TARGET_MS. Last, the total
gzipped size of every JS and CSS file the app serves (vendored and its own) against
TARGET_KB. Prints PASS or MISS per figure; exits 1 on any MISS.
"""

from __future__ import annotations

import gzip
import math
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from litestar.testing import TestClient

from stridelift.methodologies import load_library
from stridelift.services.demo_data import DEMO_NAME, seed_demo
from stridelift.services.workspace import database_info, opened
from stridelift.web.app import HERE as WEB_DIR
from stridelift.web.app import create_app

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
YEARS = 10
REQUESTS = 40
TARGET_MS = 200.0
TARGET_KB = 150.0
WHO = quote(DEMO_NAME)
HTMX = {"HX-Request": "true"}
SIX_WEEKS = "start=2026-11-30&end=2027-01-10"  # what the month view asks for
URLS = {  # name -> (method, path, extra headers): every page, and the fragments htmx loads
    "Today page": ("GET", f"/a/{WHO}/today", {}),
    "Plan page": ("GET", f"/a/{WHO}/plan", {}),
    "calendar API (6 weeks)": ("GET", f"/api/v1/a/{WHO}/calendar?{SIX_WEEKS}", {}),
    "session details (htmx)": ("GET", f"/a/{WHO}/plan/sessions/2026-12-08/2", HTMX),
    "Replan page": ("GET", f"/a/{WHO}/replan", {}),
    "Replan preview (htmx)": ("POST", f"/a/{WHO}/replan/preview", HTMX),
    "Progress page": ("GET", f"/a/{WHO}/progress", {}),
    "stats API (12 weeks)": ("GET", f"/api/v1/a/{WHO}/stats", {}),
    "stats API + forecast": ("GET", f"/api/v1/a/{WHO}/stats?forecast=true", {}),
    "Log page": ("GET", f"/a/{WHO}/log", {}),
    "Export page": ("GET", f"/a/{WHO}/export", {}),
    "Profile page": ("GET", f"/a/{WHO}/profile", {}),
}


class _Loopback:
    """Every request from 127.0.0.1 (the TestClient's own 'testclient' is no address,
    and the app serves loopback clients only)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            scope = {**scope, "client": ("127.0.0.1", 50000)}
        await self.app(scope, receive, send)


@contextmanager
def _client(url: str) -> Iterator[TestClient[Any]]:
    app = _Loopback(create_app(url, clock=lambda: NOW))
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:  # type: ignore[arg-type]
        yield client


def _seed(folder: Path) -> str:
    url = f"sqlite:///{folder / 'bench.db'}"
    began = time.perf_counter()
    with opened(url) as store:
        seed_demo(store, NOW.date(), load_library(), now=NOW, weeks=YEARS * 52)
    with sqlite3.connect(folder / "bench.db") as db:  # as if every run came from a watch
        db.execute("UPDATE activities SET source = 'fit' WHERE sport = 'running'")
    counts = database_info(url).counts
    print(
        f"seeded {YEARS} years in {time.perf_counter() - began:.1f} s: "
        f"{counts['activities']} activities, {counts['lift_sessions']} lift sessions, "
        f"{counts['strength_sets']} sets, {counts['checkins']} check-ins"
    )
    return url


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _times_ms(
    client: TestClient[Any], method: str, url: str, headers: dict[str, str]
) -> list[float]:
    """REQUESTS timings of one request after a warm-up (a POST with the CSRF token)."""
    if method == "POST":
        client.get("/health")  # sets the CSRF cookie
        headers = {**headers, "x-csrftoken": str(client.cookies.get("csrftoken"))}
    samples = []
    for i in range(REQUESTS + 1):
        began = time.perf_counter()
        response = client.request(method, url, headers=headers)
        if i:
            samples.append((time.perf_counter() - began) * 1000.0)
        if response.status_code != 200:
            raise SystemExit(f"{method} {url} answered {response.status_code}")
    return samples


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def _front_end_kb() -> tuple[float, list[tuple[str, float]]]:
    """Gzipped KB of every JS and CSS file under web/static, in total and per file."""
    files = sorted(p for p in (WEB_DIR / "static").rglob("*") if p.suffix in (".js", ".css"))
    sizes = [
        (str(p.relative_to(WEB_DIR)), len(gzip.compress(p.read_bytes(), 9)) / 1024) for p in files
    ]
    return sum(kb for _, kb in sizes), sizes


def main() -> int:
    """Print every figure with PASS or MISS; return 1 when any misses."""
    misses = 0
    with tempfile.TemporaryDirectory() as folder:
        url = _seed(Path(folder))
        with _client(url) as client:
            print(f"{'request':<24}{'median ms':>10}{'p95 ms':>10}  target {TARGET_MS:.0f} ms")
            for name, (method, path, headers) in URLS.items():
                samples = _times_ms(client, method, path, headers)
                p95 = _p95(samples)
                misses += p95 > TARGET_MS
                print(
                    f"{name:<24}{statistics.median(samples):>10.1f}{p95:>10.1f}  "
                    f"{_verdict(p95 <= TARGET_MS)}"
                )
    total, sizes = _front_end_kb()
    for name, kb in sizes:
        print(f"  {name:<44}{kb:>8.1f} KB gzipped")
    misses += total > TARGET_KB
    print(
        f"{'JS + CSS, gzipped':<24}{total:>10.1f} KB  target {TARGET_KB:.0f} KB  "
        f"{_verdict(total <= TARGET_KB)}"
    )
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
