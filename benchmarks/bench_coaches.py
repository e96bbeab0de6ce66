"""Fifty coaches with thirty athletes each, on PostgreSQL: the roster, the board and an
athlete page under fifty concurrent clients.

Run: .venv/bin/python benchmarks/bench_coaches.py [--rounds N] [--think SECONDS]
(PostgreSQL at $STRIDELIFT_BENCH_POSTGRES_URL, default
postgresql://postgres@127.0.0.1:5432/postgres; the benchmark makes and drops a database
of its own, stridelift_bench_coaches, beside it). Without a server it says SKIP.

Seeding: the demo athlete (services/demo_data.py: eight weeks of runs, lifts with their
sets, daily check-ins, the plans made each Monday and today) is stored once through the
services, then copied 1,500 times by INSERT ... SELECT inside PostgreSQL, with variations
by athlete number: some runs left out (missed sessions), durations scaled 85-114%, every
tenth athlete a painful knee two days ago, every seventh one very sore yesterday, every
twenty-fifth a referral in its plan. Each copy keeps the demo's last two stored plans
(Monday's and today's). Fifty coaches are granted thirty athletes each (every fifth grant
edit, the rest view).

Serving: a real ``uvicorn`` with ``--workers 2`` (this module's ``app`` factory, the clock
fixed to the seeded day) on a free loopback port. Then fifty client threads (httpx), one
per coach, each signed in as its coach, browse ROUNDS rounds of the roster (``/coach``),
the board (``/coach/board``) and one of their athletes' Today page, pausing THINK seconds
(drawn from 0.5-1.5 x THINK; 0 for back-to-back requests) between pages as a person
reading would. Prints the median and 95th percentile per page and overall against
TARGET_MS, and the requests per second served. Exits 1 on a MISS.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from stridelift.methodologies import load_library
from stridelift.services import accounts
from stridelift.services.demo_data import DEMO_NAME, seed_demo
from stridelift.services.workspace import opened

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
TODAY = NOW.date()
COACHES = 50
PER_COACH = 30
ATHLETES = COACHES * PER_COACH
TARGET_MS = 300.0
WARM_VISITS = 6  # fresh connections per coach before timing: 1-(1/2)^5 of reaching both workers
DB_NAME = "stridelift_bench_coaches"
PASSWORD = "bench coach password"  # noqa: S105 - a made-up benchmark account
ROOT = Path(__file__).resolve().parent.parent
# Id offsets per copied table: athlete k's rows get id + k * STEP (the demo holds fewer).
STEP = {
    "activities": 1_000,
    "activity_efforts": 10_000,
    "lift_sessions": 1_000,
    "strength_sets": 10_000,
    "checkins": 1_000,
    "pain_reports": 1_000,
    "plan_snapshots": 100,
}


def _server_url() -> str:
    return os.environ.get(
        "STRIDELIFT_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
    )


def _bench_url() -> str:
    return make_url(_server_url()).set(database=DB_NAME).render_as_string(hide_password=False)


def _fresh_database() -> bool:
    """Drop and make the benchmark's database; False when no server answers."""
    admin = create_engine(_server_url(), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)"))
            conn.execute(text(f"CREATE DATABASE {DB_NAME}"))
    except Exception as exc:  # any failure to reach the server: skip
        print(f"SKIP: no PostgreSQL at {_server_url()} ({type(exc).__name__}: {exc})")
        return False
    finally:
        admin.dispose()
    return True


def _columns(conn: Any, table: str) -> list[str]:
    rows = conn.execute(
        text(
            "SELECT column_name FROM information_schema.columns WHERE table_name = :t "
            "ORDER BY ordinal_position"
        ),
        {"t": table},
    )
    return [r[0] for r in rows]


def _copy(conn: Any, table: str, values: dict[str, str], where: str, demo_id: int) -> None:
    """INSERT ... SELECT the demo's rows of ``table`` once per athlete k (1..ATHLETES),
    columns given in ``values`` replaced by their SQL expressions (``t`` is the row)."""
    cols = _columns(conn, table)
    exprs = ", ".join(values.get(c, f"t.{c}") for c in cols)
    conn.execute(
        text(
            f"INSERT INTO {table} ({', '.join(cols)}) SELECT {exprs} FROM {table} t "  # noqa: S608
            f"CROSS JOIN generate_series(1, {ATHLETES}) AS k WHERE {where}"
        ),
        {"demo": demo_id},
    )
    conn.execute(
        text(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"  # noqa: S608 - fixed table names
        )
    )


def _copy_athletes(conn: Any, demo_id: int) -> None:
    """1,500 copies of the demo athlete's profile, log and last two plans, with variations."""
    new_id = "t.athlete_id + k"
    copy = partial(_copy, demo_id=demo_id)
    conn.execute(
        text(
            "INSERT INTO athletes (id, name, profile_toml, created_at, updated_at) "
            "SELECT t.id + k, 'Athlete ' || lpad(k::text, 4, '0'), "
            "replace(t.profile_toml, :demo, '\"Athlete ' || lpad(k::text, 4, '0') || '\"'), "
            "t.created_at, t.updated_at FROM athletes t CROSS JOIN generate_series(1, :n) AS k "
            "WHERE t.id = :id"
        ),
        {"demo": f'"{DEMO_NAME}"', "n": ATHLETES, "id": demo_id},
    )
    mine = "t.athlete_id = :demo"
    copy(
        conn,
        "activities",
        {
            "id": f"t.id + k * {STEP['activities']}",
            "athlete_id": new_id,
            "duration_s": "t.duration_s * (0.85 + (k % 30) / 100.0)",
        },
        f"{mine} AND (t.id + k) % 9 <> 0",
    )
    copy(
        conn,
        "activity_efforts",
        {
            "id": f"t.id + k * {STEP['activity_efforts']}",
            "activity_id": f"t.activity_id + k * {STEP['activities']}",
        },
        "t.activity_id IN (SELECT id FROM activities WHERE athlete_id = :demo) "
        "AND (t.activity_id + k) % 9 <> 0",
    )
    copy(
        conn,
        "lift_sessions",
        {"id": f"t.id + k * {STEP['lift_sessions']}", "athlete_id": new_id},
        mine,
    )
    copy(
        conn,
        "strength_sets",
        {
            "id": f"t.id + k * {STEP['strength_sets']}",
            "lift_session_id": f"t.lift_session_id + k * {STEP['lift_sessions']}",
            "activity_id": f"t.activity_id + k * {STEP['activities']}",
        },
        "t.lift_session_id IN (SELECT id FROM lift_sessions WHERE athlete_id = :demo)",
    )
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    copy(
        conn,
        "checkins",
        {
            "id": f"t.id + k * {STEP['checkins']}",
            "athlete_id": new_id,
            "soreness": f"CASE WHEN k % 7 = 0 AND t.day = DATE '{yesterday}' THEN 8 "
            "ELSE t.soreness END",
        },
        mine,
    )
    copy(
        conn,
        "pain_reports",
        {
            "id": f"t.id + k * {STEP['pain_reports']}",
            "checkin_id": f"t.checkin_id + k * {STEP['checkins']}",
        },
        "t.checkin_id IN (SELECT id FROM checkins WHERE athlete_id = :demo)",
    )
    _painful_knees(conn, demo_id)
    copy(
        conn,
        "plan_snapshots",
        {
            "id": f"t.id + k * {STEP['plan_snapshots']}",
            "athlete_id": new_id,
            "plan_json": "CASE WHEN k % 25 = 0 THEN replace(t.plan_json, '\"referral\": []', "
            '\'"referral": ["Knee pain on three days: see a physiotherapist"]\') '
            "ELSE t.plan_json END",
        },
        f"{mine} AND t.today >= DATE '{(TODAY - timedelta(days=TODAY.weekday())).isoformat()}'",
    )


def _painful_knees(conn: Any, demo_id: int) -> None:
    """Every tenth athlete reports a painful left knee two days ago."""
    two_days = (TODAY - timedelta(days=2)).isoformat()
    conn.execute(
        text(
            "INSERT INTO pain_reports (checkin_id, position, area, level, side) "  # noqa: S608 - numbers
            f"SELECT c.id + k * {STEP['checkins']}, 0, 'knee', 5, 'left' FROM checkins c "
            f"CROSS JOIN generate_series(10, {ATHLETES}, 10) AS k "
            f"WHERE c.athlete_id = {demo_id} AND c.day = DATE '{two_days}'"
        )
    )


def _coaches(url: str) -> dict[str, list[str]]:
    """Fifty coach users, each granted thirty athletes (every fifth grant edit)."""
    password_hash = accounts.hasher.hash(PASSWORD)  # the server's parameters: one hash, reused
    engine = create_engine(url)
    teams: dict[str, list[str]] = {}
    with engine.begin() as conn:
        for c in range(COACHES):
            name = f"coach{c:02d}"
            user_id = conn.execute(
                text(
                    "INSERT INTO users (username, password_hash, role, athlete_id, "
                    "password_changed_at, created_at) VALUES (:u, :h, 'coach', NULL, :t, :t) "
                    "RETURNING id"
                ),
                {"u": name, "h": password_hash, "t": NOW},
            ).scalar_one()
            ks = range(c * PER_COACH + 1, (c + 1) * PER_COACH + 1)
            conn.execute(
                text(
                    "INSERT INTO coach_grants (coach_user_id, athlete_id, access, created_at) "
                    "SELECT :coach, a.id, CASE WHEN a.id % 5 = 0 THEN 'edit' ELSE 'view' END, :t "
                    "FROM athletes a WHERE a.name = ANY(:names)"
                ),
                {"coach": user_id, "t": NOW, "names": [f"Athlete {k:04d}" for k in ks]},
            )
            teams[name] = [f"Athlete {k:04d}" for k in ks]
    engine.dispose()
    return teams


def seed() -> dict[str, list[str]] | None:
    """The benchmark's database, seeded; the coaches and their athletes (None: no server)."""
    if not _fresh_database():
        return None
    url = _bench_url()
    started = time.perf_counter()
    with opened(url) as store:
        seed_demo(store, TODAY, load_library(), now=NOW)
        with store.reading() as repo:
            demo = repo.athlete_by_name(DEMO_NAME)
            assert demo is not None
    engine = create_engine(url)
    with engine.begin() as conn:
        _copy_athletes(conn, demo.id)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("ANALYZE"))  # fresh statistics: the planner picks the indexes
    engine.dispose()
    teams = _coaches(url)
    print(
        f"seeded {ATHLETES} athletes and {COACHES} coaches in {time.perf_counter() - started:.0f} s"
    )
    return teams


def app() -> Any:
    """The app on the benchmark's database at the seeded day (uvicorn's factory)."""
    from stridelift.web.app import create_app

    return create_app(os.environ["STRIDELIFT_BENCH_DB"], clock=lambda: NOW)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(url: str, port: int) -> subprocess.Popen[bytes]:
    """uvicorn with two worker processes, as `stridelift serve` would run it behind a proxy."""
    env = {**os.environ, "STRIDELIFT_BENCH_DB": url, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "benchmarks.bench_coaches:app",
            "--factory",
            "--workers",
            "2",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.3)
    server.terminate()
    raise RuntimeError("the server did not answer within 60 s")


class Timings:
    """Response times by page, from every client thread."""

    def __init__(self) -> None:
        self.ms: dict[str, list[float]] = defaultdict(list)
        self.failures: list[str] = []
        self.first: list[float] = []  # first views, made afresh (not in ms)
        self.lock = threading.Lock()

    def add(self, page: str, ms: float) -> None:
        with self.lock:
            self.ms[page].append(ms)


def _signed_in(base: str, coach: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=60)
    client.get("/health")
    form = {"username": coach, "password": PASSWORD, "_csrf_token": client.cookies["csrftoken"]}
    answer = client.post("/login", data=form)
    if answer.status_code != 303:
        raise RuntimeError(f"{coach} could not sign in: {answer.status_code}")
    return client


def _browse(
    client: httpx.Client,
    athletes: list[str],
    rounds: int,
    think: float,
    timings: Timings,
    seed: int,
) -> None:
    rng = random.Random(seed)  # noqa: S311 - think times, not security
    for _ in range(rounds):
        athlete = quote(rng.choice(athletes))
        for page, path in (
            ("roster", "/coach"),
            ("board", "/coach/board"),
            ("athlete Today", f"/a/{athlete}/today"),
        ):
            if think:
                time.sleep(rng.uniform(0.5, 1.5) * think)
            started = time.perf_counter()
            answer = client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
            if answer.status_code != 200:
                timings.failures.append(f"{path}: {answer.status_code}")
            timings.add(page, elapsed)


def run_clients(
    base: str, teams: dict[str, list[str]], rounds: int, think: float
) -> tuple[Timings, float]:
    """Every coach's client browsing at once; the timings and the wall time."""
    clients = {coach: _signed_in(base, coach) for coach in teams}
    first = Timings()  # each coach's first roster, alone: its thirty rows made afresh
    for client in clients.values():
        _warm(base, client, first)
    timings = Timings()
    threads = [
        threading.Thread(target=_browse, args=(clients[c], teams[c], rounds, think, timings, i))
        for i, c in enumerate(teams)
    ]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    for client in clients.values():
        client.close()
    timings.first = first.ms["roster"]
    return timings, wall


def _warm(base: str, client: httpx.Client, first: Timings) -> None:
    """Open the coach's roster and board over fresh connections until both worker
    processes have likely made their rows (each keeps its own); the first is timed."""
    fresh = httpx.Client(base_url=base, cookies=client.cookies, timeout=120,
                         limits=httpx.Limits(max_keepalive_connections=0))  # fmt: skip
    with fresh:
        for i in range(WARM_VISITS):
            for page, path in (("roster", "/coach"), ("board", "/coach/board")):
                started = time.perf_counter()
                fresh.get(path).raise_for_status()
                if i == 0 and page == "roster":
                    first.add(page, (time.perf_counter() - started) * 1000)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def report(timings: Timings, wall: float) -> bool:
    """Print median and p95 per page and overall; True when every p95 meets the target."""
    ok = True
    everything = [ms for values in timings.ms.values() for ms in values]
    print(f"{'page':<16} {'requests':>8} {'median ms':>10} {'p95 ms':>8}")
    for page, values in [*timings.ms.items(), ("all pages", everything)]:
        p95 = _p95(values)
        verdict = "PASS" if p95 <= TARGET_MS else "MISS"
        ok = ok and p95 <= TARGET_MS
        print(
            f"{page:<16} {len(values):>8} {statistics.median(values):>10.1f} {p95:>8.1f}  "
            f"{verdict} (p95 target {TARGET_MS:.0f} ms)"
        )
    print(f"{len(everything) / wall:.1f} requests/s over {wall:.1f} s")
    if timings.first:
        print(f"first view of a coach's roster (30 rows made afresh, one at a time): median "
              f"{statistics.median(timings.first):.0f} ms, p95 {_p95(timings.first):.0f} ms "
              "(not counted above)")  # fmt: skip
    if timings.failures:
        print(f"FAIL: {len(timings.failures)} requests failed, e.g. {timings.failures[:3]}")
        ok = False
    return ok


def main() -> int:
    """Seed, serve, browse, report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds per client (default 5)")
    parser.add_argument(
        "--think",
        type=float,
        default=1.0,
        help="mean pause between pages in seconds (default 1; 0: none)",
    )
    parser.add_argument("--reuse", action="store_true", help="keep the seeded database")
    args = parser.parse_args()
    if args.reuse:
        teams = {
            f"coach{c:02d}": [
                f"Athlete {k:04d}" for k in range(c * PER_COACH + 1, (c + 1) * PER_COACH + 1)
            ]
            for c in range(COACHES)
        }
    else:
        seeded = seed()
        if seeded is None:
            return 0
        teams = seeded
    port = _free_port()
    server = _serve(_bench_url(), port)
    try:
        timings, wall = run_clients(f"http://127.0.0.1:{port}", teams, args.rounds, args.think)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(
        f"{COACHES} clients, {args.rounds} rounds each, think {args.think:g} s; "
        f"uvicorn --workers 2 on PostgreSQL; load average {os.getloadavg()[0]:.1f}"
    )
    return 0 if report(timings, wall) else 1


if __name__ == "__main__":
    sys.exit(main())
