"""Time a replan after one new log entry, for an athlete with five years of daily history.

Run: .venv/bin/python benchmarks/bench_replan.py. Builds a temporary SQLite logbook (runs six
days a week, two lifts a week with their sets, a check-in every day, for five years), then
stores the season's first plan eight weeks before today, then ten times: logs one more run
and times ``services.replan.replan`` (read the history, adapt, plan the season on from its
first plan, compare with the last plan, store the new one). Prints the median against the 100 ms
target and exits 1 when it is over.
"""

from __future__ import annotations

import gc
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from rich.console import Console
from rich.progress import Progress

from stridelift.adapters.store.engine import Store, open_store
from stridelift.domain.activity import Activity, CheckIn, LiftSession, StrengthSet
from stridelift.services.replan import HISTORY_DAYS, replan

YEARS = 5
RUNS = 10
TARGET_MS = 100.0
SEASON_WEEKS_IN = 8  # the timed replans fall this many weeks into a season
SEED = 20210104
TODAY = date(2026, 11, 18)
NOW = datetime(2026, 11, 18, 20, 0, tzinfo=UTC)
PROFILE = """\
name = "Bench Runner"
level = "intermediate"
units = "metric"
body_mass_kg = 68
weekly_run_minutes = 300
equipment = ["gym"]
session_minutes = 45
long_run_day = "sun"

[[races]]
name = "Spring Marathon"
date = "2027-04-11"
distance = "marathon"
priority = "A"

[recent_result]
distance = "10k"
time = "00:44:00"
date = "2026-10-18"
"""
LIFTS = (
    ("trap_bar_deadlift", 5, 100.0),
    ("split_squat", 8, 20.0),
    ("straight_knee_calf_raise", 12, 40.0),
    ("push_up", 12, None),
)


def _day_entries(
    rng: random.Random, day: date
) -> tuple[Activity | None, LiftSession | None, CheckIn]:
    run = None
    if day.weekday() != 0:  # Monday rest from running
        long_run = day.weekday() == 6
        minutes = rng.randint(80, 120) if long_run else rng.randint(30, 55)
        run = Activity(
            start_utc=datetime(day.year, day.month, day.day, 6, 30, tzinfo=UTC),
            sport="running",
            duration_s=minutes * 60.0,
            moving_s=minutes * 58.0,
            distance_m=minutes * 60 / 330 * 1000,
            run_type="long" if long_run else rng.choice(("easy", "easy", "tempo")),
            rpe=float(rng.randint(3, 7)),
            source="fit",
        )
    lift = None
    if day.weekday() in (1, 4):
        sets = tuple(
            StrengthSet(ex, reps, load, rng.randint(1, 3))
            for ex, reps, load in LIFTS
            for _ in range(3)
        )
        lift = LiftSession(day=day, sets=sets, template="A" if day.weekday() == 1 else "B",
                           minutes=45, rpe=float(rng.randint(5, 8)))  # fmt: skip
    checkin = CheckIn(day=day, sleep_hours=round(rng.uniform(6.0, 8.5), 1),
                      fatigue=rng.randint(2, 6), soreness=rng.randint(1, 5),
                      mood=rng.randint(5, 9), motivation=rng.randint(5, 9))  # fmt: skip
    return run, lift, checkin


def _fill(store: Store, console: Console) -> tuple[int, int]:
    """Five years of history before TODAY; returns the athlete id and the entries stored."""
    rng = random.Random(SEED)  # noqa: S311 - synthetic training data, not secrets
    first = TODAY - timedelta(days=365 * YEARS)
    days = [first + timedelta(days=i) for i in range((TODAY - first).days)]
    with store.transaction() as repo:
        athlete_id = repo.add_athlete("Bench Runner", PROFILE, NOW).id
    stored = 0
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("writing 5 years of history", total=len(days))
        for start in range(0, len(days), 90):  # one transaction per quarter
            with store.transaction() as repo:
                for day in days[start : start + 90]:
                    run, lift, checkin = _day_entries(rng, day)
                    if run is not None:
                        repo.add_activity(athlete_id, run, NOW)
                        stored += 1
                    if lift is not None:
                        repo.add_lift_session(athlete_id, lift, NOW)
                        stored += 1
                    repo.add_checkin(athlete_id, checkin, NOW)
                    stored += 1
                    progress.advance(task)
    return athlete_id, stored


def main() -> int:
    """Print the median replan time after one new entry; return 1 when over the target."""
    console = Console(stderr=True)
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'bench.db'}")
        try:
            athlete_id, stored = _fill(store, console)
            # The season's first plan, weeks ago: each replan today continues that season
            # (its weeks so far replayed), as an athlete who replans weekly is planned.
            replan(store, None, TODAY - timedelta(weeks=SEASON_WEEKS_IN), now=NOW)
            replan(store, None, TODAY, now=NOW)  # warm caches
            times: list[float] = []
            cpu: list[float] = []
            for i in range(RUNS):
                run = Activity(
                    start_utc=datetime(2026, 11, 18, 7, i, tzinfo=UTC),
                    sport="running",
                    duration_s=1800.0 + 60 * i,
                    run_type="easy",
                    rpe=4.0,
                )
                with store.transaction() as repo:
                    repo.add_activity(athlete_id, run, NOW)
                gc.collect()
                began, began_cpu = time.perf_counter(), time.process_time()
                result = replan(store, None, TODAY, now=NOW)
                times.append(time.perf_counter() - began)
                cpu.append(time.process_time() - began_cpu)
            weeks = len(result.doc["weeks"])
        finally:
            store.close()
    median_ms = statistics.median(times) * 1000.0
    verdict = "within" if median_ms <= TARGET_MS else "OVER"
    print(f"history: {stored} entries over {YEARS} years (replan reads {HISTORY_DAYS} days)")
    print(
        f"plan: {weeks} weeks, {SEASON_WEEKS_IN} weeks into its season (season_start "
        f"{result.doc['season_start']}); changes in the last diff: {len(result.changes)}"
    )
    print(
        f"replan after one new entry: median {median_ms:.1f} ms over {RUNS} runs "
        f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}); "
        f"target {TARGET_MS:.0f} ms: {verdict}"
    )
    # On a shared machine the wall time includes waiting for a core; CPU time does not.
    print(f"CPU time of those runs: median {statistics.median(cpu) * 1000.0:.1f} ms")
    return 0 if median_ms <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
