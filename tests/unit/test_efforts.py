"""Best efforts inside a stream, and Riegel's race-time prediction (domain.efforts)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from stridelift.domain.efforts import (
    EFFORT_DISTANCES_M,
    DatedEffort,
    EffortError,
    best_effort,
    best_efforts,
    predicted_times,
    riegel_time_s,
    whole_run_efforts,
)


def _steady(
    pace_s_per_km: float, km: float, step_s: float = 10.0
) -> tuple[list[float], list[float]]:
    """A stream at one pace, a record every ``step_s`` seconds."""
    total = pace_s_per_km * km
    times = [i * step_s for i in range(int(total / step_s) + 1)]
    return times, [t / pace_s_per_km * 1000.0 for t in times]


def test_a_steady_run_has_its_pace_as_every_best_effort() -> None:
    times, dist = _steady(300.0, 12.0)
    efforts = best_efforts(times, dist, EFFORT_DISTANCES_M.values())
    assert [e.distance_m for e in efforts] == [1000.0, 1609.344, 5000.0, 10000.0]
    assert [round(e.time_s, 6) for e in efforts] == [300.0, 482.8032, 1500.0, 3000.0]


def test_the_fastest_stretch_inside_a_run_is_found_between_records() -> None:
    # 2 km at 6:00/km, 1 km at 4:00/km, 2 km at 6:00/km, a record every 7 s (not on km marks).
    times, dist = [0.0], [0.0]
    while dist[-1] < 5000.0:
        t = times[-1] + 7.0
        pace = 240.0 if 720.0 + 0.0 <= t <= 960.0 else 360.0
        times.append(t)
        dist.append(dist[-1] + 7.0 / pace * 1000.0)
    effort = best_effort(times, dist, 1000.0)
    assert effort is not None
    assert effort.time_s == pytest.approx(240.0, abs=2.5)
    assert effort.start_s == pytest.approx(720.0, abs=7.0)


def test_a_standstill_is_counted_inside_the_effort_but_not_before_or_after_it() -> None:
    # 1 km in 300 s, stopped 60 s at a light, then 1 km in 300 s.
    times = [0.0, 300.0, 360.0, 660.0]
    dist = [0.0, 1000.0, 1000.0, 2000.0]
    assert best_effort(times, dist, 1000.0) == best_effort([0.0, 300.0], [0.0, 1000.0], 1000.0)
    two = best_effort(times, dist, 2000.0)
    assert two is not None and two.time_s == 660.0


def test_a_run_shorter_than_the_distance_has_no_effort_and_totals_give_the_average() -> None:
    assert best_effort([0.0, 1400.0], [0.0, 4999.0], 5000.0) is None
    whole = best_effort([0.0, 3300.0], [0.0, 10500.0], 5000.0)  # a run's totals only
    assert whole is not None and whole.time_s == pytest.approx(3300.0 * 5000.0 / 10500.0)


def test_a_stream_going_backwards_is_refused_in_one_line() -> None:
    with pytest.raises(EffortError, match="never decrease"):
        best_effort([0.0, 10.0, 20.0], [0.0, 50.0, 40.0], 10.0)
    with pytest.raises(EffortError, match="positive distance"):
        best_effort([0.0, 10.0], [0.0, 50.0], 0.0)


def test_riegel_scales_a_time_by_the_distance_ratio_to_the_power_1_06() -> None:
    # A 20:00 5K predicts 41:42 for 10K and 3:11:49 for the marathon.
    assert riegel_time_s(1200.0, 5000.0, 10000.0, 1.06) == pytest.approx(2501.9, abs=0.1)
    assert riegel_time_s(1200.0, 5000.0, 42195.0, 1.06) == pytest.approx(11509.3, abs=0.1)
    assert riegel_time_s(1200.0, 5000.0, 5000.0, 1.06) == 1200.0
    with pytest.raises(EffortError, match="must be positive"):
        riegel_time_s(0.0, 5000.0, 10000.0, 1.06)


def test_predictions_use_the_best_recent_effort_of_5k_or_more_per_week() -> None:
    day = date(2026, 9, 6)  # a Sunday
    runs = [  # (days before, metres, seconds): one whole-run effort per distance it covers
        (100, 10000.0, 2400.0),  # old: out of the window
        (20, 5000.0, 1300.0),
        (10, 1000.0, 180.0),  # too short to predict from
        (3, 10000.0, 2760.0),
    ]
    efforts = whole_run_efforts([(day - timedelta(days=d)).toordinal() for d, _, _ in runs],
                                [m for _, m, _ in runs], [t for _, _, t in runs],
                                [5000.0, 10000.0])  # fmt: skip
    ends = [day - timedelta(days=28), day - timedelta(days=14), day]
    found = predicted_times(efforts, 21097.5, ends, lookback_days=84, exponent=1.06)
    old_10k = DatedEffort(day - timedelta(days=100), 10000.0, 2400.0)
    five_k = DatedEffort(day - timedelta(days=20), 5000.0, 1300.0)
    assert found[0] == (pytest.approx(riegel_time_s(2400.0, 10000.0, 21097.5, 1.06)), old_10k)
    assert found[1] is not None and found[1][1] == five_k
    # The 5K beats the recent 10K, and the 5 km inside that 10K.
    assert found[2] == (pytest.approx(riegel_time_s(1300.0, 5000.0, 21097.5, 1.06)), five_k)
    assert predicted_times(efforts, 21097.5, [day - timedelta(days=200)],
                           lookback_days=84, exponent=1.06) == [None]  # fmt: skip


def test_a_runs_totals_give_the_same_efforts_as_its_two_point_stream() -> None:
    table = whole_run_efforts(
        [1, 2], [10500.0, 800.0], [3300.0, 200.0], EFFORT_DISTANCES_M.values()
    )
    assert table.distance_m.tolist() == [1000.0, 1609.344, 5000.0, 10000.0]  # the 800 m: none
    assert table.run_m.tolist() == [10500.0] * 4
    for metres, time_s in zip(table.distance_m, table.time_s, strict=True):
        effort = best_effort([0.0, 3300.0], [0.0, 10500.0], float(metres))
        assert effort is not None and effort.time_s == pytest.approx(time_s)
    with pytest.raises(EffortError, match="must be positive"):
        whole_run_efforts([1], [0.0], [3300.0], [1000.0])
