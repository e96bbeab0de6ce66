"""The Profile page and its API through Litestar's test client: the stored values shown,
edits stored whole, every refused value under its field with nothing written."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import quote

import lxml.html
import pytest
from litestar.testing import TestClient

from stridelift.domain.athlete import EQUIPMENT
from stridelift.services.athletes import add_athlete, find_athlete
from stridelift.services.demo_data import DEMO_NAME
from stridelift.services.profiles import parse_profile_text
from stridelift.services.starter import starter_profile
from stridelift.services.workspace import opened
from stridelift.web.app import create_app
from tests.web_app import API_URL, NOW, FromClient, client, csrf, row_counts

PROFILE_URL = f"/a/{quote(DEMO_NAME)}/profile"
RACE = "Lakeside Marathon"  # the demo athlete's race, on 2027-02-10


def _stored_text(db: str, name: str = DEMO_NAME) -> str:
    with opened(db) as store:
        return find_athlete(store, name).profile_text


def _errors(html: str) -> dict[str, str]:
    """Field errors by the id of the input they belong to."""
    found = re.findall(r'<p class="error" id="([^"]+)-err">([^<]*)<', html)
    return {name: unescape(text) for name, text in found}


def _form(html: str, form_id: str) -> dict[str, str]:
    """What the browser would post for the form as the page shows it."""
    form = lxml.html.fromstring(html).get_element_by_id(form_id)
    return dict(form.form_values())


def _post(c: TestClient[Any], url: str, form: dict[str, str]) -> Any:
    return c.post(url, data=form, follow_redirects=False)


def test_the_page_shows_every_stored_value(db: str) -> None:
    with client(db) as c:
        html = c.get(PROFILE_URL).text
    form = _form(html, "profile")
    assert form["name"] == DEMO_NAME and form["level"] == "intermediate"
    assert form["body_mass_kg"] == "70" and form["weekly_run_minutes"] == "240"
    assert form["long_run_day"] == "sun" and form["strategy"] == "auto"
    assert {k for k in form if k.startswith("equipment.")} == {
        "equipment.dumbbells", "equipment.bands", "equipment.mat",
    }  # fmt: skip
    assert form["availability.mon.minutes"] == "90" and form["availability.sun.minutes"] == "180"
    assert form["availability.mon.run"] == form["availability.mon.strength"] == "on"
    assert form["slot_times.am"] == "07:00" and form["methodology"] == "default"
    assert "new_to_strength" not in form  # an intermediate runner: false by default
    race = _form(html, "race-1-form")
    assert f'formaction="{PROFILE_URL}/races/1/remove"' in html
    assert race["name"] == RACE and race["date"] == "2027-02-10" and race["priority"] == "A"
    assert 'aria-current="page">Profile</a>' in html


def test_a_valid_edit_is_stored_whole_and_shown_after_the_redirect(db: str) -> None:
    with client(db) as c:
        form = _form(c.get(PROFILE_URL).text, "profile")
        form.update({"body_mass_kg": "64.5", "weekly_run_minutes": "260", "equipment.kettlebell":
                     "on", "availability.mon.minutes": "0", "recent_result.distance": "10k",
                     "recent_result.time": "00:45:30", "recent_result.date": "2026-10-18",
                     "_csrf_token": csrf(c)})  # fmt: skip
        del form["availability.mon.run"]
        r = _post(c, PROFILE_URL, form)
        assert r.status_code == 303
        assert r.headers["location"] == f"{PROFILE_URL}?saved=profile#saved"
        page = c.get(r.headers["location"]).text
    assert "Profile saved. The plan is made again from the new profile" in page
    shown = _form(page, "profile")
    assert shown["body_mass_kg"] == "64.5" and shown["weekly_run_minutes"] == "260"
    assert "availability.mon.run" not in shown and shown["availability.mon.minutes"] == "0"
    assert shown["recent_result.time"] == "00:45:30"
    athlete = parse_profile_text(_stored_text(db), "stored")
    assert athlete.body_mass_kg == 64.5 and athlete.weekly_run_minutes == 260
    assert "kettlebell" in athlete.equipment and not athlete.availability[0].run
    assert athlete.recent_result is not None and athlete.recent_result.time_s == 2730
    assert [r.name for r in athlete.races] == [RACE]  # the races stay as they were


@contextmanager
def _later_client(url: str) -> Iterator[TestClient[Any]]:
    """The app a minute after NOW, when the demo's stored plan was made: an edit then is
    newer than the plan, as any edit made by a person is."""
    app = create_app(url, clock=lambda: NOW + timedelta(minutes=1))
    with TestClient(FromClient(app), base_url="http://127.0.0.1:8000") as test_client:  # type: ignore[arg-type]
        yield test_client


def test_the_plan_is_made_again_from_the_new_profile(db: str) -> None:
    with _later_client(db) as c:
        form = _form(c.get(PROFILE_URL).text, "profile")
        form.update({"long_run_day": "sat", "weekly_run_minutes": "270", "_csrf_token": csrf(c)})
        assert _post(c, PROFILE_URL, form).status_code == 303
        plan = c.get(f"{API_URL}/plan").json()
        today = c.get(f"/a/{quote(DEMO_NAME)}/today")
    assert plan["athlete"]["long_run_day"] == "sat"
    assert plan["athlete"]["weekly_run_minutes"] == 270
    assert today.status_code == 200


PROFILE_ERRORS = [
    ("availability.mon.minutes", "-10", "-10 is out of range: expected 0 to 600"),
    ("body_mass_kg", "heavy", "'heavy' is not a number between 30 and 250"),
    ("weekly_run_minutes", "10", "10 is out of range: expected 30 to 1500"),
    ("session_minutes", "45.5", "45.5 is not a whole number between 20 and 90"),
    ("slot_times.am", "25:00", "'25:00' is not a clock time (HH:MM)"),
    ("name", "", "missing is not a non-empty text"),
    ("level", "elite",
     "'elite' is not one of beginner, recreational, intermediate, advanced, ultra"),
    ("methodology", "mine", "'mine' is not a shipped methodology: use default, s1-ten-week"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "value", "message"), PROFILE_ERRORS)
def test_a_refused_profile_value_shows_under_its_field_and_nothing_is_stored(
    db: str, name: str, value: str, message: str
) -> None:
    before, text = row_counts(db), _stored_text(db)
    with client(db) as c:
        form = {**_form(c.get(PROFILE_URL).text, "profile"), name: value, "_csrf_token": csrf(c)}
        r = _post(c, PROFILE_URL, form)
    assert r.status_code == 422
    assert _errors(r.text) == {"p-" + name.replace(".", "-"): message}
    if name not in ("level", "methodology"):  # a list of choices cannot show a value off it
        assert f'value="{value}"' in r.text  # the form keeps what was typed
    assert row_counts(db) == before and _stored_text(db) == text


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [({"equipment.laser": "on"}, "equipment", "'laser' is not one of gym, none, dumbbells"),
     ({"recent_result.distance": "10k", "recent_result.time": "45:30",
       "recent_result.date": "2026-10-18"}, "recent_result-time",
      "'45:30' is not a time (expected HH:MM:SS)"),
     ({"availability.sun.run": ""}, "availability-sun-run",
      "False must be true: it is the long_run_day")],
)  # fmt: skip
def test_equipment_results_and_days_are_refused_by_their_field(
    db: str, change: dict[str, str], field: str, message: str
) -> None:
    text = _stored_text(db)
    with client(db) as c:
        form = {**_form(c.get(PROFILE_URL).text, "profile"), **change, "_csrf_token": csrf(c)}
        form = {k: v for k, v in form.items() if v != ""}
        r = _post(c, PROFILE_URL, form)
    assert r.status_code == 422
    assert _errors(r.text)["p-" + field].startswith(message)
    assert _stored_text(db) == text


def test_every_refused_value_of_a_form_shows_at_once(db: str) -> None:
    text = _stored_text(db)
    with client(db) as c:
        bad = {"session_minutes": "95", "availability.mon.minutes": "-10", "slot_times.pm": "7pm",
               "body_mass_kg": "heavy", "equipment.laser": "on"}  # fmt: skip
        form = {**_form(c.get(PROFILE_URL).text, "profile"), **bad, "_csrf_token": csrf(c)}
        r = _post(c, PROFILE_URL, form)
        edit = _race_form(c, "race-1-form", date="2027-02-30", goal_time="fast")
        race = _post(c, f"{PROFILE_URL}/races/1", edit)
    assert r.status_code == 422
    assert _errors(r.text) == {
        "p-body_mass_kg": "'heavy' is not a number between 30 and 250",
        "p-session_minutes": "95 is out of range: expected 20 to 90",
        "p-equipment": "'laser' is not one of gym, none, " + ", ".join(EQUIPMENT),
        "p-availability-mon-minutes": "-10 is out of range: expected 0 to 600",
        "p-slot_times-pm": "'7pm' is not a clock time (HH:MM)",
    }
    assert race.status_code == 422
    assert _errors(race.text) == {
        "race-1-date": "'2027-02-30' is not a date (expected YYYY-MM-DD)",
        "race-1-goal_time": "'fast' is not a time (expected H:MM:SS or MM:SS)",
    }
    assert _stored_text(db) == text


def _race_form(
    c: TestClient[Any], form_id: str, change: dict[str, str] | None = None, **values: str
) -> dict[str, str]:
    """The form as the page shows it, with ``values`` then ``change`` typed in."""
    shown = _form(c.get(PROFILE_URL).text, form_id)
    return {**shown, **values, **(change or {}), "_csrf_token": csrf(c)}


def test_a_race_is_added_edited_and_removed(db: str) -> None:
    with client(db) as c:
        new = _race_form(c, "race-new-form", name="Harbour Half", date="2026-12-20",
                         distance="half", priority="B", goal_time="1:45:00")  # fmt: skip
        added = _post(c, f"{PROFILE_URL}/races", new)
        assert added.status_code == 303
        assert "Race added." in c.get(added.headers["location"]).text
        edit = _race_form(c, "race-2-form", goal_time="1:42:30", terrain="trail")
        assert _post(c, f"{PROFILE_URL}/races/2", edit).status_code == 303
        races = parse_profile_text(_stored_text(db), "stored").races
        assert [(r.name, r.priority, r.goal_time_s, r.terrain) for r in races] == [
            ("Harbour Half", "B", 6150, "trail"), (RACE, "A", None, "road"),
        ]  # fmt: skip
        gone = _post(c, f"{PROFILE_URL}/races/1/remove", _race_form(c, "race-1-form"))
        page = c.get(gone.headers["location"]).text
    assert "Race removed." in page
    assert [r.name for r in parse_profile_text(_stored_text(db), "stored").races] == [
        "Harbour Half"
    ]


RACE_ERRORS = [
    ({"date": "2027-02-30"}, "date", "'2027-02-30' is not a date (expected YYYY-MM-DD)"),
    ({"goal_time": "fast"}, "goal_time", "'fast' is not a time (expected H:MM:SS or MM:SS)"),
    ({"goal_time": "0:50:00"}, "goal_time", "'0:50:00' is faster than 2:30 per km"),
    ({"date": "2027-02-10"}, "date",
     "'2027-02-10' is already the date of races[1] ('Lakeside Marathon'): one race a day"),
    ({"date": "2029-06-03"}, "date", "'2029-06-03' is more than 104 weeks after today"),
    ({"distance": "ultra"}, "distance_km", "missing is required for an ultra (e.g. 50)"),
    ({"elevation_gain_m": "-5"}, "elevation_gain_m", "-5 is out of range: expected 0 to 30000"),
    ({"name": ""}, "name", "missing is not a non-empty text"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "field", "message"), RACE_ERRORS)
def test_a_refused_race_value_shows_under_its_field_and_nothing_is_stored(
    db: str, change: dict[str, str], field: str, message: str
) -> None:
    before, text = row_counts(db), _stored_text(db)
    with client(db) as c:
        form = _race_form(c, "race-new-form", change, name="Harbour Half", date="2027-03-14",
                          distance="half")  # fmt: skip
        r = _post(c, f"{PROFILE_URL}/races", form)
    assert r.status_code == 422
    assert _errors(r.text)[f"race-new-{field}"].startswith(message)
    assert '<details class="race new" id="race-new" open>' in r.text
    assert row_counts(db) == before and _stored_text(db) == text


def test_an_edit_that_clashes_with_another_race_says_so_on_its_form(db: str) -> None:
    with client(db) as c:
        new = _race_form(
            c, "race-new-form", name="Harbour Half", date="2027-03-14", distance="half"
        )
        assert _post(c, f"{PROFILE_URL}/races", new).status_code == 303
        text = _stored_text(db)
        clash = _race_form(c, "race-1-form", date="2027-03-14")  # the marathon onto the half's day
        r = _post(c, f"{PROFILE_URL}/races/1", clash)
    assert r.status_code == 422
    assert "races[2].date: &#39;2027-03-14&#39; is already the date of races[1]" in r.text
    assert _stored_text(db) == text


def test_a_race_that_is_not_there_is_404(db: str) -> None:
    with client(db) as c:
        r = _post(c, f"{PROFILE_URL}/races/7", _race_form(c, "race-1-form"))
    assert r.status_code == 404


def test_a_rename_moves_the_pages_and_a_taken_name_is_refused(db: str, tmp_path: Path) -> None:
    profile = tmp_path / "ann.toml"
    profile.write_text(starter_profile("Ann", "recreational", None, "half", 180), encoding="utf-8")
    with opened(db) as store:
        add_athlete(store, profile, NOW)
    with client(db) as c:
        taken = _post(c, PROFILE_URL, {**_race_form(c, "profile"), "name": "Ann"})
        assert taken.status_code == 422
        assert _errors(taken.text) == {
            "p-name": "'Ann' is the name of another athlete: choose another"
        }
        moved = _post(c, PROFILE_URL, {**_race_form(c, "profile"), "name": "Maya"})
        assert moved.headers["location"] == "/a/Maya/profile?saved=profile#saved"
        assert c.get("/a/Maya/profile").status_code == 200
        assert c.get(PROFILE_URL).status_code == 404


def test_a_form_opened_before_another_change_is_refused(db: str) -> None:
    with client(db) as c:
        stale = _race_form(c, "profile", body_mass_kg="66")
        fresh = _race_form(c, "profile", body_mass_kg="68")
        assert _post(c, PROFILE_URL, fresh).status_code == 303
        r = _post(c, PROFILE_URL, stale)
    assert r.status_code == 409
    assert "the profile changed after this page was opened" in r.text
    assert parse_profile_text(_stored_text(db), "stored").body_mass_kg == 68


def test_the_profile_posts_need_the_csrf_token(db: str) -> None:
    text = _stored_text(db)
    with client(db) as c:
        form = _form(c.get(PROFILE_URL).text, "profile")
        form.pop("_csrf_token", None)
        refused = [
            _post(c, PROFILE_URL, {**form, "body_mass_kg": "60"}),
            _post(c, f"{PROFILE_URL}/races", {"name": "X", "date": "2027-03-14"}),
            _post(c, f"{PROFILE_URL}/races/1/remove", {}),
            c.put(f"{API_URL}/profile", json={"name": "X", "level": "beginner",
                                               "body_mass_kg": 60}),
            c.delete(f"{API_URL}/races/1"),
        ]  # fmt: skip
    assert [r.status_code for r in refused] == [403] * 5
    assert _stored_text(db) == text


def test_the_api_round_trips_the_profile(db: str) -> None:
    before = parse_profile_text(_stored_text(db), "stored")
    with client(db) as c:
        doc = c.get(f"{API_URL}/profile").json()
        put = c.put(f"{API_URL}/profile", json=doc, headers={"x-csrftoken": csrf(c)})
    assert doc["name"] == DEMO_NAME and doc["body_mass_kg"] == 70
    assert doc["races"][0] == {
        "name": RACE, "date": "2027-02-10", "distance": "marathon", "distance_km": None,
        "priority": "A", "goal_time": None, "elevation_gain_m": None, "terrain": None,
    }  # fmt: skip
    assert put.status_code == 200 and put.json() == doc
    assert parse_profile_text(_stored_text(db), "stored") == before


@pytest.mark.parametrize(
    ("change", "field", "detail"),
    [({"body_mass_kg": 20.5}, "body_mass_kg", "20.5 is out of range: expected 30 to 250"),
     ({"body_mass_kg": "heavy"}, "body_mass_kg", "Expected `float`, got `str`"),
     ({"colour": "red"}, "colour", "Object contains unknown field `colour`"),
     ({"equipment": ["dumbells"]}, "equipment[1]",
      "'dumbells' is not one of gym, none, dumbbells"),
     ({"availability": {"mon": {"minutes": -10}}}, "availability.mon.minutes",
      "-10 is out of range: expected 0 to 600"),
     ({"races": [{"name": "X", "date": "2027-02-30", "distance": "10k"}]}, "races[1].date",
      "'2027-02-30' is not a date"),
     ({"races": [{"name": "X", "date": "2027-03-14", "distance": "10k", "pace": 5}]},
      "races[1].pace", "Object contains unknown field `pace`")],
)  # fmt: skip
def test_the_api_refuses_a_bad_value_by_its_key_and_stores_nothing(
    db: str, change: dict[str, Any], field: str, detail: str
) -> None:
    text = _stored_text(db)
    with client(db) as c:
        doc = c.get(f"{API_URL}/profile").json()
        r = c.put(f"{API_URL}/profile", json={**doc, **change}, headers={"x-csrftoken": csrf(c)})
    assert r.status_code == 422
    assert r.json()["field"] == field and r.json()["detail"].startswith(detail)
    assert _stored_text(db) == text


def test_the_api_lists_every_refused_value(db: str) -> None:
    with client(db) as c:
        doc = c.get(f"{API_URL}/profile").json()
        bad = {**doc, "session_minutes": 95, "level": "elite"}
        r = c.put(f"{API_URL}/profile", json=bad, headers={"x-csrftoken": csrf(c)})
    assert r.status_code == 422
    assert r.json()["field"] == "level"  # the parser's first
    assert [e["field"] for e in r.json()["errors"]] == ["level", "session_minutes"]


def test_the_api_adds_replaces_and_removes_races(db: str) -> None:
    half = {"name": "Harbour Half", "date": "2027-03-14", "distance": "half", "priority": "B"}
    with client(db) as c:
        token = {"x-csrftoken": csrf(c)}
        added = c.post(f"{API_URL}/races", json=half, headers=token)
        moved = c.put(f"{API_URL}/races/2", json={**half, "goal_time": "1:50:00"}, headers=token)
        missing = c.delete(f"{API_URL}/races/5", headers=token)
        removed = c.delete(f"{API_URL}/races/1", headers=token)
    assert added.status_code == 201 and [r["name"] for r in added.json()["races"]] == [
        RACE,
        "Harbour Half",
    ]
    assert moved.json()["races"][1]["goal_time"] == "1:50:00"
    assert missing.status_code == 404
    assert removed.status_code == 200 and [r["name"] for r in removed.json()["races"]] == [
        "Harbour Half"
    ]


def test_the_schema_documents_the_profile_api(db: str) -> None:
    with client(db) as c:
        schema = c.get("/schema/openapi.json").json()
    paths = schema["paths"]
    assert {"get", "put"} <= set(paths["/api/v1/a/{athlete}/profile"])
    assert "post" in paths["/api/v1/a/{athlete}/races"]
    assert {"put", "delete"} <= set(paths["/api/v1/a/{athlete}/races/{index}"])
    assert "ProfileBody" in schema["components"]["schemas"]


def test_no_get_of_the_profile_changes_anything(db: str) -> None:
    before = row_counts(db)
    with client(db) as c:
        for url in (PROFILE_URL, f"{PROFILE_URL}?saved=profile", f"{API_URL}/profile"):
            assert c.get(url).status_code == 200
    assert row_counts(db) == before


def test_the_profile_refuses_an_unknown_athlete_and_another_machine(db: str) -> None:
    with client(db) as c:
        assert c.get("/a/Nobody/profile").status_code == 404
        assert c.get("/api/v1/a/Nobody/profile").status_code == 404
    with client(db, host="192.168.1.5") as c:
        assert c.get(PROFILE_URL).status_code == 403
        assert c.get(f"{API_URL}/profile").status_code == 403
