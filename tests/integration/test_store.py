"""The store on real databases: schema from migrations, round-trips, transactions, constraints."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, text
from sqlalchemy.exc import IntegrityError

from stridelift.adapters.store.engine import Store, StoreError, head_revision, open_store
from stridelift.adapters.store.job_tables import ours
from stridelift.adapters.store.tables import AthleteRow, Base, StrengthSetRow
from stridelift.domain.activity import (
    RUN_TYPES,
    SPORTS,
    Activity,
    CheckIn,
    LiftSession,
    PainReport,
    StrengthSet,
)
from tests.integration import test_store_fixtures as fixtures

# The shared fixtures, made visible to pytest in this module.
database_url = fixtures.database_url
postgres_url = fixtures.postgres_url
sqlite_url = fixtures.sqlite_url
store = fixtures.store

NOW = datetime(2026, 11, 20, 18, 30, tzinfo=UTC)


def _athlete(store: Store, name: str = "Ann") -> int:
    with store.transaction() as repo:
        return repo.add_athlete(name, f'name = "{name}"\n', NOW).id


def _full_activity() -> Activity:
    return Activity(
        start_utc=datetime(2026, 11, 19, 6, 45, 12, tzinfo=UTC),
        sport="running",
        duration_s=3725.5,
        sub_sport="trail",
        moving_s=3600.0,
        distance_m=10234.7,
        avg_hr=148.2,
        max_hr=171.0,
        elevation_gain_m=212.0,
        name="Morning trail",
        run_type="easy",
        rpe=4.5,
        notes="felt good",
        source="fit",
        source_file="morning.fit",
        file_sha256="a" * 64,
        sets=(StrengthSet(exercise_id=None, reps=10, source_name="lunge", duration_s=40.0),),
    )


def test_the_migrations_build_exactly_the_schema_the_tables_describe(store: Store) -> None:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": ours})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []
    assert store.current_revision() == head_revision()


def test_opening_a_migrated_database_runs_no_migration(database_url: str) -> None:
    first = open_store(database_url)
    try:
        assert first.upgrade() is False
    finally:
        first.close()


def test_an_activity_with_its_sets_comes_back_exactly_as_stored(store: Store) -> None:
    athlete_id = _athlete(store)
    activity = _full_activity()
    with store.transaction() as repo:
        repo.add_activity(athlete_id, activity, NOW)
    with store.reading() as repo:
        found = repo.activities_between(athlete_id, NOW - timedelta(days=7), NOW)
    assert found == [activity]


def test_a_lift_session_keeps_its_sets_in_the_order_they_were_done(store: Store) -> None:
    athlete_id = _athlete(store)
    sets = (
        StrengthSet("trap_bar_deadlift", 5, 100.0, 2),
        StrengthSet("trap_bar_deadlift", 5, 102.5, 1, technique_breakdown=True),
        StrengthSet("split_squat", 8, 20.0, 2, pain=3, pain_side="left", pain_area="knee"),
        StrengthSet("push_up", 12, None, 3),
    )
    lift = LiftSession(day=date(2026, 11, 18), sets=sets, template="A", minutes=40, rpe=7.0,
                       notes="heavy day")  # fmt: skip
    with store.transaction() as repo:
        repo.add_lift_session(athlete_id, lift, NOW)
    with store.reading() as repo:
        assert repo.lift_sessions_between(athlete_id, date(2026, 11, 18), date(2026, 11, 18)) == [
            lift
        ]
        assert repo.has_lift_session_like(athlete_id, lift)


def test_a_checkin_keeps_its_pain_reports(store: Store) -> None:
    athlete_id = _athlete(store)
    checkin = CheckIn(
        day=date(2026, 11, 20), sleep_hours=7.5, sleep_quality=6, soreness=4, fatigue=5,
        stress=3, mood=7, motivation=8, ill=True, cycle_note="day 2",
        pain=(PainReport("knee", 3, "left"), PainReport("achilles", 2)),
    )  # fmt: skip
    with store.transaction() as repo:
        repo.add_checkin(athlete_id, checkin, NOW)
    with store.reading() as repo:
        assert repo.checkin_on(athlete_id, date(2026, 11, 20)) == checkin
        assert repo.checkins_between(athlete_id, date(2026, 11, 1), date(2026, 11, 30)) == [checkin]


def test_an_error_inside_a_transaction_leaves_nothing_behind(store: Store) -> None:
    athlete_id = _athlete(store)

    class Boom(Exception):
        pass

    with pytest.raises(Boom), store.transaction() as repo:
        repo.add_activity(athlete_id, _full_activity(), NOW)
        repo.add_lift_session(athlete_id, LiftSession(date(2026, 11, 18), ()), NOW)
        raise Boom
    with store.reading() as repo:
        counts = repo.row_counts()
    assert counts["activities"] == counts["lift_sessions"] == counts["strength_sets"] == 0


def test_a_value_the_tables_refuse_rolls_back_the_whole_entry(store: Store) -> None:
    athlete_id = _athlete(store)
    bad = LiftSession(date(2026, 11, 18), (StrengthSet("push_up", 10), StrengthSet("x", 5, rir=11)))
    with pytest.raises(StoreError, match="nothing was written"), store.transaction() as repo:
        repo.add_lift_session(athlete_id, bad, NOW)
    with store.reading() as repo:
        assert repo.row_counts()["strength_sets"] == 0
        assert repo.row_counts()["lift_sessions"] == 0


def test_a_set_belongs_to_a_lift_session_or_an_activity_never_both(store: Store) -> None:
    athlete_id = _athlete(store)
    with store.transaction() as repo:
        repo.add_activity(athlete_id, _full_activity(), NOW)
        repo.add_lift_session(athlete_id, LiftSession(date(2026, 11, 18), ()), NOW)
    row = {"position": 0, "reps": 5, "technique_breakdown": False}
    for parents in ({"lift_session_id": 1, "activity_id": 1}, {}):
        with store.engine.connect() as conn, pytest.raises(IntegrityError):
            conn.execute(insert(StrengthSetRow.__table__), {**row, **parents})


def test_removing_an_athlete_removes_everything_they_logged(store: Store) -> None:
    athlete_id = _athlete(store)
    with store.transaction() as repo:
        repo.add_activity(athlete_id, _full_activity(), NOW)
        repo.add_checkin(athlete_id, CheckIn(date(2026, 11, 20), pain=(PainReport("hip", 2),)), NOW)
    with store.engine.begin() as conn:
        conn.execute(AthleteRow.__table__.delete())
    with store.reading() as repo:
        assert not any(repo.row_counts().values())


def test_athlete_names_are_unique(store: Store) -> None:
    _athlete(store, "Ann")
    with pytest.raises(StoreError, match="nothing was written"):
        _athlete(store, "Ann")


def test_activities_are_found_by_their_local_day(store: Store) -> None:
    athlete_id = _athlete(store)
    late = Activity(start_utc=datetime(2026, 11, 19, 23, 30, tzinfo=UTC), sport="running",
                    duration_s=1800)  # fmt: skip
    with store.transaction() as repo:
        repo.add_activity(athlete_id, late, NOW)
    berlin_winter = timezone(timedelta(hours=1))  # 23:30 UTC is 00:30 the next day there
    start = datetime(2026, 11, 20, tzinfo=berlin_winter)
    with store.reading() as repo:
        assert repo.activities_between(athlete_id, start, start + timedelta(days=1)) == [late]
        assert repo.activity_near(athlete_id, "running", late.start_utc + timedelta(seconds=59), 60)
        assert not repo.activity_near(athlete_id, "running", late.start_utc + timedelta(seconds=61),
                                      60)  # fmt: skip
        assert not repo.activity_near(athlete_id, "cycling", late.start_utc, 60)


def test_the_latest_plan_snapshot_is_the_last_one_saved(store: Store) -> None:
    athlete_id = _athlete(store)
    with store.transaction() as repo:
        repo.add_plan_snapshot(athlete_id, date(2026, 11, 16), "1" * 64, '{"schema": 1}', NOW)
        repo.add_plan_snapshot(athlete_id, date(2026, 11, 23), "2" * 64, '{"schema": 2}',
                               NOW + timedelta(days=7))  # fmt: skip
    with store.reading() as repo:
        latest = repo.latest_plan_snapshot(athlete_id)
        assert latest is not None
        assert (latest.today, latest.inputs_sha256, latest.plan_json) == (
            date(2026, 11, 23),
            "2" * 64,
            '{"schema": 2}',
        )
        assert [s.today for s in repo.plan_snapshots(athlete_id)] == [
            date(2026, 11, 16), date(2026, 11, 23)
        ]  # fmt: skip


def test_a_database_written_by_a_newer_stridelift_is_refused_with_a_clear_message(
    database_url: str,
) -> None:
    first = open_store(database_url)
    with first.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    first.close()
    with pytest.raises(StoreError, match="upgrade Stridelift"):
        open_store(database_url)


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout(sqlite_url: str) -> None:
    opened = open_store(sqlite_url)
    try:
        with opened.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
    finally:
        opened.close()


_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=40)
_floats = st.floats(min_value=0, max_value=1e6, allow_nan=False)
_sets = st.builds(
    StrengthSet, exercise_id=st.none() | _text, reps=st.integers(0, 100),
    load_kg=st.none() | _floats, rir=st.none() | st.integers(0, 10),
    source_name=st.none() | _text, technique_breakdown=st.booleans(),
    pain=st.none() | st.integers(0, 10), pain_side=st.sampled_from((None, "left", "right", "both")),
    pain_area=st.none() | _text, duration_s=st.none() | _floats,
)  # fmt: skip
_activities = st.builds(
    Activity,
    start_utc=st.datetimes(  # Hypothesis wants naive bounds, and adds the zone itself
        datetime(1990, 1, 1, tzinfo=UTC).replace(tzinfo=None),
        datetime(2090, 1, 1, tzinfo=UTC).replace(tzinfo=None),
        timezones=st.just(UTC),
    ),
    sport=st.sampled_from(SPORTS), duration_s=_floats, sub_sport=st.none() | _text,
    moving_s=st.none() | _floats, distance_m=st.none() | _floats, avg_hr=st.none() | _floats,
    max_hr=st.none() | _floats, elevation_gain_m=st.none() | _floats, name=st.none() | _text,
    run_type=st.none() | st.sampled_from(RUN_TYPES), rpe=st.none() | st.floats(1, 10),
    notes=st.none() | _text, source=st.sampled_from(("manual", "fit", "gpx")),
    source_file=st.none() | _text, file_sha256=st.none() | st.text("0123456789abcdef", min_size=64,
                                                                    max_size=64),
    sets=st.lists(_sets, max_size=4).map(tuple),
)  # fmt: skip


@pytest.fixture(scope="module")
def one_sqlite_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path_factory.mktemp('prop') / 'logbook.db'}")
    yield opened
    opened.close()


@settings(max_examples=60)
@given(activity=_activities)
def test_any_activity_comes_back_from_the_database_unchanged(
    one_sqlite_store: Store, activity: Activity
) -> None:
    with one_sqlite_store.transaction() as repo:
        athlete_id = repo.add_athlete(uuid.uuid4().hex, "", NOW).id
        repo.add_activity(athlete_id, activity, NOW)
    with one_sqlite_store.reading() as repo:
        found = repo.activities_between(athlete_id, datetime(1989, 1, 1, tzinfo=UTC),
                                        datetime(2091, 1, 1, tzinfo=UTC))  # fmt: skip
    assert found == [activity]
