"""Structured workouts (RUN-11): the library's shapes, their progression and their fit."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from stridelift.domain.athlete import LEVELS
from stridelift.domain.paces import Paces, paces_for
from stridelift.domain.plan import plan
from stridelift.domain.profile import athlete_from_mapping
from stridelift.domain.workout_library import DISTANCES, PHASES
from stridelift.domain.workouts import (
    Repeat,
    Step,
    WeekPlace,
    Workout,
    build_workout,
    goal_pace_s_per_km,
    race_workout,
)
from stridelift.errors import UsageError
from stridelift.methodologies import (
    default_methodology,
    load_library,
    load_workouts,
    parse_workouts,
)

PACES = paces_for(45.0, "test")
TODAY = date(2026, 11, 23)  # a Monday


def _build(
    run_type: str,
    minutes: int,
    place: WeekPlace,
    distance: str = "10k",
    level: str = "intermediate",
    paces: Paces = PACES,
) -> Workout | None:
    goal = goal_pace_s_per_km(paces, distance, None)
    return build_workout(load_workouts(), run_type, minutes, place, distance, level, paces, goal)


def _workout(run_type: str, minutes: int, place: WeekPlace, **kw: Any) -> Workout:
    w = _build(run_type, minutes, place, **kw)
    assert w is not None
    return w


def _work_steps(w: Workout) -> list[Step]:
    out: list[Step] = []
    for s in w.steps:
        out.extend(x for x in (s.steps if isinstance(s, Repeat) else (s,)) if x.kind == "work")
    return out


def _race_specific(week: int, deload: bool = False) -> WeekPlace:
    return WeekPlace("race_specific", week, 4, deload)


def test_a_5k_block_and_a_marathon_block_get_different_workouts() -> None:
    for phase, run_type in itertools.product(
        ("strength", "race_specific"), ("intervals", "race_pace")
    ):
        place = WeekPlace(phase, 2, 4, False)
        five = _workout(run_type, 60, place, distance="5k")
        marathon = _workout(run_type, 60, place, distance="marathon")
        assert five.shape != marathon.shape, (phase, run_type)
        assert five.summary != marathon.summary


def test_race_pace_work_rises_week_to_week_toward_the_race() -> None:
    work = [
        _workout("race_pace", 60, _race_specific(k), distance="5k").work_seconds()
        for k in (1, 2, 3)
    ]
    assert work[0] < work[1] < work[2]


def test_a_marathon_long_run_carries_goal_pace_segments_that_grow_toward_the_race() -> None:
    runs = [_workout("long", 150, _race_specific(k), distance="marathon") for k in (1, 2, 3)]
    work = [r.work_seconds() for r in runs]
    assert 0 < work[0] < work[1] < work[2]
    goal = round(goal_pace_s_per_km(PACES, "marathon", None))
    assert {s.pace_s_per_km for r in runs for s in _work_steps(r)} == {goal}
    first, last = runs[0].steps[0], runs[0].steps[-1]
    assert isinstance(first, Step) and first.effort == "easy" and first.kind == "warmup"
    assert isinstance(last, Step) and last.effort == "easy"
    # The long run stays mostly easy: at most half of it at goal pace.
    assert all(r.work_seconds() <= 0.5 * 150 * 60 for r in runs)


def test_long_runs_outside_half_and_marathon_race_specific_weeks_stay_plain() -> None:
    assert _build("long", 150, _race_specific(2), distance="5k") is None
    assert _build("long", 150, WeekPlace("strength", 2, 4, False), distance="marathon") is None


def test_a_deload_week_steps_back_from_the_week_before() -> None:
    before = _workout("intervals", 60, WeekPlace("strength", 3, 4, False))
    deload = _workout("intervals", 60, WeekPlace("strength", 4, 4, True))
    assert deload.work_seconds() < before.work_seconds()


def test_the_taper_comes_down_week_by_week() -> None:
    taper = [
        _workout("race_pace", 50, WeekPlace("taper", k, 3, False), distance="5k").work_seconds()
        for k in (1, 2, 3)
    ]
    assert taper[0] > taper[1] > taper[2]


def test_beginners_climb_less_far_than_advanced_runners() -> None:
    place = WeekPlace("strength", 4, 4, False)
    beginner = _workout("intervals", 90, place, level="beginner")
    advanced = _workout("intervals", 90, place, level="advanced")
    assert beginner.shape != advanced.shape
    assert beginner.work_seconds() < advanced.work_seconds()


def test_trail_and_ultra_blocks_get_hills() -> None:
    w = _workout("intervals", 60, WeekPlace("strength", 2, 4, False), distance="ultra")
    assert {s.effort for s in _work_steps(w)} == {"hill"}
    assert all(s.duration_s and s.pace_s_per_km is None for s in _work_steps(w))
    assert w.pace_s_per_km == round(PACES.interval_s_per_km)  # not an average with the jogs


def test_interval_reps_are_run_at_interval_pace_not_the_session_average() -> None:
    for distance in ("10k", "marathon"):
        w = _workout("intervals", 60, WeekPlace("strength", 2, 4, False), distance=distance)
        assert {s.pace_s_per_km for s in _work_steps(w)} == {round(PACES.interval_s_per_km)}
        assert w.pace_s_per_km == round(PACES.interval_s_per_km)


@pytest.mark.parametrize("vdot", [30.0, 45.0, 65.0])
def test_the_steps_fit_the_session_for_every_shape_from_20_to_120_minutes(vdot: float) -> None:
    paces = paces_for(vdot, "test")
    for shape in load_workouts().shapes:
        phase, distance, level = (
            sorted(x)[0] for x in (shape.phases, shape.distances, shape.levels)
        )
        for minutes in range(20, 125, 5):
            for k, deload in ((1, False), (3, False), (4, True)):
                place = WeekPlace(phase, k, 4, deload)
                w = _build(shape.run_type, minutes, place, distance, level, paces)
                if w is None:
                    assert shape.run_type == "long", shape.id
                    continue
                assert w.shape == shape.id
                assert abs(w.seconds / 60 - minutes) <= 0.1 * minutes, (minutes, w.summary)


def test_every_run_type_phase_distance_and_level_finds_a_workout() -> None:
    for run_type, phase, distance, level in itertools.product(
        ("intervals", "tempo", "race_pace", "quality"), PHASES, DISTANCES, LEVELS
    ):
        assert load_workouts().pick(run_type, phase, distance, level) is not None


def test_a_25_minute_interval_session_holds_25_minutes_of_steps() -> None:
    w = _workout("intervals", 25, WeekPlace("strength", 3, 4, False), distance="marathon")
    assert 22.5 <= w.seconds / 60 <= 27.5
    assert w.summary.startswith("1000-1600 m repeats at interval pace: warm up")


@pytest.mark.parametrize("run_type", ["intervals", "tempo", "race_pace"])
def test_a_session_cut_below_20_minutes_still_adds_up_with_one_short_rep(run_type: str) -> None:
    # The RUN-3 spike guard may cut a quality run to 10 minutes: no growing it back.
    slow = paces_for(30, "t")
    for minutes in range(5, 21):
        w = _workout(run_type, minutes, _race_specific(3), distance="10k", paces=slow)
        assert abs(w.seconds / 60 - minutes) <= 0.1 * minutes, (minutes, w.summary)
        assert len(_work_steps(w)) == 1


@pytest.mark.parametrize("goal", [900, 2500, 5101, 20000])
def test_a_short_session_at_a_very_slow_goal_pace_still_adds_up(goal: int) -> None:
    # A 5K of extreme climbing predicts a goal pace of minutes per 100 m: one 200 m rep
    # at 85 min/km took 17 of a 30-min session beside its warm-up and cool-down (33 min).
    lib, place = load_workouts(), _race_specific(3)
    for minutes in (10, 20, 30):
        w = build_workout(lib, "race_pace", minutes, place, "5k", "beginner", PACES, goal)
        assert w is not None
        assert abs(w.seconds / 60 - minutes) <= 0.1 * minutes, (goal, minutes, w.summary)
        (work,) = _work_steps(w)
        assert work.pace_s_per_km == goal
        if work.distance_m is None:  # too slow for 100 m: the rep goes by time
            assert work.duration_s and f"{work.duration_s // 60} min at" in w.summary


def test_a_5k_race_has_a_warm_up_and_a_marathon_starts_at_goal_pace() -> None:
    lib = load_workouts()
    five = race_workout(lib, "5k", 5.0, PACES, goal_pace_s_per_km(PACES, "5k", 5.0))
    assert [s.kind for s in five.steps if isinstance(s, Step)] == ["warmup", "work"]
    work = _work_steps(five)[0]
    assert (work.distance_m, work.effort) == (5000, "race")
    marathon = race_workout(lib, "marathon", 42.195, PACES, PACES.marathon_s_per_km)
    assert [s.kind for s in marathon.steps if isinstance(s, Step)] == ["work"]
    assert marathon.pace_s_per_km == round(PACES.marathon_s_per_km)


def test_a_library_entry_with_a_ladder_that_does_not_climb_is_named_by_key() -> None:
    text = (
        "[defaults]\nwarmup_min = [8, 12, 20]\ncooldown_min = [5, 8]\n"
        "level_ceiling = [0.6, 0.8, 1.0, 1.0, 1.0]\ndeload_step_back = 2\n"
        'race_warmup_min = { "5k" = 15 }\n'
        '[[workout]]\nid = "x"\nname = "X"\nrun_type = "intervals"\nphases = ["strength"]\n'
        'distances = ["5k"]\nlevels = ["beginner"]\neffort = "interval"\nunit = "m"\n'
        "doses = [[4, 800], [3, 800]]\nrecover_s = 120\n"
    )
    with pytest.raises(UsageError, match=r"workouts.toml: workout\[1\]\.doses\[2\]: .*more work"):
        parse_workouts(text, "workouts.toml")
    with pytest.raises(UsageError, match=r"workout\[1\]\.effort: 'sprint' should be one of"):
        parse_workouts(text.replace('"interval"', '"sprint"'), "workouts.toml")


def _plan(distance: str, level: str = "intermediate", minutes: int = 300) -> dict[str, Any]:
    race = (TODAY + timedelta(weeks=16, days=6)).isoformat()
    profile = {
        "name": "Ria", "level": level, "body_mass_kg": 60, "weekly_run_minutes": minutes,
        "equipment": ["gym"], "session_minutes": 45, "long_run_day": "sun",
        "races": [{"name": "Goal", "date": race, "distance": distance}],
    }  # fmt: skip
    return plan(athlete_from_mapping(profile), TODAY, default_methodology(), load_library(), 18)


def _plan_runs(doc: dict[str, Any], *types: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [
        (w, s)
        for w in doc["weeks"]
        for d in w["days"]
        for s in d["sessions"]
        if s["kind"] == "run" and s["run_type"] in types
    ]


def test_a_planned_interval_session_shows_interval_pace_and_its_steps() -> None:
    doc = _plan("10k")
    runs = _plan_runs(doc, "intervals")
    assert runs
    for _, run in runs:
        assert run["pace_s_per_km"] == doc["paces"]["interval_s_per_km"]
        assert run["steps"][0]["kind"] == "warmup" and "RUN-11" in run["reasons"]
        assert "at interval pace, 2 min 30 s jog between; cool down" in run["description"]


def test_a_planned_marathon_block_puts_goal_pace_in_its_race_specific_long_runs() -> None:
    doc = _plan("marathon")
    longs = [(w, r) for w, r in _plan_runs(doc, "long") if w["phase"] == "race_specific"]
    assert longs and all("steps" in r for _, r in longs)
    assert all(r["pace_s_per_km"] == doc["paces"]["easy_s_per_km"] for _, r in longs)
    early = [r for w, r in _plan_runs(doc, "long") if w["phase"] in ("base", "strength")]
    assert early and not any("steps" in r for r in early)


SHIPPED = (
    Path(__file__).resolve().parents[2] / "src" / "stridelift" / "methodologies" / "workouts.toml"
)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'unit = "s"\ndoses = [[6, 60]',
            'unit = "m"\ndoses = [[6, 60]',
            r"workout\[1\]\.unit: 'm'",
        ),
        ("recover_s = 120\n", "recover_s = 120\nrest_s = 60\n", r"workout\[1\]\.rest_s: 60 is not"),
        ("recover_s = 120\n", "", r"workout\[1\]\.recover_s: missing is required"),
        (
            'id = "sustained_climbs"',
            'id = "hill_repeats"',
            r"workout\[2\]\.id: 'hill_repeats' is used",
        ),
        ("deload_step_back = 2", "deload_step_back = -1", r"defaults\.deload_step_back: -1"),
    ],
)
def test_a_broken_library_names_the_key_at_fault(old: str, new: str, message: str) -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text
    with pytest.raises(UsageError, match=rf"^workouts\.toml: {message}"):
        parse_workouts(text.replace(old, new, 1), "workouts.toml")
