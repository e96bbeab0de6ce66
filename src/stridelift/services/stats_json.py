"""The statistics as the JSON document ``stridelift.stats/1`` (docs/load.md): what
``stridelift stats --json`` prints and ``GET /api/v1/a/{athlete}/stats`` answers.

``StatsDocument`` types the document for the OpenAPI schema: the newer running sections
(long runs, best efforts, race predictions) field by field.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, TypedDict

from stridelift.domain import load
from stridelift.services.stats_running import (
    BestEffortsDoc,
    LongRunDoc,
    RacePredictionDoc,
    best_efforts_doc,
    long_runs_doc,
    predictions_doc,
)
from stridelift.services.stats_sessions import SessionCounts

if TYPE_CHECKING:
    from stridelift.services.stats import ComplianceStats, Stats
    from stridelift.services.stats_forecast import Forecast

SCHEMA = "stridelift.stats/1"


class StatsDocument(TypedDict):
    """The ``stridelift.stats/1`` document."""

    schema: str
    athlete: str
    today: str
    weeks_requested: int
    window_start: str
    first_logged_day: str | None
    acwr_caveat: str
    sessions: dict[str, Any]
    weeks: list[dict[str, Any]]
    e1rm: list[dict[str, Any]]
    compliance: dict[str, Any]
    forecast: dict[str, Any] | None
    long_runs: list[LongRunDoc]
    best_efforts: BestEffortsDoc
    race_predictions: list[RacePredictionDoc]


def _r(x: float | None, digits: int = 1) -> float | None:
    return None if x is None or math.isnan(x) else round(x, digits)


def _counts_doc(c: SessionCounts) -> dict[str, Any]:
    return {
        "total": c.total,
        "rpe_estimated": c.rpe_estimated,
        "minutes_estimated": c.minutes_estimated,
        "rpe_from": dict(c.rpe_from),
    }


def _weeks_doc(stats: Stats) -> list[dict[str, Any]]:
    """The window's weeks."""
    return [
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


def _e1rm_doc(stats: Stats) -> list[dict[str, Any]]:
    """The e1RM estimates."""
    return [
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
    ]


def _compliance_doc(c: ComplianceStats) -> dict[str, Any]:
    """Compliance with the stored plan."""
    return {
        "available": c.available,
        "message": c.message,
        "plan_made": c.plan_made.isoformat() if c.plan_made else None,
        "planned": c.planned,
        "done": c.done,
        "extra": c.extra,
        "ratio": _r(c.ratio, 3),
    }


def _forecast_doc(f: Forecast | None) -> dict[str, Any] | None:
    """The forecast to race day, or None."""
    if f is None:
        return None
    return {
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


def stats_document(stats: Stats) -> StatsDocument:
    """The statistics as the JSON document ``stridelift.stats/1`` (docs/load.md)."""
    return StatsDocument(
        schema=SCHEMA,
        athlete=stats.athlete,
        today=stats.today.isoformat(),
        weeks_requested=stats.weeks_requested,
        window_start=stats.window_start.isoformat(),
        first_logged_day=stats.first_day.isoformat() if stats.first_day else None,
        acwr_caveat=load.ACWR_CAVEAT,
        sessions={
            "in_window": _counts_doc(stats.in_window),
            "all_history": _counts_doc(stats.all_history),
        },
        weeks=_weeks_doc(stats),
        e1rm=_e1rm_doc(stats),
        compliance=_compliance_doc(stats.compliance),
        forecast=_forecast_doc(stats.forecast),
        long_runs=long_runs_doc(stats.long_runs),
        best_efforts=best_efforts_doc(stats.best_efforts),
        race_predictions=predictions_doc(stats.predictions),
    )
