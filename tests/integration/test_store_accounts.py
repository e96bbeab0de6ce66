"""Users, sessions and the login rate limit on real databases (SQLite, and PostgreSQL
when configured): the rules of accounts mode, one test each."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import text

from stridelift.adapters.store.engine import Store
from stridelift.errors import UsageError
from stridelift.services import accounts
from stridelift.services.accounts import LoginRefused, TooManyAttempts
from stridelift.services.athletes import StoredAthlete, find_athlete
from stridelift.services.web_sessions import (
    ABSOLUTE,
    IDLE,
    end_session,
    open_sessions,
    session_user,
    start_session,
    token_hash,
)
from tests.accounts import PASSWORD, cheap_hasher
from tests.integration import test_store_fixtures as fixtures

database_url = fixtures.database_url
postgres_url = fixtures.postgres_url
sqlite_url = fixtures.sqlite_url
store = fixtures.store
hasher_fixture = cheap_hasher

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
pytestmark = pytest.mark.usefixtures("cheap_hasher")


def _ann(store: Store) -> StoredAthlete:
    with store.transaction() as repo:
        repo.add_athlete("Ann", fixtures.PROFILE.format(name="Ann", units="metric"), NOW)
    return find_athlete(store, "Ann")


def _user(store: Store, name: str = "ann", athlete: str | None = "Ann") -> accounts.User:
    role = "athlete" if athlete else "admin"
    return accounts.add_user(store, name, PASSWORD, role, athlete, NOW)


def test_no_user_is_single_user_mode_and_the_first_user_turns_accounts_on(store: Store) -> None:
    _ann(store)
    assert accounts.accounts_exist(store) is False
    user = _user(store)
    assert accounts.accounts_exist(store) is True
    assert (user.username, user.role, user.athlete_name, user.disabled) == (
        "ann", "athlete", "Ann", False,
    )  # fmt: skip


def test_the_password_is_stored_as_an_argon2id_hash_only(store: Store) -> None:
    _ann(store)
    _user(store)
    with store.engine.connect() as conn:
        stored = conn.execute(text("SELECT password_hash FROM users")).scalar_one()
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


@pytest.mark.parametrize(
    ("name", "role", "athlete", "password", "message"),
    [
        ("Ann Smith", "athlete", "Ann", PASSWORD, "username: 'Ann Smith' must be"),
        ("ann", "king", "Ann", PASSWORD, "--role: 'king' is not one of athlete, coach, admin"),
        ("ann", "athlete", None, PASSWORD, "--athlete: a user of role athlete names"),
        ("ann", "athlete", "Bob", PASSWORD, "--athlete: no athlete named 'Bob'"),
        ("ann", "athlete", "Ann", "short", "password: use at least 10 characters"),
    ],
)
def test_a_bad_user_is_refused_naming_the_field_and_nothing_is_stored(
    store: Store, name: str, role: str, athlete: str | None, password: str, message: str
) -> None:
    _ann(store)
    with pytest.raises(UsageError, match=r"^" + message.replace("(", r"\(")):
        accounts.add_user(store, name, password, role, athlete, NOW)
    assert accounts.list_users(store) == []


def test_a_username_is_taken_once(store: Store) -> None:
    _ann(store)
    _user(store)
    with pytest.raises(UsageError, match=r"^username: 'ann' exists already$"):
        _user(store)


def test_a_coach_may_also_be_an_athlete_and_an_admin_need_be_none(store: Store) -> None:
    ann = _ann(store)
    coach = accounts.add_user(store, "cat", PASSWORD, "coach", "Ann", NOW)
    admin = _user(store, "root", None)
    assert accounts.may_see(store, coach, ann) == "own"
    assert accounts.may_see(store, admin, ann) is None
    assert [u.username for u in accounts.list_users(store)] == ["cat", "root"]


def test_authenticate_returns_the_user_for_the_right_password(store: Store) -> None:
    _ann(store)
    _user(store)
    assert accounts.authenticate(store, "ann", PASSWORD, "10.0.0.1", NOW).username == "ann"


@pytest.mark.parametrize(("name", "password"), [("ann", "wrong password!"), ("nobody", PASSWORD)])
def test_a_wrong_password_and_an_unknown_user_get_the_same_answer(
    store: Store, name: str, password: str
) -> None:
    _ann(store)
    _user(store)
    with pytest.raises(LoginRefused, match=r"^password: the username or password is wrong$"):
        accounts.authenticate(store, name, password, "10.0.0.1", NOW)


def test_an_unknown_user_is_verified_against_a_dummy_hash(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    verified: list[str] = []

    class Spy(PasswordHasher):
        def verify(self, hash: str | bytes, password: str | bytes) -> bool:
            verified.append(str(hash))
            return super().verify(hash, password)

    monkeypatch.setattr(accounts, "hasher", Spy(time_cost=1, memory_cost=8, parallelism=1))
    with pytest.raises(LoginRefused):
        accounts.authenticate(store, "nobody", PASSWORD, "10.0.0.1", NOW)
    assert len(verified) == 1 and verified[0].startswith("$argon2id$")


def test_a_hash_made_with_old_parameters_is_redone_at_login(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ann(store)
    _user(store)
    stronger = PasswordHasher(time_cost=2, memory_cost=16, parallelism=1)
    monkeypatch.setattr(accounts, "hasher", stronger)
    accounts.authenticate(store, "ann", PASSWORD, "10.0.0.1", NOW)
    with store.engine.connect() as conn:
        stored = conn.execute(text("SELECT password_hash FROM users")).scalar_one()
    assert "m=16,t=2,p=1" in stored
    assert accounts.authenticate(store, "ann", PASSWORD, "10.0.0.1", NOW).username == "ann"


def test_five_failures_for_a_username_refuse_even_the_right_password(store: Store) -> None:
    _ann(store)
    _user(store)
    for n in range(accounts.FAILURES_PER_USERNAME):
        with pytest.raises(LoginRefused):
            accounts.authenticate(store, "ann", "wrong password!", f"10.0.0.{n}", NOW)
    with pytest.raises(TooManyAttempts, match=r"^password: too many failed logins"):
        accounts.authenticate(store, "ann", PASSWORD, "10.0.0.99", NOW)
    later = NOW + accounts.FAILURE_WINDOW + timedelta(seconds=1)
    assert accounts.authenticate(store, "ann", PASSWORD, "10.0.0.99", later).username == "ann"


def test_failures_from_one_address_across_usernames_refuse_that_address(store: Store) -> None:
    _ann(store)
    _user(store)
    for n in range(accounts.FAILURES_PER_CLIENT):
        with pytest.raises(LoginRefused):
            accounts.authenticate(store, f"guess{n}", "wrong password!", "10.0.0.7", NOW)
    with pytest.raises(TooManyAttempts):
        accounts.authenticate(store, "ann", PASSWORD, "10.0.0.7", NOW)
    assert accounts.authenticate(store, "ann", PASSWORD, "10.0.0.8", NOW).username == "ann"


def test_a_disabled_user_cannot_log_in_and_their_sessions_end(store: Store) -> None:
    _ann(store)
    user = _user(store)
    tokens = [start_session(store, user.id, NOW) for _ in range(2)]
    assert accounts.disable_user(store, "ann", NOW) == 2
    assert [session_user(store, t, NOW) for t in tokens] == [None, None]
    with pytest.raises(LoginRefused):
        accounts.authenticate(store, "ann", PASSWORD, "10.0.0.1", NOW)
    assert accounts.list_users(store)[0].disabled is True


def test_a_new_password_ends_every_session_and_the_old_password(store: Store) -> None:
    _ann(store)
    user = _user(store)
    token = start_session(store, user.id, NOW)
    assert accounts.set_password(store, "ann", "a new long password", NOW) == 1
    assert session_user(store, token, NOW) is None
    with pytest.raises(LoginRefused):
        accounts.authenticate(store, "ann", PASSWORD, "10.0.0.1", NOW)
    assert accounts.authenticate(store, "ann", "a new long password", "10.0.0.1", NOW)


def test_each_session_gets_a_new_token_stored_only_as_its_hash(store: Store) -> None:
    _ann(store)
    user = _user(store)
    first, second = start_session(store, user.id, NOW), start_session(store, user.id, NOW)
    assert first != second and len(first) >= 43
    with store.engine.connect() as conn:
        stored = set(conn.execute(text("SELECT token_hash FROM web_sessions")).scalars())
    assert stored == {token_hash(first), token_hash(second)}
    assert first not in stored and second not in stored


def test_a_session_ends_at_logout(store: Store) -> None:
    _ann(store)
    user = _user(store)
    token = start_session(store, user.id, NOW)
    assert session_user(store, token, NOW) is not None
    assert end_session(store, token, NOW) is True
    assert session_user(store, token, NOW) is None
    assert open_sessions(store, "ann") == 0


def test_a_session_idle_too_long_expires_and_use_keeps_it_alive(store: Store) -> None:
    _ann(store)
    user = _user(store)
    kept, idle = start_session(store, user.id, NOW), start_session(store, user.id, NOW)
    halfway = NOW + IDLE / 2
    assert session_user(store, kept, halfway) is not None
    assert session_user(store, kept, NOW + IDLE + timedelta(minutes=1)) is not None
    assert session_user(store, idle, NOW + IDLE) is None


def test_a_session_expires_at_its_absolute_limit_however_used(store: Store) -> None:
    _ann(store)
    user = _user(store)
    token = start_session(store, user.id, NOW)
    step = IDLE - timedelta(minutes=5)
    at = NOW
    while at + step < NOW + ABSOLUTE:
        at += step
        assert session_user(store, token, at) is not None
    assert session_user(store, token, NOW + ABSOLUTE) is None


def test_an_unknown_or_empty_token_is_nobody(store: Store) -> None:
    assert session_user(store, "not a token", NOW) is None
    assert session_user(store, None, NOW) is None
    assert end_session(store, "not a token", NOW) is False


def test_deleting_an_athlete_keeps_the_user_unlinked(store: Store) -> None:
    ann = _ann(store)
    _user(store)
    with store.transaction() as repo:
        repo.session.execute(text("DELETE FROM athletes WHERE id = :id"), {"id": ann.id})
    assert accounts.list_users(store)[0].athlete_id is None
