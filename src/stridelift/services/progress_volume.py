"""Weekly running distance and strength sets, planned against done, for the Progress page.

Done comes from the log (runs' distance, every logged set); planned from the plan the
forecast follows (the latest stored plan while it reaches race day, else one built from
the profile), for the weeks it covers. Weeks run from the window's first Monday to the
forecast's last day, so the weeks ahead show what is planned.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from typing import Any

from stridelift.domain.activity import RUN_SPORTS
from stridelift.services.logbook import History
from stridelift.services.stats_forecast import monday

SET_KINDS = frozenset({"strength", "core"})  # planned sessions whose sets are counted


@dataclass(frozen=True, slots=True)
class VolumeWeek:
    """One Monday-based week: distance in km and sets, done (None ahead) and planned
    (None where the plan does not reach)."""

    start: date
    run_km_done: float | None
    run_km_planned: float | None
    sets_done: int | None
    sets_planned: int | None


def _done(
    history: History, first: date, today: date, tz: tzinfo
) -> tuple[defaultdict[date, float], Counter[date]]:
    """Run km and logged sets per week (Monday) from ``first`` to ``today``."""
    km: defaultdict[date, float] = defaultdict(float)
    sets: Counter[date] = Counter()
    for a in history.activities:
        day = a.start_utc.astimezone(tz).date()
        if first <= day <= today:
            if a.sport in RUN_SPORTS:
                km[monday(day)] += (a.distance_m or 0.0) / 1000
            sets[monday(day)] += len(a.sets)
    for lift in history.lift_sessions:
        if first <= lift.day <= today:
            sets[monday(lift.day)] += len(lift.sets)
    return km, sets


def _planned(
    doc: Mapping[str, Any] | None,
) -> tuple[defaultdict[date, float], Counter[date], set[date]]:
    """Planned run km and sets per week (Monday), and the weeks the plan covers."""
    km: defaultdict[date, float] = defaultdict(float)
    sets: Counter[date] = Counter()
    covered: set[date] = set()
    for week in (doc or {}).get("weeks", []):
        for day in week.get("days", []):
            start = monday(date.fromisoformat(day["date"]))
            covered.add(start)
            for s in day.get("sessions", []):
                if s.get("kind") == "run":
                    km[start] += float(s.get("distance_km") or 0.0)
                elif s.get("kind") in SET_KINDS:
                    sets[start] += sum(int(e.get("sets") or 0) for e in s.get("exercises", []))
    return km, sets, covered


def weekly_volume(
    history: History,
    plan_doc: Mapping[str, Any] | None,
    *,
    first: date,
    today: date,
    last: date,
    tz: tzinfo,
) -> tuple[VolumeWeek, ...]:
    """Every week from ``first``'s Monday to ``last``'s: done up to today, planned where
    the plan reaches."""
    done_km, done_sets = _done(history, monday(first), today, tz)
    plan_km, plan_sets, covered = _planned(plan_doc)
    rows = []
    week = monday(first)
    while week <= max(last, today):
        lived = week <= today
        planned = week in covered
        rows.append(
            VolumeWeek(
                week,
                round(done_km[week], 2) if lived else None,
                round(plan_km[week], 2) if planned else None,
                done_sets[week] if lived else None,
                plan_sets[week] if planned else None,
            )
        )
        week += timedelta(days=7)
    return tuple(rows)
