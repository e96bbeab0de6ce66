"""Any valid profile gets a complete, explained plan that breaks no rule, the same every
time it is made.

"Breaks no rule" is the validator's verdict (stridelift.domain.rules.validate): every rule
of COACHING_RULES.md is checked, and a rule the planner could not meet counts only where
the plan itself says so in a notice for that rule and week ("never silently").

The number of cases comes from the Hypothesis profile (tests/conftest.py: "ci" draws 2,000,
"dev" 200); tests/strategies.py bounds the horizons so that "ci" stays near a minute.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings

from stridelift.domain.plan import _solve_cached, plan
from stridelift.domain.profile import athlete_from_mapping
from stridelift.domain.rules import validate
from stridelift.methodologies import default_methodology, load_library
from stridelift.services.planning import plan_json
from stridelift.services.profiles import parse_profile_text
from tests.strategies import PlanCase, cold_replans, plan_cases, profile_toml, profiles, todays

METHODOLOGY = default_methodology()
LIBRARY = load_library()


def _plan(case: PlanCase) -> dict[str, Any]:
    doc: dict[str, Any] = plan(case.athlete, case.today, METHODOLOGY, LIBRARY, case.weeks)
    return doc


def _shape_problems(doc: dict[str, Any]) -> list[str]:
    """Weeks that are not the seven days Monday..Sunday; sessions without their reasons."""
    problems = []
    for week in doc["weeks"]:
        start = date.fromisoformat(week["start"])
        dates = [day["date"] for day in week["days"]]
        expected = [(start + timedelta(days=i)).isoformat() for i in range(7)]
        if start.weekday() != 0 or dates != expected:
            problems.append(f"week {week['index']}: days {dates}, expected Monday to Sunday")
        for day in week["days"]:
            for s in day["sessions"]:
                reasons = s.get("reasons")
                if not reasons or not all(isinstance(r, str) and r for r in reasons):
                    problems.append(f"{day['date']}: a {s['kind']} session gives {reasons!r}")
    return problems


@settings(deadline=None)
@given(plan_cases(), cold_replans)
def test_every_valid_profile_gets_a_complete_lawful_plan_that_is_the_same_each_time(
    case: PlanCase, cold: bool
) -> None:
    doc = _plan(case)
    problems = _shape_problems(doc)
    problems += [str(v) for v in validate(doc)]
    if cold:
        _solve_cached.cache_clear()
    if plan_json(_plan(case)) != plan_json(doc):
        problems.append("planned again, the plan differs")
    assert problems == [], "\n".join(problems) + f"\nfor {case.describe()}"


@settings(deadline=None)
@given(todays.flatmap(lambda today: profiles(today).map(lambda p: (today, p))))
def test_a_drawn_profile_printed_as_toml_reads_back_as_the_same_athlete(
    drawn: tuple[date, dict[str, Any]],
) -> None:
    # Failure reports print profiles as TOML; the text must be the profile that failed.
    _, profile = drawn
    assert parse_profile_text(profile_toml(profile), "drawn.toml") == athlete_from_mapping(profile)
