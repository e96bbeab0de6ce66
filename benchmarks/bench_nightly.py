"""Time the nightly replan of 1,000 athletes on the PostgreSQL queue, with 1 and 2 workers.

Run: STRIDELIFT_TEST_POSTGRES_URL=postgresql://... .venv/bin/python benchmarks/bench_nightly.py
[ATHLETES]. For each worker count, in a fresh schema: stores the demo athlete (eight weeks
of logs, a stored plan), copies it into ATHLETES athletes (default 1,000; each with its own
name, body mass and weekly minutes, the demo's runs and check-ins, and the demo's plan
stored a day before the log, so every log changed since its plan), starts the workers
(`stridelift worker`, separate processes), queues the nightly run and waits until every
athlete's replan job is done. Prints the wall time, jobs per second and the speed-up of 2
workers over 1. Not part of `make test` (it needs a PostgreSQL server and minutes); in
`make bench` it says it skipped when no server is given.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta

from rich.console import Console
from sqlalchemy import create_engine, func, insert, select, text
from sqlalchemy.engine import make_url

from stridelift.adapters.store.engine import Store, open_store
from stridelift.adapters.store.job_tables import JobRow
from stridelift.adapters.store.tables import ActivityRow, AthleteRow, CheckInRow, PlanSnapshotRow
from stridelift.methodologies import load_library
from stridelift.services import jobs
from stridelift.services.demo_data import DEMO_NAME, seed_demo

console = Console(highlight=False)
ATHLETES = int(sys.argv[1]) if len(sys.argv) > 1 else 1000


def _copy(store: Store, count: int, now: datetime) -> None:
    """``count`` copies of the demo athlete, with the demo's runs, check-ins and plan."""
    with store.transaction() as repo:
        s = repo.session
        demo = s.scalar(select(AthleteRow).where(AthleteRow.name == DEMO_NAME))
        assert demo is not None
        plan = s.scalar(select(PlanSnapshotRow).where(PlanSnapshotRow.athlete_id == demo.id))
        assert plan is not None
        copies = [_athlete(repo, demo.profile_toml, i, now) for i in range(1, count)]
        for table in (ActivityRow.__table__, CheckInRow.__table__):
            cols = [c for c in table.columns if c.name not in ("id", "athlete_id", "created_at")]
            rows = [dict(r) for r in s.execute(select(*cols).where(
                table.c.athlete_id == demo.id)).mappings()]  # fmt: skip
            for athlete_id in copies:
                s.execute(insert(table), [{**r, "athlete_id": athlete_id, "created_at": now}
                                          for r in rows])  # fmt: skip
        ids = s.scalars(select(AthleteRow.id)).all()
        s.execute(insert(PlanSnapshotRow.__table__), [
            {"athlete_id": a, "created_at": now - timedelta(days=1), "today": plan.today,
             "inputs_sha256": plan.inputs_sha256, "plan_json": plan.plan_json}
            for a in ids if a != demo.id
        ])  # fmt: skip
        s.execute(  # the demo's own log changed since its plan, too
            ActivityRow.__table__.update()
            .where(ActivityRow.athlete_id == demo.id)
            .values(created_at=now)
        )
        s.execute(
            PlanSnapshotRow.__table__.update()
            .where(PlanSnapshotRow.athlete_id == demo.id)
            .values(created_at=now - timedelta(days=1))
        )


def _athlete(repo: object, profile: str, i: int, now: datetime) -> int:
    name = f"Runner {i:04d}"
    body = profile.replace(f'name = "{DEMO_NAME}"', f'name = "{name}"')
    body = body.replace("body_mass_kg = 68", f"body_mass_kg = {58 + i % 30}")
    record = repo.add_athlete(name, body, now)  # type: ignore[attr-defined]
    return int(record.id)


def _workers(url: str, n: int) -> list[subprocess.Popen[bytes]]:
    return [
        subprocess.Popen(
            [sys.executable, "-m", "stridelift", "worker", "--db", url],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(n)
    ]


def _replans_done(store: Store) -> tuple[int, int, int | None]:
    """Replans done, jobs failed, and how many replans the nightly run queued (None while
    it runs)."""
    with store.reading() as repo:
        s = repo.session
        done = s.scalar(select(func.count()).where(JobRow.kind == "replan", JobRow.state == "done"))
        failed = s.scalar(select(func.count()).where(JobRow.state == "failed"))
        nightly = s.scalar(select(JobRow).where(JobRow.kind == "nightly"))
        queued = None
        if nightly is not None and nightly.state == "done" and nightly.result_json:
            queued = int(json.loads(nightly.result_json)["queued"])
    return int(done or 0), int(failed or 0), queued


def run(base: str, workers: int) -> float:
    """Seconds from queuing the nightly run to the last replan done, with ``workers``."""
    schema = f"stridelift_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    db = url.render_as_string(hide_password=False)
    store = open_store(db)
    procs: list[subprocess.Popen[bytes]] = []
    try:
        now = datetime.now(UTC).astimezone()
        seed_demo(store, now.date(), load_library(), now=now - timedelta(days=2))
        _copy(store, ATHLETES, now)
        procs = _workers(db, workers)
        time.sleep(3)  # the workers start and listen
        with jobs.job_queue(store, background=False) as queue:
            start = time.perf_counter()
            jobs.enqueue_nightly(store, now.date(), jobs.utc_offset_min(now.tzinfo or UTC, now),
                                 queue, now)  # fmt: skip
        deadline = time.monotonic() + 1800
        while True:
            done, failed, queued = _replans_done(store)
            assert failed == 0, f"{failed} jobs failed"
            if queued is not None and done >= queued:
                break
            assert time.monotonic() < deadline, f"only {done} done after 30 minutes"
            time.sleep(0.25)
        elapsed = time.perf_counter() - start
        assert queued == ATHLETES, f"the nightly run queued {queued} replans"
        return elapsed
    finally:
        for p in procs:
            p.send_signal(signal.SIGINT)
        for p in procs:
            p.wait(timeout=60)
        store.close()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def main() -> int:
    """Run the benchmark with 1 and 2 workers and print the figures."""
    raw = os.environ.get("STRIDELIFT_TEST_POSTGRES_URL")
    if not raw:
        console.print("skipped: set STRIDELIFT_TEST_POSTGRES_URL to a PostgreSQL server to run it")
        return 0  # not a crash for run_all: there is nothing to measure here
    from stridelift.settings import normalize_database_url

    base = normalize_database_url(raw)
    times = {}
    for n in (1, 2):
        console.print(f"nightly replan of {ATHLETES} athletes, {n} worker(s)...")
        times[n] = run(base, n)
        console.print(f"  {times[n]:.1f} s wall, {ATHLETES / times[n]:.1f} jobs/s")
    console.print(f"2 workers: {times[1] / times[2]:.2f}x the speed of 1 "
                  f"(machine: {os.cpu_count()} cores)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
