"""Running figures of the statistics: the long-run curve, best efforts per distance from
imported runs, and race times predicted from them week by week.

Since migration 0004 the importers store each recorded run's best efforts, found in its
record stream (domain.efforts.best_effort). A run imported before, or without a distance
stream, has none: its effort over a distance is the whole run's average pace scaled to
it, from runs at least that long, an upper bound of the true best; the page and the
document mark which is which.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, TypedDict

import numpy as np
import numpy.typing as npt

from stridelift.domain.activity import RUN_SPORTS
from stridelift.domain.athlete import Athlete
from stridelift.domain.efforts import (
    EFFORT_DISTANCES_M,
    EffortTable,
    predicted_times,
    whole_run_efforts,
)
from stridelift.services.logbook import History
from stridelift.services.stats_forecast import monday

IMPORTED_SOURCES = frozenset({"fit", "gpx", "tcx", "strava"})  # recorded, not typed in
RECENT_WEEKS = 12  # "recent" best efforts, and the efforts a prediction reads
EFFORTS_METHOD = "records_else_whole_run"  # what a best effort is made of (module docstring)


@dataclass(frozen=True, slots=True)
class ImportedRun:
    """A run recorded by a device: when, how far and how long (elapsed), and its name."""

    start_utc: datetime
    distance_m: float
    duration_s: float
    name: str | None = None
    efforts: tuple[tuple[float, float], ...] = ()  # (metres, seconds) found in its records


@dataclass(frozen=True, slots=True)
class LongRunWeek:
    """One Monday-based week: its longest logged run and the plan's long run, in km."""

    start: date
    done_km: float | None  # None ahead of today, or no run with a distance
    done_day: date | None
    planned_km: float | None  # None: the plan does not reach, or holds no long run


@dataclass(frozen=True, slots=True)
class BestEffort:
    """The fastest effort over one distance, all time and in the last RECENT_WEEKS."""

    label: str
    distance_m: float
    time_s: float | None
    day: date | None
    run_km: float | None  # the full distance of the run it came from
    recent_time_s: float | None
    recent_day: date | None
    recorded: bool = False  # the best was found in a run's records (else a whole run)
    recent_recorded: bool = False


@dataclass(frozen=True, slots=True)
class RacePrediction:
    """A race's time predicted each week from the efforts before it, and its goal."""

    race: str
    race_day: date
    distance_km: float
    goal_time_s: int | None
    weeks: tuple[tuple[date, float | None, str | None], ...]  # week end, time, from what
    exponent: float  # Riegel's


def imported_runs_of(history: History) -> tuple[ImportedRun, ...]:
    """The imported runs of an in-memory history that have a distance and a time."""
    return tuple(
        ImportedRun(
            a.start_utc,
            a.distance_m,
            a.duration_s,
            a.name,
            tuple((e.distance_m, e.time_s) for e in a.efforts),
        )
        for a in history.activities
        if a.sport in RUN_SPORTS
        and a.source in IMPORTED_SOURCES
        and a.distance_m is not None
        and a.distance_m > 0
        and a.duration_s > 0
    )


def _planned_long_km(doc: Mapping[str, Any] | None) -> dict[date, float | None]:
    """The longest planned long run of each week the plan covers (None: none that week)."""
    weeks: dict[date, float | None] = {}
    for week in (doc or {}).get("weeks", []):
        for day in week.get("days", []):
            start = monday(date.fromisoformat(day["date"]))
            weeks.setdefault(start, None)
            for s in day.get("sessions", []):
                if s.get("kind") == "run" and s.get("run_type") == "long":
                    km = float(s.get("distance_km") or 0.0)
                    weeks[start] = max(weeks[start] or 0.0, km)
    return weeks


def long_runs(
    window: History, plan_doc: Mapping[str, Any] | None, *, first: date, today: date,
    last: date, tz: tzinfo,
) -> tuple[LongRunWeek, ...]:  # fmt: skip
    """Every week from ``first``'s Monday to ``last``'s: the longest run done (up to
    today) and the plan's long run where the plan reaches."""
    done: dict[date, tuple[float, date]] = {}
    for a in window.activities:
        day = a.start_utc.astimezone(tz).date()
        if a.sport in RUN_SPORTS and a.distance_m and monday(first) <= day <= today:
            km = a.distance_m / 1000.0
            if km > done.get(monday(day), (0.0, day))[0]:
                done[monday(day)] = (km, day)
    planned = _planned_long_km(plan_doc)
    rows = []
    week = monday(first)
    while week <= max(last, today):
        best = done.get(week)
        rows.append(
            LongRunWeek(
                week,
                round(best[0], 2) if best else None,
                best[1] if best else None,
                None if planned.get(week) is None else round(planned[week] or 0.0, 2),
            )
        )
        week += timedelta(days=7)
    return tuple(rows)


def run_efforts(runs: Sequence[ImportedRun], tz: tzinfo) -> EffortTable:
    """Every run's efforts over the standard distances: those found in its records at
    import, else (runs imported before 0004, or without a distance stream) its whole-run
    average pace scaled to each distance it covers."""
    days = [r.start_utc.astimezone(tz).toordinal() for r in runs]
    whole = [i for i, r in enumerate(runs) if not r.efforts]
    found = [(i, m, t) for i, r in enumerate(runs) for m, t in r.efforts]
    recorded = EffortTable(
        np.array([days[i] for i, _, _ in found], dtype=np.int64),
        np.array([m for _, m, _ in found], dtype=np.float64),
        np.array([t for _, _, t in found], dtype=np.float64),
        np.array([runs[i].distance_m for i, _, _ in found], dtype=np.float64),
        np.ones(len(found), dtype=np.bool_),
    )
    averaged = whole_run_efforts(
        [days[i] for i in whole], [runs[i].distance_m for i in whole],
        [runs[i].duration_s for i in whole], _DISTANCES,
    )  # fmt: skip
    return EffortTable.joined([recorded, averaged])


_DISTANCES = tuple(EFFORT_DISTANCES_M.values())


def _fastest(efforts: EffortTable, mask: npt.NDArray[np.bool_]) -> int | None:
    """The index of the fastest effort where ``mask`` holds (the earliest of equal ones)."""
    found = np.flatnonzero(mask)
    return None if not found.size else int(found[np.argmin(efforts.time_s[found])])


def best_effort_table(efforts: EffortTable, today: date) -> tuple[BestEffort, ...]:
    """The fastest effort per standard distance up to today, all time and recent."""
    since = (today - timedelta(days=7 * RECENT_WEEKS - 1)).toordinal()
    lived = efforts.day <= today.toordinal()
    rows = []
    for label, metres in EFFORT_DISTANCES_M.items():
        mine = lived & (efforts.distance_m == metres)
        top = _fastest(efforts, mine)
        near = _fastest(efforts, mine & (efforts.day >= since))
        best = None if top is None else efforts.at(top)
        recent = None if near is None else efforts.at(near)
        rows.append(
            BestEffort(
                label, metres,
                best.time_s if best else None, best.day if best else None,
                None if top is None else float(efforts.run_m[top]) / 1000,
                recent.time_s if recent else None, recent.day if recent else None,
                top is not None and bool(efforts.recorded[top]),
                near is not None and bool(efforts.recorded[near]),
            )
        )  # fmt: skip
    return tuple(rows)


def race_predictions(
    efforts: EffortTable,
    athlete: Athlete,
    week_ends: Sequence[date],
    exponent: float,
) -> tuple[RacePrediction, ...]:
    """Each race of the profile with a fixed distance: its predicted time at each week
    end, by Riegel from the fastest effort of the RECENT_WEEKS before it."""
    names = {v: k for k, v in EFFORT_DISTANCES_M.items()}
    out = []
    for race in sorted(athlete.races, key=lambda r: r.date):
        if race.by_effort:  # trail and ultra races are paced by effort, not predicted
            continue
        metres = race.distance_km * 1000.0
        found = predicted_times(
            efforts, metres, week_ends, lookback_days=7 * RECENT_WEEKS, exponent=exponent
        )
        weeks = tuple(
            (end, None, None)
            if hit is None
            else (end, hit[0], f"{names.get(hit[1].distance_m, 'effort')} on {hit[1].day}")
            for end, hit in zip(week_ends, found, strict=True)
        )
        out.append(
            RacePrediction(
                race.name, race.date, race.distance_km, race.goal_time_s, weeks, exponent
            )
        )
    return tuple(out)


# JSON (the stats document's running sections, docs/load.md) -------------------------

EFFORTS_NOTE = (
    "An effort marked recorded is the fastest stretch of that distance found in a run's "
    "records at import; the others come from runs imported without them and are the whole "
    "run's average pace scaled to the distance, so the true best inside was at least as fast."
)


class LongRunDoc(TypedDict):
    """One week of the long-run curve."""

    start: str
    done_km: float | None
    done_date: str | None
    planned_km: float | None


class BestEffortDoc(TypedDict):
    """The best effort over one distance, all time and recent."""

    distance: str
    distance_m: float
    time_s: float | None
    date: str | None
    run_km: float | None
    recent_time_s: float | None
    recent_date: str | None
    recorded: bool
    recent_recorded: bool


class BestEffortsDoc(TypedDict):
    """Best efforts per distance, and what they are made of."""

    method: str
    note: str
    recent_weeks: int
    distances: list[BestEffortDoc]


class PredictionWeekDoc(TypedDict):
    """A race's predicted time at one week's end, and the effort it came from."""

    end: str
    time_s: float | None
    from_effort: str | None


class RacePredictionDoc(TypedDict):
    """One race's predicted time week by week, with its goal."""

    race: str
    date: str
    distance_km: float
    goal_time_s: int | None
    riegel_exponent: float
    weeks: list[PredictionWeekDoc]


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _round(x: float | None, digits: int = 1) -> float | None:
    return None if x is None else round(x, digits)


def long_runs_doc(rows: Iterable[LongRunWeek]) -> list[LongRunDoc]:
    """The long-run curve as JSON."""
    return [
        LongRunDoc(
            start=w.start.isoformat(), done_km=w.done_km, done_date=_iso(w.done_day),
            planned_km=w.planned_km,
        )
        for w in rows
    ]  # fmt: skip


def best_efforts_doc(rows: Iterable[BestEffort]) -> BestEffortsDoc:
    """Best efforts as JSON, with the method they come from."""
    distances = [
        BestEffortDoc(
            distance=e.label, distance_m=e.distance_m, time_s=_round(e.time_s),
            date=_iso(e.day), run_km=_round(e.run_km, 2), recent_time_s=_round(e.recent_time_s),
            recent_date=_iso(e.recent_day), recorded=e.recorded,
            recent_recorded=e.recent_recorded,
        )
        for e in rows
    ]  # fmt: skip
    return BestEffortsDoc(
        method=EFFORTS_METHOD, note=EFFORTS_NOTE, recent_weeks=RECENT_WEEKS, distances=distances
    )


def predictions_doc(rows: Iterable[RacePrediction]) -> list[RacePredictionDoc]:
    """Race predictions as JSON."""
    return [
        RacePredictionDoc(
            race=p.race, date=p.race_day.isoformat(), distance_km=p.distance_km,
            goal_time_s=p.goal_time_s, riegel_exponent=p.exponent,
            weeks=[
                PredictionWeekDoc(end=end.isoformat(), time_s=_round(t), from_effort=source)
                for end, t, source in p.weeks
            ],
        )
        for p in rows
    ]  # fmt: skip
