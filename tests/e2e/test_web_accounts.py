"""Accounts mode in the web app: the login, its cookie and session, and the guard's answer
for each rule (issue 14); single-user mode, with no user stored, stays as it was."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote

import pytest
from litestar.handlers import HTTPRouteHandler
from litestar.testing import TestClient
from sqlalchemy import create_engine, text

from stridelift.services import accounts
from stridelift.services.demo_data import DEMO_NAME
from stridelift.services.web_sessions import ABSOLUTE, IDLE, open_sessions
from stridelift.services.workspace import opened
from stridelift.web.app import create_app
from tests.accounts import PASSWORD, cheap_hasher
from tests.integration.test_store_fixtures import PROFILE
from tests.web_app import API_URL, NOW, TODAY_URL, FromClient, row_counts

hasher_fixture = cheap_hasher
pytestmark = pytest.mark.usefixtures("cheap_hasher")
PLAIN, SECURE = "stridelift-session", "__Host-stridelift-session"


class Clock:
    """The app's clock, moved by the test."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@contextmanager
def client(db: str, clock: Clock | None = None, *, host: str = "127.0.0.1",
           base_url: str = "http://127.0.0.1:8000") -> Iterator[TestClient[Any]]:  # fmt: skip
    """A test client of the app on ``db``, its clock ``clock``, from the address ``host``."""
    app = FromClient(create_app(db, clock=clock or Clock()), host)
    with TestClient(app, base_url=base_url) as test_client:  # type: ignore[arg-type]
        yield test_client


def _token(c: TestClient[Any]) -> str:
    c.get("/health")
    return str(c.cookies.get("csrftoken"))


def login(c: TestClient[Any], username: str, password: str = PASSWORD, **extra: str) -> Any:
    """Post the login form as a browser would (with the CSRF token)."""
    form = {"username": username, "password": password, "_csrf_token": _token(c), **extra}
    return c.post("/login", data=form, follow_redirects=False)


@pytest.fixture
def users(db: str) -> str:
    """The seeded database with a second athlete, Bo, and a user for each: demo and bo."""
    with opened(db) as store:
        with store.transaction() as repo:
            repo.add_athlete("Bo", PROFILE.format(name="Bo", units="metric"), NOW)
        accounts.add_user(store, "demo", PASSWORD, "athlete", DEMO_NAME, NOW)
        accounts.add_user(store, "bo", PASSWORD, "athlete", "Bo", NOW)
    return db


def test_single_user_mode_needs_no_login_and_has_no_login_page(db: str) -> None:
    with client(db) as c:
        assert c.get(TODAY_URL).status_code == 200
        assert c.get(f"{API_URL}/today").status_code == 200
        answer = c.get("/login", follow_redirects=False)
    assert (answer.status_code, answer.headers["location"]) == (303, "/")


def test_single_user_mode_still_serves_this_machine_only(db: str) -> None:
    with client(db, host="192.0.2.8") as c:
        assert c.get(TODAY_URL).status_code == 403


def test_a_page_sends_a_stranger_to_the_login_page_and_back(users: str) -> None:
    with client(users) as c:
        answer = c.get(TODAY_URL + "?x=1", follow_redirects=False)
        assert answer.status_code == 303
        assert answer.headers["location"] == "/login?next=" + quote(TODAY_URL + "?x=1", safe="")
        assert c.get("/", follow_redirects=False).headers["location"] == "/login?next=%2F"
        form = c.get(answer.headers["location"])
        assert form.status_code == 200 and 'name="next" value="' + TODAY_URL in form.text
        back = login(c, "demo", next=TODAY_URL + "?x=1")
        assert (back.status_code, back.headers["location"]) == (303, TODAY_URL + "?x=1")
        assert c.get(TODAY_URL).status_code == 200


def test_the_api_answers_401_json_to_a_stranger(users: str) -> None:
    with client(users) as c:
        answer = c.get(f"{API_URL}/today")
    assert (answer.status_code, answer.json()) == (401, {"detail": "sign in first"})


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil"])
def test_login_goes_back_only_to_a_page_of_this_site(users: str, target: str) -> None:
    with client(users) as c:
        assert login(c, "demo", next=target).headers["location"] == "/"


def test_login_sets_an_httponly_lax_cookie_on_plain_http(users: str) -> None:
    with client(users) as c:
        answer = login(c, "demo")
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(PLAIN + "=")
    assert "HttpOnly" in cookie and "samesite=lax" in cookie.lower() and "Path=/" in cookie
    assert "Secure" not in cookie and "Domain" not in cookie


def test_over_https_the_cookie_is_host_prefixed_and_secure(users: str) -> None:
    with client(users, base_url="https://127.0.0.1:8000") as c:
        answer = login(c, "demo")
        cookie = answer.headers["set-cookie"]
        assert cookie.startswith(SECURE + "=")
        assert "Secure" in cookie and "HttpOnly" in cookie and "samesite=lax" in cookie.lower()
        assert "Path=/" in cookie and "Domain" not in cookie
        assert c.get(TODAY_URL).status_code == 200
        # A plain cookie (planted over http, say) is never taken for an HTTPS session.
        token = c.cookies.get(SECURE)
        c.cookies.delete(SECURE)
        c.cookies.set(PLAIN, str(token))
        assert c.get(f"{API_URL}/today").status_code == 401


def test_secure_cookies_are_forced_by_the_option(users: str) -> None:
    # Behind a proxy that ends TLS and does not say so, the app sees plain http.
    app = FromClient(create_app(users, clock=Clock(), secure_cookies=True))
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:  # type: ignore[arg-type]
        csrf_cookie = c.get("/health").headers["set-cookie"]
        assert "Secure" in csrf_cookie
        token = csrf_cookie.split(";")[0].split("=", 1)[1]
        form = {"username": "demo", "password": PASSWORD, "_csrf_token": token}
        answer = c.post("/login", data=form, headers={"cookie": f"csrftoken={token}"},
                        follow_redirects=False)  # fmt: skip
    assert answer.status_code == 303
    assert answer.headers["set-cookie"].startswith(SECURE + "=")
    assert "Secure" in answer.headers["set-cookie"]


def test_each_login_gets_a_new_token_and_ends_the_browsers_old_session(users: str) -> None:
    with client(users) as c:
        first = login(c, "demo").cookies[PLAIN]
        second = login(c, "demo").cookies[PLAIN]
        assert first != second
        c.cookies.set(PLAIN, first)
        assert c.get(f"{API_URL}/today").status_code == 401
    with opened(users) as store:
        assert open_sessions(store, "demo") == 1


def test_a_token_planted_before_login_is_never_promoted(users: str) -> None:
    with client(users) as c:
        c.cookies.set(PLAIN, "chosen-by-an-attacker")
        assert login(c, "demo").cookies[PLAIN] != "chosen-by-an-attacker"


def test_the_database_holds_only_the_tokens_hash(users: str) -> None:
    with client(users) as c:
        token = login(c, "demo").cookies[PLAIN]
    engine = create_engine(users)
    with engine.connect() as conn:
        rows = [list(r) for r in conn.execute(text("SELECT * FROM web_sessions"))]
    engine.dispose()
    assert rows and not any(token in str(value) for row in rows for value in row)


def test_logout_ends_the_session_and_the_old_cookie_gets_401(users: str) -> None:
    with client(users) as c:
        token = login(c, "demo").cookies[PLAIN]
        out = c.post("/logout", data={"_csrf_token": _token(c)}, follow_redirects=False)
        assert (out.status_code, out.headers["location"]) == (303, "/login")
        assert 'stridelift-session=""' in out.headers["set-cookie"]
        c.cookies.set(PLAIN, token)
        assert c.get(f"{API_URL}/today").status_code == 401


def test_get_logout_does_not_log_out(users: str) -> None:
    with client(users) as c:
        login(c, "demo")
        assert c.get("/logout").status_code == 405
        assert c.get(f"{API_URL}/today").status_code == 200


def test_login_without_the_csrf_token_is_refused_and_starts_no_session(users: str) -> None:
    with client(users) as c:
        c.get("/health")
        answer = c.post("/login", data={"username": "demo", "password": PASSWORD})
        assert answer.status_code == 403
        assert PLAIN not in answer.cookies
    with opened(users) as store:
        assert open_sessions(store, "demo") == 0


def test_a_cross_site_post_is_refused(users: str) -> None:
    with client(users) as c:
        login(c, "demo")
        # Another site can make the browser post with its cookies but cannot read the
        # CSRF cookie, so the form carries no token (or a wrong one).
        before = row_counts(users)
        forged = c.post(f"{TODAY_URL}/checkin", data={"sleep_hours": "7", "_csrf_token": "x"},
                        headers={"origin": "https://evil.example"})  # fmt: skip
        assert forged.status_code == 403
        assert c.post("/logout", data={}).status_code == 403
        assert row_counts(users) == before
        assert c.get(f"{API_URL}/today").status_code == 200


def test_a_wrong_password_is_one_line_naming_the_field(users: str) -> None:
    with client(users) as c:
        answer = login(c, "demo", "not the password")
    assert answer.status_code == 401
    line = "the username or password is wrong"
    assert f'<p class="error" id="login-password-err" role="alert">{line}</p>' in answer.text
    assert 'value="demo"' in answer.text and "not the password" not in answer.text


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"username": "", "password": "x"}, "username", "type your username"),
        ({"username": "demo", "password": ""}, "password", "type your password"),
    ],
)
def test_an_empty_field_is_named(
    users: str, form: dict[str, str], field: str, message: str
) -> None:
    with client(users) as c:
        answer = c.post("/login", data={**form, "_csrf_token": _token(c)})
    assert answer.status_code == 422
    assert f'id="login-{field}-err" role="alert">{message}</p>' in answer.text


def test_five_failures_for_a_username_get_429(users: str) -> None:
    with client(users) as c:
        for _ in range(accounts.FAILURES_PER_USERNAME):
            assert login(c, "demo", "not the password").status_code == 401
        refused = login(c, "demo")
    assert refused.status_code == 429
    assert "too many failed logins; wait 15 minutes and try again" in refused.text
    assert PLAIN not in refused.cookies


def test_the_rate_limit_applies_across_usernames_from_one_address(users: str) -> None:
    with client(users, host="192.0.2.8") as c:
        for n in range(accounts.FAILURES_PER_CLIENT):
            assert login(c, f"guess{n}", "not the password").status_code == 401
        assert login(c, "bo").status_code == 429
    with client(users, host="192.0.2.9") as c:
        assert login(c, "bo").status_code == 303


def test_disabling_a_user_ends_all_their_sessions(users: str) -> None:
    with client(users) as one, client(users) as two:
        login(one, "demo")
        login(two, "demo")
        with opened(users) as store:
            assert accounts.disable_user(store, "demo", NOW) == 2
        assert one.get(f"{API_URL}/today").status_code == 401
        assert two.get(TODAY_URL, follow_redirects=False).status_code == 303
        assert login(one, "demo").status_code == 401


def test_a_password_change_ends_the_other_sessions_and_keeps_this_browser(users: str) -> None:
    with client(users) as here, client(users) as there:
        login(here, "demo")
        login(there, "demo")
        form = {"current_password": PASSWORD, "new_password": "a brand new password",
                "repeat_password": "a brand new password", "_csrf_token": _token(here)}  # fmt: skip
        changed = here.post("/account/password", data=form)
        assert changed.status_code == 200 and "Password changed." in changed.text
        assert here.get(f"{API_URL}/today").status_code == 200
        assert there.get(f"{API_URL}/today").status_code == 401
        assert login(there, "demo").status_code == 401
        assert login(there, "demo", "a brand new password").status_code == 303


NEW = "a brand new password"


@pytest.mark.parametrize(
    ("current", "new", "repeat", "field", "message"),
    [
        ("", NEW, NEW, "current_password", "type your current password"),
        (PASSWORD, "short", "short", "new_password", "use at least 10 characters"),
        (PASSWORD, NEW, "another one", "repeat_password", "the two new passwords differ"),
        ("not the password", NEW, NEW, "current_password", "the current password is wrong"),
    ],
)
def test_a_refused_password_change_names_the_field_and_changes_nothing(
    users: str, current: str, new: str, repeat: str, field: str, message: str
) -> None:
    with client(users) as c:
        login(c, "demo")
        form = {"current_password": current, "new_password": new, "repeat_password": repeat,
                "_csrf_token": _token(c)}  # fmt: skip
        answer = c.post("/account/password", data=form)
        assert answer.status_code == 422
        assert f'id="pw-{field}-err" role="alert">{message}</p>' in answer.text
        assert c.get(f"{API_URL}/today").status_code == 200
    with client(users) as other:
        assert login(other, "demo").status_code == 303


def test_the_password_page_needs_a_login(users: str) -> None:
    with client(users) as c:
        answer = c.get("/account/password", follow_redirects=False)
    assert answer.headers["location"] == "/login?next=%2Faccount%2Fpassword"


def test_a_session_idle_for_two_hours_expires(users: str) -> None:
    clock = Clock()
    with client(users, clock) as c:
        login(c, "demo")
        clock.now = NOW + IDLE - timedelta(minutes=1)
        assert c.get(f"{API_URL}/today").status_code == 200
        clock.now += IDLE - timedelta(minutes=1)
        assert c.get(f"{API_URL}/today").status_code == 200
        clock.now += IDLE
        assert c.get(f"{API_URL}/today").status_code == 401


def test_a_session_expires_twelve_hours_after_login_however_used(users: str) -> None:
    clock = Clock()
    with client(users, clock) as c:
        login(c, "demo")
        while clock.now + timedelta(hours=1) < NOW + ABSOLUTE:
            clock.now += timedelta(hours=1)
            assert c.get(f"{API_URL}/today").status_code == 200
        clock.now = NOW + ABSOLUTE
        assert c.get(f"{API_URL}/today").status_code == 401


def test_the_nav_shows_the_user_and_a_log_out_button(users: str) -> None:
    with client(users) as c:
        login(c, "demo")
        page = c.get(TODAY_URL).text
    assert 'signed in as <a href="/account/password"' in page and ">demo</a>" in page
    assert re.search(r'<form class="logout" method="post" action="/logout">.*Log out', page)


def test_the_picker_lists_only_the_athletes_the_user_may_see(users: str) -> None:
    with opened(users) as store:
        accounts.add_user(store, "root", PASSWORD, "admin", None, NOW)
    with client(users) as c:
        login(c, "root")
        home = c.get("/")
    assert home.status_code == 200
    assert DEMO_NAME not in home.text and "Bo<" not in home.text
    assert "Your account is not linked to an athlete." in home.text


def _athlete_routes() -> list[tuple[str, str]]:
    app = create_app("sqlite://")
    found = []
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            assert isinstance(handler, HTTPRouteHandler)
            if "{athlete:str}" in route.path:
                found += [(m, route.path) for m in sorted(handler.http_methods - {"OPTIONS"})]
    return found


_PARAMS = {"{athlete:str}": quote(DEMO_NAME), "{order:int}": "1", "{day:str}": "2026-12-02",
           "{fmt:str}": "ics", "{index:int}": "1",
           "{job_id:int}": "1"}  # fmt: skip


@pytest.mark.parametrize(("method", "path"), _athlete_routes())
def test_another_athletes_routes_answer_404_and_change_nothing(
    users: str, method: str, path: str
) -> None:
    url = path
    for param, value in _PARAMS.items():
        url = url.replace(param, value)
    assert "{" not in url
    with client(users) as c:
        login(c, "bo")
        before = row_counts(users)
        unsafe = method not in ("GET", "HEAD")
        headers = {"x-csrftoken": _token(c)} if unsafe else None
        answer = c.request(method, url, headers=headers)
        assert answer.status_code == 404
        assert DEMO_NAME in answer.text and "Bo" not in answer.text  # names no other athlete
        assert row_counts(users) == before
        # The same answer as for an athlete nobody stored: existence is not revealed.
        unknown = c.request(method, url.replace(quote(DEMO_NAME), "Nobody"), headers=headers)
        assert unknown.status_code == 404


def test_the_enumeration_covers_pages_and_api_of_both_kinds() -> None:
    routes = _athlete_routes()
    assert ("GET", "/a/{athlete:str}/today") in routes
    assert ("POST", "/api/v1/a/{athlete:str}/checkin") in routes
    assert len(routes) >= 20


def test_the_own_athlete_is_served_from_another_machine_in_accounts_mode(users: str) -> None:
    with client(users, host="192.0.2.8") as c:
        login(c, "demo")
        assert c.get(TODAY_URL).status_code == 200
        assert c.get(f"/api/v1/a/{quote('Bo')}/today").status_code == 404


def test_the_allowed_host_names_are_answered_and_no_other(users: str) -> None:
    app = FromClient(create_app(users, clock=Clock(), allowed_hosts=("stride.example.org",)))
    with TestClient(app, base_url="http://stride.example.org:8443") as c:  # type: ignore[arg-type]
        assert c.get("/health").status_code == 200
        refused = c.get("/health", headers={"host": "evil.example"})
    assert refused.status_code == 400
    assert refused.text == "400: the Host 'evil.example' is not a name this server answers to\n"


def test_an_htmx_request_without_a_session_sends_the_whole_page_to_the_login(
    users: str,
) -> None:
    with client(users) as c:
        form = {"sleep_hours": "7", "_csrf_token": _token(c)}
        page = f"http://127.0.0.1:8000{TODAY_URL}"
        headers = {"hx-request": "true", "hx-current-url": page}
        answer = c.post(f"{TODAY_URL}/checkin", data=form, headers=headers)
        plain = c.post(f"{TODAY_URL}/checkin", data=form, follow_redirects=False)
    assert answer.status_code == 401
    assert answer.headers["hx-redirect"] == "/login?next=" + quote(TODAY_URL, safe="")
    assert plain.headers["location"] == "/login?next=%2F"  # a POST's address is no page


def test_a_login_post_in_single_user_mode_goes_home(db: str) -> None:
    with client(db) as c:
        answer = login(c, "demo")
    assert (answer.status_code, answer.headers["location"]) == (303, "/")
