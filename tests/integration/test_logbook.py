"""Logging services on a real database: set syntax, ranges, athletes, check-ins, history."""

from __future__ import annotations

import difflib
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from stridelift.adapters.store.engine import Store
from stridelift.domain.activity import Activity, CheckIn, PainReport, StrengthSet
from stridelift.errors import UsageError
from stridelift.methodologies import load_library
from stridelift.services import athletes, logbook
from stridelift.services.logbook import LiftEntry, RunEntry, parse_pain
from stridelift.services.set_syntax import parse_set
from tests.integration import test_store_fixtures as fixtures

# The shared fixtures, made visible to pytest in this module.
database_url = fixtures.database_url
postgres_url = fixtures.postgres_url
sqlite_url = fixtures.sqlite_url
store = fixtures.store

TODAY = date(2026, 11, 21)
NOW = fixtures.NOW
LIBRARY = load_library()


class Catalog:
    """A fixed exercise list standing in for the library in syntax tests."""

    IDS = ("trap_bar_deadlift", "push_up", "goblet_squat", "split_squat", "plank", "wall_sit",
           "farmers_carry")  # fmt: skip

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self.IDS

    def suggest(self, text: str, limit: int = 3) -> tuple[str, ...]:
        return tuple(difflib.get_close_matches(text, self.IDS, n=limit))


CATALOG = Catalog()


@pytest.fixture
def ann(store: Store, tmp_path: Path) -> athletes.StoredAthlete:
    return athletes.add_athlete(store, fixtures.write_profile(tmp_path, "Ann"), NOW)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("trap_bar_deadlift:5x100@2", [StrengthSet("trap_bar_deadlift", 5, 100.0, 2)]),
        ("trap_bar_deadlift:5x100kg", [StrengthSet("trap_bar_deadlift", 5, 100.0)]),
        ("push_up:12@3", [StrengthSet("push_up", 12, None, 3)]),
        ("goblet_squat:8x22.5@2*3", [StrengthSet("goblet_squat", 8, 22.5, 2)] * 3),
        ("split_squat:6x20@2+tech", [StrengthSet("split_squat", 6, 20.0, 2,
                                                 technique_breakdown=True)]),
        ("split_squat:6x20@2+pain=6:left:knee", [StrengthSet(
            "split_squat", 6, 20.0, 2, pain=6, pain_side="left", pain_area="knee")]),
        ("split_squat:6x20!pain=3:achilles!tech", [StrengthSet(
            "split_squat", 6, 20.0, technique_breakdown=True, pain=3, pain_area="achilles")]),
        ("split_squat:6@1+pain=2", [StrengthSet("split_squat", 6, None, 1, pain=2)]),
        ("plank:45s", [StrengthSet("plank", 1, duration_s=45.0)]),
        ("wall_sit:45sx10@3", [StrengthSet("wall_sit", 1, 10.0, 3, duration_s=45.0)]),
        ("farmers_carry:40mx24*2", [StrengthSet("farmers_carry", 1, 24.0, distance_m=40.0)] * 2),
        ("farmers_carry:25.5mx50lb", [StrengthSet("farmers_carry", 1, 22.6796185,
                                                  distance_m=25.5)]),
    ],
)  # fmt: skip
def test_the_set_syntax_covers_loads_bodyweight_repeats_holds_and_flags(
    text: str, expected: list[StrengthSet]
) -> None:
    assert parse_set(text, CATALOG) == expected


def test_pounds_are_stored_as_kilograms() -> None:
    (one,) = parse_set("trap_bar_deadlift:5x225lb@2", CATALOG)
    assert one.load_kg == pytest.approx(102.058, abs=0.001)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("trap_bar_deadlift", "expected EXERCISE:REPS|SECONDSs|METRESm[xLOAD[kg|lb]][@RIR]"),
        ("farmers_carry:0m", "a carry of 0 m is out of range (1-1000 m)"),
        ("farmers_carry:4000mx24", "a carry of 4000 m is out of range (1-1000 m)"),
        ("farmers_carry:40mm", "expected EXERCISE:REPS"),
        ("trap_bar_deadlift:5x100st", "expected EXERCISE:REPS"),
        ("trap_bar_deadlift:0x100", "0 reps is out of range (expected 1-100)"),
        ("trap_bar_deadlift:5x100@11", "11 reps in reserve is out of range (expected 0-10)"),
        ("trap_bar_deadlift:5x900", "load 900 is out of range (expected 0-600 kg)"),
        ("trap_bar_deadlift:5x100*30", "*30 sets is out of range"),
        ("split_squat:6x20+pain=11", "pain '11' is not a level 0-10"),
        ("split_squat:6x20+pain=3:left:knee:extra", "pain is LEVEL[:SIDE][:AREA]"),
        ("split_squat:6x20+wobbly", "unknown flag +wobbly"),
    ],
)  # fmt: skip
def test_a_bad_set_names_the_set_and_what_was_expected(text: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_set(text, CATALOG)
    assert str(caught.value).startswith(f"SET {text!r}: ")
    assert message in str(caught.value)


def test_an_exercise_typo_gets_the_closest_library_ids_as_suggestions() -> None:
    with pytest.raises(UsageError) as caught:
        parse_set("trap_bar_deadlfit:5x100@2", LIBRARY)
    assert str(caught.value).startswith(
        "SET 'trap_bar_deadlfit:5x100@2': unknown exercise 'trap_bar_deadlfit' "
        "(did you mean trap_bar_deadlift"
    )


def test_a_logged_run_is_stored_metric_at_local_noon(store: Store, ann: object) -> None:
    tz = timezone(timedelta(hours=-5))
    entry = RunEntry(day=date(2026, 11, 20), run_type="easy", minutes=42.5, distance_km=8.0,
                     rpe=4, avg_hr=141, notes="  windy  ")  # fmt: skip
    stored = logbook.log_run(store, None, entry, today=TODAY, tz=tz, now=NOW)
    assert stored == Activity(
        start_utc=datetime(2026, 11, 20, 17, 0, tzinfo=UTC), sport="running", duration_s=2550.0,
        distance_m=8000.0, avg_hr=141, run_type="easy", rpe=4, notes="windy", source="manual",
    )  # fmt: skip
    found = logbook.load_history(store, None, date(2026, 11, 20), date(2026, 11, 20), tz)
    assert found.activities == (stored,)


def test_a_run_with_a_start_time_keeps_it(store: Store, ann: object) -> None:
    entry = RunEntry(day=date(2026, 11, 20), run_type="long", minutes=90, start=time(6, 15))
    stored = logbook.log_run(store, "Ann", entry, today=TODAY, now=NOW)
    assert stored.start_utc == datetime(2026, 11, 20, 6, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (RunEntry(TODAY, "jog", 30), "--type: 'jog' is not a run type \\(expected one of easy,"),
        (RunEntry(TODAY, "easy", 0), "--minutes: 0 is out of range"),
        (RunEntry(TODAY, "easy", 30, distance_km=0), "--km: the distance is out of range"),
        (RunEntry(TODAY, "easy", 30, distance_km=900, distance_flag="--mi"), "--mi: the dist"),
        (RunEntry(TODAY, "easy", 30, rpe=11), r"--rpe: 11 is out of range \(expected 1-10\)"),
        (RunEntry(TODAY, "easy", 30, avg_hr=300), "--avg-hr: 300 is out of range"),
        (RunEntry(TODAY + timedelta(days=1), "easy", 30), "--date: 2026-11-22 is in the future"),
    ],
)  # fmt: skip
def test_a_bad_run_value_names_its_flag_and_writes_nothing(
    store: Store, ann: object, entry: RunEntry, message: str
) -> None:
    with pytest.raises(UsageError, match=message) as caught:
        logbook.log_run(store, None, entry, today=TODAY, now=NOW)
    assert caught.value.exit_code == 2
    with store.reading() as repo:
        assert repo.row_counts()["activities"] == 0


def test_a_lift_is_stored_with_every_set_in_order(store: Store, ann: object) -> None:
    entry = LiftEntry(day=TODAY, template="A", minutes=45, rpe=7,
                      sets=("trap_bar_deadlift:5x100@2*2", "push_up:12@3",
                            "farmers_carry:40mx24", "wall_sit:45sx10"))  # fmt: skip
    logbook.log_lift(store, None, entry, LIBRARY, today=TODAY, now=NOW)
    found = logbook.load_history(store, None, TODAY, TODAY)
    (lift,) = found.lift_sessions
    assert lift.template == "A"
    assert [s.exercise_id for s in lift.sets] == [
        "trap_bar_deadlift", "trap_bar_deadlift", "push_up", "farmers_carry", "wall_sit"
    ]  # fmt: skip
    carry, hold = lift.sets[-2:]
    assert (carry.distance_m, carry.load_kg, carry.duration_s) == (40.0, 24.0, None)
    assert (hold.duration_s, hold.load_kg, hold.distance_m) == (45.0, 10.0, None)


def test_one_bad_set_stores_none_of_the_session(store: Store, ann: object) -> None:
    entry = LiftEntry(day=TODAY, sets=("push_up:12@3", "push_upp:12@3"))
    with pytest.raises(UsageError, match="unknown exercise 'push_upp'"):
        logbook.log_lift(store, None, entry, LIBRARY, today=TODAY, now=NOW)
    with store.reading() as repo:
        assert repo.row_counts()["lift_sessions"] == 0


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (LiftEntry(TODAY, ()), "SET: give at least one set"),
        (LiftEntry(TODAY, ("push_up:10",), template="A B"), "--session: 'A B' is not"),
        (LiftEntry(TODAY, ("push_up:10",), minutes=0), "--minutes: 0 is out of range"),
        (LiftEntry(TODAY, ("push_up:10",), rpe=0), "--rpe: 0 is out of range"),
    ],
)
def test_a_bad_lift_value_names_its_flag(
    store: Store, ann: object, entry: LiftEntry, message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        logbook.log_lift(store, None, entry, LIBRARY, today=TODAY, now=NOW)


def test_pain_reports_read_area_level_and_side() -> None:
    assert parse_pain("knee:3:left") == PainReport("knee", 3, "left")
    assert parse_pain("achilles:0") == PainReport("achilles", 0, None)
    for bad, message in [("knee", "is not a pain report"), ("knee:11", "level '11' is not 0-10"),
                         ("knee:3:up", "side 'up' is not one of left, right, both")]:  # fmt: skip
        with pytest.raises(UsageError, match=f"--pain: '{bad}'.*{message}"):
            parse_pain(bad)


def test_a_checkin_is_one_per_day_unless_replaced(store: Store, ann: object) -> None:
    first = CheckIn(day=TODAY, sleep_hours=7, fatigue=4, pain=(PainReport("knee", 2, "left"),))
    logbook.log_checkin(store, None, first, today=TODAY, now=NOW)
    second = CheckIn(day=TODAY, fatigue=7, ill=True)
    with pytest.raises(UsageError, match=r"checked in on 2026-11-21 already .*--replace"):
        logbook.log_checkin(store, None, second, today=TODAY, now=NOW)
    logbook.log_checkin(store, None, second, today=TODAY, replace=True, now=NOW)
    found = logbook.load_history(store, None, TODAY, TODAY)
    assert found.checkins == (second,)
    with store.reading() as repo:
        assert repo.row_counts()["pain_reports"] == 0


@pytest.mark.parametrize(
    ("checkin", "message"),
    [
        (CheckIn(TODAY, sleep_hours=25), "--sleep-hours: 25 is out of range"),
        (CheckIn(TODAY, sleep_quality=0), "--sleep-quality: 0 is out of range"),
        (CheckIn(TODAY, soreness=11), "--soreness: 11"),
        (CheckIn(TODAY, fatigue=11), "--fatigue: 11"),
        (CheckIn(TODAY, stress=11), "--stress: 11"),
        (CheckIn(TODAY, mood=0), "--mood: 0"),
        (CheckIn(TODAY, motivation=12), "--motivation: 12"),
        (CheckIn(TODAY), "give at least one value"),
        (CheckIn(TODAY, pain=(PainReport("knee", 2), PainReport("knee", 3))), "given twice"),
    ],
)
def test_a_bad_checkin_value_names_its_flag(
    store: Store, ann: object, checkin: CheckIn, message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        logbook.log_checkin(store, None, checkin, today=TODAY, now=NOW)


def test_with_several_athletes_a_command_must_name_one(store: Store, tmp_path: Path) -> None:
    athletes.add_athlete(store, fixtures.write_profile(tmp_path, "Ann"), NOW)
    athletes.add_athlete(store, fixtures.write_profile(tmp_path, "Bo"), NOW)
    entry = RunEntry(day=TODAY, run_type="easy", minutes=30)
    with pytest.raises(UsageError, match="several athletes are stored, name one of: Ann, Bo"):
        logbook.log_run(store, None, entry, today=TODAY, now=NOW)
    with pytest.raises(UsageError, match=r"no athlete named 'Cy' \(known: Ann, Bo\)"):
        logbook.log_run(store, "Cy", entry, today=TODAY, now=NOW)
    logbook.log_run(store, "Bo", entry, today=TODAY, now=NOW)
    assert len(logbook.load_history(store, "Bo", TODAY, TODAY).activities) == 1
    assert logbook.load_history(store, "Ann", TODAY, TODAY).activities == ()


def test_without_any_athlete_the_error_says_how_to_add_one(store: Store) -> None:
    with pytest.raises(UsageError, match="athlete add --profile FILE"):
        logbook.load_history(store, None, TODAY, TODAY)


def test_resolve_athlete_gives_the_parsed_profile(store: Store, tmp_path: Path) -> None:
    athletes.add_athlete(store, fixtures.write_profile(tmp_path, "Ann", "imperial"), NOW)
    with store.reading() as repo:
        found = athletes.resolve_athlete(repo, None)
    assert (found.name, found.athlete.units, found.athlete.level) == ("Ann", "imperial",
                                                                       "recreational")  # fmt: skip
    assert 'name = "Ann"' in found.profile_text


def test_a_stored_profile_keeps_each_races_goal_time_climbing_and_terrain(
    store: Store, tmp_path: Path
) -> None:
    # RUN-10: the profile is stored as written, so the race fields come back whole.
    path = fixtures.write_profile(tmp_path, "Ann")
    path.write_text(
        path.read_text(encoding="utf-8") + '[[races]]\nname = "Mountain 80"\n'
        'date = "2027-06-12"\ndistance = "ultra"\ndistance_km = 80\nelevation_gain_m = 3000\n'
        'terrain = "trail"\ngoal_time = "11:30:00"\n',
        encoding="utf-8",
    )
    athletes.add_athlete(store, path, NOW)
    with store.reading() as repo:
        (race,) = athletes.resolve_athlete(repo, "Ann").athlete.races
    assert (race.goal_time_s, race.elevation_gain_m, race.terrain) == (41400, 3000.0, "trail")


def test_updating_a_profile_keeps_the_athletes_logs(store: Store, tmp_path: Path) -> None:
    athletes.add_athlete(store, fixtures.write_profile(tmp_path, "Ann"), NOW)
    logbook.log_run(store, None, RunEntry(TODAY, "easy", 30), today=TODAY, now=NOW)
    renamed = fixtures.write_profile(tmp_path, "Ann Lee", "imperial")
    updated = athletes.update_athlete(store, renamed, "Ann", NOW)
    assert (updated.name, updated.athlete.units) == ("Ann Lee", "imperial")
    assert len(logbook.load_history(store, "Ann Lee", TODAY, TODAY).activities) == 1
    with pytest.raises(UsageError, match="exists already"):
        athletes.add_athlete(store, renamed, NOW)


def test_history_entries_are_sorted_and_stable(store: Store, ann: object) -> None:
    logbook.log_lift(store, None, LiftEntry(TODAY, ("push_up:10",)), LIBRARY, today=TODAY, now=NOW)
    logbook.log_run(store, None, RunEntry(TODAY, "easy", 30), today=TODAY, now=NOW)
    logbook.log_checkin(store, None, CheckIn(TODAY, fatigue=3), today=TODAY, now=NOW)
    logbook.log_run(store, None, RunEntry(TODAY - timedelta(days=2), "long", 80), today=TODAY,
                    now=NOW)  # fmt: skip
    found = logbook.load_history(store, None, TODAY - timedelta(days=7), TODAY)
    entries = logbook.history_entries(found)
    assert [(e["date"], e["kind"]) for e in entries] == [
        ("2026-11-19", "run"), ("2026-11-21", "checkin"), ("2026-11-21", "run"),
        ("2026-11-21", "lift"),
    ]  # fmt: skip
    assert logbook.history_entries(found) == entries


def test_plan_snapshots_are_saved_and_read_back(store: Store, ann: athletes.StoredAthlete) -> None:
    saved = logbook.save_plan_snapshot(store, ann.id, TODAY, "e" * 64, '{"schema": "p"}', now=NOW)
    latest = logbook.latest_plan_snapshot(store, ann.id)
    assert latest == saved
    assert latest is not None
    assert latest.created_at == NOW
