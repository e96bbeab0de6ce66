"""The isolation matrix (issue 14): athletes A (the demo runner) and B (Bo), coach C with a
grant to A only (view, and again with edit), coach D with none. Every athlete route,
enumerated from the app's routes so that a new one cannot escape, is tried as each of
them against A and B: exactly the grants allow; a refusal is the guard's 404 (the same
as for an athlete nobody stored) and writes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

import pytest
from litestar.testing import TestClient

from stridelift.methodologies import load_library
from stridelift.services import accounts, coaching
from stridelift.services.demo_data import DEMO_NAME, seed_demo
from stridelift.services.workspace import opened
from tests.accounts import PASSWORD, cheap_hasher
from tests.e2e.test_web_accounts import _PARAMS, _athlete_routes, _token, client, login, users
from tests.integration.test_store_fixtures import PROFILE, postgres_url
from tests.web_app import NOW, row_counts

hasher_fixture = cheap_hasher
users_fixture = users
postgres_fixture = postgres_url
pytestmark = pytest.mark.usefixtures("cheap_hasher")
A, B = DEMO_NAME, "Bo"
OWNER = {"demo": A, "bo": B}
READING = ("GET", "HEAD")


def coached(db: str, access: str) -> str:
    """The users' database plus coach cat (granted ``access`` to A) and coach dan (none)."""
    with opened(db) as store:
        accounts.add_user(store, "cat", PASSWORD, "coach", None, NOW)
        accounts.add_user(store, "dan", PASSWORD, "coach", None, NOW)
        coaching.grant_as_admin(store, "cat", A, access, NOW)
    return db


def allowed(user: str, target: str, method: str, access: str) -> bool:
    """What the grants allow: one's own athlete; coach cat on A, reading, or any method
    with edit."""
    if OWNER.get(user) == target:
        return True
    return user == "cat" and target == A and (method in READING or access == "edit")


def _url(path: str, target: str) -> str:
    url = path
    for param, value in {**_PARAMS, "{athlete:str}": quote(target)}.items():
        url = url.replace(param, value)
    assert "{" not in url, url
    return url


def _refused(answer: Any, target: str) -> bool:
    """The guard's answer: 404 naming only the athlete asked for."""
    return answer.status_code == 404 and f"no athlete named {target!r}" in answer.text


def _try(c: TestClient[Any], db: str, method: str, url: str) -> tuple[Any, bool]:
    headers = {"x-csrftoken": _token(c)} if method not in READING else None
    before = row_counts(db)
    answer = c.request(method, url, headers=headers)
    return answer, row_counts(db) == before


def _check(clients: dict[str, TestClient[Any]], db: str, method: str, path: str,
           access: str) -> None:  # fmt: skip
    """Try one route as every user against A and B: exactly the grants allow."""
    for name, c in clients.items():
        for target in (A, B):
            answer, unchanged = _try(c, db, method, _url(path, target))
            if allowed(name, target, method, access):
                assert not _refused(answer, target), (name, target, answer.text)
                assert answer.status_code not in (401, 403), (name, target, answer.text)
            else:
                assert _refused(answer, target), (name, target, answer.status_code)
                assert unchanged, (name, target)
                other = B if target == A else A
                assert other not in answer.text  # names no other athlete
                unknown, _ = _try(c, db, method, _url(path, "Nobody"))
                assert unknown.status_code == 404


@contextmanager
def _signed_in(db: str) -> Iterator[dict[str, TestClient[Any]]]:
    with client(db) as demo, client(db) as bo, client(db) as cat, client(db) as dan:
        clients = {"demo": demo, "bo": bo, "cat": cat, "dan": dan}
        for name, c in clients.items():
            assert login(c, name).status_code == 303
        yield clients


@pytest.mark.parametrize("access", ["view", "edit"])
@pytest.mark.parametrize(("method", "path"), _athlete_routes())
def test_every_athlete_route_allows_exactly_what_the_grants_allow(
    users: str, access: str, method: str, path: str
) -> None:
    db = coached(users, access)
    with _signed_in(db) as clients:
        _check(clients, db, method, path, access)


def test_the_matrix_holds_on_postgresql(postgres_url: str) -> None:
    # One database for the whole matrix (seeding PostgreSQL per route would take minutes);
    # each refusal is still checked to write nothing.
    with opened(postgres_url) as store:
        seed_demo(store, NOW.date(), load_library(), now=NOW)
        with store.transaction() as repo:
            repo.add_athlete(B, PROFILE.format(name=B, units="metric"), NOW)
        accounts.add_user(store, "demo", PASSWORD, "athlete", A, NOW)
        accounts.add_user(store, "bo", PASSWORD, "athlete", B, NOW)
    for access in ("view", "edit"):
        if access == "view":
            coached(postgres_url, access)
        else:
            with opened(postgres_url) as store:
                coaching.grant_as_admin(store, "cat", A, access, NOW)
        with _signed_in(postgres_url) as clients:
            for method, path in _athlete_routes():
                _check(clients, postgres_url, method, path, access)


def test_the_matrix_refuses_a_view_coachs_writes_and_allows_an_edit_coachs() -> None:
    assert allowed("cat", A, "GET", "view") and not allowed("cat", A, "POST", "view")
    assert allowed("cat", A, "DELETE", "edit") and not allowed("cat", B, "GET", "edit")
    assert not any(allowed("dan", t, "GET", "edit") for t in (A, B))
    assert not allowed("demo", B, "GET", "edit") and not allowed("bo", A, "GET", "edit")
    methods = {m for m, _ in _athlete_routes()}
    assert {"GET", "POST", "DELETE"} <= methods
