"""Coach grants and invites on real databases (SQLite, and PostgreSQL when configured):
each rule of services/coaching.py and may_see's answer, one test each (issue 14)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from stridelift.adapters.store.engine import Store, StoreError
from stridelift.errors import UsageError
from stridelift.services import accounts, coaching
from stridelift.services.athletes import StoredAthlete, find_athlete
from stridelift.services.coaching import INVITE_LIFETIME, InviteGone, InviteUnknown
from stridelift.services.web_sessions import token_hash
from tests.accounts import PASSWORD, cheap_hasher
from tests.integration import test_store_fixtures as fixtures

database_url = fixtures.database_url
postgres_url = fixtures.postgres_url
sqlite_url = fixtures.sqlite_url
store = fixtures.store
hasher_fixture = cheap_hasher

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
pytestmark = pytest.mark.usefixtures("cheap_hasher")


class People:
    """Athletes Ann and Bob with their users, coach cat (no athlete of her own), coach dan
    (none either), admin root, and Cy: an athlete no user is linked to."""

    def __init__(self, store: Store) -> None:
        with store.transaction() as repo:
            for name in ("Ann", "Bob", "Cy"):
                repo.add_athlete(name, fixtures.PROFILE.format(name=name, units="metric"), NOW)
        self.ann = accounts.add_user(store, "ann", PASSWORD, "athlete", "Ann", NOW)
        self.bob = accounts.add_user(store, "bob", PASSWORD, "athlete", "Bob", NOW)
        self.cat = accounts.add_user(store, "cat", PASSWORD, "coach", None, NOW)
        self.dan = accounts.add_user(store, "dan", PASSWORD, "coach", None, NOW)
        self.root = accounts.add_user(store, "root", PASSWORD, "admin", None, NOW)
        self.athletes = {n: find_athlete(store, n) for n in ("Ann", "Bob", "Cy")}

    def athlete(self, name: str) -> StoredAthlete:
        return self.athletes[name]


@pytest.fixture
def people(store: Store) -> People:
    return People(store)


def _granted(store: Store, people: People, access: str = "view") -> coaching.Grant:
    token = coaching.create_invite(store, people.cat, access, NOW)
    return coaching.accept_invite(store, people.ann, token, NOW + timedelta(hours=1))


def test_an_accepted_invite_gives_the_coach_its_access_and_no_more(
    store: Store, people: People
) -> None:
    grant = _granted(store, people, "view")
    assert (grant.coach_username, grant.athlete_name, grant.access) == ("cat", "Ann", "view")
    assert accounts.may_see(store, people.cat, people.athlete("Ann")) == "view"
    assert accounts.may_see(store, people.cat, people.athlete("Bob")) is None
    assert accounts.may_see(store, people.dan, people.athlete("Ann")) is None
    assert accounts.may_see(store, people.ann, people.athlete("Ann")) == "own"
    assert accounts.may_see(store, people.bob, people.athlete("Ann")) is None


def test_an_edit_invite_gives_edit(store: Store, people: People) -> None:
    _granted(store, people, "edit")
    assert accounts.may_see(store, people.cat, people.athlete("Ann")) == "edit"


def test_the_database_holds_only_the_invite_tokens_hash(store: Store, people: People) -> None:
    token = coaching.create_invite(store, people.cat, "view", NOW)
    with store.engine.connect() as conn:
        rows = [list(r) for r in conn.execute(text("SELECT * FROM coach_invites"))]
    assert len(rows) == 1 and token_hash(token) in rows[0]
    assert not any(token in str(value) for value in rows[0])


@pytest.mark.parametrize("who", ["ann", "dan_disabled", "root"])
def test_only_an_active_coach_may_invite(store: Store, people: People, who: str) -> None:
    user = {"ann": people.ann, "root": people.root}.get(who)
    if user is None:
        accounts.disable_user(store, "dan", NOW)
        user = accounts.find_user(store, "dan")
    with pytest.raises(UsageError, match=r"^role: only a coach may invite an athlete$"):
        coaching.create_invite(store, user, "view", NOW)


def test_an_unknown_access_is_refused_naming_the_field(store: Store, people: People) -> None:
    with pytest.raises(UsageError, match=r"^access: 'admin' is not view or edit$"):
        coaching.create_invite(store, people.cat, "admin", NOW)


def test_an_expired_invite_is_refused_and_grants_nothing(store: Store, people: People) -> None:
    token = coaching.create_invite(store, people.cat, "view", NOW)
    later = NOW + INVITE_LIFETIME
    with pytest.raises(InviteGone, match=r"^invite: this invite link has expired"):
        coaching.accept_invite(store, people.ann, token, later)
    with pytest.raises(InviteGone):
        coaching.invite_of(store, token, later)
    assert accounts.may_see(store, people.cat, people.athlete("Ann")) is None


def test_a_replayed_invite_is_refused(store: Store, people: People) -> None:
    token = coaching.create_invite(store, people.cat, "edit", NOW)
    coaching.accept_invite(store, people.ann, token, NOW)
    with pytest.raises(InviteGone, match=r"^invite: this invite link has been used already$"):
        coaching.accept_invite(store, people.bob, token, NOW)
    with pytest.raises(InviteGone):
        coaching.accept_invite(store, people.ann, token, NOW)
    assert accounts.may_see(store, people.cat, people.athlete("Bob")) is None


@pytest.mark.parametrize("token", ["", "x", "A" * 43])
def test_an_unknown_invite_is_refused(store: Store, people: People, token: str) -> None:
    with pytest.raises(InviteUnknown, match=r"^invite: this invite link is not known"):
        coaching.accept_invite(store, people.ann, token, NOW)


def test_an_invite_of_a_disabled_coach_cannot_be_accepted(store: Store, people: People) -> None:
    token = coaching.create_invite(store, people.cat, "view", NOW)
    accounts.disable_user(store, "cat", NOW)
    with pytest.raises(InviteGone):
        coaching.accept_invite(store, people.ann, token, NOW)


def test_a_user_without_an_athlete_cannot_accept(store: Store, people: People) -> None:
    token = coaching.create_invite(store, people.cat, "view", NOW)
    with pytest.raises(UsageError, match=r"^athlete: your account is not linked to an athlete$"):
        coaching.accept_invite(store, people.dan, token, NOW)
    assert coaching.invite_of(store, token, NOW).coach_username == "cat"  # still unused


def test_a_coach_cannot_grant_to_themself(store: Store, people: People) -> None:
    coach = accounts.add_user(store, "cy", PASSWORD, "coach", "Cy", NOW)
    token = coaching.create_invite(store, coach, "edit", NOW)
    with pytest.raises(UsageError, match=r"^invite: this is your own invite"):
        coaching.accept_invite(store, coach, token, NOW)
    assert coaching.grants_of(store, coach) == coaching.Grants([], [])


def test_a_second_invite_replaces_the_coachs_grant(store: Store, people: People) -> None:
    _granted(store, people, "view")
    _granted(store, people, "edit")
    assert [g.access for g in coaching.grants_of(store, people.ann).as_athlete] == ["edit"]
    assert accounts.may_see(store, people.cat, people.athlete("Ann")) == "edit"


def test_one_active_grant_per_coach_and_athlete_is_held_by_the_database(
    store: Store, people: People
) -> None:
    _granted(store, people)
    with pytest.raises(StoreError, match=r"(?i)unique"), store.transaction() as repo:
        repo.grants.add_grant(people.cat.id, people.athlete("Ann").id, "edit", NOW)


@pytest.mark.parametrize("by", ["cat", "ann"])
def test_either_side_ends_a_grant_and_access_ends_at_once(
    store: Store, people: People, by: str
) -> None:
    grant = _granted(store, people)
    coaching.end_grant(store, getattr(people, by), grant.id, NOW)
    assert accounts.may_see(store, people.cat, people.athlete("Ann")) is None
    assert coaching.grants_of(store, people.cat) == coaching.Grants([], [])
    with pytest.raises(UsageError, match=r"^grant: no such grant$"):  # ended: not again
        coaching.end_grant(store, people.ann, grant.id, NOW)


@pytest.mark.parametrize("by", ["bob", "dan", "root"])
def test_nobody_else_ends_a_grant_and_hears_the_same_as_for_a_missing_one(
    store: Store, people: People, by: str
) -> None:
    grant = _granted(store, people)
    with pytest.raises(UsageError, match=r"^grant: no such grant$"):
        coaching.end_grant(store, getattr(people, by), grant.id, NOW)
    with pytest.raises(UsageError, match=r"^grant: no such grant$"):
        coaching.end_grant(store, getattr(people, by), grant.id + 100, NOW)
    assert accounts.may_see(store, people.cat, people.athlete("Ann")) == "view"


def test_a_disabled_coach_loses_access_at_once(store: Store, people: People) -> None:
    _granted(store, people)
    accounts.disable_user(store, "cat", NOW)
    cat = accounts.find_user(store, "cat")
    assert accounts.may_see(store, cat, people.athlete("Ann")) is None
    assert coaching.grants_of(store, cat) == coaching.Grants([], [])


def test_none_never_matches_none(store: Store, people: People) -> None:
    # A user with no athlete (dan, root) is never the athlete with no user (Cy), and a
    # missing id never lists every grant.
    _granted(store, people)
    for user in (people.dan, people.root, people.cat):
        assert accounts.may_see(store, user, people.athlete("Cy")) is None
    assert coaching.grants_of(store, people.dan) == coaching.Grants([], [])
    assert coaching.grants_of(store, people.root) == coaching.Grants([], [])
    with store.reading() as repo:
        assert repo.grants.active_grants() == []


def test_the_lists_show_each_side_its_own_grants_only(store: Store, people: People) -> None:
    _granted(store, people)
    token = coaching.create_invite(store, people.dan, "edit", NOW)
    coaching.accept_invite(store, people.bob, token, NOW)
    cat, ann, bob = (coaching.grants_of(store, u) for u in (people.cat, people.ann, people.bob))
    assert [(g.athlete_name, g.access) for g in cat.as_coach] == [("Ann", "view")]
    assert [(g.coach_username, g.access) for g in ann.as_athlete] == [("cat", "view")]
    assert [(g.coach_username, g.access) for g in bob.as_athlete] == [("dan", "edit")]
    assert cat.as_athlete == [] and ann.as_coach == []


def test_the_admin_path_grants_replaces_and_revokes(store: Store, people: People) -> None:
    coaching.grant_as_admin(store, "cat", "Bob", "view", NOW)
    coaching.grant_as_admin(store, "cat", "Bob", "edit", NOW)
    assert accounts.may_see(store, people.cat, people.athlete("Bob")) == "edit"
    coaching.revoke_as_admin(store, "cat", "Bob", NOW)
    assert accounts.may_see(store, people.cat, people.athlete("Bob")) is None


@pytest.mark.parametrize(
    ("coach", "athlete", "access", "message"),
    [
        ("nobody", "Ann", "view", "COACH_USERNAME: no user named 'nobody'"),
        ("ann", "Bob", "view", "COACH_USERNAME: 'ann' is a user of role athlete, not coach"),
        ("cat", "Nobody", "view", "ATHLETE_NAME: no athlete named 'Nobody'"),
        ("cat", "Ann", "all", "--access: 'all' is not view or edit"),
    ],
)
def test_a_bad_admin_grant_names_the_field_and_stores_nothing(
    store: Store, people: People, coach: str, athlete: str, access: str, message: str
) -> None:
    with pytest.raises(UsageError, match=r"^" + message + "$"):
        coaching.grant_as_admin(store, coach, athlete, access, NOW)
    with store.reading() as repo:
        assert repo.grants.active_grants(coach_user_id=people.cat.id) == []


def test_revoking_no_grant_is_refused(store: Store, people: People) -> None:
    with pytest.raises(UsageError, match=r"^ATHLETE_NAME: cat has no grant to 'Ann'$"):
        coaching.revoke_as_admin(store, "cat", "Ann", NOW)


def test_deleting_a_coach_or_an_athlete_deletes_their_grants(store: Store, people: People) -> None:
    _granted(store, people)
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM users WHERE username = 'cat'"))
        assert conn.execute(text("SELECT count(*) FROM coach_grants")).scalar_one() == 0
