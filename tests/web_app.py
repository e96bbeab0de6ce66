"""The web app under test: a database seeded with the demo athlete, a fixed clock, and a
test client that connects from loopback like a browser on the same machine."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from litestar.testing import TestClient

from stridelift.methodologies import load_library
from stridelift.services.demo_data import DEMO_NAME, seed_demo
from stridelift.services.workspace import database_info, opened
from stridelift.web.app import create_app

# A Wednesday: the demo plan holds an easy run and strength Day B on it.
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
TODAY_URL = f"/a/{quote(DEMO_NAME)}/today"
PROGRESS_URL = f"/a/{quote(DEMO_NAME)}/progress"
API_URL = f"/api/v1/a/{quote(DEMO_NAME)}"


def seeded_db(folder: Path) -> str:
    """A SQLite database in ``folder`` holding the demo athlete as of NOW."""
    url = f"sqlite:///{folder / 'web.db'}"
    with opened(url) as store:
        seed_demo(store, NOW.date(), load_library(), now=NOW)
    return url


def row_counts(url: str) -> dict[str, int]:
    """Rows per table: what a request wrote, or did not."""
    return database_info(url).counts


class FromClient:
    """ASGI wrapper that makes every request come from ``host`` (the test client's own
    address, 'testclient', is no IP address and so no loopback)."""

    def __init__(self, app: Any, host: str = "127.0.0.1") -> None:
        self.app, self.host = app, host

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] in ("http", "websocket"):
            scope = {**scope, "client": (self.host, 50000)}
        await self.app(scope, receive, send)


@contextmanager
def client(url: str, host: str = "127.0.0.1") -> Iterator[TestClient[Any]]:
    """A test client of the app on ``url`` at NOW, its requests coming from ``host``."""
    app = create_app(url, clock=lambda: NOW)
    wrapped = FromClient(app, host)
    with TestClient(wrapped, base_url="http://127.0.0.1:8000") as test_client:  # type: ignore[arg-type]
        yield test_client


def csrf(test_client: TestClient[Any]) -> str:
    """The CSRF token a page's forms carry (the cookie set by any GET)."""
    test_client.get("/health")
    return str(test_client.cookies.get("csrftoken"))


# Runs recorded by a watch (days before NOW, km, elapsed seconds), for best efforts and
# race predictions: an old 10K, two 5Ks, a half marathon and a 12 km run; only the last
# was imported with the efforts found in its records (the others as before 0004).
RECORDED_RUNS = (
    (100, 10.0, 3000.0),
    (60, 5.0, 1440.0),
    (40, 21.1, 6540.0),
    (20, 5.0, 1380.0),
    (6, 12.0, 3660.0),
)
RECORDED_EFFORTS = {6: ((1000.0, 255.0), (1609.344, 415.0), (5000.0, 1410.0), (10000.0, 2990.0))}
DEMO_GOAL = "3:45:00"


def add_recorded_runs(url: str) -> None:
    """Give the demo athlete RECORDED_RUNS as imported FIT runs and a goal for their race."""
    from stridelift.domain.activity import Activity
    from stridelift.domain.efforts import Effort
    from stridelift.services.athletes import resolve_athlete

    with opened(url) as store, store.transaction() as repo:
        who = resolve_athlete(repo, DEMO_NAME)
        for days, km, seconds in RECORDED_RUNS:
            start = (NOW - timedelta(days=days)).replace(hour=7)
            efforts = tuple(Effort(m, t, 0.0) for m, t in RECORDED_EFFORTS.get(days, ()))
            run = Activity(start, "running", seconds, distance_m=km * 1000.0, source="fit",
                           name=f"Morning run {km:g} km", efforts=efforts)  # fmt: skip
            repo.add_activity(who.id, run, NOW)
        text = who.profile_text.replace(
            f'# goal_time = "{DEMO_GOAL}"', f'goal_time = "{DEMO_GOAL}"'
        )
        assert text != who.profile_text, "the demo profile has no commented goal_time line"
        repo.update_athlete(who.id, who.name, text, NOW)
