"""Training-load statistics of a stored athlete (RUN-6, RUN-7): the `stridelift stats` use case.

Reads the athlete's whole history, dates every session by the athlete's local date, turns
each into a session load (RPE x minutes, estimating what was not logged), and hands the
daily series to ``domain.load`` for weekly totals, the acute:chronic ratio, monotony and
strain, fitness/fatigue/form, running volume, estimated 1RM and plan compliance. The
forecast turns a plan into daily planned load and projects fitness and fatigue to race day.
Formulas, sources and the JSON document are described in docs/load.md.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from stridelift.domain import e1rm, load
from stridelift.domain.activity import StrengthSet
from stridelift.domain.methodology import Methodology
from stridelift.errors import UsageError
from stridelift.services import stats_forecast
from stridelift.services.logbook import History
from stridelift.services.stats_forecast import (
    Forecast,
    monday,
    plan_span,
    planned_sessions,
    snapshot_doc,
)
from stridelift.services.stats_json import SCHEMA as SCHEMA  # the use case's document
from stridelift.services.stats_json import stats_document as stats_document
from stridelift.services.stats_running import (
    BestEffort,
    ImportedRun,
    LongRunWeek,
    RacePrediction,
    best_effort_table,
    imported_runs_of,
    long_runs,
    race_predictions,
    run_efforts,
)
from stridelift.services.stats_sessions import (
    KIND_CODE,
    SessionCounts,
    SessionLog,
    local_days,
    session_log,
)

if TYPE_CHECKING:  # annotations only: importing the store costs every CLI command ~0.3 s
    from stridelift.adapters.store.engine import Store
    from stridelift.adapters.store.repository import PlanSnapshot
    from stridelift.services.athletes import StoredAthlete

DEFAULT_WEEKS = 12
MAX_WEEKS = 520  # ten years
# Planned sessions counted for compliance; core work is usually done around a run and
# rarely logged on its own, so it counts towards planned load but not compliance.
COMPLIANCE_KINDS = frozenset(load.KINDS)


# Results ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WeekStats:
    """One Monday-based week of the window; ratios and states are read on its last day."""

    start: date
    end: date  # Sunday, or today for the current week
    load: float
    load_by_kind: Mapping[str, float]  # run, strength, cross
    sessions: int
    acwr_rolling: float | None
    acwr_ewma: float | None
    monotony: float | None
    strain: float | None
    fitness: float
    fatigue: float
    form: float
    runs: int
    run_minutes: float
    run_km: float
    planned: int | None = None  # compliance, when a stored plan covers the week
    done: int | None = None
    extra: int | None = None


@dataclass(frozen=True, slots=True)
class LiftEstimate:
    """Best estimated 1RM of one exercise in the window, and the set it came from."""

    exercise_id: str
    epley_kg: float
    brzycki_kg: float
    reps: int
    load_kg: float
    day: date
    weak: bool  # only sets above 10 reps were logged (RUN-7)


@dataclass(frozen=True, slots=True)
class ComplianceStats:
    """Planned sessions of the latest stored plan against logged ones, within the window."""

    available: bool
    message: str
    plan_made: date | None = None
    planned: int = 0
    done: int = 0
    extra: int = 0
    ratio: float | None = None


@dataclass(frozen=True, slots=True)
class Stats:
    """Everything `stridelift stats` shows for one athlete."""

    athlete: str
    units: str
    today: date
    weeks_requested: int
    first_day: date | None  # the first logged day, None without history
    weeks: tuple[WeekStats, ...]
    in_window: SessionCounts
    all_history: SessionCounts
    e1rm: tuple[LiftEstimate, ...]
    compliance: ComplianceStats
    forecast: Forecast | None = None
    long_runs: tuple[LongRunWeek, ...] = ()
    best_efforts: tuple[BestEffort, ...] = ()
    predictions: tuple[RacePrediction, ...] = ()

    @property
    def empty(self) -> bool:
        """True when nothing at all was logged."""
        return self.all_history.total == 0

    @property
    def window_start(self) -> date:
        """Monday of the first week shown."""
        return self.weeks[0].start


# Computing ------------------------------------------------------------------------


def check_weeks(weeks: int) -> int:
    """The number of weeks to show, checked (1 to MAX_WEEKS)."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise UsageError(f"--weeks: {weeks} is out of range (expected 1-{MAX_WEEKS})")
    return weeks


def _value(x: float) -> float | None:
    return None if math.isnan(x) else float(x)


def _read(values: npt.NDArray[np.float64], at: npt.NDArray[np.int64]) -> list[float | None]:
    """Values on the given days, None where undefined (NaN)."""
    return [None if math.isnan(v) else v for v in values[at].tolist()]


def _e1rm(window: History, tz: tzinfo, start: date, end: date) -> tuple[LiftEstimate, ...]:
    """Best e1RM per exercise from the window's sets; weak (>10 reps) ones only if no other."""
    sets: list[StrengthSet] = []
    days: list[int] = []
    log_days = local_days(window, tz)
    owners = [a.sets for a in window.activities] + [x.sets for x in window.lift_sessions]
    inside = (log_days >= start.toordinal()) & (log_days <= end.toordinal())
    for i in np.flatnonzero(inside):
        found = owners[i]
        sets.extend(found)
        days.extend([int(log_days[i])] * len(found))
    strong = e1rm.estimate_1rm(sets)
    # Exercises with no set of 10 reps or fewer: their best higher-rep set, flagged weak.
    rest = [i for i, s in enumerate(sets) if s.exercise_id not in strong]
    weak = e1rm.estimate_1rm((sets[i] for i in rest), max_reps=e1rm.BRZYCKI_REP_LIMIT - 1)
    estimates = [(e, days[e.set_index], False) for e in strong.values()]
    estimates += [(e, days[rest[e.set_index]], True) for e in weak.values()]
    return tuple(
        LiftEstimate(
            best.exercise_id,
            best.epley_kg,
            best.brzycki_kg,
            best.from_set.reps,
            float(best.from_set.load_kg or 0.0),
            date.fromordinal(day),
            flagged,
        )
        for best, day, flagged in sorted(estimates, key=lambda f: f[0].exercise_id)
    )


def _compliance(
    doc: dict[str, Any] | None,
    snapshot: PlanSnapshot | None,
    log: SessionLog,
    window: tuple[date, date],
    methodology: Methodology,
) -> tuple[ComplianceStats, dict[date, tuple[int, int, int]]]:
    """Compliance over the part of the window the stored plan covers, per week (Monday)."""
    if snapshot is None:
        return ComplianceStats(False, "no stored plan: compliance needs a saved plan"), {}
    span = plan_span(doc) if doc is not None else None
    try:
        planned_all = planned_sessions(doc, methodology.planned_rpe) if doc else None
    except ValueError:
        planned_all = None
    if span is None or planned_all is None:
        return ComplianceStats(
            False, f"the plan stored on {snapshot.today} could not be read", snapshot.today
        ), {}
    first = max(window[0], span[0], snapshot.today)
    last = min(window[1], span[1])
    if first > last:
        return ComplianceStats(
            False,
            f"the plan stored on {snapshot.today} does not cover these weeks "
            f"({span[0]} to {span[1]})",
            snapshot.today,
        ), {}
    planned = [
        (p.day, p.kind)
        for p in planned_all
        if first <= p.day <= last and p.kind in COMPLIANCE_KINDS
    ]
    inside = log.where((log.day >= first.toordinal()) & (log.day <= last.toordinal()))
    done = [
        (date.fromordinal(int(d)), load.KINDS[k])
        for d, k in zip(inside.day, inside.kind, strict=True)
    ]
    result = load.compliance(planned, done)
    # Every week the comparison spans gets a row, zeros included.
    weekly = {
        monday(first) + timedelta(days=7 * i): (0, 0, 0)
        for i in range((last - monday(first)).days // 7 + 1)
    }
    if result.first_monday is not None:
        for i in range(result.planned.size):
            week = result.first_monday + timedelta(days=7 * i)
            weekly[week] = (int(result.planned[i]), int(result.done[i]), int(result.extra[i]))
    return ComplianceStats(
        True,
        f"plan stored on {snapshot.today}, compared from {first} to {last}",
        snapshot.today,
        int(result.planned.sum()),
        int(result.done.sum()),
        int(result.extra.sum()),
        _value(result.ratio),
    ), weekly


@dataclass(frozen=True, slots=True)
class StatsInputs:
    """What the statistics read: every session as columns, and the window's sets.

    ``log`` holds every logged session (fitness needs months of them, the counts cover
    all); ``window`` the activities and lift sessions of at least the weeks shown, with
    their sets, for e1RM. A History gives both (``of``); services.stats_reading reads
    them from the store without decoding the whole log's sets.
    """

    athlete: StoredAthlete
    log: SessionLog
    window: History
    runs: tuple[ImportedRun, ...] = ()  # every imported run, for best efforts

    @classmethod
    def of(cls, history: History, methodology: Methodology, tz: tzinfo) -> StatsInputs:
        """Inputs from one in-memory history."""
        log = session_log(history, methodology, tz)
        return cls(history.athlete, log, history, imported_runs_of(history))


@dataclass(frozen=True, slots=True, eq=False)
class _Daily:
    """The daily load series from ``start`` and the figures read from it each day."""

    start: date
    rolling: npt.NDArray[np.float64]
    ewma: npt.NDArray[np.float64]
    monotony: load.MonotonyStrain
    state: load.FitnessFatigue
    series: load.DailyLoad


def _daily(log: SessionLog, window_start: date, first_day: date | None, today: date) -> _Daily:
    """Daily load from the window's start or the first logged day, whichever is earlier.

    The acute:chronic ratios are computed from the first logged day only, so the days
    before it (zeros) neither fill their 28-day window early nor dilute the EWMA: a
    week's ratio is the same whatever the number of weeks asked for.
    """
    start = min(window_start, first_day) if first_day is not None else window_start
    days = (today - start).days + 1
    loads = np.bincount(log.day - start.toordinal(), weights=log.load, minlength=days)
    series = load.DailyLoad(start, loads.astype(np.float64))
    rolling, ewma = np.full(days, np.nan), np.full(days, np.nan)
    if first_day is not None:
        lead = (first_day - start).days
        logged = load.DailyLoad(first_day, series.loads[lead:])
        rolling[lead:] = load.acwr_rolling(logged).ratio
        ewma[lead:] = load.acwr_ewma(logged).ratio
    mono = load.monotony_strain(series)
    return _Daily(start, rolling, ewma, mono, load.fitness_fatigue(series), series)


def acwr_ewma_on(log: SessionLog, today: date) -> float | None:
    """The EWMA acute:chronic ratio on ``today``: the figure the Progress page shows for
    this week (``stats_from``'s last week's ``acwr_ewma``), without the rest of the
    statistics; None before enough is logged."""
    log = log.where(log.day <= today.toordinal())
    first_day = date.fromordinal(int(log.day.min())) if len(log) else None
    return _value(float(_daily(log, monday(today), first_day, today).ewma[-1]))


def _per_week(recent: SessionLog, window_start: date, weeks: int) -> dict[str, list[Any]]:
    """The window's per-week sums: load by kind, sessions, runs, run minutes and km."""
    week = (recent.day - window_start.toordinal()) // 7
    runs = recent.kind == KIND_CODE["run"]
    run_weeks = week[runs]

    def per_run(weights: npt.NDArray[np.float64]) -> list[float]:
        sums: list[float] = np.bincount(run_weeks, weights=weights[runs], minlength=weeks).tolist()
        return sums

    per_kind = [
        np.bincount(week[recent.kind == k], weights=recent.load[recent.kind == k], minlength=weeks)
        for k in range(len(load.KINDS))
    ]
    return {
        "by_kind": [dict(zip(load.KINDS, v, strict=True))
                    for v in zip(*(k.tolist() for k in per_kind), strict=True)],
        "sessions": np.bincount(week, minlength=weeks).tolist(),
        "runs": np.bincount(run_weeks, minlength=weeks).tolist(),
        "run_minutes": per_run(recent.minutes),
        "run_km": per_run(recent.km),
    }  # fmt: skip


def _week_rows(
    daily: _Daily,
    sums: dict[str, list[Any]],
    weekly_plan: Mapping[date, tuple[int, int, int]],
    window_start: date,
    today: date,
    weeks: int,
) -> tuple[WeekStats, ...]:
    """One row per week of the window; ratios and states read on each week's last day."""
    start = daily.start
    ends = np.minimum(np.arange(weeks) * 7 + 6 + (window_start - start).days, (today - start).days)
    acwr_r, acwr_e = _read(daily.rolling, ends), _read(daily.ewma, ends)
    monotony, strain = _read(daily.monotony.monotony, ends), _read(daily.monotony.strain, ends)
    state = daily.state
    fitness, fatigue, form = (x[ends].tolist() for x in (state.fitness, state.fatigue, state.form))
    skip = (window_start - daily.series.first_monday).days // 7
    week_load = load.weekly_totals(daily.series)[skip : skip + weeks].tolist()
    rows = []
    for i in range(weeks):
        first = window_start + timedelta(days=7 * i)
        plan_week = weekly_plan.get(first)  # None: no stored plan covers this week
        rows.append(
            WeekStats(
                start=first, end=start + timedelta(days=int(ends[i])), load=week_load[i],
                load_by_kind=sums["by_kind"][i], sessions=int(sums["sessions"][i]),
                acwr_rolling=acwr_r[i], acwr_ewma=acwr_e[i], monotony=monotony[i],
                strain=strain[i], fitness=fitness[i], fatigue=fatigue[i], form=form[i],
                runs=int(sums["runs"][i]), run_minutes=float(sums["run_minutes"][i]),
                run_km=float(sums["run_km"][i]),
                planned=None if plan_week is None else plan_week[0],
                done=None if plan_week is None else plan_week[1],
                extra=None if plan_week is None else plan_week[2],
            )
        )  # fmt: skip
    return tuple(rows)


def compute_stats(
    history: History,
    *,
    today: date,
    weeks: int = DEFAULT_WEEKS,
    tz: tzinfo = UTC,
    methodology: Methodology,
    snapshot: PlanSnapshot | None = None,
    forecast_plan: tuple[Mapping[str, Any], str] | None = None,
) -> Stats:
    """All figures for the ``weeks`` Monday-based weeks ending with today's week, from one
    in-memory history (see stats_from)."""
    check_weeks(weeks)
    inputs = StatsInputs.of(history, methodology, tz)
    return stats_from(
        inputs, today=today, weeks=weeks, tz=tz, methodology=methodology,
        snapshot=snapshot, forecast_plan=forecast_plan,
    )  # fmt: skip


def stats_from(
    inputs: StatsInputs,
    *,
    today: date,
    weeks: int = DEFAULT_WEEKS,
    tz: tzinfo = UTC,
    methodology: Methodology,
    snapshot: PlanSnapshot | None = None,
    forecast_plan: tuple[Mapping[str, Any], str] | None = None,
) -> Stats:
    """All figures for the ``weeks`` Monday-based weeks ending with today's week.

    Load-based figures use every logged session (fitness needs months of them); counts,
    run volume and e1RM cover the window. ``forecast_plan`` is a plan document and a
    sentence saying where it came from; None skips the forecast.
    """
    check_weeks(weeks)
    log = inputs.log.where(inputs.log.day <= today.toordinal())
    window_start = monday(today) - timedelta(days=7 * (weeks - 1))
    first_day = date.fromordinal(int(log.day.min())) if len(log) else None
    daily = _daily(log, window_start, first_day, today)
    recent = log.where(log.day >= window_start.toordinal())
    doc = snapshot_doc(snapshot)
    compliance, weekly = _compliance(doc, snapshot, log, (window_start, today), methodology)
    forecast = None
    if forecast_plan is not None:
        athlete = inputs.athlete.athlete
        forecast = stats_forecast.forecast(daily.state, forecast_plan, athlete, today, methodology)
    rows = _week_rows(
        daily, _per_week(recent, window_start, weeks), weekly, window_start, today, weeks
    )
    plan_doc = forecast_plan[0] if forecast_plan is not None else doc
    running = _running(inputs, plan_doc, rows, forecast.end if forecast else today, tz, methodology)
    return Stats(
        athlete=inputs.athlete.name,
        units=inputs.athlete.athlete.units,
        today=today,
        weeks_requested=weeks,
        first_day=first_day,
        weeks=rows,
        in_window=SessionCounts.of(recent),
        all_history=SessionCounts.of(log),
        e1rm=_e1rm(inputs.window, tz, window_start, today),
        compliance=compliance,
        forecast=forecast,
        long_runs=running[0],
        best_efforts=running[1],
        predictions=running[2],
    )


def _running(
    inputs: StatsInputs,
    plan_doc: Mapping[str, Any] | None,
    rows: tuple[WeekStats, ...],
    last: date,
    tz: tzinfo,
    methodology: Methodology,
) -> tuple[tuple[LongRunWeek, ...], tuple[BestEffort, ...], tuple[RacePrediction, ...]]:
    """The long-run curve through ``last``, best efforts, and race predictions per week."""
    today = rows[-1].end
    curve = long_runs(inputs.window, plan_doc, first=rows[0].start, today=today, last=last, tz=tz)
    efforts = run_efforts(inputs.runs, tz)
    exponent = methodology.running.race_prediction.riegel_exponent
    athlete = inputs.athlete.athlete
    predictions = race_predictions(efforts, athlete, [w.end for w in rows], exponent)
    return curve, best_effort_table(efforts, today), predictions


def stats_for(
    store: Store,
    athlete: str | None,
    *,
    today: date,
    weeks: int = DEFAULT_WEEKS,
    tz: tzinfo = UTC,
    forecast: bool = False,
    methodology: Methodology | None = None,
) -> Stats:
    """Read a stored athlete's history and latest plan and compute their statistics.

    Raises:
        UsageError: --weeks is out of range, or the athlete is unknown.
    """
    check_weeks(weeks)
    if methodology is None:
        from stridelift.methodologies import default_methodology

        methodology = default_methodology()
    from stridelift.services.stats_reading import read_stats  # reads the store

    window_start = monday(today) - timedelta(days=7 * (weeks - 1))
    read = read_stats(
        store, athlete, window_start=window_start, today=today, tz=tz, methodology=methodology
    )
    chosen = None
    if forecast:
        athlete_value = read.inputs.athlete.athlete
        chosen = stats_forecast.forecast_plan(read.snapshot, athlete_value, today, methodology)
    return stats_from(
        read.inputs,
        today=today,
        weeks=weeks,
        tz=tz,
        methodology=methodology,
        snapshot=read.snapshot,
        forecast_plan=chosen,
    )
