"""RUN-10: race pace is the goal pace of the target race's own distance."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from stridelift.domain.rules.registry import Violation, rule
from stridelift.domain.rules.view import PlanView, num

# RUN-10: a race-pace run may differ from its race's goal pace by rounding (whole s/km).
RACE_PACE_SLACK_S = 2
MARATHON_KM = 42.195


def _by_effort(race: Mapping[str, Any]) -> bool:
    """Ultra and trail races are paced by effort and time on feet."""
    return num(race.get("distance_km")) > MARATHON_KM or race.get("terrain") == "trail"


def _race_pace_runs(view: PlanView, goal: Mapping[str, float]) -> Iterator[Violation]:
    """Races at their own goal pace; race-pace runs at their block's target race's."""
    for day in view.days():
        for run in day.runs():
            kind = run.get("run_type")
            race = run.get("race") if kind == "race" else day.week.get("target_race")
            if kind not in ("race", "race_pace") or race not in goal:
                continue
            pace = num(run.get("pace_s_per_km"))
            if abs(pace - goal[str(race)]) > RACE_PACE_SLACK_S:
                yield Violation(
                    "RUN-10",
                    f"{kind} run at {pace:.0f} s/km, not the {goal[str(race)]:.0f} s/km "
                    f"goal pace of {race}",
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
    goal: dict[str, float] = {}
    for race in view.races():
        name, day = str(race.get("name")), str(race.get("date"))
        goal[name] = num(race.get("goal_pace_s_per_km"))
        if not goal[name]:
            del goal[name]
            yield Violation("RUN-10", f"{name} has no goal pace", day)
            continue
        own = race.get("goal_time_s") is not None  # the athlete's goal is theirs to set
        if _by_effort(race) and not own and marathon and goal[name] < marathon:
            yield Violation(
                "RUN-10",
                f"{name} ({num(race.get('distance_km')):g} km, {race.get('terrain', 'road')}) "
                f"is paced at {goal[name]:.0f} s/km, faster than the marathon pace of "
                f"{marathon:.0f} s/km",
                day,
            )
    yield from _race_pace_runs(view, goal)
