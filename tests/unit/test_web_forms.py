"""Form text to values, and a service's error to the form field it names."""

from __future__ import annotations

from datetime import date

import pytest

from stridelift.errors import UsageError
from stridelift.web.forms import PAGE_FIELDS, checkin_from_form, error_field


@pytest.mark.parametrize(
    ("message", "field", "text"),
    [
        ("--sleep-hours: 30 is out of range", "sleep_hours", "30 is out of range"),
        ("--rpe: 11 is out of range", "rpe", "11 is out of range"),
        ("checkin: give at least one value", "form", "give at least one value"),
        ("something without a flag", "form", "something without a flag"),
    ],
)
def test_an_error_goes_to_the_field_its_flag_names(message: str, field: str, text: str) -> None:
    assert error_field(UsageError(message)) == (field, text)


def test_on_a_page_a_distance_error_goes_to_the_distance_field_in_the_athletes_units() -> None:
    error = UsageError("distance_km: the distance is out of range")
    assert error_field(error, PAGE_FIELDS) == ("distance", "the distance is out of range")
    assert error_field(error) == ("distance_km", "the distance is out of range")


def test_every_unreadable_field_of_a_check_in_gets_its_own_message() -> None:
    entry, errors = checkin_from_form(
        {"sleep_hours": "lots", "mood": "7.5", "pain": "knee"}, date(2026, 12, 2)
    )
    assert entry is None
    assert sorted(errors.errors) == ["mood", "pain", "sleep_hours"]


def test_a_readable_check_in_form_becomes_a_check_in() -> None:
    entry, errors = checkin_from_form(
        {"sleep_hours": "7,5", "fatigue": "4", "pain": "knee:2:left", "ill": "on"},
        date(2026, 12, 2),
    )
    assert not errors and entry is not None
    assert (entry.sleep_hours, entry.fatigue, entry.ill) == (7.5, 4, True)
    assert entry.pain[0].area == "knee"
