"""Weekly replans continue one season (issue 12), over random athletes.

An athlete who logs exactly what was planned and replans every Monday keeps the first
plan's phases, cycle weeks and deloads on the same dates, and every replan's diff is
empty or names, for each change, the rule and the signal that caused it. No replan breaks
a rule the first plan kept.
"""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stridelift.domain.profile import athlete_from_mapping
from stridelift.domain.rules.registry import validate
from tests.strategies import profiles, todays
from tests.weekly_replans import week_shape, weekly_replans

# A case plans a season once and again every Monday (up to MONDAYS times): a hundredth of
# the profile's examples keeps "ci" (2,000 -> 20) near a minute.
MONDAYS = 6
MAX_EXAMPLES = max(5, settings().max_examples // 100)


@st.composite
def _athletes_and_first_days(draw: st.DrawFn) -> tuple[dict[str, object], date]:
    today = draw(todays)
    return draw(profiles(today)), today


@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(_athletes_and_first_days(), st.integers(1, MONDAYS))
def test_weekly_replans_of_a_season_logged_as_planned_keep_its_shape(
    case: tuple[dict[str, object], date], mondays: int
) -> None:
    profile, first_day = case
    first, replans = weekly_replans(athlete_from_mapping(profile), first_day, mondays)
    shape = week_shape(first)
    known = {(v.rule, v.message) for v in validate(first)}
    for r in replans:
        where = f"replan on {r.today} of {profile} first planned {first_day}"
        for start, phase in week_shape(r.doc).items():
            assert shape.setdefault(start, phase) == phase, f"week {start}: {where}"
        unexplained = [c for c in r.changes if not any(x.signal for x in c.causes)]
        assert unexplained == [], f"{unexplained[:2]}: {where}"
        # What the first plan breaks is the planner's own matter (its property test);
        # a replan must not break anything more.
        more = {(v.rule, v.message) for v in validate(r.doc)} - known
        assert more == set(), f"{sorted(more)[:3]}: {where}"
