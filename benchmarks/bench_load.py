"""Time the training-load model on ten years of synthetic daily history.

Run: .venv/bin/python benchmarks/bench_load.py. Prints each function's median time over
50 runs and the figures on the last day, and exits 1 if the whole statistics bundle
(series + both ACWRs + monotony/strain + fitness/fatigue + weekly totals) takes more
than 20 ms median.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta

import numpy as np

from stridelift.domain.load import (
    DailyLoad,
    acwr_ewma,
    acwr_rolling,
    daily_series,
    fitness_fatigue,
    monotony_strain,
    project_forward,
    weekly_totals,
)

DAYS = 3650
RUNS = 50
BUDGET_MS = 20.0
SEED = 20170101
START = date(2015, 1, 5)


def _synthetic_sessions() -> list[tuple[date, float]]:
    """Ten years of sessions: one rest day a week, some doubles, a lighter fourth week."""
    rng = np.random.default_rng(SEED)
    sessions: list[tuple[date, float]] = []
    for offset in range(DAYS):
        day = START + timedelta(days=offset)
        if day.weekday() == 0:
            continue  # Monday rest
        lighter = 0.7 if (offset // 7) % 4 == 3 else 1.0
        rpe = float(rng.integers(3, 9))
        minutes = float(rng.integers(30, 100))
        sessions.append((day, rpe * minutes * lighter))
        if rng.random() < 0.3:  # a second session (strength or cross-training)
            sessions.append((day, float(rng.integers(4, 8)) * 40.0 * lighter))
    return sessions


def _median_ms(call: Callable[[], object]) -> float:
    """Median wall time of RUNS calls, in milliseconds."""
    call()  # warm caches and imports
    times = []
    for _ in range(RUNS):
        began = time.perf_counter()
        call()
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000.0


def _bundle(sessions: list[tuple[date, float]], end: date) -> None:
    """Everything the load page shows, from raw sessions."""
    series = daily_series(sessions, START, end)
    acwr_rolling(series)
    acwr_ewma(series)
    monotony_strain(series)
    fitness_fatigue(series)
    weekly_totals(series)


def main() -> int:
    """Print the timing table and last-day figures; return 1 when over budget."""
    sessions = _synthetic_sessions()
    end = START + timedelta(days=DAYS - 1)
    series: DailyLoad = daily_series(sessions, START, end)
    state = fitness_fatigue(series)
    plan = np.full(28, 300.0)
    timings = {
        "daily_series": _median_ms(lambda: daily_series(sessions, START, end)),
        "weekly_totals": _median_ms(lambda: weekly_totals(series)),
        "acwr_rolling": _median_ms(lambda: acwr_rolling(series)),
        "acwr_ewma": _median_ms(lambda: acwr_ewma(series)),
        "monotony_strain": _median_ms(lambda: monotony_strain(series)),
        "fitness_fatigue": _median_ms(lambda: fitness_fatigue(series)),
        "project_forward (28 d)": _median_ms(lambda: project_forward(state, plan)),
    }
    bundle_ms = _median_ms(lambda: _bundle(sessions, end))

    print(f"{DAYS} days ({START} .. {end}), {len(sessions)} sessions, median of {RUNS} runs")
    print(f"{'function':<24}{'ms':>10}")
    for name, ms in timings.items():
        print(f"{name:<24}{ms:>10.3f}")
    print(f"{'bundle':<24}{bundle_ms:>10.3f}   budget {BUDGET_MS:.0f} ms")

    rolling, ewma = acwr_rolling(series), acwr_ewma(series)
    mono = monotony_strain(series)
    weeks = weekly_totals(series)
    ahead = project_forward(state, plan)
    print(f"\nfigures on {end}")
    print(f"{'weeks / mean weekly load':<28}{weeks.size:>6} / {weeks.mean():.0f}")
    print(f"{'ACWR rolling / EWMA':<28}{rolling.ratio[-1]:>6.2f} / {ewma.ratio[-1]:.2f}")
    print(f"{'monotony / strain':<28}{mono.monotony[-1]:>6.2f} / {mono.strain[-1]:.0f}")
    print(
        f"{'fitness / fatigue / form':<28}{state.fitness[-1]:>6.0f} / "
        f"{state.fatigue[-1]:.0f} / {state.form[-1]:.0f}"
    )
    print(f"{'form after 28 d at 300':<28}{ahead.form[-1]:>6.0f}")

    if bundle_ms > BUDGET_MS:
        print(f"FAIL: bundle {bundle_ms:.3f} ms is over {BUDGET_MS:.0f} ms", file=sys.stderr)
        return 1
    print(f"OK: bundle {bundle_ms:.3f} ms within {BUDGET_MS:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
