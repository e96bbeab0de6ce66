"""Figures computed from a track's samples when the file's summary lacks them."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from stridelift.domain.efforts import EFFORT_DISTANCES_M, Effort, best_efforts

# A rise counts only once the altitude has climbed this far above the last low point;
# after that every metre up counts until the track drops this far below its last high.
# Smaller thresholds count altitude noise as climbing. Against the total_ascent the
# shared FIT files carry, 3 m gives: fenix 5 2 vs 3.4 m, FR965 run 21 vs 21.2 m,
# COROS ride 938 vs 995 m, but fenix 2 64 vs 151 m: a file's own total always wins,
# this is only for files without one (GPX, TCX, some FIT).
ELEVATION_HYSTERESIS_M = 3.0


def elevation_gain_m(altitudes: Iterable[float | None]) -> float | None:
    """Total climb over a series of altitudes, with ELEVATION_HYSTERESIS_M of hysteresis.

    Returns None when fewer than two altitudes are known.
    """
    points = [a for a in altitudes if a is not None and math.isfinite(a)]
    if len(points) < 2:
        return None
    low = high = points[0]
    climbing = False
    gain = 0.0
    for altitude in points[1:]:
        if climbing:
            if altitude > high:
                gain += altitude - high
                high = altitude
            elif altitude < high - ELEVATION_HYSTERESIS_M:
                climbing = False
                low = altitude
        elif altitude < low:
            low = altitude
        elif altitude > low + ELEVATION_HYSTERESIS_M:
            climbing = True
            gain += altitude - low
            high = altitude
    return gain


@dataclass(frozen=True, slots=True)
class HeartRate:
    """Average and maximum of the heart-rate samples, in beats per minute."""

    avg: float | None
    max: float | None


def heart_rate(samples: Iterable[float | None]) -> HeartRate:
    """Mean and max of the plausible samples (per-sample mean, not time-weighted).

    Zero and absurd readings (a strap losing contact) are left out.
    """
    values = [s for s in samples if s is not None and 20 <= s <= 250]
    if not values:
        return HeartRate(None, None)
    return HeartRate(sum(values) / len(values), max(values))


def finite(value: object) -> float | None:
    """The value as a float when it is a finite number, else None (bools are not numbers)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def record_efforts(points: Iterable[tuple[float | None, float | None]]) -> tuple[Effort, ...]:
    """A run's best efforts over the standard distances from its records: pairs of
    (seconds after the start, cumulative metres), either possibly missing.

    Records without both are dropped; a watch's cumulative distance can dip on a GPS
    correction, so it is held at its highest value so far (never going back).
    """
    pairs = sorted(
        (t, d)
        for t, d in points
        if t is not None and d is not None and math.isfinite(t) and math.isfinite(d)
    )
    if len(pairs) < 2:
        return ()
    times = [t for t, _ in pairs]
    distances = np.maximum.accumulate(np.array([d for _, d in pairs], dtype=np.float64))
    return tuple(best_efforts(times, distances.tolist(), EFFORT_DISTANCES_M.values()))
