"""Dates as Strava and the lifting apps write them, read without the locale."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from stridelift.adapters.importers.dates import local_datetime, strava_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Oct 5, 2014, 4:15:21 PM", datetime(2014, 10, 5, 16, 15, 21, tzinfo=UTC)),
        ("Jan 1, 2020, 12:00:05 AM", datetime(2020, 1, 1, 0, 0, 5, tzinfo=UTC)),
        ("Jul 4, 2021, 12:30:00 PM", datetime(2021, 7, 4, 12, 30, tzinfo=UTC)),
        ("Sept 9, 2023, 5:16:24 PM", datetime(2023, 9, 9, 17, 16, 24, tzinfo=UTC)),
        ("2024-03-01T10:00:00Z", datetime(2024, 3, 1, 10, tzinfo=UTC)),
    ],
)
def test_strava_activity_dates_are_utc(text: str, expected: datetime) -> None:
    assert strava_date(text) == expected


@pytest.mark.parametrize(
    "text", ["", "yesterday", "Foo 5, 2014, 4:15:21 PM", "Feb 30, 2021, 1:00:00 PM"]
)
def test_unreadable_strava_dates_are_none(text: str) -> None:
    assert strava_date(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-04 18:02:11", (2024, 3, 4, 18, 2, 11)),
        ("2024-03-04 6:02:11\u202fPM", (2024, 3, 4, 18, 2, 11)),
        ("6 Jan 2025, 17:59", (2025, 1, 6, 17, 59, 0)),
        ("May 15, 2025, 7:26 PM", (2025, 5, 15, 19, 26, 0)),
        ("05.06.2026, 07:30", (2026, 6, 5, 7, 30, 0)),
        ("2019-01-11", (2019, 1, 11, 0, 0, 0)),
    ],
)
def test_lifting_app_dates_are_local_and_zone_less(text: str, expected: tuple[int, ...]) -> None:
    moment = local_datetime(text)
    assert moment is not None
    assert moment.tzinfo is None
    assert moment.timetuple()[:6] == expected


@pytest.mark.parametrize("text", ["", "soon", "2024-13-01 10:00", "31 Feb 2024, 10:00"])
def test_unreadable_lifting_dates_are_none(text: str) -> None:
    assert local_datetime(text) is None
