"""Coaches' methodologies in the store, on SQLite and PostgreSQL: names unique per coach,
a replacement counts the version up, the athlete's copy outlives its file and the grant,
and every read is by the coach's own id."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from stridelift.adapters.store.engine import Store
from stridelift.errors import UsageError
from stridelift.services import accounts, coaching
from stridelift.services import coach_methodologies as cm
from stridelift.services.athletes import find_athlete
from stridelift.services.replan import current_plan
from tests.accounts import PASSWORD, cheap_hasher
from tests.integration import test_store_fixtures as fixtures

database_url = fixtures.database_url
postgres_url = fixtures.postgres_url
sqlite_url = fixtures.sqlite_url
store = fixtures.store
hasher_fixture = cheap_hasher
pytestmark = pytest.mark.usefixtures("cheap_hasher")
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
TEMPO = b'extends = "default"\nname = "Tempo block"\n\n[strength.minutes]\nmin = 25\nmax = 70\n'


@pytest.fixture
def team(store: Store) -> Store:
    """Athletes Ann and Bo; coach cat (edit grant to Ann), coach dan (edit grant to Bo)."""
    with store.transaction() as repo:
        for name in ("Ann", "Bo"):
            repo.add_athlete(name, fixtures.PROFILE.format(name=name, units="metric"), NOW)
    accounts.add_user(store, "cat", PASSWORD, "coach", None, NOW)
    accounts.add_user(store, "dan", PASSWORD, "coach", None, NOW)
    coaching.grant_as_admin(store, "cat", "Ann", "edit", NOW)
    coaching.grant_as_admin(store, "dan", "Bo", "edit", NOW)
    return store


def _user(store: Store, name: str) -> accounts.User:
    return accounts.find_user(store, name)


def test_names_are_unique_per_coach_and_a_replacement_counts_the_version_up(team: Store) -> None:
    cat, dan = _user(team, "cat"), _user(team, "dan")
    first = cm.upload(team, cat, "tempo", TEMPO, NOW)
    assert cm.upload(team, dan, "tempo", TEMPO, NOW).name == "tempo"  # another coach's own
    with pytest.raises(UsageError, match="name: you have a methodology named 'tempo'"):
        cm.upload(team, cat, "tempo", TEMPO, NOW)
    later = NOW + timedelta(hours=1)
    replaced = cm.replace_file(team, cat, first.id, TEMPO + b"\n", later)
    assert (replaced.version, replaced.created_at, replaced.updated_at) == (2, NOW, later)
    assert [m.name for m in cm.methodologies_of(team, dan)] == ["tempo"]
    with pytest.raises(cm.NoSuchMethodology):
        cm.methodology_of(team, dan, first.id)


def test_the_athletes_copy_outlives_the_file_and_the_grant(team: Store) -> None:
    cat = _user(team, "cat")
    tempo = cm.upload(team, cat, "tempo", TEMPO, NOW)
    ann = find_athlete(team, "Ann")
    applied = cm.apply(team, cat, ann, "coach:tempo", today=NOW.date(), now=NOW, tz=UTC)
    assert (applied.methodology, applied.version, applied.plan_stored) == ("coach:tempo", 1, True)
    with pytest.raises(cm.MethodologyInUse, match="'tempo' is in use by Ann"):
        cm.delete(team, cat, tempo.id)
    coaching.revoke_as_admin(team, "cat", "Ann", NOW)
    assert cm.delete(team, cat, tempo.id).name == "tempo"
    with team.reading() as repo:
        copy = repo.methodologies.applied(ann.id)
    assert copy is not None and (copy.coach_methodology_id, copy.version) == (None, 1)
    _, doc, _ = current_plan(team, "Ann", NOW.date() + timedelta(days=1))
    assert doc["methodology"] == {"name": "coach:tempo", "version": 1}


def test_applying_a_shipped_one_drops_the_copy_and_the_profile_key(team: Store) -> None:
    cat = _user(team, "cat")
    cm.upload(team, cat, "tempo", TEMPO, NOW)
    ann = find_athlete(team, "Ann")
    cm.apply(team, cat, ann, "coach:tempo", today=NOW.date(), now=NOW, tz=UTC)
    assert 'methodology = "coach:tempo"' in find_athlete(team, "Ann").profile_text
    cm.apply(team, cat, find_athlete(team, "Ann"), "default", today=NOW.date(), now=NOW, tz=UTC)
    back = find_athlete(team, "Ann")
    assert "methodology" not in back.profile_text and back.coach_copy is None
    with team.reading() as repo:
        assert repo.methodologies.applied(back.id) is None
