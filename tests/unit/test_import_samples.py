"""Figures computed from samples: climb with hysteresis, heart rate, safe numbers."""

from __future__ import annotations

import math

import pytest

from stridelift.adapters.importers.samples import (
    ELEVATION_HYSTERESIS_M,
    elevation_gain_m,
    finite,
    heart_rate,
)


def test_a_steady_climb_counts_in_full() -> None:
    assert elevation_gain_m([100, 102, 104, 106, 108, 110]) == 10


def test_wobbles_smaller_than_the_hysteresis_count_nothing() -> None:
    wobble = ELEVATION_HYSTERESIS_M - 0.5
    assert elevation_gain_m([100, 100 + wobble, 100, 100 + wobble, 100]) == 0


def test_two_hills_count_twice_and_the_descent_between_them_not_at_all() -> None:
    assert elevation_gain_m([0, 10, 20, 10, 0, 15, 30, 5]) == 50


def test_a_small_rise_after_a_climb_still_counts_until_the_track_drops() -> None:
    assert elevation_gain_m([0, 10, 9, 11]) == 11


def test_missing_and_non_finite_altitudes_are_skipped() -> None:
    assert elevation_gain_m([None, 0, math.nan, 10, None]) == 10
    assert elevation_gain_m([None, 5]) is None
    assert elevation_gain_m([]) is None


def test_heart_rate_ignores_dropouts_and_absurd_readings() -> None:
    hr = heart_rate([0, 120, None, 140, 255, 130])
    assert (hr.avg, hr.max) == (130, 140)
    assert heart_rate([None, 0]).avg is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3, 3.0), (2.5, 2.5), (True, None), ("7", None), (math.inf, None), (None, None)],
)
def test_finite_accepts_only_real_numbers(value: object, expected: float | None) -> None:
    assert finite(value) == expected


def test_record_efforts_drop_incomplete_records_and_hold_a_dipping_distance() -> None:
    from stridelift.adapters.importers.samples import record_efforts

    points = [(0.0, 0.0), (100.0, None), (None, 300.0), (200.0, 500.0), (250.0, 480.0),
              (400.0, 1000.0), (600.0, 1600.0)]  # fmt: skip
    efforts = record_efforts(points)
    # 480 m after 500 m reads as 500 m: the fastest kilometre leaves it at 250 s and
    # reaches 1,500 m two thirds into the last 200 s.
    assert [(e.distance_m, round(e.time_s, 2)) for e in efforts] == [(1000.0, 316.67)]
    assert record_efforts([(0.0, 0.0)]) == ()
