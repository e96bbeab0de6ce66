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
    assert sorted(_row_names(page.text)) == sorted([A, B])
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
    assert _row_names(page.text) == [] and "<table" not in page.text


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


def test_the_load_ratio_is_the_progress_pages_figure(team: str) -> None:
    with client(team) as c:
        login(c, "cat")
        entry = next(
            e for e in c.get("/api/v1/coach/roster").json()["athletes"] if e["athlete"] == A
        )
    with opened(team) as store:
        stats = stats_for(store, A, today=TODAY, weeks=12)
    progress = stats.weeks[-1].acwr_ewma
    assert progress is not None and entry["load_ratio"] == round(progress, 2)


def test_this_weeks_compliance_counts_the_sessions_due(team: str) -> None:
    with client(team) as c:
        login(c, "cat")
        entries = {e["athlete"]: e for e in c.get("/api/v1/coach/roster").json()["athletes"]}
    demo = entries[A]
    due = [s for s in demo["sessions"] if s["order"] is not None and s["status"] != "planned"
           and s["kind"] != "core"]  # fmt: skip
    assert demo["due"] == len(due) and demo["done"] == sum(s["status"] == "done" for s in due)
    assert demo["compliance"] == "behind"  # Monday's strength moved, Tuesday's run done
    assert demo["next_race"] == {"name": "Lakeside Marathon", "date": "2027-02-10",
                                 "weeks_to_go": 10}  # fmt: skip
    assert entries[B]["has_plan"] is False and entries[B]["compliance"] == "none"


def _checkin(day: date, **values: Any) -> CheckIn:
    return CheckIn(day=day, **values)


def test_flags_read_pain_of_two_weeks_and_the_latest_checkins_signs() -> None:
    m = default_methodology()
    old_pain = _checkin(TODAY - timedelta(days=20), pain=(PainReport("knee", 6, "left"),))
    slight = _checkin(TODAY - timedelta(days=3), pain=(PainReport("hip", 2, None),))
    achilles = _checkin(TODAY - timedelta(days=2), pain=(PainReport("achilles", 4, "right"),))
    latest = _checkin(TODAY, soreness=8, fatigue=7, sleep_hours=5.5, mood=3)
    flags, pain = checkin_flags([old_pain, slight, achilles, latest], TODAY, m)
    assert flags == ("pain: right achilles 4/10", "soreness 8/10", "fatigue 7/10",
                     "low mood or motivation", "slept 5.5 h")  # fmt: skip
    assert pain
    calm = _checkin(TODAY, soreness=6, fatigue=6, sleep_hours=6.0)
    assert checkin_flags([old_pain, slight, calm], TODAY, m) == ((), False)
    assert checkin_flags([], TODAY, m) == ((), False)


def test_pain_and_referrals_come_first_by_default_and_every_column_sorts(team: str) -> None:
    with opened(team) as store, store.transaction() as repo:
        bo = repo.athlete_by_name(B)
        assert bo is not None
        repo.add_checkin(bo.id, _checkin(TODAY, pain=(PainReport("knee", 5, "left"),)), NOW)
    with client(team) as c:
        login(c, "cat")
        default = c.get("/coach").text
        by_name = c.get("/coach?sort=athlete").text
        reverse = c.get("/coach?sort=athlete&dir=desc").text
        by_race = c.get("/api/v1/coach/roster?sort=race").json()
        for column in ("compliance", "load", "flags", "access"):
            assert c.get(f"/coach?sort={column}&dir=desc").status_code == 200
        bad = c.get("/api/v1/coach/roster?sort=colour")
        bad_page = c.get("/coach?sort=colour")
        bad_dir = c.get("/api/v1/coach/roster?dir=up")
    assert _row_names(default) == [B, A]  # Bo's knee first
    assert "pain: left knee 5/10" in default
    assert _row_names(by_name) == [B, A] and _row_names(reverse) == [A, B]  # "Bo" < "Demo"
    assert 'aria-sort="ascending"><a href="/coach?sort=athlete&amp;dir=desc">' in by_name.replace(
        "\n      ", ""
    )
    assert 'aria-sort="descending"><a href="/coach?sort=athlete">' in reverse.replace(
        "\n      ", ""
    )
    assert [e["athlete"] for e in by_race["athletes"]] == [A, B]  # Bo has no race: last
    assert bad.status_code == 422 and bad.json()["field"] == "sort"
    assert bad_page.status_code == 422 and "sort: 'colour' is not one of" in bad_page.text
    assert bad_dir.status_code == 422 and bad_dir.json()["field"] == "dir"


def test_sorting_keeps_empty_values_last_both_ways() -> None:
    rows = _rows_for_sorting()
    assert [r.athlete for r in sorted_roster(rows, "load", False)] == ["b", "a", "c"]
    assert [r.athlete for r in sorted_roster(rows, "load", True)] == ["a", "b", "c"]


def _rows_for_sorting() -> list[Any]:
    from stridelift.services.roster import RosterRow

    def row(name: str, ratio: float | None) -> RosterRow:
        return RosterRow(name, "view", TODAY, (), 0, 0, "none", ratio, (), False, (), None,
                         None, False)  # fmt: skip

    return [row("a", 1.4), row("b", 0.9), row("c", None)]


def test_the_board_shows_each_athletes_sessions_by_day_with_their_status(team: str) -> None:
    with client(team) as c:
        login(c, "cat")
        board = c.get("/coach/board").text
        later = c.get("/coach/board?week=2026-12-09").text
        bad = c.get("/coach/board?week=soon")
    assert ">Mon 30</th>" in board and ">Sun 06</th>" in board
    assert (
        'class="st-done"><a href="/a/Demo%20Runner/plan/sessions/2026-12-01/1">Easy run</a> 40′'
        in board
    )
    assert 'class="st-planned"><a href="/a/Demo%20Runner/plan/sessions/2026-12-02/1">' in board
    assert ">Mon 07</th>" in later and "week of Monday 7 December 2026" in later
    assert 'class="st-missed"' not in later  # no day of it has gone yet
    assert bad.status_code == 422 and "week: expected a date as YYYY-MM-DD" in bad.text


def test_the_board_says_an_athlete_has_no_stored_plan_instead_of_a_week_of_rest(
    team: str,
) -> None:
    with client(team) as c:
        login(c, "cat")
        board = c.get("/coach/board").text
    bo = board[board.index('<a href="/a/Bo/plan') :].split("</tr>")[0]
    assert "No stored plan yet" in bo and 'class="rest"' not in bo
    demo = board[board.index('<a href="/a/Demo%20Runner/plan') :].split("</tr>")[0]
    assert "No stored plan yet" not in demo


def test_a_new_checkin_or_plan_shows_on_the_next_roster_the_rows_kept_are_not_stale(
    team: str,
) -> None:
    with client(team) as c:
        login(c, "cat")
        first = {e["athlete"]: e for e in c.get("/api/v1/coach/roster").json()["athletes"]}
        assert first[B]["flags"] == [] and first[B]["has_plan"] is False
        with opened(team) as store, store.transaction() as repo:
            bo = repo.athlete_by_name(B)
            assert bo is not None
            repo.add_checkin(bo.id, _checkin(TODAY, soreness=9), NOW)
        second = {e["athlete"]: e for e in c.get("/api/v1/coach/roster").json()["athletes"]}
        assert second[B]["flags"] == ["soreness 9/10"]
        with opened(team) as store, store.transaction() as repo:
            bo = repo.athlete_by_name(B)
            assert bo is not None
            repo.delete_checkin(bo.id, TODAY)  # a deletion changes the rows too
        third = {e["athlete"]: e for e in c.get("/api/v1/coach/roster").json()["athletes"]}
        assert third[B]["flags"] == []
        with opened(team) as store:
            coaching.grant_as_admin(store, "cat", B, "view", NOW)  # access is never kept
        fourth = {e["athlete"]: e for e in c.get("/api/v1/coach/roster").json()["athletes"]}
        assert fourth[B]["access"] == "view"
