"""services.replan without a database: the history as the domain reads it, hashes, plan text."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from stridelift.domain.activity import Activity, CheckIn, LiftSession, StrengthSet
from stridelift.domain.history import LoggedSession
from stridelift.domain.plan import plan
from stridelift.methodologies import default_methodology, load_library
from stridelift.services.athletes import StoredAthlete
from stridelift.services.logbook import History
from stridelift.services.planning import plan_json
from stridelift.services.profiles import load_profile
from stridelift.services.replan import inputs_sha256, plan_text, training_log

PROFILE = Path(__file__).resolve().parents[1] / "fixtures" / "export_plan_planner.toml"
DAY = date(2026, 11, 17)
SETS = (
    StrengthSet("trap_bar_deadlift", 5, 100.0, 2),
    StrengthSet("trap_bar_deadlift", 5, 100.0, 2),
    StrengthSet("split_squat", 8, 20.0, 2),
)


def _history(
    activities: tuple[Activity, ...] = (),
    lifts: tuple[LiftSession, ...] = (),
    checkins: tuple[CheckIn, ...] = (),
) -> History:
    loaded = load_profile(PROFILE)
    who = StoredAthlete(1, loaded.athlete.name, loaded.text, loaded.athlete)
    return History(who, date(2026, 7, 1), DAY, activities, lifts, checkins)


def _watch(sets: tuple[StrengthSet, ...], hour: int = 17, minutes: float = 52.0) -> Activity:
    return Activity(
        start_utc=datetime(2026, 11, 17, hour, 0, tzinfo=UTC),
        sport="strength_training",
        duration_s=minutes * 60,
        sets=sets,
        source="fit",
    )


def test_an_activity_lands_on_the_athletes_local_date() -> None:
    late_run = Activity(
        start_utc=datetime(2026, 11, 17, 20, 0, tzinfo=UTC), sport="running",
        duration_s=3000.0, moving_s=2880.0, distance_m=9500.0, run_type="easy", rpe=4.0,
    )  # fmt: skip
    ride = Activity(start_utc=datetime(2026, 11, 17, 9, 0, tzinfo=UTC), sport="cycling",
                    duration_s=3600.0, run_type="easy")  # fmt: skip
    history = _history((ride, late_run))
    in_utc = training_log(history, UTC)
    in_auckland = training_log(history, ZoneInfo("Pacific/Auckland"))  # UTC+13 in November
    assert in_utc.sessions == (
        LoggedSession(DAY, "cross", 60.0),
        LoggedSession(DAY, "run", 48.0, 4.0, "easy", 9.5),
    )
    assert [s.day for s in in_auckland.sessions] == [date(2026, 11, 17), date(2026, 11, 18)]


def test_a_watch_copy_of_a_logged_lift_counts_once_with_the_logs_sets() -> None:
    fit_sets = tuple(StrengthSet(s.exercise_id, s.reps) for s in SETS)  # no loads from a watch
    lift = LiftSession(DAY, SETS, template="A", rpe=7.0)
    log = training_log(_history((_watch(fit_sets),), (lift,)), UTC)
    assert log.sessions == (LoggedSession(DAY, "strength", 52.0, 7.0, sets=SETS, template="A"),)


@pytest.mark.parametrize(
    "watch_sets",
    [
        (),  # the watch recorded no sets: nothing says it is the same session
        SETS[:2],  # a different number of sets
        tuple(StrengthSet("goblet_squat", 5) for _ in SETS),  # other exercises
        tuple(StrengthSet(None, 5, source_name="unknown") for _ in SETS),  # nothing named
    ],
)
def test_a_watch_lift_that_is_not_clearly_the_logged_one_stays_its_own_session(
    watch_sets: tuple[StrengthSet, ...],
) -> None:
    lift = LiftSession(DAY, SETS, template="A", minutes=40)
    log = training_log(_history((_watch(watch_sets),), (lift,)), UTC)
    assert [(s.kind, s.minutes, s.template) for s in log.sessions] == [
        ("strength", 52.0, None),
        ("strength", 40.0, "A"),
    ]


def test_a_lift_on_another_day_is_never_merged_with_the_watch() -> None:
    lift = LiftSession(date(2026, 11, 16), SETS, minutes=40)
    log = training_log(_history((_watch(SETS),), (lift,)), UTC)
    assert [s.day for s in log.sessions] == [date(2026, 11, 16), DAY]


def test_a_lift_logged_without_its_length_counts_two_and_a_half_minutes_a_set() -> None:
    log = training_log(_history(lifts=(LiftSession(DAY, SETS),)), UTC)
    assert log.sessions[0].minutes == 7.5


def test_checkins_and_busy_weeks_pass_through() -> None:
    checkins = (CheckIn(date(2026, 11, 16), fatigue=8), CheckIn(DAY, fatigue=7))
    log = training_log(_history(checkins=checkins), UTC, [date(2026, 11, 23)])
    assert log.checkins == checkins
    assert log.busy_weeks == frozenset({date(2026, 11, 23)})


def test_the_inputs_hash_follows_every_input_and_nothing_else() -> None:
    m = default_methodology()
    text = PROFILE.read_text(encoding="utf-8")
    history = _history(lifts=(LiftSession(DAY, SETS),))
    base = inputs_sha256(text, training_log(history, UTC, [DAY]), DAY, m)
    assert base == inputs_sha256(text, training_log(history, UTC, [DAY]), DAY, m)
    more = _history(lifts=(LiftSession(DAY, SETS),), checkins=(CheckIn(DAY, fatigue=3),))
    assert base != inputs_sha256(text, training_log(more, UTC, [DAY]), DAY, m)
    assert base != inputs_sha256(text, training_log(history, UTC), DAY, m)
    assert base != inputs_sha256(text + "\n", training_log(history, UTC, [DAY]), DAY, m)
    assert base != inputs_sha256(text, training_log(history, UTC, [DAY]), date(2026, 11, 18), m)


def test_the_plan_text_is_byte_for_byte_the_planners_json() -> None:
    athlete = load_profile(PROFILE).athlete
    doc = plan(athlete, DAY, default_methodology(), load_library(), weeks=8)
    assert plan_text(doc) == plan_json(doc)
    odd = {"é": [1.5, -0.0, 1e300, 10**20, True, None, '"\n\t'], "b": {}, "c": [], "d": (1,)}
    assert plan_text(odd) == plan_json(odd)
    with pytest.raises(TypeError, match="date is not JSON serializable"):
        plan_text({"day": DAY})
