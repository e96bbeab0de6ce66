"""Best efforts inside a run, and race times predicted from them (Riegel 1981).

A best effort is the fastest time over a distance inside one recording: the shortest
window of a cumulative (time, distance) stream that covers the distance, with both ends
interpolated linearly between records. Given only a run's totals, its stream has two
points and the "effort" is the run's average pace scaled to the distance: an upper bound
(somewhere in the run that distance went at least that fast), never the true best.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from stridelift.domain.errors import DomainError

MILE_M = 1609.344
# The distances best efforts are looked for, metres, in order, with their labels.
EFFORT_DISTANCES_M: dict[str, float] = {
    "1 km": 1000.0,
    "1 mile": MILE_M,
    "5K": 5000.0,
    "10K": 10000.0,
    "Half marathon": 21097.5,
    "Marathon": 42195.0,
}
# Riegel's law is fitted on efforts of several minutes or more; from a 1 km or a mile it
# flatters every longer race, so predictions use efforts of 5 km and up.
PREDICT_FROM_M = 5000.0


class EffortError(DomainError, ValueError):
    """A stream or an effort that cannot be read."""


@dataclass(frozen=True, slots=True)
class Effort:
    """The fastest ``distance_m`` inside one run: its time, and when in the run it began."""

    distance_m: float
    time_s: float
    start_s: float  # seconds after the run's first record


@dataclass(frozen=True, slots=True)
class DatedEffort:
    """A best effort on a day (the run's local date)."""

    day: date
    distance_m: float
    time_s: float


def _stream(
    time_s: Sequence[float], distance_m: Sequence[float]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """The stream as arrays, checked: same length, finite, never going back in time or
    distance (a watch's cumulative distance only grows)."""
    t = np.asarray(time_s, dtype=np.float64)
    d = np.asarray(distance_m, dtype=np.float64)
    if t.shape != d.shape or t.ndim != 1:
        raise EffortError(f"stream: {t.size} times and {d.size} distances, expected as many")
    if not (np.isfinite(t).all() and np.isfinite(d).all()):
        raise EffortError("stream: times and distances must be finite numbers")
    if (np.diff(t) < 0).any() or (np.diff(d) < 0).any():
        raise EffortError("stream: time and distance must never decrease")
    return t, d


def best_effort(
    time_s: Sequence[float], distance_m: Sequence[float], target_m: float
) -> Effort | None:
    """The fastest window covering ``target_m`` in a cumulative stream, or None if the
    stream is shorter than that.

    Time is piecewise linear in distance between records, so the fastest window starts
    or ends on a record: both are tried, the other end interpolated.
    """
    if not target_m > 0:
        raise EffortError(f"target_m: {target_m!r} must be a positive distance")
    t, d = _stream(time_s, distance_m)
    if t.size < 2 or d[-1] - d[0] < target_m:
        return None
    # At a standstill several records share a distance: arriving there, the first one
    # counts; leaving it, the last one.
    first = np.concatenate(([True], np.diff(d) > 0))
    last = np.concatenate((np.diff(d) > 0, [True]))
    from_start = d + target_m <= d[-1]
    end_t = np.interp(d[from_start] + target_m, d[first], t[first])
    from_end = d - target_m >= d[0]
    start_t = np.interp(d[from_end] - target_m, d[last], t[last])
    spans = np.concatenate((end_t - t[from_start], t[from_end] - start_t))
    starts = np.concatenate((t[from_start], start_t))
    best = int(np.argmin(spans))
    return Effort(target_m, float(spans[best]), float(starts[best] - t[0]))


def best_efforts(
    time_s: Sequence[float], distance_m: Sequence[float], targets: Iterable[float]
) -> list[Effort]:
    """The best effort of each target distance the stream covers, in the targets' order."""
    found = (best_effort(time_s, distance_m, target) for target in targets)
    return [e for e in found if e is not None]


def riegel_time_s(time_s: float, distance_m: float, target_m: float, exponent: float) -> float:
    """Riegel's endurance law, T2 = T1 x (D2 / D1) ** exponent (Riegel, P. S. 1981,
    "Athletic records and human endurance", American Scientist 69(3): 285-290; 1.06 for
    runners, [running.race_prediction] riegel_exponent in the methodology)."""
    if not (time_s > 0 and distance_m > 0 and target_m > 0):
        raise EffortError(
            f"riegel: time {time_s!r} s, distance {distance_m!r} m and target {target_m!r} m "
            "must be positive"
        )
    return float(time_s * (target_m / distance_m) ** exponent)


@dataclass(frozen=True, slots=True, eq=False)
class EffortTable:
    """Efforts as columns, one element per effort: the local day (date ordinal), the
    distance, the time, the full distance of the run it is part of, and whether it was
    found in the run's records (else it is the whole run's average pace)."""

    day: npt.NDArray[np.int64]
    distance_m: npt.NDArray[np.float64]
    time_s: npt.NDArray[np.float64]
    run_m: npt.NDArray[np.float64]
    recorded: npt.NDArray[np.bool_]

    @classmethod
    def joined(cls, tables: Sequence[EffortTable]) -> EffortTable:
        """One table holding the rows of several, in order."""
        columns = [
            np.concatenate([getattr(t, name) for t in tables])
            for name in ("day", "distance_m", "time_s", "run_m", "recorded")
        ]
        return cls(*columns)

    def __len__(self) -> int:
        return int(self.day.size)

    def at(self, i: int) -> DatedEffort:
        """Effort ``i`` as a value."""
        day = date.fromordinal(int(self.day[i]))
        return DatedEffort(day, float(self.distance_m[i]), float(self.time_s[i]))


def whole_run_efforts(
    days: Sequence[int], distance_m: Sequence[float], time_s: Sequence[float],
    targets: Iterable[float],
) -> EffortTable:  # fmt: skip
    """Every run's effort over each target it covers, from its totals alone: its average
    pace scaled to the target. The same as ``best_effort`` on each run's two-point stream
    (0, 0) to (time_s, distance_m), as array sums (a log holds thousands of runs)."""
    day = np.asarray(days, dtype=np.int64)
    metres = np.asarray(distance_m, dtype=np.float64)
    seconds = np.asarray(time_s, dtype=np.float64)
    if not ((metres > 0).all() and (seconds > 0).all()):
        raise EffortError("runs: every distance and time must be positive")
    parts = []
    for target in targets:
        covers = metres >= target
        parts.append((day[covers], np.full(int(covers.sum()), target),
                      seconds[covers] * target / metres[covers], metres[covers]))  # fmt: skip
    if not parts:
        return EffortTable(day[:0], metres[:0], seconds[:0], metres[:0], np.zeros(0, np.bool_))
    columns = [np.concatenate(c) for c in zip(*parts, strict=True)]
    whole = np.zeros(columns[0].size, dtype=np.bool_)
    return EffortTable(columns[0], columns[1], columns[2], columns[3], whole)


def predicted_times(
    efforts: EffortTable,
    target_m: float,
    week_ends: Sequence[date],
    *,
    lookback_days: int,
    exponent: float,
) -> list[tuple[float, DatedEffort] | None]:
    """For each week end, the fastest Riegel prediction of ``target_m`` from the efforts
    (of PREDICT_FROM_M or more) of the ``lookback_days`` days up to it, and the effort it
    came from; None where there was none."""
    if not target_m > 0:
        raise EffortError(f"riegel: the target {target_m!r} m must be positive")
    usable = np.flatnonzero(efforts.distance_m >= PREDICT_FROM_M)
    days = efforts.day[usable]
    # riegel_time_s for every usable effort at once
    predicted = efforts.time_s[usable] * (target_m / efforts.distance_m[usable]) ** exponent
    out: list[tuple[float, DatedEffort] | None] = []
    for end in week_ends:
        inside = np.flatnonzero(
            (days <= end.toordinal()) & (days > end.toordinal() - lookback_days)
        )
        if not inside.size:
            out.append(None)
            continue
        best = int(inside[np.argmin(predicted[inside])])
        out.append((float(predicted[best]), efforts.at(int(usable[best]))))
    return out
