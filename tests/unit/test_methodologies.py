"""Shipped methodologies: found by name, loaded whole or as a variant, bad values named by key."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from stridelift.domain.errors import ProfileError
from stridelift.domain.profile import athlete_from_mapping
from stridelift.errors import UsageError
from stridelift.methodologies import (
    default_methodology,
    load_methodology,
    parse_methodology,
    shipped,
    shipped_methodology,
    shipped_names,
)
from stridelift.services.planning import build_plan_document

PROGRAM = """\
extends = "default"
name = "Coach variant"
version = 3
[program]
rpe = 7
rest_s = 60
[[program.week]]
focus = "Squat basics"
sets = 2
reps = [8, 10]
items = [{ exercise = "bodyweight_squat" }, { exercise = "plank", reps = [30, 30] }]
"""


def test_the_default_and_s1_ten_week_ship_and_the_default_comes_first() -> None:
    assert shipped_names() == ("default", "s1-ten-week")
    assert [m.key for m in shipped()] == ["default", "s1-ten-week"]
    assert all(m.fits for m in shipped())


def test_s1_ten_week_has_ten_weeks_and_keeps_the_default_running_and_season() -> None:
    s1, default = shipped_methodology("s1-ten-week"), default_methodology()
    assert s1.program is not None and len(s1.program.weeks) == 10
    assert default.program is None
    assert s1.running == default.running
    assert s1.season == default.season
    assert s1.strength.templates == default.strength.templates
    assert s1.name != default.name


def test_a_coach_file_may_extend_a_shipped_methodology_and_keep_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "coach.toml"
    path.write_text(PROGRAM, encoding="utf-8")
    m = load_methodology(path)
    assert (m.name, m.version) == ("Coach variant", 3)
    assert m.program is not None and m.program.weeks[0].focus == "Squat basics"
    assert m.program.weeks[0].items[1].reps == (30, 30)  # an item's own dose
    assert m.program.weeks[0].items[0].reps == (8, 10)  # the week's
    assert m.running == default_methodology().running


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("sets = 2", "sets = 9"), "coach.toml: program.week[1].sets: 9 is not a whole number 1-5"),
        (
            ('"bodyweight_squat"', '"bodyweight_sqat"'),
            "coach.toml: program.week[1].items[1].exercise: 'bodyweight_sqat' is not in the "
            "exercise library",
        ),
        (('extends = "default"', 'extends = "s9"'), "coach.toml: extends: 's9' is not a shipped "
         "methodology: use default, s1-ten-week"),
        (('focus = "Squat basics"\n', ""), "coach.toml: program.week[1].focus:"),
        (("rest_s = 60", 'rest_s = 60\noverrides = ["PROG"]'), "coach.toml: program.overrides:"),
        (('name = "Coach variant"\n', ""), "coach.toml: name: missing: a file that extends"),
        (("reps = [8, 10]", "reps = [10, 8]"), "coach.toml: program.week[1].reps:"),
    ],
)  # fmt: skip
def test_a_bad_program_value_stops_with_one_line_naming_the_key(
    change: tuple[str, str], message: str
) -> None:
    with pytest.raises(UsageError) as err:
        parse_methodology(PROGRAM.replace(*change, 1), "coach.toml")
    assert str(err.value).startswith(message)
    assert "\n" not in str(err.value)


def test_an_unknown_methodology_name_in_a_profile_lists_the_known_ones(tmp_path: Path) -> None:
    profile = tmp_path / "bea.toml"
    profile.write_text(
        'name = "Bea"\nlevel = "beginner"\nbody_mass_kg = 60\nweekly_run_minutes = 120\n'
        'methodology = "s1-tenweek"\n',
        encoding="utf-8",
    )
    with pytest.raises(UsageError) as err:
        build_plan_document(profile, date(2027, 1, 4))
    assert str(err.value) == (
        "bea.toml: methodology: 's1-tenweek' is not a shipped methodology: use default, s1-ten-week"
    )


def test_a_profile_methodology_must_be_text() -> None:
    with pytest.raises(ProfileError, match="methodology"):
        athlete_from_mapping(
            {"name": "Bea", "level": "beginner", "body_mass_kg": 60,
             "weekly_run_minutes": 120, "methodology": 3}
        )  # fmt: skip


def test_the_profile_choice_picks_the_methodology_and_a_file_wins_over_it(tmp_path: Path) -> None:
    profile = tmp_path / "bea.toml"
    profile.write_text(
        'name = "Bea"\nlevel = "beginner"\nbody_mass_kg = 60\nweekly_run_minutes = 120\n'
        'methodology = "s1-ten-week"\n',
        encoding="utf-8",
    )
    doc = build_plan_document(profile, date(2027, 1, 4), weeks=2)
    assert doc["methodology"]["name"] == "S1 ten-week strength for runners"
    coach = tmp_path / "coach.toml"
    coach.write_text(PROGRAM, encoding="utf-8")
    doc = build_plan_document(profile, date(2027, 1, 4), weeks=2, methodology=coach)
    assert doc["methodology"] == {"name": "Coach variant", "version": 3}
