"""A coach's own methodologies (issue 14): uploaded on /account/methodologies and checked
by the CLI's parser with every refused key shown at once, applied to an athlete they may
edit (the plan names it, the CLI plans the same), kept as a frozen copy when the grant
ends; and another coach never reads, applies or deletes them, by name or by id."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from litestar.testing import TestClient

from stridelift.services import accounts, coaching
from stridelift.services.demo_data import DEMO_NAME
from stridelift.services.workspace import opened
from tests.accounts import PASSWORD, cheap_hasher
from tests.e2e.entry import Cli
from tests.e2e.test_web_accounts import Clock, _token, client, login, users
from tests.web_app import API_URL, NOW, row_counts

hasher_fixture = cheap_hasher
users_fixture = users
pytestmark = pytest.mark.usefixtures("cheap_hasher")
FIXTURES = Path(__file__).parent.parent / "fixtures"
GOOD = (FIXTURES / "coach_tempo.toml").read_bytes()
BAD = (FIXTURES / "coach_bad.toml").read_bytes()
PAGE = "/account/methodologies"
COACH_API = "/api/v1/coach/methodologies"


@pytest.fixture
def team(users: str) -> str:
    """demo (athlete A), bo (athlete B), coach cat with an edit grant to A, coach dan with
    an edit grant to B."""
    with opened(users) as store:
        accounts.add_user(store, "cat", PASSWORD, "coach", None, NOW)
        accounts.add_user(store, "dan", PASSWORD, "coach", None, NOW)
        coaching.grant_as_admin(store, "cat", DEMO_NAME, "edit", NOW)
        coaching.grant_as_admin(store, "dan", "Bo", "edit", NOW)
    return users


def _upload(c: TestClient[Any], name: str, content: bytes, url: str = PAGE) -> Any:
    return c.post(url, data={"name": name, "_csrf_token": _token(c)},
                  files={"file": ("tempo.toml", content, "application/toml")},
                  follow_redirects=False)  # fmt: skip


def _post(c: TestClient[Any], url: str, **form: str) -> Any:
    return c.post(url, data={**form, "_csrf_token": _token(c)}, follow_redirects=False)


def _api(c: TestClient[Any], method: str, url: str, body: Any = None) -> Any:
    return c.request(method, url, json=body, headers={"x-csrftoken": _token(c)})


def _ids(c: TestClient[Any]) -> dict[str, int]:
    return {m["name"]: m["id"] for m in c.get(COACH_API).json()["methodologies"]}


def test_a_refused_file_shows_every_key_under_the_upload_and_stores_nothing(team: str) -> None:
    with client(team) as cat:
        login(cat, "cat")
        before = row_counts(team)
        answer = _upload(cat, "tempo", BAD)
    assert answer.status_code == 422
    for line in (
        "<code>strength.phase.strength.sets</code>: &#39;four&#39; is not a whole number 1-8",
        "<code>strength.minutes.min</code>: 5 is not a whole number 10-120",
        "<code>load.planned_rpe.easy</code>: 40 is not a number between 1 and 10",
    ):
        assert line in answer.text
    assert row_counts(team) == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("Tempo", GOOD, "<code>name</code>: &#39;Tempo&#39; is not a name: 2-40 lower-case"),
        ("tempo", b"x" * (256 * 1024 + 1),
         "<code>file</code>: 262145 bytes is too large (at most 256 KB)"),
        ("tempo", b"\xff\xfe oops", "<code>file</code>: not UTF-8 text (byte 0 cannot be read)"),
        ("tempo", b"name = [", "<code>file</code>: not valid TOML (Invalid value"),
        ("tempo", b"", "<code>file</code>: empty: choose a methodology file (TOML)"),
    ],
)  # fmt: skip
def test_a_bad_name_or_file_is_refused_in_one_line(team: str, name: str, content: bytes,
                                                   message: str) -> None:  # fmt: skip
    with client(team) as cat:
        login(cat, "cat")
        before = row_counts(team)
        answer = _upload(cat, name, content)
    assert answer.status_code == 422
    assert message in answer.text
    assert answer.text.count('<li class="error">') == 1
    assert row_counts(team) == before


def test_a_coach_uploads_applies_and_the_plan_names_it_on_web_and_cli(
    team: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with client(team) as cat:
        login(cat, "cat")
        stored = _upload(cat, "tempo", GOOD)
        assert (stored.status_code, stored.headers["location"]) == (
            303,
            f"{PAGE}?done=stored:tempo",
        )
        page = cat.get(PAGE).text
        assert "coach:tempo" in page and "Tempo block" in page
        applied = _post(cat, f"/a/{quote(DEMO_NAME)}/methodology", methodology="coach:tempo")
        assert applied.status_code == 303
        plan = cat.get(f"/a/{quote(DEMO_NAME)}/plan").text
        assert "Methodology: <strong>coach:tempo</strong>, version 1" in plan
        doc = cat.get(f"{API_URL}/plan").json()
        assert doc["methodology"] == {"name": "coach:tempo", "version": 1}
        profile = cat.get(f"{API_URL}/profile").json()
        assert profile["methodology"] == "coach:tempo"
        assert "Used by" in cat.get(PAGE).text and f"{DEMO_NAME} (v1)" in cat.get(PAGE).text
    cli = Cli(capsys, monkeypatch)
    day = ("--today", NOW.date().isoformat(), "--athlete", DEMO_NAME, "--db", team)
    replanned = json.loads(cli("replan", "--json", *day).out)
    assert replanned["methodology"] == {"name": "coach:tempo", "version": 1}
    assert replanned == doc  # the CLI plans exactly what the web shows
    assert json.loads(cli("plan", "--json", *day).out) == doc
    explained = cli("explain", NOW.date().isoformat(), *day).out
    assert explained.startswith(f"Wed {NOW.date()}: week 1,")
    cli("plan", "--athlete", DEMO_NAME, "--weeks", "4", "--db", team, code=2).one_line_error(
        "--weeks: only with --profile"
    )
    cli("plan", "--db", team, code=2).one_line_error("--profile: give a profile file, or --athlete")
    exported = json.loads(cli("export", "json", "--out", "-", *day).out)
    assert exported["methodology"] == {"name": "coach:tempo", "version": 1}


def test_replacing_makes_a_new_version_that_athletes_get_when_applied_again(team: str) -> None:
    with client(team) as cat:
        login(cat, "cat")
        _upload(cat, "tempo", GOOD)
        mid = _ids(cat)["tempo"]
        _api(cat, "PUT", f"/api/v1/a/{quote(DEMO_NAME)}/methodology", {"id": mid})
        replaced = _api(cat, "PUT", f"{COACH_API}/{mid}", {"text": GOOD.decode() + "\n"})
        assert (replaced.status_code, replaced.json()["version"]) == (200, 2)
        assert replaced.json()["used_by"] == [{"athlete": DEMO_NAME, "version": 1}]
        assert cat.get(f"{API_URL}/plan").json()["methodology"]["version"] == 1
        again = _api(cat, "PUT", f"/api/v1/a/{quote(DEMO_NAME)}/methodology",
                     {"methodology": "coach:tempo"})  # fmt: skip
        assert again.json() == {"athlete": DEMO_NAME, "methodology": "coach:tempo",
                                "version": 2, "plan_stored": True}  # fmt: skip


def test_a_methodology_in_use_is_not_deleted_and_says_who_uses_it(team: str) -> None:
    with client(team) as cat:
        login(cat, "cat")
        _upload(cat, "tempo", GOOD)
        mid = _ids(cat)["tempo"]
        _post(cat, f"/a/{quote(DEMO_NAME)}/methodology", methodology="coach:tempo")
        before = row_counts(team)
        refused = _post(cat, f"{PAGE}/{mid}/delete")
        assert refused.status_code == 409
        assert f"&#39;tempo&#39; is in use by {DEMO_NAME}" in refused.text
        api = _api(cat, "DELETE", f"{COACH_API}/{mid}")
        assert api.status_code == 409 and DEMO_NAME in api.json()["detail"]
        assert row_counts(team) == before
        _post(cat, f"/a/{quote(DEMO_NAME)}/methodology", methodology="default")
        assert cat.get(f"{API_URL}/plan").json()["methodology"]["name"] == "Stridelift default"
        gone = _post(cat, f"{PAGE}/{mid}/delete")
        assert (gone.status_code, gone.headers["location"]) == (303, f"{PAGE}?done=deleted:tempo")
        assert _ids(cat) == {}


def test_when_the_grant_ends_the_athlete_keeps_planning_with_the_frozen_copy(team: str) -> None:
    with client(team) as cat, client(team) as demo:
        login(cat, "cat")
        login(demo, "demo")
        _upload(cat, "tempo", GOOD)
        mid = _ids(cat)["tempo"]
        _post(cat, f"/a/{quote(DEMO_NAME)}/methodology", methodology="coach:tempo")
        with opened(team) as store:
            coaching.revoke_as_admin(store, "cat", DEMO_NAME, NOW)
        # The coach no longer coaches A: the file may go; A keeps the copy and plans on.
        assert _api(cat, "DELETE", f"{COACH_API}/{mid}").status_code == 200
        assert demo.get(f"{API_URL}/plan").json()["methodology"] == {
            "name": "coach:tempo", "version": 1}  # fmt: skip
        assert "coach:tempo" in demo.get(f"/a/{quote(DEMO_NAME)}/profile").text
        replanned = demo.post(f"{API_URL}/replan/preview", headers={"x-csrftoken": _token(demo)})
        assert replanned.status_code == 200, replanned.text
        # The athlete may go back to a shipped methodology, but not pick another coach's.
        refused = _api(demo, "PUT", f"{API_URL}/methodology", {"methodology": "coach:other"})
        assert refused.status_code == 422
        assert refused.json()["field"] == "methodology"
        shipped = _api(demo, "PUT", f"{API_URL}/methodology", {"methodology": "s1-ten-week"})
        assert shipped.json()["methodology"] == "s1-ten-week"
        plan = demo.get(f"{API_URL}/plan").json()
        assert plan["methodology"]["name"] == "S1 ten-week strength for runners"


def test_another_coach_never_reads_applies_or_deletes_them_by_name_or_id(team: str) -> None:
    with client(team) as cat, client(team) as dan:
        login(cat, "cat")
        login(dan, "dan")
        _upload(cat, "tempo", GOOD)
        mid = _ids(cat)["tempo"]
        assert _ids(dan) == {}
        assert "tempo" not in dan.get(PAGE).text
        before = row_counts(team)
        for method, url, body in (
            ("GET", f"{COACH_API}/{mid}", None),
            ("PUT", f"{COACH_API}/{mid}", {"text": GOOD.decode()}),
            ("DELETE", f"{COACH_API}/{mid}", None),
            ("PUT", "/api/v1/a/Bo/methodology", {"id": mid}),
        ):
            answer = _api(dan, method, url, body)
            assert answer.status_code == 404, (method, url, answer.text)
            assert answer.json() == {"detail": "methodology: no such methodology"}
        assert dan.get(f"{PAGE}/{mid}/file").status_code == 404
        assert _post(dan, f"{PAGE}/{mid}/delete").status_code == 404
        by_name = _api(dan, "PUT", "/api/v1/a/Bo/methodology", {"methodology": "coach:tempo"})
        assert by_name.status_code == 422
        detail = "you have no methodology named 'coach:tempo'"
        assert by_name.json() == {"field": "methodology", "detail": detail}
        # Dan has no grant to A: applying there is the guard's 404, whatever the body.
        guarded = _api(dan, "PUT", f"{API_URL}/methodology", {"id": mid})
        assert guarded.status_code == 404 and f"no athlete named {DEMO_NAME!r}" in guarded.text
        assert row_counts(team) == before
        assert cat.get(f"{COACH_API}/{mid}").json()["text"] == GOOD.decode()


def test_a_view_coach_cannot_apply(team: str) -> None:
    with opened(team) as store:
        coaching.grant_as_admin(store, "cat", DEMO_NAME, "view", NOW)
    with client(team) as cat:
        login(cat, "cat")
        _upload(cat, "tempo", GOOD)
        before = row_counts(team)
        page = _post(cat, f"/a/{quote(DEMO_NAME)}/methodology", methodology="coach:tempo")
        api = _api(cat, "PUT", f"{API_URL}/methodology", {"methodology": "coach:tempo"})
        assert (page.status_code, api.status_code) == (404, 404)
        assert row_counts(team) == before
        assert "Apply to an athlete" in cat.get(PAGE).text
        assert f'action="/a/{quote(DEMO_NAME)}/methodology"' not in cat.get(PAGE).text


def test_a_non_coach_has_no_methodologies(team: str) -> None:
    with client(team) as demo:
        login(demo, "demo")
        assert "Only a coach keeps methodologies of their own." in demo.get(PAGE).text
        answer = _upload(demo, "tempo", GOOD)
        assert answer.status_code == 422
        assert "Only a coach keeps methodologies of their own." in answer.text
        assert _api(demo, "POST", COACH_API, {"name": "x1", "text": "x"}).status_code == 422


def test_single_user_mode_has_no_methodologies_page_but_applies_a_shipped_one(db: str) -> None:
    with client(db) as local:
        shipped = _api(local, "PUT", f"{API_URL}/methodology", {"methodology": "s1-ten-week"})
        assert shipped.json() == {"athlete": DEMO_NAME, "methodology": "s1-ten-week",
                                  "version": 1, "plan_stored": True}  # fmt: skip
        assert local.get(f"{API_URL}/profile").json()["methodology"] == "s1-ten-week"
        coach = _api(local, "PUT", f"{API_URL}/methodology", {"methodology": "coach:tempo"})
        assert coach.status_code == 422
        assert _api(local, "PUT", f"{API_URL}/methodology", {"id": 1}).status_code == 404
        both = _api(local, "PUT", f"{API_URL}/methodology", {"methodology": "x", "id": 1})
        assert both.json() == {"field": "methodology",
                               "detail": "give either methodology (a name) or id"}  # fmt: skip
        assert local.get(PAGE).status_code == 404
        assert local.get(COACH_API).json() == {"detail": "accounts are not turned on"}


def test_the_api_lists_uploads_and_refuses_with_every_key(team: str) -> None:
    with client(team) as cat:
        login(cat, "cat")
        refused = _api(cat, "POST", COACH_API, {"name": "tempo", "text": BAD.decode()})
        assert refused.status_code == 422
        keys = ["strength.phase.strength.sets", "strength.minutes.min", "load.planned_rpe.easy"]
        assert [e["field"] for e in refused.json()["errors"]] == keys
        made = _api(cat, "POST", COACH_API, {"name": "tempo", "text": GOOD.decode()})
        assert made.status_code == 201 and made.json()["version"] == 1
        twice = _api(cat, "POST", COACH_API, {"name": "tempo", "text": GOOD.decode()})
        assert twice.status_code == 422 and twice.json()["field"] == "name"
        listed = cat.get(COACH_API).json()["methodologies"]
        assert [(m["name"], m["title"], m["text"]) for m in listed] == [
            ("tempo", "Tempo block", "")
        ]


def test_the_profile_keeps_the_coachs_methodology_until_it_picks_another(team: str) -> None:
    clock = Clock()
    with client(team, clock) as cat, client(team, clock) as demo:
        login(cat, "cat")
        login(demo, "demo")
        _upload(cat, "tempo", GOOD)
        _post(cat, f"/a/{quote(DEMO_NAME)}/methodology", methodology="coach:tempo")
        clock.now = NOW + timedelta(minutes=5)
        profile = demo.get(f"{API_URL}/profile").json()
        kept = _api(demo, "PUT", f"{API_URL}/profile", {**profile, "weekly_run_minutes": 200})
        assert kept.status_code == 200 and kept.json()["methodology"] == "coach:tempo"
        other = _api(demo, "PUT", f"{API_URL}/profile", {**profile, "methodology": "coach:x"})
        assert other.status_code == 422 and other.json()["field"] == "methodology"
        assert "is not a coach's methodology applied to this athlete" in other.json()["detail"]
        left = _api(demo, "PUT", f"{API_URL}/profile", {**profile, "methodology": None})
        assert left.status_code == 200
        # The copy went with it: the coach may delete the file, nobody uses it.
        assert cat.get(COACH_API).json()["methodologies"][0]["used_by"] == []
        assert demo.get(f"{API_URL}/plan").json()["methodology"]["name"] == "Stridelift default"


def test_the_coach_applies_one_from_the_athletes_profile_page(team: str) -> None:
    with client(team) as cat, client(team) as demo:
        login(cat, "cat")
        login(demo, "demo")
        _upload(cat, "tempo", GOOD)
        page = cat.get(f"/a/{quote(DEMO_NAME)}/profile").text
        assert '<option value="coach:tempo">coach:tempo (v1)</option>' in page
        assert "Your methodologies" not in demo.get(f"/a/{quote(DEMO_NAME)}/profile").text
        applied = _post(cat, f"/a/{quote(DEMO_NAME)}/methodology", methodology="coach:tempo")
        assert applied.headers["location"].startswith(f"/a/{quote(DEMO_NAME)}/plan")
        page = cat.get(f"/a/{quote(DEMO_NAME)}/profile").text
        assert '<option value="coach:tempo" selected>coach:tempo (v1)</option>' in page
