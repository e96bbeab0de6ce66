"""The coach's roster and board (issue 14): only the athletes who granted the coach, their
week at a glance, sortable without JavaScript; the same as JSON at /api/v1/coach/roster."""

from __future__ import annotations

import re
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from stridelift.domain.activity import CheckIn, PainReport
from stridelift.methodologies import default_methodology
from stridelift.services import accounts, coaching
from stridelift.services.demo_data import DEMO_NAME
from stridelift.services.roster import checkin_flags, sorted_roster
from stridelift.services.stats import stats_for
from stridelift.services.workspace import opened
from tests.accounts import PASSWORD, cheap_hasher
from tests.e2e.test_web_accounts import client, login, users
from tests.web_app import NOW, row_counts

hasher_fixture = cheap_hasher
users_fixture = users
pytestmark = pytest.mark.usefixtures("cheap_hasher")
A, B = DEMO_NAME, "Bo"
TODAY = NOW.date()


@pytest.fixture
def team(users: str) -> str:
    """Athletes A (the demo runner) and Bo; coach cat granted A (view) and Bo (edit),
    coach dan granted nobody, coach eve granted Bo only."""
    with opened(users) as store:
        for name in ("cat", "dan", "eve"):
            accounts.add_user(store, name, PASSWORD, "coach", None, NOW)
        coaching.grant_as_admin(store, "cat", A, "view", NOW)
        coaching.grant_as_admin(store, "cat", B, "edit", NOW)
        coaching.grant_as_admin(store, "eve", B, "view", NOW)
    return users


def _names(answer: Any) -> list[str]:
    return [e["athlete"] for e in answer.json()["athletes"]]


def _row_names(html: str) -> list[str]:
    return re.findall(r'<th scope="row" data-label="Athlete"><a href="[^"]+">([^<]+)</a>', html)


def test_the_roster_lists_exactly_the_athletes_who_granted_the_coach(team: str) -> None:
    with client(team) as c:
        login(c, "cat")
        page = c.get("/coach")
        api = c.get("/api/v1/coach/roster")
    assert page.status_code == 200 and api.status_code == 200
    assert sorted(_row_names(page.text)) == [B, A] or sorted(_row_names(page.text)) == sorted([A, B])
    assert sorted(_names(api)) == sorted([A, B])
    access = {e["athlete"]: e["access"] for e in api.json()["athletes"]}
    assert access == {A: "view", B: "edit"}


def test_another_coachs_athletes_never_appear(team: str) -> None:
    with client(team) as c:
        login(c, "eve")
        api = c.get("/api/v1/coach/roster")
        page = c.get("/coach")
        board = c.get("/coach/board")
    assert _names(api) == [B]
    for html in (page.text, board.text):
        assert A not in html and B in html


@pytest.mark.parametrize("user", ["dan", "demo"])
def test_a_coach_with_no_grants_and_an_athlete_get_an_empty_roster(team: str, user: str) -> None:
    with client(team) as c:
        login(c, user)
        api = c.get("/api/v1/coach/roster")
        page = c.get("/coach")
    assert api.status_code == 200 and api.json()["athletes"] == []
    assert "Nobody has granted you access yet" in page.text
    assert A not in page.text.replace(f"signed in as", "")  # no athlete row


def test_an_ended_grant_leaves_the_roster_at_once(team: str) -> None:
    with client(team) as c:
        login(c, "eve")
        assert _names(c.get("/api/v1/coach/roster")) == [B]
        with opened(team) as store:
            coaching.revoke_as_admin(store, "eve", B, NOW)
        assert _names(c.get("/api/v1/coach/roster")) == []


def test_the_roster_needs_a_login_and_accounts(team: str, seeded: Path, tmp_path: Path) -> None:
    with client(team) as c:
        page = c.get("/coach", follow_redirects=False)
        api = c.get("/api/v1/coach/roster")
    assert page.status_code == 303 and page.headers["location"] == "/login?next=%2Fcoach"
    assert (api.status_code, api.json()) == (401, {"detail": "sign in first"})
    shutil.copy(seeded, tmp_path / "single.db")
    with client(f"sqlite:///{tmp_path / 'single.db'}") as c:  # single-user mode: no users
        for url in ("/coach", "/coach/board", "/api/v1/coach/roster"):
            assert c.get(url).status_code == 404


def test_reading_the_roster_and_board_writes_nothing_and_replans_nobody(team: str) -> None:
    with client(team) as c:
        login(c, "cat")
        before = row_counts(team)
        for url in ("/coach", "/coach/board", "/api/v1/coach/roster", "/coach?sort=load"):
            assert c.get(url).status_code == 200
    assert row_counts(team) == before
