"""The coaching pages (issue 14): a coach's invite link, the invite an athlete accepts by
POST only, either side ending a grant with access gone on the next request, and the
known holes each tried: lists that leak, ids in URLs trusted, a foreign key from the
form, None matching None, and a GET that acts."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

import pytest
from litestar.testing import TestClient

from stridelift.services import accounts, coaching
from stridelift.services.coaching import INVITE_LIFETIME
from stridelift.services.demo_data import DEMO_NAME
from stridelift.services.workspace import opened
from tests.accounts import PASSWORD, cheap_hasher
from tests.e2e.test_web_accounts import Clock, _token, client, login, users
from tests.web_app import API_URL, NOW, TODAY_URL, row_counts

hasher_fixture = cheap_hasher
users_fixture = users
pytestmark = pytest.mark.usefixtures("cheap_hasher")
LINK = re.compile(r'value="http://127\.0\.0\.1:8000/invite/([A-Za-z0-9_-]{43})"')


@pytest.fixture
def team(users: str) -> str:
    """demo (athlete A), bo (athlete B), coach cat and coach dan (no athlete, no grant)."""
    with opened(users) as store:
        accounts.add_user(store, "cat", PASSWORD, "coach", None, NOW)
        accounts.add_user(store, "dan", PASSWORD, "coach", None, NOW)
    return users


def _post(c: TestClient[Any], url: str, **form: str) -> Any:
    return c.post(url, data={**form, "_csrf_token": _token(c)}, follow_redirects=False)


def _invite(c: TestClient[Any], access: str = "view") -> str:
    answer = _post(c, "/account/coaching/invite", access=access)
    assert answer.status_code == 201, answer.text
    found = LINK.search(answer.text)
    assert found, answer.text
    return found[1]


def _grants(db: str, username: str) -> coaching.Grants:
    with opened(db) as store:
        return coaching.grants_of(store, accounts.find_user(store, username))


def _may(db: str, username: str, athlete: str) -> str | None:
    with opened(db) as store:
        from stridelift.services.athletes import find_athlete

        user = accounts.find_user(store, username)
        return accounts.may_see(store, user, find_athlete(store, athlete))


@pytest.mark.parametrize("url", ["/account/coaching", "/invite/abc"])
def test_single_user_mode_has_no_coaching(db: str, url: str) -> None:
    with client(db) as c:
        answer = c.get(url)
        posted = c.post(url, data={"_csrf_token": _token(c)})
    assert (answer.status_code, answer.text) == (404, "404: accounts are not turned on\n")
    assert posted.status_code in (404, 405)


@pytest.mark.parametrize("url", ["/account/coaching", "/invite/abc"])
def test_the_coaching_pages_need_a_login(team: str, url: str) -> None:
    with client(team) as c:
        answer = c.get(url, follow_redirects=False)
        posted = _post(c, "/account/coaching/invite", access="view")
    assert answer.headers["location"] == "/login?next=" + quote(url, safe="")
    assert posted.status_code == 303 and posted.headers["location"].startswith("/login")


def test_a_coach_invites_the_athlete_accepts_and_the_coach_sees_today(team: str) -> None:
    with client(team) as cat, client(team) as demo:
        login(cat, "cat")
        login(demo, "demo")
        assert cat.get(TODAY_URL).status_code == 404
        token = _invite(cat, "view")
        assert token not in cat.get("/account/coaching").text  # the link is shown once
        page = demo.get(f"/invite/{token}")
        assert page.status_code == 200 and page.headers["referrer-policy"] == "no-referrer"
        assert "<strong>cat</strong> asks to\n    <strong>view</strong> your training" in page.text
        accepted = _post(demo, f"/invite/{token}")
        assert (accepted.status_code, accepted.headers["location"]) == (303, "/account/coaching")
        mine = demo.get("/account/coaching").text
        assert '<td data-label="Coach">cat</td><td data-label="Access">view</td>' in mine
        assert cat.get(TODAY_URL).status_code == 200
        assert cat.get(f"{API_URL}/today").status_code == 200
        theirs = cat.get("/account/coaching").text
        assert f'<a href="/a/{quote(DEMO_NAME)}/today">{DEMO_NAME}</a>' in theirs


def test_a_view_coach_reads_but_every_write_is_refused_and_writes_nothing(team: str) -> None:
    with opened(team) as store:
        coaching.grant_as_admin(store, "cat", DEMO_NAME, "view", NOW)
    with client(team) as cat:
        login(cat, "cat")
        before = row_counts(team)
        answer = _post(cat, f"{TODAY_URL}/checkin", sleep_hours="7")
        assert (answer.status_code, answer.text) == (404, f"404: no athlete named {DEMO_NAME!r}\n")
        assert row_counts(team) == before
        page = cat.get(TODAY_URL)
        assert page.status_code == 200 and 'class="badge"' in page.text and "view only" in page.text


def test_an_edit_coach_writes(team: str) -> None:
    with opened(team) as store:
        coaching.grant_as_admin(store, "cat", DEMO_NAME, "edit", NOW)
    with client(team) as cat:
        login(cat, "cat")
        before = row_counts(team)["checkins"]
        answer = _post(cat, f"{TODAY_URL}/checkin", sleep_hours="7")
        assert answer.status_code == 303  # stored, back to Today
        assert row_counts(team)["checkins"] == before + 1


def test_get_never_accepts_an_invite(team: str) -> None:
    with client(team) as cat, client(team) as demo:
        login(cat, "cat")
        login(demo, "demo")
        token = _invite(cat)
        before = row_counts(team)
        for url in (f"/invite/{token}", f"/invite/{token}?accept=1", "/account/coaching"):
            assert demo.get(url).status_code == 200
        assert row_counts(team) == before
        assert _may(team, "cat", DEMO_NAME) is None


def test_accepting_needs_the_csrf_token(team: str) -> None:
    with client(team) as cat, client(team) as demo:
        login(cat, "cat")
        login(demo, "demo")
        token = _invite(cat)
        forged = demo.post(f"/invite/{token}", data={"_csrf_token": "x"})
        assert forged.status_code == 403
        assert _may(team, "cat", DEMO_NAME) is None
        assert _post(demo, f"/invite/{token}").status_code == 303


def test_a_replayed_invite_is_refused(team: str) -> None:
    with client(team) as cat, client(team) as demo, client(team) as bo:
        login(cat, "cat")
        login(demo, "demo")
        login(bo, "bo")
        token = _invite(cat)
        assert _post(demo, f"/invite/{token}").status_code == 303
        replay = _post(bo, f"/invite/{token}")
        assert replay.status_code == 410
        assert '<p class="error" role="alert">this invite link has been used already</p>' in (
            replay.text
        )
        assert bo.get(f"/invite/{token}").status_code == 410
    assert _may(team, "cat", "Bo") is None


def test_an_expired_invite_is_refused(team: str) -> None:
    clock = Clock()
    with client(team, clock) as cat, client(team, clock) as demo:
        login(cat, "cat")
        token = _invite(cat)
        clock.now = NOW + INVITE_LIFETIME
        login(demo, "demo")
        page = demo.get(f"/invite/{token}")
        assert page.status_code == 410
        assert "this invite link has expired; ask your coach for a new one" in page.text
        assert "Accept</button>" not in page.text
        assert _post(demo, f"/invite/{token}").status_code == 410
    assert _may(team, "cat", DEMO_NAME) is None


def test_an_unknown_invite_is_404_in_one_line(team: str) -> None:
    with client(team) as demo:
        login(demo, "demo")
        page = demo.get("/invite/not-a-token")
    assert page.status_code == 404
    assert re.findall(r'role="alert">([^<]*)<', page.text) == [
        "this invite link is not known; ask your coach for a new one"
    ]


def test_a_coach_opening_their_own_invite_cannot_accept_it(team: str) -> None:
    with client(team) as cat:
        login(cat, "cat")
        token = _invite(cat)
        page = cat.get(f"/invite/{token}")
        assert "This is your own invite" in page.text and "Accept</button>" not in page.text
        assert _post(cat, f"/invite/{token}").status_code == 422


@pytest.mark.parametrize("by", ["demo", "cat"])
def test_ending_a_grant_cuts_access_on_the_very_next_request(team: str, by: str) -> None:
    with opened(team) as store:
        grant = coaching.grant_as_admin(store, "cat", DEMO_NAME, "edit", NOW)
    with client(team) as cat, client(team) as ender:
        login(cat, "cat")
        login(ender, by)
        assert cat.get(TODAY_URL).status_code == 200
        ended = _post(ender, f"/account/coaching/grants/{grant.id}/end")
        assert ended.status_code == 200
        assert f"Ended: cat no longer sees {DEMO_NAME}’s training." in ended.text
        assert cat.get(TODAY_URL).status_code == 404
        assert cat.get(f"{API_URL}/today").status_code == 404


@pytest.mark.parametrize("by", ["dan", "bo"])
def test_ending_someone_elses_grant_by_id_is_refused_and_changes_nothing(
    team: str, by: str
) -> None:
    with opened(team) as store:
        grant = coaching.grant_as_admin(store, "cat", DEMO_NAME, "view", NOW)
    with client(team) as c:
        login(c, by)
        answer = _post(c, f"/account/coaching/grants/{grant.id}/end")
        missing = _post(c, f"/account/coaching/grants/{grant.id + 50}/end")
    assert (answer.status_code, answer.text) == (404, "404: no such grant\n")
    assert (missing.status_code, missing.text) == (404, "404: no such grant\n")
    assert [g.id for g in _grants(team, "cat").as_coach] == [grant.id]


def test_the_accept_form_cannot_name_another_athlete(team: str) -> None:
    # A write whose foreign key comes from the request: the grant's athlete is the
    # accepting user's own, whatever the form says.
    with client(team) as cat, client(team) as bo:
        login(cat, "cat")
        login(bo, "bo")
        token = _invite(cat, "edit")
        _post(bo, f"/invite/{token}", athlete=DEMO_NAME, athlete_id="1", athlete_user="demo")
    assert _may(team, "cat", DEMO_NAME) is None and _may(team, "cat", "Bo") == "edit"


def test_the_lists_never_leak_another_athletes_grants(team: str) -> None:
    with opened(team) as store:
        coaching.grant_as_admin(store, "cat", DEMO_NAME, "view", NOW)
    pages = {}
    for name in ("cat", "dan", "bo", "demo"):
        with client(team) as c:
            login(c, name)
            pages[name] = (c.get("/account/coaching").text, c.get("/", follow_redirects=False))
    assert DEMO_NAME not in pages["dan"][0] and "cat" not in pages["bo"][0].split("<main")[1]
    assert "No athlete has accepted an invite yet." in pages["dan"][0]
    assert "No coach sees your training." in pages["bo"][0]
    assert pages["cat"][1].headers["location"] == TODAY_URL  # only A to pick
    assert "No athlete has granted you access yet." in pages["dan"][1].text


def test_a_user_without_an_athlete_matches_no_athlete_without_a_user(team: str) -> None:
    # None == None: coach dan has no athlete; athlete Cy has no user.
    from tests.integration.test_store_fixtures import PROFILE

    with opened(team) as store, store.transaction() as repo:
        repo.add_athlete("Cy", PROFILE.format(name="Cy", units="metric"), NOW)
    with client(team) as dan:
        login(dan, "dan")
        assert dan.get("/a/Cy/today").status_code == 404
        assert "Cy<" not in dan.get("/").text
    assert _may(team, "dan", "Cy") is None


def test_a_disabled_coach_loses_access_at_once(team: str) -> None:
    with opened(team) as store:
        coaching.grant_as_admin(store, "cat", DEMO_NAME, "view", NOW)
    with client(team) as cat:
        login(cat, "cat")
        assert cat.get(TODAY_URL).status_code == 200
        with opened(team) as store:
            accounts.disable_user(store, "cat", NOW)
        assert cat.get(f"{API_URL}/today").status_code == 401


@pytest.mark.parametrize("url", ["/account/coaching/invite", "/account/coaching/grants/1/end"])
def test_no_coaching_action_is_reachable_by_get(team: str, url: str) -> None:
    with client(team) as cat:
        login(cat, "cat")
        before = row_counts(team)
        assert cat.get(url).status_code == 405
        assert row_counts(team) == before


def test_a_bad_access_is_one_line_naming_the_field(team: str) -> None:
    with client(team) as cat:
        login(cat, "cat")
        answer = _post(cat, "/account/coaching/invite", access="owner")
    assert answer.status_code == 422
    assert '<p class="error" id="invite-access-err" role="alert">' in answer.text
    assert "&#39;owner&#39; is not view or edit" in answer.text


def test_an_athlete_cannot_invite(team: str) -> None:
    with client(team) as demo:
        login(demo, "demo")
        answer = _post(demo, "/account/coaching/invite", access="view")
        page = demo.get("/account/coaching").text
    assert answer.status_code == 422 and "only a coach may invite an athlete" in answer.text
    assert "Invite an athlete" not in page


def _account_routes() -> list[tuple[str, str]]:
    """Every route of the coaching pages (outside the guard: they name no athlete)."""
    from stridelift.web.app import create_app

    found = []
    for route in create_app("sqlite://").routes:
        if route.path.startswith(("/account/coaching", "/invite")):
            for handler in getattr(route, "route_handlers", []):
                found += [(m, route.path) for m in sorted(handler.http_methods - {"OPTIONS"})]
    return found


def _filled(path: str) -> str:
    return path.replace("{grant_id:int}", "1").replace("{token:str}", "abc")


def test_the_coaching_routes_are_enumerated() -> None:
    assert ("POST", "/invite/{token:str}") in _account_routes()
    assert len(_account_routes()) == 5


@pytest.mark.parametrize(("method", "path"), _account_routes())
def test_every_coaching_route_is_off_in_single_user_mode_and_needs_a_login_in_accounts_mode(
    db: str, method: str, path: str
) -> None:
    with client(db) as c:
        headers = {"x-csrftoken": _token(c)}
        off = c.request(method, _filled(path), headers=headers)
    assert (off.status_code, off.text) == (404, "404: accounts are not turned on\n")
    with opened(db) as store:
        accounts.add_user(store, "root", PASSWORD, "admin", None, NOW)
    with client(db) as c:
        headers = {"x-csrftoken": _token(c)}
        before = row_counts(db)
        answer = c.request(method, _filled(path), headers=headers, follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
        assert row_counts(db) == before
