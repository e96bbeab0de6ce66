"""Plans as load (RUN-6): planned sessions with their RPE, and the forecast to race day.

A plan document (PLAN_SCHEMA.md) becomes daily planned load, RPE x minutes, with the RPE
of each run type from the methodology's [load.planned_rpe] table and, for strength and
core sessions, the highest RPE the plan prescribes. ``forecast`` continues fitness and
fatigue from today through that load (domain.load.project_forward). See docs/load.md.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np

from stridelift.domain import load
from stridelift.domain.athlete import Athlete, Race
from stridelift.domain.methodology import Methodology

if TYPE_CHECKING:  # annotations only: importing the store costs every CLI command ~0.3 s
    from stridelift.adapters.store.repository import PlanSnapshot


def monday(day: date) -> date:
    """The Monday of the week holding ``day``."""
    return day - timedelta(days=day.weekday())


# Plans --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlannedSession:
    """One session of a plan document: its day, kind and planned load."""

    day: date
    kind: str  # run, strength, core or cross (PLAN_SCHEMA.md)
    minutes: float
    rpe: float

    @property
    def load(self) -> float:
        """Planned session load, RPE x minutes."""
        return self.rpe * self.minutes


def _planned_rpe(session: Mapping[str, Any], table: Mapping[str, float]) -> float:
    """RUN-6: run type's RPE; for lifts the highest prescribed exercise RPE, else the table."""
    kind = session["kind"]
    if kind == "run":
        return table[str(session["run_type"])]
    if kind in ("strength", "core"):
        rpes = [float(e["rpe"]) for e in session.get("exercises", []) if e.get("rpe") is not None]
        return max(rpes) if rpes else table[str(kind)]
    return table["cross"]


def planned_sessions(doc: Mapping[str, Any], table: Mapping[str, float]) -> list[PlannedSession]:
    """Every session of a plan document (PLAN_SCHEMA.md) with its planned RPE, by date.

    Raises:
        ValueError: the document does not follow the plan schema.
    """
    out: list[PlannedSession] = []
    try:
        for week in doc["weeks"]:
            for day in week["days"]:
                when = date.fromisoformat(day["date"])
                for s in day["sessions"]:
                    rpe = min(load.RPE_MAX, _planned_rpe(s, table))
                    out.append(PlannedSession(when, str(s["kind"]), float(s["minutes"]), rpe))
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"not a plan document ({exc!r})") from exc
    return out


def plan_span(doc: Mapping[str, Any]) -> tuple[date, date] | None:
    """First and last day of a plan document, or None when it has no weeks."""
    try:
        weeks = doc["weeks"]
        if not weeks:
            return None
        first = date.fromisoformat(weeks[0]["days"][0]["date"])
        last = date.fromisoformat(weeks[-1]["days"][-1]["date"])
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    return first, last


def snapshot_doc(snapshot: PlanSnapshot | None) -> dict[str, Any] | None:
    if snapshot is None:
        return None
    try:
        doc = json.loads(snapshot.plan_json)
    except json.JSONDecodeError:
        return None
    return doc if isinstance(doc, dict) else None


@dataclass(frozen=True, slots=True)
class ForecastWeek:
    """A week of the forecast: planned load, and the model's state on its last day."""

    start: date
    end: date
    planned_load: float
    fitness: float
    fatigue: float
    form: float


@dataclass(frozen=True, slots=True)
class Forecast:
    """Fitness, fatigue and form projected from today through a plan to race day."""

    plan_source: str
    start: date  # tomorrow
    end: date  # race day, or the plan's last day without a race
    race_name: str | None
    fitness: float  # going into ``end`` (after the day before's load)
    fatigue: float
    form: float
    peak_fatigue: float
    peak_fatigue_day: date
    peak_fatigue_week: date  # its Monday
    planned_sessions: int
    weeks: tuple[ForecastWeek, ...]


# Forecast -------------------------------------------------------------------------


def target_race(athlete: Athlete, today: date) -> Race | None:
    """The race a forecast runs to: the next A race after today, else the next race."""
    ahead = sorted((r for r in athlete.races if r.date > today), key=lambda r: r.date)
    a_races = [r for r in ahead if r.priority == "A"]
    chosen = a_races or ahead
    return chosen[0] if chosen else None


def forecast(
    state: load.FitnessFatigue,
    plan: tuple[Mapping[str, Any], str],
    athlete: Athlete,
    today: date,
    methodology: Methodology,
) -> Forecast | None:
    """Project fitness and fatigue from today's state through the plan's daily loads."""
    doc, source = plan
    span = plan_span(doc)
    if span is None:
        return None
    race = target_race(athlete, today)
    tomorrow = today + timedelta(days=1)
    end = min(race.date, span[1]) if race is not None else span[1]
    if end < tomorrow:
        return None
    planned = [
        p for p in planned_sessions(doc, methodology.planned_rpe) if tomorrow <= p.day <= end
    ]
    daily = load.daily_series(((p.day, p.load) for p in planned), tomorrow, end)
    ahead = load.project_forward(state, daily.loads)
    # Form on a day is the state going into it: after the previous day's load.
    if ahead.days >= 2:
        fitness, fatigue = float(ahead.fitness[-2]), float(ahead.fatigue[-2])
    else:
        fitness, fatigue = float(state.fitness[-1]), float(state.fatigue[-1])
    peak = int(np.argmax(ahead.fatigue))
    peak_day = tomorrow + timedelta(days=peak)
    weekly = load.weekly_totals(daily)
    rows = []
    for i, total in enumerate(weekly):
        first = daily.first_monday + timedelta(days=7 * i)
        last = min(first + timedelta(days=6), end)
        at = (last - tomorrow).days
        rows.append(
            ForecastWeek(
                max(first, tomorrow),
                last,
                float(total),
                float(ahead.fitness[at]),
                float(ahead.fatigue[at]),
                float(ahead.form[at]),
            )
        )
    reaches_race = race is not None and end == race.date
    return Forecast(
        plan_source=source,
        start=tomorrow,
        end=end,
        race_name=race.name if reaches_race and race is not None else None,
        fitness=fitness,
        fatigue=fatigue,
        form=fitness - fatigue,
        peak_fatigue=float(ahead.fatigue[peak]),
        peak_fatigue_day=peak_day,
        peak_fatigue_week=monday(peak_day),
        planned_sessions=len(planned),
        weeks=tuple(rows),
    )


def forecast_plan(
    snapshot: PlanSnapshot | None,
    athlete: Athlete,
    today: date,
    methodology: Methodology,
) -> tuple[Mapping[str, Any], str]:
    """The plan a forecast follows, and a phrase saying which.

    The latest stored plan when it covers tomorrow through race day (or, without a race,
    tomorrow at least); otherwise a plan built now from the stored profile.
    """
    doc = snapshot_doc(snapshot)
    span = plan_span(doc) if doc is not None else None
    race = target_race(athlete, today)
    tomorrow = today + timedelta(days=1)
    if snapshot is not None and doc is not None and span is not None:
        target = race.date if race is not None else span[1]
        try:
            planned_sessions(doc, methodology.planned_rpe)
            readable = True
        except ValueError:
            readable = False
        if readable and span[0] <= tomorrow and span[1] >= max(target, tomorrow):
            return doc, f"the plan stored on {snapshot.today}"
    from stridelift.domain.plan import plan
    from stridelift.methodologies import load_library

    built = plan(athlete, today, methodology, load_library())
    return built, f"a plan built from the profile for {today}"
