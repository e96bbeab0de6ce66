"""What the planner hands the week model and reads back from it, beside the model itself:
the races ahead (PLACE-10), the lifts shortened and the runs left out (RUN-14)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from stridelift.domain.schedule import LiftSpec, Placement, WeekInput


# PLACE-10 looks 10 days ahead of an A race from as late as Sunday: 16 days from Monday.
def races_ahead(monday: date, races: Iterable[Any], days: int = 17) -> tuple[tuple[int, str], ...]:
    """PLACE-10: the races within ``days`` of ``monday`` as (days after it, priority).

    ``races`` are objects with ``date`` and ``priority`` (the athlete's races).
    """
    out = {((r.date - monday).days, str(r.priority)) for r in races}
    return tuple(sorted((off, prio) for off, prio in out if 0 <= off <= days))


def shorten_lifts(spec: WeekInput, placed: Placement) -> tuple[WeekInput, list[int]]:
    """RUN-14: the week with each lift the scheduler shortened at its short minutes, and
    the indexes of those lifts (the caller rebuilds their sessions)."""
    # A lift already at its short minutes (short_minutes 0) is not shortened again.
    which = [
        j for j, short in enumerate(placed.lift_short) if short and spec.lifts[j].short_minutes
    ]
    if not which:
        return spec, []
    lifts = tuple(
        replace(lf, minutes=lf.short_minutes, short_minutes=0) if j in which else lf
        for j, lf in enumerate(spec.lifts)
    )
    return replace(spec, lifts=lifts), which


def shortened_notice(lift: LiftSpec) -> str:
    """RUN-14: what the athlete reads about a session shortened for a run."""
    name = "the short strength session" if lift.name == "short" else f"strength session {lift.name}"
    return (
        f"{name} is shortened to {lift.minutes} min so that a run keeps its day (running "
        "first); the accessories go first."
    )


def runs_left_out(spec: WeekInput, placed: Placement) -> list[dict[str, Any]]:
    """RUN-14: the runs no day could hold, as the plan records them on the week."""
    return [
        {"run_type": r.run_type, "minutes": r.minutes}
        for r, d in zip(spec.runs, placed.run_days, strict=True)
        if d is None
    ]
