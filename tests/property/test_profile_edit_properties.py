"""Every valid profile survives the web's round trips unchanged: written as TOML from its
values, and shown in the Profile page's form then read back from what the form posts."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given

from stridelift.domain.profile import athlete_from_mapping
from stridelift.services.profile_edit import profile_toml, profile_values
from stridelift.services.profiles import parse_profile_text
from stridelift.web.profile_forms import profile_fields, profile_from_form
from tests.strategies import profiles

TODAY = date(2026, 12, 2)


@given(profiles(TODAY))
def test_a_profile_written_from_its_values_parses_to_the_same_athlete(
    profile: dict[str, Any],
) -> None:
    text = profile_toml(profile)
    assert parse_profile_text(text, "written") == athlete_from_mapping(profile)
    assert profile_values(text) == profile


@given(profiles(TODAY))
def test_the_profile_form_posts_back_the_athlete_it_shows(profile: dict[str, Any]) -> None:
    athlete = athlete_from_mapping(profile)
    values = profile_values(profile_toml(profile))
    posted = {k: v for k, v in profile_fields(values, athlete).items() if v != ""}
    assert athlete_from_mapping(profile_from_form(posted, values)) == athlete
