"""The long run stays the week's longest run where its curve and share allow (RUN-9)."""

from __future__ import annotations

from stridelift.domain.running.fit import long_is_longest
from stridelift.domain.running.spec import RunSpec
from stridelift.methodologies import default_methodology

M = default_methodology()  # long runs within 34% of the week, one 5-minute step over


def _week(long: int, easy: int, workout: int = 50) -> list[RunSpec]:
    return [RunSpec("long", long), RunSpec("intervals", workout), RunSpec("easy", easy)]


def _minutes(runs: list[RunSpec]) -> dict[str, int]:
    return {x.run_type: x.minutes for x in runs}


def test_an_easy_run_longer_than_the_long_run_gives_it_minutes_the_week_unchanged() -> None:
    # 60 + 50 + 80 = 190 min: the long run may take 0.34 x 190 + 5 = 69.6 -> 65.
    out = long_is_longest(_week(60, 80), M, curve=75)
    assert _minutes(out) == {"long": 65, "intervals": 50, "easy": 75}
    assert sum(x.minutes for x in out) == 190


def test_the_long_run_never_passes_its_curve() -> None:
    out = long_is_longest(_week(60, 90, workout=60), M, curve=65)
    assert _minutes(out)["long"] == 65 and _minutes(out)["easy"] == 85


def test_a_long_run_already_the_longest_is_left_alone() -> None:
    runs = _week(70, 65)
    assert long_is_longest(runs, M, curve=90) == runs


def test_a_back_to_back_day_is_not_an_easy_run_to_even_out() -> None:
    runs = [RunSpec("long", 60), RunSpec("easy", 90, back_to_back=True), RunSpec("easy", 50)]
    assert long_is_longest(runs, M, curve=120) == runs
