"""RUN-10: race pace is the goal pace of the target race's own distance."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from typing import Any

from stridelift.domain.rules.registry import Violation, rule
from stridelift.domain.rules.view import PlanView, num, whole

# RUN-10: a race-pace run may differ from its race's goal pace by rounding (whole s/km).
RACE_PACE_SLACK_S = 2
MARATHON_KM = 42.195


def _by_effort(race: Mapping[str, Any]) -> bool:
    """Ultra and trail races are paced by effort and time on feet."""
    return num(race.get("distance_km")) > MARATHON_KM or race.get("terrain") == "trail"


def _monday(text: object) -> date | None:
    try:
        day = date.fromisoformat(str(text))
    except ValueError:
        return None
    return day - timedelta(days=day.weekday())


def _target(week: Mapping[str, Any], goal: Mapping[tuple[str, str], float]) -> tuple[str, str]:
    """The (name, date) of the race a block week works toward: its ``target_race`` on the
    Monday ``weeks_to_race`` weeks on (two races may share a name)."""
    name = str(week.get("target_race"))
    if (name, str(week.get("target_race_date"))) in goal:
        return name, str(week.get("target_race_date"))  # the plan names its race's day
    start = _monday(week.get("start"))
    ahead = timedelta(weeks=whole(week.get("weeks_to_race")))
    for race in goal:
        if race[0] == name and start is not None and _monday(race[1]) == start + ahead:
            return race
    return name, ""


def _race_pace_runs(view: PlanView, goal: Mapping[tuple[str, str], float]) -> Iterator[Violation]:
    """Races at their own goal pace; race-pace runs at their block's target race's."""
    by_day = {day: (name, day) for name, day in goal}
    for day in view.days():
        for run in day.runs():
            kind = run.get("run_type")
            if kind == "race":
                race = by_day.get(day.date.isoformat(), ("", ""))
            elif kind == "race_pace" and day.week.get("target_race") is not None:
                race = _target(day.week, goal)
            else:
                continue
            if race not in goal:
                continue
            pace = num(run.get("pace_s_per_km"))
            if abs(pace - goal[race]) > RACE_PACE_SLACK_S:
                yield Violation(
                    "RUN-10",
                    f"{kind} run at {pace:.0f} s/km, not the {goal[race]:.0f} s/km "
                    f"goal pace of {race[0]}",
                    day.date.isoformat(),
                    int(day.week["index"]),
                )


@rule(
    "RUN-10",
    "Race pace is the goal pace of the target race's own distance (the athlete's goal time "
    "or a prediction); ultra and trail races are never paced faster than marathon pace.",
)
def _run10(view: PlanView) -> Iterator[Violation]:
    paces = view.doc.get("paces")
    marathon = num(paces.get("marathon_s_per_km")) if isinstance(paces, Mapping) else 0.0
    goal: dict[tuple[str, str], float] = {}  # (name, date) -> goal pace
    # A races first: a block works toward its A race, so where a B race of the same name
    # falls in the same week (a B 5K the day before), the A race is the block's target.
    for race in sorted(view.races(), key=lambda r: r.get("priority") != "A"):
        name, day = str(race.get("name")), str(race.get("date"))
        pace = num(race.get("goal_pace_s_per_km"))
        if not pace:
            yield Violation("RUN-10", f"{name} has no goal pace", day)
            continue
        goal[name, day] = pace
        own = race.get("goal_time_s") is not None  # the athlete's goal is theirs to set
        if _by_effort(race) and not own and marathon and pace < marathon:
            yield Violation(
                "RUN-10",
                f"{name} ({num(race.get('distance_km')):g} km, {race.get('terrain', 'road')}) "
                f"is paced at {pace:.0f} s/km, faster than the marathon pace of "
                f"{marathon:.0f} s/km",
                day,
            )
    yield from _race_pace_runs(view, goal)
