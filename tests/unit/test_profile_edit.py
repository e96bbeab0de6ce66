"""Profile values to TOML and back, the race list edits, and the Profile page's form
parsing, without a database."""

from __future__ import annotations

from typing import Any

import pytest

from stridelift.errors import UsageError
from stridelift.services.profile_edit import (
    profile_toml,
    profile_values,
    profile_version,
    with_race,
    without_race,
)
from stridelift.services.profiles import ProfileValueError, parse_profile_text
from stridelift.web.profile_forms import field_of, profile_from_form, race_from_form, scalar

ANN: dict[str, Any] = {
    "name": "Ann",
    "level": "recreational",
    "body_mass_kg": 62,
    "weekly_run_minutes": 240,
    "races": [{"name": "Spring 10K", "date": "2027-04-11", "distance": "10k"}],
}


def test_text_with_quotes_backslashes_and_accents_is_written_as_it_reads() -> None:
    name = 'Jonas "JJ" Ødegaard \\ Oslo'
    athlete = parse_profile_text(profile_toml({**ANN, "name": name}), "written")
    assert athlete.name == name


def test_a_control_character_is_written_escaped_and_refused_by_the_parser() -> None:
    with pytest.raises(ProfileValueError) as caught:
        parse_profile_text(profile_toml({**ANN, "name": "Ann\x07"}), "profile")
    assert caught.value.key == "name"
    assert caught.value.detail == "'Ann\\x07' holds a control character (expected plain text)"


def test_a_key_that_is_no_bare_word_is_quoted_and_refused_as_unknown() -> None:
    text = profile_toml({**ANN, "favourite colour": "red"})
    assert '"favourite colour" = "red"' in text
    with pytest.raises(ProfileValueError) as caught:
        parse_profile_text(text, "profile")
    assert caught.value.key == "favourite colour"


@pytest.mark.parametrize(("value", "written"), [(float("inf"), "inf"), (float("nan"), "nan")])
def test_infinite_and_undefined_numbers_reach_the_parser_as_toml_numbers(
    value: float, written: str
) -> None:
    text = profile_toml({**ANN, "body_mass_kg": value})
    assert f"body_mass_kg = {written}\n" in text
    with pytest.raises(ProfileValueError) as caught:
        parse_profile_text(text, "profile")
    assert caught.value.key == "body_mass_kg"


def test_unquoted_toml_dates_and_times_are_read_as_the_text_the_parser_takes() -> None:
    text = """name = "Ann"
level = "recreational"
body_mass_kg = 62
weekly_run_minutes = 240
slot_times = { am = 06:30:00 }

[[races]]
name = "Spring Marathon"
date = 2027-04-11
distance = "marathon"
goal_time = 03:30:00
"""
    values = profile_values(text)
    assert values["slot_times"] == {"am": "06:30"}
    assert values["races"][0]["date"] == "2027-04-11"
    assert values["races"][0]["goal_time"] == "03:30:00"
    assert parse_profile_text(profile_toml(values), "written") == parse_profile_text(text, "file")


def test_races_are_added_last_replaced_in_place_and_removed_by_their_place() -> None:
    half = {"name": "Harbour Half", "date": "2027-02-21", "distance": "half"}
    added = with_race(ANN, half, None)
    assert [r["name"] for r in added["races"]] == ["Spring 10K", "Harbour Half"]
    replaced = with_race(added, {**half, "priority": "B"}, 2)
    assert replaced["races"][1]["priority"] == "B" and "priority" not in added["races"][1]
    assert [r["name"] for r in without_race(replaced, 1)["races"]] == ["Harbour Half"]
    with pytest.raises(UsageError, match=r"^races\[3\]: no such race \(the profile holds 2\)$"):
        without_race(added, 3)


def test_the_version_changes_with_the_text() -> None:
    assert profile_version("a") == profile_version("a") != profile_version("b")
    assert len(profile_version("a")) == 16


@pytest.mark.parametrize(
    ("text", "value"),
    [("62", 62), ("62.5", 62.5), ("-10", -10), (" 7 ", 7), ("62,5", "62,5"), ("1e3", "1e3"),
     ("heavy", "heavy")],
)  # fmt: skip
def test_form_text_becomes_a_number_only_when_it_reads_as_one(text: str, value: object) -> None:
    assert scalar(text) == value
    assert type(scalar(text)) is type(value)


@pytest.mark.parametrize(
    ("key", "race", "field"),
    [("availability.mon.minutes", None, "availability.mon.minutes"),
     ("equipment[2]", None, "equipment"), ("races[1].date", None, "form"),
     ("races[2].goal_time", 2, "goal_time"), ("races[2].date", 1, "form"),
     ("name", 1, "form")],
)  # fmt: skip
def test_each_error_key_finds_the_field_that_shows_it(
    key: str, race: int | None, field: str
) -> None:
    assert field_of(key, race) == field


def test_the_profile_form_becomes_the_profile_values() -> None:
    form = {
        "name": " Ann ", "level": "recreational", "body_mass_kg": "62.5",
        "weekly_run_minutes": "240", "equipment.mat": "on", "equipment.dumbbells": "on",
        "availability.mon.run": "on", "availability.mon.minutes": "45",
        "availability.tue.strength": "on", "recent_result.distance": "12.5",
        "recent_result.time": "", "slot_times.am": "06:30", "methodology": "default",
    }  # fmt: skip
    values = profile_from_form(form, ANN)
    assert values["name"] == "Ann" and values["body_mass_kg"] == 62.5
    assert values["equipment"] == ["dumbbells", "mat"]  # the library's order
    assert values["availability"]["mon"] == {"run": True, "strength": False, "minutes": 45}
    assert values["availability"]["tue"] == {"run": False, "strength": True}  # 120 by default
    assert values["recent_result"] == {"distance": 12.5}  # the parser names what is missing
    assert values["slot_times"] == {"am": "06:30"}
    assert "methodology" not in values  # the default, which the stored profile left out
    assert values["new_to_strength"] is False
    assert values["races"] == ANN["races"]


def test_a_gym_is_every_item_and_a_race_form_keeps_only_what_was_filled_in() -> None:
    values = profile_from_form({"equipment.gym": "on", "equipment.mat": "on"}, {})
    assert values["equipment"] == ["gym"] and "races" not in values
    form = {"name": "Trail 50", "date": "2027-06-05", "distance": "ultra", "distance_km": "50",
            "goal_time": "", "elevation_gain_m": "2100"}  # fmt: skip
    race = race_from_form(form)
    assert race == {"name": "Trail 50", "date": "2027-06-05", "distance": "ultra",
                    "distance_km": 50, "elevation_gain_m": 2100}  # fmt: skip
