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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

import numpy as np
import numpy.typing as npt

from stridelift.adapters.store.engine import Store
from stridelift.adapters.store.repository import PlanSnapshot
from stridelift.domain import load
from stridelift.domain.activity import RUN_SPORTS, StrengthSet
from stridelift.domain.methodology import Methodology
from stridelift.errors import UsageError
from stridelift.services import stats_forecast
from stridelift.services.logbook import History, latest_plan_snapshot, load_history
from stridelift.services.stats_forecast import (
    Forecast,
    monday,
    plan_span,
    planned_sessions,
    snapshot_doc,
)

SCHEMA = "stridelift.stats/1"
DEFAULT_WEEKS = 12
MAX_WEEKS = 520  # ten years
HISTORY_FROM = date(1970, 1, 1)  # "all of it": the first day a stats run reads from
# Where an estimated RPE came from, in the order they are tried (docs/load.md).
RPE_SOURCES = ("logged", "rir", "run_type", "athlete_mean", "methodology")
# Planned sessions counted for compliance; core work is usually done around a run and
# rarely logged on its own, so it counts towards planned load but not compliance.
COMPLIANCE_KINDS = frozenset(load.KINDS)


# Sessions ---------------------------------------------------------------------

_KIND = {k: i for i, k in enumerate(load.KINDS)}
_SOURCE = {k: i for i, k in enumerate(RPE_SOURCES)}
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_DAY_S = 86400.0


@dataclass(frozen=True, slots=True)
class Session:
    """One logged session as the statistics see it: local day, kind, minutes, RPE."""

    day: date
    kind: str  # run, strength or cross (load.KINDS)
    minutes: float
    rpe: float
    rpe_from: str  # one of RPE_SOURCES
    minutes_estimated: bool = False
    km: float = 0.0

    @property
    def load(self) -> float:
        """Session load, RPE x minutes (Foster 2001)."""
        return self.rpe * self.minutes


@dataclass(frozen=True, slots=True, eq=False)
class SessionLog:
    """Every logged session as columns (one element per session), for vectorised sums.

    ``day`` holds local date ordinals, ``kind`` indexes load.KINDS and ``rpe_from``
    indexes RPE_SOURCES.
    """

    day: npt.NDArray[np.int64]
    kind: npt.NDArray[np.int8]
    minutes: npt.NDArray[np.float64]
    rpe: npt.NDArray[np.float64]
    rpe_from: npt.NDArray[np.int8]
    minutes_estimated: npt.NDArray[np.bool_]
    km: npt.NDArray[np.float64]

    def __len__(self) -> int:
        return int(self.day.size)

    @property
    def load(self) -> npt.NDArray[np.float64]:
        """Session load of each session, RPE x minutes (Foster 2001)."""
        return self.rpe * self.minutes

    def where(self, mask: npt.NDArray[np.bool_]) -> SessionLog:
        """The sessions where ``mask`` is true."""
        return SessionLog(
            self.day[mask], self.kind[mask], self.minutes[mask], self.rpe[mask],
            self.rpe_from[mask], self.minutes_estimated[mask], self.km[mask],
        )  # fmt: skip

    def sessions(self) -> list[Session]:
        """The sessions as values, ordered by day and kind."""
        order = np.lexsort((self.kind, self.day))
        return [
            Session(date.fromordinal(int(self.day[i])), load.KINDS[self.kind[i]],
                    float(self.minutes[i]), float(self.rpe[i]), RPE_SOURCES[self.rpe_from[i]],
                    bool(self.minutes_estimated[i]), float(self.km[i]))
            for i in order
        ]  # fmt: skip


def _local_ordinals(starts: Sequence[datetime], tz: tzinfo) -> npt.NDArray[np.int64]:
    """Local date ordinal of each start (a naive start is taken to be UTC).

    A fixed-offset zone (UTC, or the CLI's local zone) shifts every start by one offset,
    vectorised; a zone with daylight saving converts each start on its own.
    """
    aware = [s if s.tzinfo is not None else s.replace(tzinfo=UTC) for s in starts]
    offset = tz.utcoffset(None)
    if offset is None:
        return np.array([s.astimezone(tz).toordinal() for s in aware], dtype=np.int64)
    seconds = np.array([s.timestamp() for s in aware], dtype=np.float64)
    days = np.floor((seconds + offset.total_seconds()) / _DAY_S).astype(np.int64)
    return days + _EPOCH_ORDINAL


def _rir_rpe(
    set_lists: Sequence[Sequence[StrengthSet]], wanted: npt.NDArray[np.bool_]
) -> npt.NDArray[np.float64]:
    """Per session, the mean RPE of its sets with reps in reserve (RUN-7), else NaN.

    Only sessions where ``wanted`` is true are looked at (the others logged their RPE).
    """
    count = len(set_lists)
    owner: list[int] = []
    rirs: list[int] = []
    for i in np.flatnonzero(wanted).tolist():
        for s in set_lists[i]:
            if s.rir is not None:
                owner.append(i)
                rirs.append(s.rir)
    out = np.full(count, np.nan)
    if not rirs:
        return out
    owners = np.array(owner, dtype=np.int64)
    rpe = load.rpe_from_rirs(rirs)
    sums = np.bincount(owners, weights=rpe, minlength=count)
    sets = np.bincount(owners, minlength=count)
    np.divide(sums, sets, out=out, where=sets > 0)
    return out


def session_log(history: History, methodology: Methodology, tz: tzinfo = UTC) -> SessionLog:
    """Every session of ``history`` with its local day, minutes and (maybe estimated) RPE.

    A missing RPE is estimated, first source that applies: the mean RPE of the sets' reps
    in reserve (RUN-7); for a run, its type's value in [load.planned_rpe]; the mean RPE the
    athlete logged for that kind of session; the methodology's value for the kind (easy
    for a run, strength, cross). A lift without minutes takes the profile's
    session_minutes.
    """
    table = methodology.planned_rpe
    lift_minutes = float(history.athlete.athlete.session_minutes)
    # One pass over the objects into columns; numpy takes None as NaN in float arrays.
    acts = [
        (a.start_utc, a.sport, a.duration_s, a.rpe, a.run_type, a.distance_m, a.sets)
        for a in history.activities
    ]
    lifts = [(x.day.toordinal(), x.minutes, x.rpe, x.sets) for x in history.lift_sessions]
    starts, sports, durations, a_rpe, run_types, distances, a_sets = (
        zip(*acts, strict=True) if acts else ((),) * 7
    )
    l_days, l_minutes, l_rpe, l_sets = zip(*lifts, strict=True) if lifts else ((),) * 4
    n_a, n_l = len(acts), len(lifts)
    sport = np.array(sports, dtype=object)
    is_run = np.isin(sport, list(RUN_SPORTS))
    kind = np.full(n_a + n_l, _KIND["strength"], dtype=np.int8)
    kind[:n_a] = np.where(
        is_run,
        _KIND["run"],
        np.where(sport == "strength_training", _KIND["strength"], _KIND["cross"]),
    )
    day = np.concatenate((_local_ordinals(starts, tz), np.array(l_days, dtype=np.int64)))
    l_mins = np.array(l_minutes, dtype=np.float64)  # None -> NaN
    untimed = np.concatenate((np.zeros(n_a, np.bool_), np.isnan(l_mins)))
    minutes = np.concatenate(
        (np.array(durations, dtype=np.float64) / 60.0, np.nan_to_num(l_mins, nan=lift_minutes))
    )
    logged = np.concatenate((np.array(a_rpe, dtype=np.float64), np.array(l_rpe, dtype=np.float64)))
    by_type = np.full(n_a + n_l, np.nan)
    by_type[:n_a] = np.where(is_run, [table.get(r or "", math.nan) for r in run_types], np.nan)
    km = np.zeros(n_a + n_l)
    km[:n_a] = np.where(is_run, np.nan_to_num(np.array(distances, dtype=np.float64)), 0.0) / 1000.0
    from_rir = _rir_rpe((*a_sets, *l_sets), np.isnan(logged))
    fallback = np.array([table["easy"], table["strength"], table["cross"]])
    mean = fallback.copy()
    has_mean = np.zeros(len(load.KINDS), dtype=np.bool_)
    for code in range(len(load.KINDS)):
        mine = logged[(kind == code) & ~np.isnan(logged)]
        if mine.size:
            mean[code], has_mean[code] = mine.mean(), True
    # The cascade, last source first so that earlier ones overwrite it.
    rpe = fallback[kind]
    source = np.full(kind.size, _SOURCE["methodology"], dtype=np.int8)
    steps = (
        (has_mean[kind], mean[kind], "athlete_mean"),
        (~np.isnan(by_type), by_type, "run_type"),
        (~np.isnan(from_rir), from_rir, "rir"),
        (~np.isnan(logged), logged, "logged"),
    )
    for mask, values, name in steps:
        rpe = np.where(mask, values, rpe)
        source[mask] = _SOURCE[name]
    return SessionLog(day, kind, minutes, rpe, source, untimed, km)


def sessions_from_history(
    history: History, methodology: Methodology, tz: tzinfo = UTC
) -> list[Session]:
    """The sessions of ``history`` as values, ordered by day and kind (see session_log)."""
    return session_log(history, methodology, tz).sessions()


@dataclass(frozen=True, slots=True)
class SessionCounts:
    """How many sessions there were, and how many had their RPE or minutes estimated."""

    total: int
    rpe_estimated: int
    minutes_estimated: int
    rpe_from: Mapping[str, int]  # RPE_SOURCES -> sessions

    @classmethod
    def of(cls, log: SessionLog) -> SessionCounts:
        """Count the sessions of a log."""
        sources = np.bincount(log.rpe_from, minlength=len(RPE_SOURCES))
        return cls(
            total=len(log),
            rpe_estimated=len(log) - int(sources[_SOURCE["logged"]]),
            minutes_estimated=int(log.minutes_estimated.sum()),
            rpe_from={k: int(sources[i]) for i, k in enumerate(RPE_SOURCES)},
        )


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


def _e1rm(
    history: History, log_days: npt.NDArray[np.int64], start: date, end: date
) -> tuple[LiftEstimate, ...]:
    """Best e1RM per exercise from the window's sets; weak (>10 reps) ones only if no other.

    ``log_days`` are the local day ordinals of history's activities then lift sessions.
    """
    sets: list[StrengthSet] = []
    days: list[int] = []
    owners = [a.sets for a in history.activities] + [x.sets for x in history.lift_sessions]
    inside = (log_days >= start.toordinal()) & (log_days <= end.toordinal())
    for i in np.flatnonzero(inside):
        found = owners[i]
        sets.extend(found)
        days.extend([int(log_days[i])] * len(found))
    strong = load.estimate_1rm(sets)
    # Exercises with no set of 10 reps or fewer: their best higher-rep set, flagged weak.
    rest = [i for i, s in enumerate(sets) if s.exercise_id not in strong]
    weak = load.estimate_1rm((sets[i] for i in rest), max_reps=load.BRZYCKI_REP_LIMIT - 1)
    estimates = [(e, days[e.set_index], False) for e in strong.values()]
    estimates += [(e, days[rest[e.set_index]], True) for e in weak.values()]
    out = []
    for best, day, flagged in sorted(estimates, key=lambda f: f[0].exercise_id):
        s = best.from_set
        out.append(
            LiftEstimate(
                best.exercise_id,
                best.epley_kg,
                best.brzycki_kg,
                s.reps,
                float(s.load_kg or 0.0),
                date.fromordinal(day),
                flagged,
            )
        )
    return tuple(out)


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
    """All figures for the ``weeks`` Monday-based weeks ending with today's week.

    Load-based figures use the whole history in ``history`` (fitness needs months of it);
    counts, run volume and e1RM cover the window. ``forecast_plan`` is a plan document and
    a sentence saying where it came from; None skips the forecast.
    """
    check_weeks(weeks)
    everything = session_log(history, methodology, tz)
    log = everything.where(everything.day <= today.toordinal())
    window_start = monday(today) - timedelta(days=7 * (weeks - 1))
    first_day = date.fromordinal(int(log.day.min())) if len(log) else None
    start = min(window_start, first_day) if first_day is not None else window_start
    days = (today - start).days + 1
    series = load.DailyLoad(
        start,
        np.bincount(log.day - start.toordinal(), weights=log.load, minlength=days).astype(
            np.float64
        ),
    )
    rolling, ewma = load.acwr_rolling(series), load.acwr_ewma(series)
    mono = load.monotony_strain(series)
    state = load.fitness_fatigue(series)
    recent = log.where(log.day >= window_start.toordinal())
    week = (recent.day - window_start.toordinal()) // 7
    per_kind = [
        np.bincount(week[recent.kind == k], weights=recent.load[recent.kind == k], minlength=weeks)
        for k in range(len(load.KINDS))
    ]
    counts = np.bincount(week, minlength=weeks)
    runs = recent.kind == _KIND["run"]
    run_counts = np.bincount(week[runs], minlength=weeks)
    run_min = np.bincount(week[runs], weights=recent.minutes[runs], minlength=weeks)
    run_km = np.bincount(week[runs], weights=recent.km[runs], minlength=weeks)
    totals = load.weekly_totals(series)
    skip = (window_start - series.first_monday).days // 7
    doc = snapshot_doc(snapshot)
    compliance, weekly = _compliance(doc, snapshot, log, (window_start, today), methodology)
    covered = set(weekly)
    # Ratios and states are read on each week's last day (Sunday, or today).
    ends = np.minimum(np.arange(weeks) * 7 + 6 + (window_start - start).days, (today - start).days)
    acwr_r, acwr_e = _read(rolling.ratio, ends), _read(ewma.ratio, ends)
    monotony, strain = _read(mono.monotony, ends), _read(mono.strain, ends)
    fitness, fatigue = state.fitness[ends].tolist(), state.fatigue[ends].tolist()
    form = state.form[ends].tolist()
    week_load = totals[skip : skip + weeks].tolist()
    by_kind = [dict(zip(load.KINDS, v, strict=True))
               for v in zip(*(k.tolist() for k in per_kind), strict=True)]  # fmt: skip
    rows = []
    for i in range(weeks):
        first = window_start + timedelta(days=7 * i)
        plan_week = weekly.get(first) if first in covered else None
        rows.append(
            WeekStats(
                start=first,
                end=start + timedelta(days=int(ends[i])),
                load=week_load[i],
                load_by_kind=by_kind[i],
                sessions=int(counts[i]),
                acwr_rolling=acwr_r[i],
                acwr_ewma=acwr_e[i],
                monotony=monotony[i],
                strain=strain[i],
                fitness=fitness[i],
                fatigue=fatigue[i],
                form=form[i],
                runs=int(run_counts[i]),
                run_minutes=float(run_min[i]),
                run_km=float(run_km[i]),
                planned=None if plan_week is None else plan_week[0],
                done=None if plan_week is None else plan_week[1],
                extra=None if plan_week is None else plan_week[2],
            )
        )
    forecast = None
    if forecast_plan is not None:
        forecast = stats_forecast.forecast(
            state, forecast_plan, history.athlete.athlete, today, methodology
        )
    return Stats(
        athlete=history.athlete.name,
        units=history.athlete.athlete.units,
        today=today,
        weeks_requested=weeks,
        first_day=first_day,
        weeks=tuple(rows),
        in_window=SessionCounts.of(recent),
        all_history=SessionCounts.of(log),
        e1rm=_e1rm(history, everything.day, window_start, today),
        compliance=compliance,
        forecast=forecast,
    )


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
    history = load_history(store, athlete, HISTORY_FROM, today, tz)
    snapshot = latest_plan_snapshot(store, history.athlete.id)
    chosen = None
    if forecast:
        chosen = stats_forecast.forecast_plan(snapshot, history.athlete.athlete, today, methodology)
    return compute_stats(
        history,
        today=today,
        weeks=weeks,
        tz=tz,
        methodology=methodology,
        snapshot=snapshot,
        forecast_plan=chosen,
    )


# JSON -----------------------------------------------------------------------------


def _r(x: float | None, digits: int = 1) -> float | None:
    return None if x is None or math.isnan(x) else round(x, digits)


def _counts_doc(c: SessionCounts) -> dict[str, Any]:
    return {
        "total": c.total,
        "rpe_estimated": c.rpe_estimated,
        "minutes_estimated": c.minutes_estimated,
        "rpe_from": dict(c.rpe_from),
    }


def stats_document(stats: Stats) -> dict[str, Any]:
    """The statistics as the JSON document ``stridelift.stats/1`` (docs/load.md)."""
    weeks = [
        {
            "start": w.start.isoformat(),
            "end": w.end.isoformat(),
            "days": (w.end - w.start).days + 1,
            "load": _r(w.load),
            "load_by_kind": {k: _r(v) for k, v in w.load_by_kind.items()},
            "sessions": w.sessions,
            "acwr_rolling": _r(w.acwr_rolling, 2),
            "acwr_ewma": _r(w.acwr_ewma, 2),
            "monotony": _r(w.monotony, 2),
            "strain": _r(w.strain),
            "fitness": _r(w.fitness),
            "fatigue": _r(w.fatigue),
            "form": _r(w.form),
            "runs": w.runs,
            "run_minutes": _r(w.run_minutes),
            "run_km": _r(w.run_km, 2),
            "compliance": None
            if w.planned is None
            else {"planned": w.planned, "done": w.done, "extra": w.extra},
        }
        for w in stats.weeks
    ]
    c = stats.compliance
    document: dict[str, Any] = {
        "schema": SCHEMA,
        "athlete": stats.athlete,
        "today": stats.today.isoformat(),
        "weeks_requested": stats.weeks_requested,
        "window_start": stats.window_start.isoformat(),
        "first_logged_day": stats.first_day.isoformat() if stats.first_day else None,
        "acwr_caveat": load.ACWR_CAVEAT,
        "sessions": {
            "in_window": _counts_doc(stats.in_window),
            "all_history": _counts_doc(stats.all_history),
        },
        "weeks": weeks,
        "e1rm": [
            {
                "exercise_id": e.exercise_id,
                "epley_kg": _r(e.epley_kg),
                "brzycki_kg": _r(e.brzycki_kg),
                "reps": e.reps,
                "load_kg": _r(e.load_kg, 2),
                "date": e.day.isoformat(),
                "weak": e.weak,
            }
            for e in stats.e1rm
        ],
        "compliance": {
            "available": c.available,
            "message": c.message,
            "plan_made": c.plan_made.isoformat() if c.plan_made else None,
            "planned": c.planned,
            "done": c.done,
            "extra": c.extra,
            "ratio": _r(c.ratio, 3),
        },
        "forecast": None,
    }
    f = stats.forecast
    if f is not None:
        document["forecast"] = {
            "plan_source": f.plan_source,
            "start": f.start.isoformat(),
            "end": f.end.isoformat(),
            "race": f.race_name,
            "end_day": {"fitness": _r(f.fitness), "fatigue": _r(f.fatigue), "form": _r(f.form)},
            "peak_fatigue": {
                "value": _r(f.peak_fatigue),
                "date": f.peak_fatigue_day.isoformat(),
                "week_start": f.peak_fatigue_week.isoformat(),
            },
            "planned_sessions": f.planned_sessions,
            "weeks": [
                {
                    "start": w.start.isoformat(),
                    "end": w.end.isoformat(),
                    "planned_load": _r(w.planned_load),
                    "fitness": _r(w.fitness),
                    "fatigue": _r(w.fatigue),
                    "form": _r(w.form),
                }
                for w in f.weeks
            ],
        }
    return document
