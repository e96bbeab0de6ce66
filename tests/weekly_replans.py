"""An athlete who logs exactly what was planned and replans every Monday (issue 12).

Shared by the scenario and property tests: the planned week becomes the log, as the
logbook would record it (runs with their minutes and an effort that fits them, lifts with
the planned sets, reps and loads), and the next Monday's plan continues the season from
the last one's ``season_start``, as ``services.replan`` does with the stored plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from stridelift.domain.activity import StrengthSet
from stridelift.domain.adapt import adjustments
from stridelift.domain.athlete import Athlete
from stridelift.domain.diff import Change, diff
from stridelift.domain.history import LoggedSession, TrainingLog
from stridelift.domain.plan import plan
from stridelift.methodologies import default_methodology, load_library

M = default_methodology()
LIB = load_library()
RUN_RPE = {"easy": 4, "recovery": 3, "long": 5, "shakeout": 3, "race": 9}


def _run(day: date, s: dict[str, Any]) -> LoggedSession:
    run_type = s["run_type"]
    return LoggedSession(
        day, "run", s["minutes"], RUN_RPE.get(run_type, 7), run_type, s.get("distance_km")
    )


def _lift(day: date, s: dict[str, Any]) -> LoggedSession:
    sets = tuple(
        StrengthSet(e["id"], e.get("reps_max") or e.get("reps_min") or 1, e.get("load_kg"),
                    rir=e.get("rir"))
        for e in s["exercises"]
        for _ in range(e.get("sets") or 1)
    )  # fmt: skip
    rpe = max((e.get("rpe") or 5 for e in s["exercises"]), default=5)
    return LoggedSession(day, "strength", s["minutes"], rpe, sets=sets, template=s.get("template"))


def as_logged(week: dict[str, Any]) -> list[LoggedSession]:
    """A planned week as the athlete logs it when they do exactly what it says."""
    out: list[LoggedSession] = []
    for d in week["days"]:
        day = date.fromisoformat(d["date"])
        for s in d["sessions"]:
            if s["kind"] == "run":
                out.append(_run(day, s))
            elif s["kind"] == "strength":
                out.append(_lift(day, s))
            else:
                out.append(LoggedSession(day, s["kind"], s["minutes"], 4))
    return out


@dataclass(frozen=True, slots=True)
class Replan:
    """One Monday's replan: the plan and what it changed against the one before."""

    today: date
    doc: dict[str, Any]
    changes: tuple[Change, ...]


def weekly_replans(
    athlete: Athlete, first_day: date, mondays: int
) -> tuple[dict[str, Any], list[Replan]]:
    """The first plan, then ``mondays`` replans a week apart, each after a week logged
    as planned."""
    first = plan(athlete, first_day, M, LIB)
    doc, log, out = first, [], []
    monday = first_day - timedelta(days=first_day.weekday())
    for k in range(1, mondays + 1):
        today = monday + timedelta(weeks=k)
        log += [s for w in doc["weeks"][:1] for s in as_logged(w) if s.day < today]
        adj = adjustments(athlete, TrainingLog(sessions=tuple(log)), today, M, LIB)
        origin = date.fromisoformat(doc["season_start"])
        new = plan(athlete, today, M, LIB, adjust=adj, origin=origin)
        out.append(Replan(today, new, tuple(diff(doc, new, today))))
        doc = new
    return first, out


def week_shape(doc: dict[str, Any]) -> dict[str, tuple[str, int, bool]]:
    """Every week's phase, cycle week and deload, by its Monday."""
    return {w["start"]: (w["phase"], w["cycle_week"], w["deload"]) for w in doc["weeks"]}
