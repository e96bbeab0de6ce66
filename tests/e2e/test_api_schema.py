"""Schemathesis over the OpenAPI schema: every /api/v1 operation of the seeded app, with
requests generated from the schema, answers without a server error (5xx), with a status
code the schema declares, and with a body the schema describes.

The examples are derandomized and bounded, so the run is the same every time and short.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from litestar.serialization import encode_json
from litestar.testing import TestClient
from schemathesis.checks import not_a_server_error
from schemathesis.python.asgi import shutdown_lifespans
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from stridelift.services import accounts, coach_methodologies, coaching
from stridelift.services.demo_data import DEMO_NAME
from stridelift.services.workspace import opened
from stridelift.web.app import create_app
from tests.accounts import PASSWORD
from tests.web_app import NOW, FromClient, seeded_db

BASE_URL = "http://127.0.0.1:8000"  # a loopback Host, as web/hosts.py asks
CSRF_SECRET = "schemathesis-" + "0" * 32  # fixed, so a token fetched once is valid throughout
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    response_schema_conformance,
    content_type_conformance,
]
EXAMPLES = 12  # per operation
ACCOUNT_EXAMPLES = 6  # per operation and user, in accounts mode


@pytest.fixture(scope="module")
def seeded_copy(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo athlete with its stored plan, in a database of this module's own."""
    seeded = tmp_path_factory.mktemp("seeded")
    seeded_db(seeded)
    folder = tmp_path_factory.mktemp("schema")
    shutil.copy(seeded / "web.db", folder / "web.db")
    return f"sqlite:///{folder / 'web.db'}"


@pytest.fixture(scope="module")
def csrf_token(seeded_copy: str) -> str:
    """A CSRF token signed with the app's fixed secret (any GET sets the cookie)."""
    app = create_app(seeded_copy, clock=lambda: NOW, csrf_secret=CSRF_SECRET)
    with TestClient(FromClient(app), base_url=BASE_URL) as client:  # type: ignore[arg-type]
        client.get("/health")
        return str(client.cookies.get("csrftoken"))


class ServedApp:
    """The app under test, installed by the ``served`` fixture: the schema is read when the
    module is collected (from an app without a database), the calls go to the seeded app."""

    app: Any = None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await self.app(scope, receive, send)


SERVED = ServedApp()
# The document /schema/openapi.json serves, as JSON (dates and enums encoded).
DOCUMENT = json.loads(encode_json(create_app("sqlite://").openapi_schema.to_schema()))
schema = schemathesis.openapi.from_dict(DOCUMENT).include(path_regex="^/api/v1/")
schema.app = SERVED


@pytest.fixture(scope="module")
def served(seeded_copy: str) -> Iterator[None]:
    """Requests reach the seeded app from loopback; its store is closed at the end."""
    SERVED.app = FromClient(create_app(seeded_copy, clock=lambda: NOW, csrf_secret=CSRF_SECRET))
    yield
    shutdown_lifespans()
    SERVED.app = None


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_api_operation_answers_as_its_schema_says(
    case: Any, served: None, csrf_token: str
) -> None:
    case.path_parameters = {**(case.path_parameters or {}), "athlete": DEMO_NAME}
    case.call_and_validate(
        base_url=BASE_URL,
        headers={"x-csrftoken": csrf_token},
        cookies={"csrftoken": csrf_token},
        checks=CHECKS,
    )


# Accounts mode: the same operations, signed in (the session cookie and the CSRF header) as
# coach cat, who has an edit grant to the demo athlete and a methodology of their own, and
# as demo, the athlete themself.
ACCOUNTS = ServedApp()
accounts_schema = schemathesis.openapi.from_dict(DOCUMENT).include(path_regex="^/api/v1/")
accounts_schema.app = ACCOUNTS
TEAM_METHODOLOGY = b'extends = "default"\nname = "Tempo block"\n'


@pytest.fixture(scope="module")
def team_copy(seeded_copy: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The seeded database with users demo (the demo athlete) and coach cat (an edit grant
    to demo, one methodology of their own)."""
    folder = tmp_path_factory.mktemp("team")
    shutil.copy(seeded_copy.removeprefix("sqlite:///"), folder / "web.db")
    url = f"sqlite:///{folder / 'web.db'}"
    with opened(url) as store:
        accounts.add_user(store, "demo", PASSWORD, "athlete", DEMO_NAME, NOW)
        cat = accounts.add_user(store, "cat", PASSWORD, "coach", None, NOW)
        coaching.grant_as_admin(store, "cat", DEMO_NAME, "edit", NOW)
        coach_methodologies.upload(store, cat, "tempo", TEAM_METHODOLOGY, NOW)
    return url


@pytest.fixture(scope="module")
def sessions(team_copy: str) -> dict[str, str]:
    """A live session token for each user, signed in through the login form."""
    app = create_app(team_copy, clock=lambda: NOW, csrf_secret=CSRF_SECRET)
    tokens = {}
    for user in ("cat", "demo"):
        with TestClient(FromClient(app), base_url=BASE_URL) as client:  # type: ignore[arg-type]
            client.get("/health")
            token = str(client.cookies.get("csrftoken"))
            form = {"username": user, "password": PASSWORD, "_csrf_token": token}
            answer = client.post("/login", data=form, follow_redirects=False)
            assert answer.status_code == 303, answer.text
            tokens[user] = str(client.cookies.get("stridelift-session"))
    return tokens


@pytest.fixture(scope="module")
def served_accounts(team_copy: str) -> Iterator[None]:
    """Requests reach the app in accounts mode; its store is closed at the end."""
    ACCOUNTS.app = FromClient(create_app(team_copy, clock=lambda: NOW, csrf_secret=CSRF_SECRET))
    yield
    shutdown_lifespans()
    ACCOUNTS.app = None


def _signed_in(case: Any, csrf_token: str, session: str) -> None:
    case.path_parameters = {**(case.path_parameters or {}), "athlete": DEMO_NAME}
    answer = case.call_and_validate(
        base_url=BASE_URL,
        headers={"x-csrftoken": csrf_token},
        cookies={"csrftoken": csrf_token, "stridelift-session": session},
        checks=CHECKS,
    )
    assert answer.status_code != 401, answer.text  # signed in throughout


SIGNED_IN = settings(
    max_examples=ACCOUNT_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@accounts_schema.parametrize()
@SIGNED_IN
def test_every_api_operation_answers_as_its_schema_says_to_a_coach_with_an_edit_grant(
    case: Any, served_accounts: None, csrf_token: str, sessions: dict[str, str]
) -> None:
    _signed_in(case, csrf_token, sessions["cat"])


@accounts_schema.parametrize()
@SIGNED_IN
def test_every_api_operation_answers_as_its_schema_says_to_the_athlete(
    case: Any, served_accounts: None, csrf_token: str, sessions: dict[str, str]
) -> None:
    _signed_in(case, csrf_token, sessions["demo"])


def test_the_run_covers_every_api_operation_of_the_app() -> None:
    found = [result.ok() for result in schema.get_all_operations()]
    operations = {(op.method.upper(), op.path) for op in found}
    app = create_app(None)
    served = {
        (method, re.sub(r":\w+}", "}", route.path))
        for route in app.routes
        if route.path.startswith("/api/v1/")
        for method in getattr(route, "methods", ())
        if method not in ("HEAD", "OPTIONS")
    }
    assert ("POST", "/api/v1/a/{athlete}/replan/accept") in operations
    assert ("DELETE", "/api/v1/coach/methodologies/{methodology_id}") in operations
    assert operations == served
    signed_in = {
        (op.ok().method.upper(), op.ok().path) for op in accounts_schema.get_all_operations()
    }
    assert signed_in == served


def _declared(path: str, method: str, status: int) -> dict[str, Any]:
    """The body schema the document declares for one answer, its $ref resolved."""
    answer = DOCUMENT["paths"][path][method]["responses"][str(status)]
    body: dict[str, Any] = answer["content"]["application/json"]["schema"]
    name = body["$ref"].rsplit("/", 1)[-1]
    declared: dict[str, Any] = DOCUMENT["components"]["schemas"][name]
    return declared


def test_every_api_operation_declares_the_errors_it_can_answer() -> None:
    api = {p: ops for p, ops in DOCUMENT["paths"].items() if p.startswith("/api/v1/")}
    undeclared = [
        f"{method.upper()} {path}: {status}"
        for path, ops in api.items()
        for method, op in ops.items()
        for status in ("400", "403", "404", "422")
        if status not in op["responses"]
    ]
    assert undeclared == []
    assert _declared("/api/v1/a/{athlete}/stats", "get", 422)["required"] == ["detail", "field"]


def test_an_unreadable_value_answers_the_declared_one_line_400(seeded_copy: str) -> None:
    with TestClient(FromClient(create_app(seeded_copy, clock=lambda: NOW)),
                    base_url=BASE_URL) as client:  # type: ignore[arg-type]  # fmt: skip
        r = client.get(f"/api/v1/a/{DEMO_NAME}/calendar?start=soon&end=2026-12-01")
    assert r.status_code == 400
    assert set(r.json()) == {"detail"}  # no status_code: the schema no longer asks for one
    assert _declared("/api/v1/a/{athlete}/calendar", "get", 400)["required"] == ["detail"]


def test_an_unknown_athlete_answers_the_declared_404(seeded_copy: str) -> None:
    with TestClient(FromClient(create_app(seeded_copy, clock=lambda: NOW)),
                    base_url=BASE_URL) as client:  # type: ignore[arg-type]  # fmt: skip
        r = client.get("/api/v1/a/Nobody/plan")
    assert r.status_code == 404
    assert r.json() == {"detail": "no athlete named 'Nobody' (known: Demo Runner)"}
    assert _declared("/api/v1/a/{athlete}/plan", "get", 404)["required"] == ["detail"]
