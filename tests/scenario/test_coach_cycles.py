"""PROG-5: every 4-week cycle keeps its shape, the first one included.

A coach saw a first cycle deload in its second or third week when the calendar cut it
short. These plans put a goal race so that the training weeks before the taper are not a
multiple of four, and check that every deload follows at least three loading weeks.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from stridelift.domain.plan import plan
from stridelift.domain.profile import athlete_from_mapping
from stridelift.domain.rules import validate
from stridelift.domain.season import cycle_weeks
from stridelift.methodologies import default_methodology, load_library

MONDAY = date(2026, 11, 23)
TRAINING = ("general", "offseason", "base", "strength", "race_specific")


def _plan(race_in_weeks: int) -> dict[str, Any]:
    race = MONDAY + timedelta(weeks=race_in_weeks - 1, days=6)
    profile = {
        "name": "Ines", "level": "intermediate", "body_mass_kg": 60, "weekly_run_minutes": 240,
        "equipment": ["gym"], "session_minutes": 45, "long_run_day": "sun",
        "races": [{"name": "Harbour Half", "date": race.isoformat(), "distance": "half"}],
    }  # fmt: skip
    return plan(athlete_from_mapping(profile), MONDAY, default_methodology(), load_library())


def _loading_weeks_before_each_deload(doc: dict[str, Any]) -> list[int]:
    out, loading = [], 0
    for w in doc["weeks"]:
        if w["phase"] not in TRAINING:
            loading = 0
        elif w["deload"]:
            out.append(loading)
            loading = 0
        else:
            loading += 1
    return out


@pytest.mark.parametrize("race_in_weeks", [9, 10, 11, 13, 14, 15, 17, 18, 19, 21, 22])
def test_no_deload_comes_after_fewer_than_three_loading_weeks(race_in_weeks: int) -> None:
    doc = _plan(race_in_weeks)
    before = _loading_weeks_before_each_deload(doc)
    assert before and min(before) >= 3, before
    assert all(1 <= w["cycle_week"] <= 4 for w in doc["weeks"])
    assert [v for v in validate(doc) if v.rule in ("PROG-5", "RUN-2", "PROG-4")] == []


def test_a_five_week_run_repeats_week_three_before_its_deload() -> None:
    assert cycle_weeks(5) == [1, 2, 3, 3, 4]


def test_a_short_general_stretch_merges_with_the_block_after_it() -> None:
    # 17 weeks to the race: one general week before the 16-week block. The general week
    # opens the first cycle, which the base phase closes (1, 2, 3, 3, 4), instead of a
    # one-week cycle of its own.
    doc = _plan(17)
    weeks = doc["weeks"][:13]
    assert [w["phase"] for w in weeks[:2]] == ["general", "base"]
    assert [w["cycle_week"] for w in weeks[:5]] == [1, 2, 3, 3, 4]
    assert [w["index"] for w in weeks if w["deload"]] == [5, 9, 13]


def test_cycles_too_short_for_a_deload_load_on_into_the_taper() -> None:
    # Six training weeks: one full cycle, then two loading weeks straight into the taper
    # (the taper is the lighter week; never a deload after two weeks).
    assert cycle_weeks(6) == [1, 2, 3, 4, 1, 2]
    assert cycle_weeks(3) == [1, 2, 3]
