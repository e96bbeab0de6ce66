"""The long run stays the week's longest run where its curve and share allow (RUN-9), and
the runs fit the days they can be placed on (RUN-14, PLACE-2)."""

from __future__ import annotations

from stridelift.domain.running.fit import (
    fit_to_days,
    long_is_longest,
    long_within_week,
    split_within,
)
from stridelift.domain.running.spec import RunSpec
from stridelift.methodologies import default_methodology

M = default_methodology()  # long runs within 34% of the week, one 5-minute step over


def _week(long: int, easy: int, workout: int = 50) -> list[RunSpec]:
    return [RunSpec("long", long), RunSpec("intervals", workout), RunSpec("easy", easy)]


def _minutes(runs: list[RunSpec]) -> dict[str, int]:
    return {x.run_type: x.minutes for x in runs}


def _four(long: int, easy: int, workout: int = 50) -> list[RunSpec]:
    return [*_week(long, easy, workout), RunSpec("easy", 40)]


def test_an_easy_run_longer_than_the_long_run_gives_it_minutes_the_week_unchanged() -> None:
    # 60 + 50 + 80 + 40 = 230 min: the long run may take 0.34 x 230 + 5 = 83.2 -> 80 (the
    # curve allows 75); the easy run gives a step at a time until it is no longer longer.
    out = long_is_longest(_four(60, 80), M, curve=75)
    assert [x.minutes for x in out] == [70, 50, 70, 40]
    assert sum(x.minutes for x in out) == 230


def test_a_week_of_three_runs_lets_the_long_run_about_forty_percent() -> None:
    # 60 + 50 + 80 = 190 min: 0.40 x 190 + 5 = 81 in three runs (0.34 would stop at 69.6).
    out = long_is_longest(_week(60, 80), M, curve=75)
    assert _minutes(out) == {"long": 70, "intervals": 50, "easy": 70}
    four = long_is_longest(_four(60, 80), M, curve=75)
    assert _minutes(long_within_week(four, M)) == _minutes(four)


def test_the_long_run_within_a_three_run_week_keeps_about_forty_percent() -> None:
    # Others 120 min: 0.40 x 120 / 0.60 = 80 in three runs; 0.34 x 120 / 0.66 = 61.8 -> 60
    # in four.
    three = long_within_week(_week(90, 70), M)
    assert _minutes(three)["long"] == 80
    four = long_within_week([*_week(90, 30), RunSpec("easy", 40)], M)
    assert _minutes(four)["long"] == 60


def test_the_long_run_never_passes_its_curve() -> None:
    out = long_is_longest(_week(60, 90, workout=60), M, curve=65)
    assert _minutes(out)["long"] == 65 and _minutes(out)["easy"] == 85


def test_a_long_run_already_the_longest_is_left_alone() -> None:
    runs = _week(70, 65)
    assert long_is_longest(runs, M, curve=90) == runs


def test_a_back_to_back_day_is_not_an_easy_run_to_even_out() -> None:
    runs = [RunSpec("long", 60), RunSpec("easy", 90, back_to_back=True), RunSpec("easy", 50)]
    assert long_is_longest(runs, M, curve=120) == runs


# Monday 120 min, Wednesday 214, Sunday (the long run's day) 150; other days no running.
DAYS = (0, 2, 6)
FREE = (120, 0, 214, 0, 0, 0, 150)


def _to_fit() -> list[RunSpec]:
    return [RunSpec("long", 70, fixed_day=6), RunSpec("easy", 125), RunSpec("intervals", 50)]


def test_a_workout_is_fitted_to_a_day_it_may_take_not_the_day_after_the_long_run() -> None:
    # By size the 125-min easy run would pair with Wednesday and the workout with Monday,
    # the day after last Sunday's long run, where PLACE-2 will not place it: the workout
    # takes Wednesday, and the easy run is cut to what Monday holds (120), not dropped.
    out, cut = fit_to_days(_to_fit(), DAYS, FREE, 20, 5, frozenset({-1, 6}))
    assert _minutes(out) == {"long": 70, "easy": 120, "intervals": 50}
    assert cut == 5


def test_without_a_key_run_beside_monday_the_runs_pair_by_size() -> None:
    out, cut = fit_to_days(_to_fit(), DAYS, FREE, 20, 5, frozenset({6}))
    assert _minutes(out) == {"long": 70, "easy": 125, "intervals": 50}
    assert cut == 0


def test_a_workout_no_free_day_may_take_leaves_the_size_pairing() -> None:
    # Monday and Tuesday only, both beside a key run: the scheduler decides (RUN-1 keeps
    # the week's running; the workout may turn easy there).
    runs = [RunSpec("easy", 60), RunSpec("intervals", 50)]
    out, cut = fit_to_days(runs, (0, 1), (45, 90, 0, 0, 0, 0, 0), 20, 5, frozenset({-1, 2}))
    assert _minutes(out) == {"easy": 60, "intervals": 45}
    assert cut == 5


def test_split_within_gives_what_a_short_day_cannot_hold_to_the_others() -> None:
    # 95 easy minutes over a free day and a 30-min day: 65 + 30, not 50 + 30 (15 lost).
    assert split_within(95, [1.0, 1.0], [110, 30], 5) == [65, 30]
    # Weights still share what the caps allow: three days, one capped.
    assert split_within(120, [1.0, 1.0, 1.0], [100, 100, 20], 5) == [50, 50, 20]
    # Nothing to pass on: the caps bind everywhere, and no share passes its cap.
    assert split_within(200, [1.0, 1.0], [60, 30], 5) == [60, 30]
    # Caps out of reach change nothing.
    assert split_within(90, [1.0, 2.0], [500, 500], 5) == [30, 60]
