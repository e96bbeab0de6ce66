"""Reading Strava's activities.csv and applying its labels to a file's activities."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from stridelift.adapters.importers.results import FormatError, Parsed
from stridelift.adapters.importers.strava import (
    StravaLabel,
    apply_label,
    parse_activities_csv,
    rows_without_files,
)
from stridelift.domain.activity import Activity

CSV = (
    b"Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,"
    b"Max Heart Rate,Filename,Elapsed Time,Moving Time,Distance,Max Heart Rate,"
    b"Average Heart Rate,Elevation Gain,Media\n"
    b'42,"Oct 5, 2014, 4:15:21 PM",Lunch Ride,Ride,2833,13.61,150,activities/99.gpx,'
    b'2833.0,2499.0,13609.2001953125,151.0,130.5,120.0,""\n'
    b'43,"Oct 6, 2014, 7:00:00 AM","Morning, easy",Run,1800,5.00,,,1800.0,1790.0,'
    b'5004.0,,,,""\n'
)


def test_repeated_columns_are_read_by_occurrence_not_by_position() -> None:
    rows, warnings = parse_activities_csv(CSV)
    ride, run = rows
    assert warnings == []
    assert ride.label == StravaLabel(
        "42", "Lunch Ride", "cycling", datetime(2014, 10, 5, 16, 15, 21, tzinfo=UTC), None, "Ride"
    )
    assert (ride.filename, ride.elapsed_s, ride.moving_s) == ("activities/99.gpx", 2833, 2499)
    assert ride.distance_m == pytest.approx(13609.2)  # the metres column, not 13.61 km
    assert (ride.max_hr, ride.avg_hr, ride.elevation_gain_m) == (150, 130.5, 120)
    assert (run.label.name, run.filename, run.distance_m) == ("Morning, easy", "", 5004)


def test_without_a_metres_column_the_km_column_is_used() -> None:
    rows, _ = parse_activities_csv(
        b'Activity ID,Activity Date,Activity Type,Distance\n7,"Oct 5, 2014, 4:15:21 PM",Run,10.5\n'
    )
    assert rows[0].distance_m == 10500


def test_a_csv_without_the_activity_columns_is_refused() -> None:
    with pytest.raises(FormatError, match=r"not a Strava activities.csv \(no Activity Type"):
        parse_activities_csv(b"Activity ID,Activity Date\n1,x\n")


def test_an_unreadable_date_is_a_warning_with_its_line() -> None:
    rows, warnings = parse_activities_csv(
        b"Activity ID,Activity Date,Activity Type\n7,someday,Run\n"
    )
    assert rows[0].label.start is None
    assert warnings == ["line 2: unreadable Activity Date 'someday'"]


def test_rows_without_files_keeps_the_header_and_the_manual_rows() -> None:
    kept = rows_without_files(CSV).decode()
    assert kept.splitlines()[0].startswith("Activity ID,Activity Date")
    assert len(kept.splitlines()) == 2
    assert "Morning, easy" in kept


def _activity(sport: str, sub_sport: str | None = None) -> Activity:
    return Activity(
        start_utc=datetime(2024, 1, 1, tzinfo=UTC), sport=sport, sub_sport=sub_sport,
        duration_s=60, source="gpx",
    )  # fmt: skip


def _label(kind: str, sport: str, sub_sport: str | None = None) -> StravaLabel:
    return StravaLabel("1", "Named on Strava", sport, None, sub_sport, kind)


def test_a_label_replaces_a_guessed_sport_and_drops_the_guess_warning() -> None:
    guess = "track 1: the file names no sport; assumed running"
    parsed = Parsed(activities=[_activity("running")], warnings=[guess], sport_guesses={0: guess})
    apply_label(parsed, _label("Hike", "hiking"))
    assert (parsed.activities[0].sport, parsed.activities[0].name) == ("hiking", "Named on Strava")
    assert parsed.warnings == []


def test_a_label_that_disagrees_with_the_file_wins_and_says_so() -> None:
    parsed = Parsed(activities=[_activity("running", "generic")])
    apply_label(parsed, _label("Walk", "walking"))
    assert (parsed.activities[0].sport, parsed.activities[0].sub_sport) == ("walking", "generic")
    assert parsed.warnings == ["the file says running; Strava's type 'Walk' makes it walking"]


def test_stravas_catch_all_never_replaces_a_precise_sport() -> None:
    parsed = Parsed(activities=[_activity("cycling")])
    apply_label(parsed, _label("Workout", "other", "workout"))
    assert parsed.activities[0].sport == "cycling"
    assert parsed.warnings == []


def test_a_multisport_file_keeps_each_sessions_sport_and_takes_the_name() -> None:
    parsed = Parsed(activities=[_activity("strength_training"), _activity("running")])
    apply_label(parsed, _label("Weight Training", "strength_training"))
    assert [a.sport for a in parsed.activities] == ["strength_training", "running"]
    assert {a.name for a in parsed.activities} == {"Named on Strava"}
    assert parsed.warnings == [
        "Strava lists one Weight Training activity for 2 sessions; each session keeps its own sport"
    ]
