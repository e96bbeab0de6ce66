"""Backup and restore: one JSON document holds everything, and restoring it gives it all back."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from stridelift.adapters.store.backup import BACKUP_FORMAT, BackupError, dump_tables
from stridelift.adapters.store.engine import Store, head_revision, open_store
from stridelift.adapters.store.repository import ImportLogEntry
from stridelift.domain.activity import Activity, CheckIn, LiftSession, PainReport, StrengthSet
from stridelift.domain.efforts import Effort
from stridelift.domain.history import SessionMove
from stridelift.errors import UsageError
from stridelift.services.logbook import restore_backup, write_backup
from tests.integration import test_store_fixtures as fixtures

# The shared fixtures, made visible to pytest in this module.
database_url = fixtures.database_url
postgres_url = fixtures.postgres_url
sqlite_url = fixtures.sqlite_url
store = fixtures.store

NOW = datetime(2026, 11, 20, 18, 30, 15, 123456, tzinfo=UTC)


def _profile(name: str, level: str = "beginner") -> str:
    """A valid profile: restore checks the stored profiles as `athlete add` does."""
    return f'name = "{name}"\nlevel = "{level}"\nbody_mass_kg = 62\nweekly_run_minutes = 120\n'


def _fill(store: Store) -> None:
    """At least one row in every table, for two athletes."""
    with store.transaction() as repo:
        ann = repo.add_athlete("Ann", _profile("Ann"), NOW).id
        bo = repo.add_athlete("Bo Ström", _profile("Bo Ström", "advanced"), NOW).id
        repo.add_activity(ann, Activity(
            start_utc=datetime(2026, 11, 19, 6, 0, 1, tzinfo=UTC), sport="running",
            duration_s=2400.25, distance_m=6012.3, run_type="easy", rpe=3.0, notes="ünïcode ✓",
            source="gpx", source_file="a.gpx", file_sha256="b" * 64,
            efforts=(Effort(1000.0, 371.5, 60.25), Effort(5000.0, 1995.0, 12.0)),
        ), NOW)  # fmt: skip
        repo.add_activity(bo, Activity(
            start_utc=datetime(2026, 11, 18, 17, 0, tzinfo=UTC), sport="strength_training",
            duration_s=1800, sets=(StrengthSet(None, 10, 20.0, source_name="Curl"),),
        ), NOW)  # fmt: skip
        repo.add_lift_session(ann, LiftSession(
            day=date(2026, 11, 17), template="A", minutes=40, rpe=7.5,
            sets=(StrengthSet("trap_bar_deadlift", 5, 100.0, 2),
                  StrengthSet("split_squat", 8, 20.0, 2, technique_breakdown=True, pain=4,
                              pain_side="right", pain_area="knee")),
        ), NOW, source_file="strong.csv", file_sha256="c" * 64)  # fmt: skip
        repo.add_checkin(ann, CheckIn(day=date(2026, 11, 20), sleep_hours=6.5, fatigue=6, ill=True,
                                      pain=(PainReport("knee", 4, "right"),)), NOW)  # fmt: skip
        repo.add_import_entry(ann, ImportLogEntry("a.gpx", "b" * 64, "imported", None, NOW, "gpx",
                                                  1, 0))  # fmt: skip
        repo.add_import_entry(ann, ImportLogEntry("bad.fit", None, "failed", "truncated", NOW))
        repo.add_plan_snapshot(ann, date(2026, 11, 16), "d" * 64, '{"schema": "x"}', NOW)
        repo.add_busy_week(ann, date(2026, 11, 23), NOW)
        repo.put_session_move(ann, SessionMove(date(2026, 11, 24), date(2026, 11, 25), "run",
                                               "easy"), NOW)  # fmt: skip
        user = repo.accounts.add_user("ann", "$argon2id$v=19$m=8,t=1,p=1$x$y", "athlete", ann, NOW)
        coach = repo.accounts.add_user("cat", "$argon2id$v=19$m=8,t=1,p=1$x$y", "coach", None, NOW)
        repo.grants.add_grant(coach, ann, "view", NOW)
        repo.grants.add_invite(coach, "edit", "f" * 64, NOW, NOW)
        tempo = repo.methodologies.add(coach, "tempo", 'extends = "default"\nname = "T"\n', NOW)
        repo.methodologies.apply(ann, tempo, "cat", NOW)
        repo.comments.add_comment(ann, date(2026, 11, 24), ("run", "easy"), ("cat", coach),
                                  "Easy means easy ✓", NOW)  # fmt: skip
        # Sign-in state: never in a backup (NOT_BACKED_UP).
        repo.accounts.add_web_session(user, "e" * 64, NOW, NOW)
        repo.accounts.add_login_failure("ann", "127.0.0.1", NOW)


def _dump(store: Store) -> dict[str, list[dict[str, object]]]:
    with store.reading() as repo:
        return dump_tables(repo.session)


def test_a_backup_holds_every_table_with_a_format_version(store: Store, tmp_path: Path) -> None:
    _fill(store)
    counts = write_backup(store, tmp_path / "backup.json", now=NOW)
    document = json.loads((tmp_path / "backup.json").read_text(encoding="utf-8"))
    assert document["format"] == BACKUP_FORMAT == "stridelift.backup/1"
    assert document["schema_revision"] == head_revision()
    assert set(document["tables"]) == {
        "athletes", "plan_snapshots", "activities", "lift_sessions", "strength_sets",
        "checkins", "pain_reports", "import_log", "busy_weeks", "activity_efforts",
        "session_moves", "users", "coach_grants", "coach_invites", "coach_methodologies",
        "athlete_methodologies", "session_comments",
    }  # fmt: skip
    assert all(counts.values()), counts
    assert not list(tmp_path.glob(".*partial"))


def test_restoring_a_backup_into_an_empty_sqlite_database_gives_back_the_same_data(
    store: Store, sqlite_url: str, tmp_path: Path
) -> None:
    _fill(store)
    write_backup(store, tmp_path / "backup.json", now=NOW)
    target = open_store(sqlite_url.replace("logbook.db", "restored.db"))
    try:
        restore_backup(target, tmp_path / "backup.json")
        assert _dump(target) == _dump(store)
    finally:
        target.close()


def test_a_sqlite_backup_restores_into_any_empty_database_and_new_rows_follow_on(
    store: Store, tmp_path: Path
) -> None:
    source = open_store(f"sqlite:///{tmp_path / 'source.db'}")
    try:
        _fill(source)
        write_backup(source, tmp_path / "backup.json", now=NOW)
        counts = restore_backup(store, tmp_path / "backup.json")
        assert _dump(store) == _dump(source)
    finally:
        source.close()
    assert counts["athletes"] == 2
    with store.transaction() as repo:  # ids continue after the restored ones
        assert repo.add_athlete("Cy", 'name = "Cy"\n', NOW).id == 3


def test_restoring_into_a_database_that_holds_data_is_refused(store: Store, tmp_path: Path) -> None:
    _fill(store)
    write_backup(store, tmp_path / "backup.json", now=NOW)
    before = _dump(store)
    with pytest.raises(UsageError, match=r"is not empty .*restore only into an empty database"):
        restore_backup(store, tmp_path / "backup.json")
    assert _dump(store) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "is not a JSON backup"),
        ('{"tables": {}}', "not a Stridelift backup"),
        ('{"format": "stridelift.backup/99", "tables": {}}', "is not supported"),
        ('{"format": "stridelift.backup/1", "tables": {"shoes": []}}', "unknown table 'shoes'"),
        ('{"format": "stridelift.backup/1", "tables": {"athletes": [{"id": 1, "name": "A", '
         '"profile_toml": "", "created_at": "yesterday", "updated_at": null}]}}',
         "tables.athletes.0..created_at: 'yesterday' is not a date and time"),
    ],
)  # fmt: skip
def test_a_document_that_is_not_a_backup_is_refused_and_nothing_is_written(
    store: Store, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "backup.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises((UsageError, BackupError), match=message):
        restore_backup(store, path)
    with store.reading() as repo:
        assert repo.is_empty()


def test_a_half_written_restore_leaves_the_database_empty(store: Store, tmp_path: Path) -> None:
    good = {"id": 1, "name": "A", "profile_toml": _profile("A"),
            "created_at": "2026-11-20T00:00:00Z", "updated_at": "2026-11-20T00:00:00Z"}  # fmt: skip
    document = {"format": BACKUP_FORMAT, "tables": {
        "athletes": [good],
        "checkins": [{"id": 1, "athlete_id": 1, "day": "2026-11-20", "ill": "yes"}],
    }}  # fmt: skip
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(BackupError, match=r"checkins\[0\].ill: 'yes'"):
        restore_backup(store, path)
    with store.reading() as repo:
        assert repo.is_empty()
