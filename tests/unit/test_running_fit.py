"""The long run stays the week's longest run where its curve and share allow (RUN-9)."""

from __future__ import annotations

from stridelift.domain.running.fit import long_is_longest, long_within_week
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
