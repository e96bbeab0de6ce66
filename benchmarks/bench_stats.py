"""Time `stridelift stats` on ten years of synthetic daily history, in process.

Run: .venv/bin/python benchmarks/bench_stats.py. Builds ten years of runs, cross-training
and lifting sessions in memory (no database: this times the statistics, not SQLite), then
prints the median wall and CPU time of services.stats.compute_stats over 50 runs, for the
default 12 weeks, for all 520 weeks, and with the forecast through a plan to a race 20
weeks away (built once, outside the timing). Exits 1 if the default run's median CPU time
is over 20 ms. ``--with-store`` also times reading the history back from SQLite once.
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock

import numpy as np

from stridelift.domain.activity import Activity, LiftSession, StrengthSet
from stridelift.domain.plan import plan
from stridelift.methodologies import default_methodology, load_library
from stridelift.services.athletes import StoredAthlete
from stridelift.services.logbook import History
from stridelift.services.profiles import parse_profile_text
from stridelift.services.stats import compute_stats

DAYS = 3650
RUNS = 50
BUDGET_MS = 20.0
SEED = 20010101
START = date(2016, 11, 28)
TODAY = START + timedelta(days=DAYS - 1)
PROFILE = f"""\
name = "Bench"
level = "intermediate"
units = "metric"
body_mass_kg = 62
weekly_run_minutes = 300

[[races]]
name = "Bench Marathon"
date = "{(TODAY + timedelta(days=140)).isoformat()}"
distance = "marathon"
priority = "A"
"""
RUN_TYPES = ("easy", "easy", "easy", "long", "tempo", "intervals", "recovery")
LIFTS = ("trap_bar_deadlift", "front_squat", "split_squat", "romanian_deadlift")


def _history() -> History:
    """Ten years: a run most days (some without RPE), lifts twice a week, a weekly ride."""
    rng = np.random.default_rng(SEED)
    activities: list[Activity] = []
    lifts: list[LiftSession] = []
    for offset in range(DAYS):
        day = START + timedelta(days=offset)
        noon = datetime.combine(day, clock(12), tzinfo=UTC)
        if day.weekday() != 0:
            minutes = float(rng.integers(30, 110))
            activities.append(
                Activity(
                    start_utc=noon,
                    sport="running",
                    duration_s=minutes * 60,
                    distance_m=minutes * 60 / 330 * 1000,
                    run_type=RUN_TYPES[day.weekday()],
                    rpe=None if rng.random() < 0.2 else float(rng.integers(2, 9)),
                )
            )
        if day.weekday() == 5:
            activities.append(
                Activity(start_utc=noon + timedelta(hours=4), sport="cycling", duration_s=3600)
            )
        if day.weekday() in (1, 3):
            load_kg = float(60 + offset // 60)
            sets = tuple(
                StrengthSet(exercise_id=name, reps=int(rng.integers(3, 13)), load_kg=load_kg,
                            rir=int(rng.integers(1, 4)))
                for name in LIFTS for _ in range(3)
            )  # fmt: skip
            lifts.append(LiftSession(day=day, sets=sets, minutes=45, rpe=None))
    athlete = parse_profile_text(PROFILE, "bench profile")
    who = StoredAthlete(id=1, name=athlete.name, profile_text=PROFILE, athlete=athlete)
    return History(who, START, TODAY, tuple(activities), tuple(lifts), ())


def _median_ms(call: Callable[[], object]) -> tuple[float, float]:
    """Median wall time and median CPU time of RUNS calls, in milliseconds.

    CPU time (time.process_time) leaves out time spent waiting while other processes hold
    the CPU, so it stays meaningful on a busy machine; wall time is what a user waits.
    """
    call()  # warm caches and imports
    wall, cpu = [], []
    for _ in range(RUNS):
        gc.collect()
        began, began_cpu = time.perf_counter(), time.process_time()
        call()
        cpu.append(time.process_time() - began_cpu)
        wall.append(time.perf_counter() - began)
    return statistics.median(wall) * 1000.0, statistics.median(cpu) * 1000.0


def _store_ms(history: History) -> float:
    """Wall time of reading the same history back from a SQLite file (load_history)."""
    import tempfile

    from stridelift.adapters.store.engine import open_store
    from stridelift.services.logbook import load_history

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{folder}/bench.db")
        try:
            now = datetime.now(UTC)
            with store.transaction() as repo:
                who = repo.add_athlete(history.athlete.name, history.athlete.profile_text, now)
                for a in history.activities:
                    repo.add_activity(who.id, a, now)
                for lift in history.lift_sessions:
                    repo.add_lift_session(who.id, lift, now)
            began = time.perf_counter()
            load_history(store, None, date(1970, 1, 1), TODAY)
            return (time.perf_counter() - began) * 1000.0
        finally:
            store.close()


def main() -> int:
    """Print the timings and a few figures; return 1 when the default run is over budget."""
    history = _history()
    m = default_methodology()
    doc = plan(history.athlete.athlete, TODAY, m, load_library())
    ahead = (doc, "a plan built once for the benchmark")
    timings = {
        "12 weeks (default)": _median_ms(
            lambda: compute_stats(history, today=TODAY, weeks=12, methodology=m)
        ),
        "520 weeks": _median_ms(
            lambda: compute_stats(history, today=TODAY, weeks=520, methodology=m)
        ),
        "12 weeks + forecast": _median_ms(
            lambda: compute_stats(
                history, today=TODAY, weeks=12, methodology=m, forecast_plan=ahead
            )
        ),
    }
    result = compute_stats(history, today=TODAY, weeks=12, methodology=m, forecast_plan=ahead)
    print(
        f"{DAYS} days ({START} .. {TODAY}): {len(history.activities)} activities, "
        f"{len(history.lift_sessions)} lift sessions; median of {RUNS} runs"
    )
    print(f"{'stats':<24}{'wall ms':>10}{'CPU ms':>10}")
    for name, (wall, cpu) in timings.items():
        print(f"{name:<24}{wall:>10.3f}{cpu:>10.3f}")
    if "--with-store" in sys.argv:
        print(f"{'reading it from SQLite':<24}{_store_ms(history):>10.3f}   (once, not budgeted)")
    last = result.weeks[-1]
    counts = result.all_history
    print(f"\nfigures for the week of {last.start}")
    print(f"{'sessions / RPE estimated':<28}{counts.total:>8} / {counts.rpe_estimated}")
    print(f"{'load / run km':<28}{last.load:>8.0f} / {last.run_km:.1f}")
    print(f"{'ACWR rolling / EWMA':<28}{last.acwr_rolling or 0:>8.2f} / {last.acwr_ewma or 0:.2f}")
    state = f"{last.fitness:>8.0f} / {last.fatigue:.0f} / {last.form:.0f}"
    print(f"{'fitness / fatigue / form':<28}{state}")
    print(f"{'e1RM estimates':<28}{len(result.e1rm):>8}")
    if result.forecast is not None:
        f = result.forecast
        print(f"{'forecast to ' + f.end.isoformat():<28}{f.form:>8.0f} form ({f.race_name})")
    wall, cpu = timings["12 weeks (default)"]
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPU(s)")
    if cpu > BUDGET_MS:
        print(f"FAIL: stats take {cpu:.3f} ms of CPU, over {BUDGET_MS:.0f} ms", file=sys.stderr)
        return 1
    print(f"OK: stats take {cpu:.3f} ms of CPU ({wall:.3f} ms wall), budget {BUDGET_MS:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
