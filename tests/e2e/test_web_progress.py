"""The Progress page and the stats API through Litestar's test client: the demo athlete's
numbers, the same document as ``stridelift stats --json``, and a new athlete's empty page."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stridelift.cli.app import app_for
from stridelift.domain.efforts import riegel_time_s
from stridelift.services.athletes import add_athlete
from stridelift.services.starter import starter_profile
from stridelift.services.workspace import opened
from tests.web_app import (
    API_URL,
    NOW,
    PROGRESS_URL,
    add_recorded_runs,
    client,
    row_counts,
    seeded_db,
)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("seeded")
    url = seeded_db(folder)
    profile = folder / "ann.toml"
    profile.write_text(starter_profile("Ann", "recreational", None, "half", 180), encoding="utf-8")
    with opened(url) as store:
        add_athlete(store, profile, NOW)
    return folder / "web.db"


def _rows(html: str, table: str) -> list[list[str]]:
    """The body rows of one table of the page, as the cells' text."""
    body = re.search(rf'<table id="{table}">.*?<tbody>(.*?)</tbody>', html, re.S)
    assert body is not None, table
    return [
        [
            unescape(re.sub(r"<[^>]+>", "", c)).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body[1], re.S)
    ]


def _embedded(html: str) -> dict[str, object]:
    found = re.search(
        r'<script type="application/json" id="progress-data">(.*?)</script>', html, re.S
    )
    assert found is not None
    data: dict[str, object] = json.loads(found[1])
    return data


def test_the_progress_page_shows_the_demo_athletes_numbers(db: str) -> None:
    with client(db) as c:
        r = c.get(PROGRESS_URL)
        # The page reads a year of weeks and shows those from the first logged one.
        api = c.get(f"{API_URL}/stats", params={"weeks": 52, "forecast": "true"}).json()
    api["weeks"] = api["weeks"][-9:]
    assert r.status_code == 200
    html = r.text
    assert (
        'Progress <span class="date">Monday 5 October 2026 to Wednesday 2 December 2026</span>'
        in html
    )
    # Nine logged weeks, the same figures as the stats API over those weeks.
    fitness = _rows(html, "table-fitness")
    logged = [row for row in fitness if row[-1] == "log"]
    assert [row[0] for row in logged] == [w["end"] for w in api["weeks"]]
    assert logged[-1] == ["2026-12-02", f"{api['weeks'][-1]['fitness']:.1f}",
                          f"{api['weeks'][-1]['fatigue']:.1f}", f"{api['weeks'][-1]['form']:.1f}",
                          "log"]  # fmt: skip
    forecast = [row for row in fitness if row[-1] == "forecast"]
    assert len(forecast) == len(api["forecast"]["weeks"]) == 11
    assert forecast[-1][0] == "2027-02-10"  # race day
    assert "to race day, Lakeside Marathon, Wednesday 10 February 2027." in html
    assert ["trap bar deadlift", "90.4 kg", "87.2 kg", "5 x 77.5 kg", "2026-11-26"] in _rows(
        html, "table-e1rm"
    )
    assert ["straight knee calf raise Weak", "37.8 kg", "38.9 kg", "12 x 27 kg", "2026-11-26"] in (
        _rows(html, "table-e1rm")
    )
    assert "It does not predict injury" in html
    acwr = _rows(html, "table-acwr")
    assert acwr[-1] == ["2026-12-02", f"{api['weeks'][-1]['acwr_rolling']:.2f}",
                        f"{api['weeks'][-1]['acwr_ewma']:.2f}"]  # fmt: skip


def test_weekly_distance_and_sets_are_planned_against_done(db: str) -> None:
    with client(db) as c:
        html = c.get(PROGRESS_URL).text
        first = c.get(f"{API_URL}/stats", params={"weeks": 9}).json()["weeks"][0]
    distance = _rows(html, "table-volume")
    sets = _rows(html, "table-sets")
    assert first["start"] == "2026-10-05"
    assert distance[0] == ["2026-10-05", f"{first['run_km']:.1f}", "-"]  # before the plan
    assert sets[0] == ["2026-10-05", "24", "-"]
    current = [row for row in distance if row[0] == "2026-11-30"]
    assert current and current[0][1] != "-" and current[0][2] != "-"
    assert distance[-1][0] == "2027-02-08" and distance[-1][1] == "-"  # the race week, ahead
    data = _embedded(html)
    assert [row[0] for row in distance] == [w["start"] for w in data["volume"]]  # type: ignore[attr-defined]


def test_the_stats_api_is_the_stats_command_document(db: str) -> None:
    with client(db) as c:
        api = c.get(f"{API_URL}/stats", params={"weeks": 6, "forecast": "true"})
        schema = c.get("/schema/openapi.json").json()
    cli = CliRunner().invoke(
        app_for(["stats"]),
        [
            "stats",
            "--json",
            "--weeks",
            "6",
            "--forecast",
            "--today",
            "2026-12-02",
            "--db",
            db,
            "--athlete",
            "Demo Runner",
        ],
    )
    assert cli.exit_code == 0, cli.output
    assert api.status_code == 200
    assert api.json() == json.loads(cli.output)
    assert "/api/v1/a/{athlete}/stats" in schema["paths"]


def test_the_stats_api_names_a_bad_number_of_weeks(db: str) -> None:
    with client(db) as c:
        r = c.get(f"{API_URL}/stats", params={"weeks": 0})
    assert r.status_code == 422
    assert r.json() == {"field": "weeks", "detail": "0 is out of range (expected 1-520)"}


@pytest.mark.parametrize("weeks", ["2.5", "abc", ""])
def test_the_stats_api_answers_422_to_weeks_that_are_not_a_whole_number(
    db: str, weeks: str
) -> None:
    with client(db) as c:
        r = c.get(f"{API_URL}/stats", params={"weeks": weeks})
    assert r.status_code == 422
    assert r.json() == {
        "field": "weeks",
        "detail": f"{weeks!r} is not a whole number (expected 1-520)",
    }


def test_a_new_athlete_gets_an_empty_state_not_an_error(db: str) -> None:
    with client(db) as c:
        page = c.get("/a/Ann/progress")
        api = c.get("/api/v1/a/Ann/stats")
    assert page.status_code == 200
    assert (
        "Nothing logged yet for Ann, so there is no load, volume or strength to chart." in page.text
    )
    assert 'id="chart-volume"' not in page.text
    assert api.status_code == 200
    assert api.json()["sessions"]["all_history"]["total"] == 0


def test_the_progress_routes_go_through_the_guard_and_change_nothing(db: str) -> None:
    before = row_counts(db)
    with client(db) as c:
        assert c.get(PROGRESS_URL).status_code == 200
        assert c.get(f"{API_URL}/stats?forecast=true").status_code == 200
        assert c.get("/a/Nobody/progress").text == (
            "404: no athlete named 'Nobody' (known: Ann, Demo Runner)\n"
        )
        assert c.get("/api/v1/a/Nobody/stats").status_code == 404
    assert row_counts(db) == before
    with client(db, host="192.0.2.7") as c:
        assert c.get(PROGRESS_URL).status_code == 403
        assert c.get(f"{API_URL}/stats").status_code == 403


# The running charts: long runs, best efforts, predicted race times -----------------


@pytest.fixture
def recorded(db: str) -> str:
    """The seeded database with watch-recorded runs and a goal time for the demo race."""
    add_recorded_runs(db)
    return db


def test_best_efforts_say_whether_they_come_from_records_or_whole_runs(recorded: str) -> None:
    with client(recorded) as c:
        html = c.get(PROGRESS_URL).text
        api = c.get(f"{API_URL}/stats").json()["best_efforts"]
    efforts = _rows(html, "table-efforts")
    assert [row[0] for row in efforts] == ["1 km", "1 mile", "5K", "10K", "Half marathon",
                                           "Marathon"]  # fmt: skip
    # The 12 km run's records hold a 4:15 kilometre, faster than any run's average pace.
    assert efforts[0] == ["1 km", "4:15", "4:15", "2026-11-26", "records", "12.0", "4:15",
                          "2026-11-26"]  # fmt: skip
    # A 5K run at 23:00 beats the 23:30 found inside the 12 km run: a whole run.
    assert efforts[2] == ["5K", "23:00", "4:36", "2026-11-12", "whole run", "5.0", "23:00",
                          "2026-11-12"]  # fmt: skip
    assert efforts[3] == ["10K", "49:50", "4:59", "2026-11-26", "records", "12.0", "49:50",
                          "2026-11-26"]  # fmt: skip
    assert efforts[5] == ["Marathon", "-", "-", "-", "-", "-", "-", "-"]  # no run that long
    assert "its average pace over its full length, scaled to the distance" in html
    assert api["method"] == "records_else_whole_run"
    assert api["distances"][2] == {
        "distance": "5K", "distance_m": 5000.0, "time_s": 1380.0, "date": "2026-11-12",
        "run_km": 5.0, "recent_time_s": 1380.0, "recent_date": "2026-11-12",
        "recorded": False, "recent_recorded": False,
    }  # fmt: skip


def test_the_predicted_marathon_time_follows_the_best_recent_effort_by_riegel(
    recorded: str,
) -> None:
    with client(recorded) as c:
        html = c.get(PROGRESS_URL).text
        api = c.get(f"{API_URL}/stats", params={"weeks": 20}).json()["race_predictions"]
    assert "Predicted now: <strong>3:40:36</strong> (from the 5K on 2026-11-12)." in html
    assert "Goal: <strong>3:45:00</strong>." in html
    rows = _rows(html, "table-predict-0")
    assert rows[-1] == ["2026-12-02", "3:40:36", "3:45:00", "5K on 2026-11-12"]
    assert rows[0] == ["2026-08-30", "3:50:01", "3:45:00", "10K on 2026-08-24"]
    [race] = api
    assert (race["race"], race["distance_km"], race["goal_time_s"]) == (
        "Lakeside Marathon", 42.195, 13500,
    )  # fmt: skip
    expected = round(riegel_time_s(1380.0, 5000.0, 42195.0, 1.06), 1)
    assert race["weeks"][-1] == {"end": "2026-12-02", "time_s": expected,
                                 "from_effort": "5K on 2026-11-12"}  # fmt: skip
    assert race["weeks"][0]["time_s"] is None  # 20 weeks back: no effort in the 12 before


def test_the_long_run_curve_shows_the_longest_run_done_and_the_plans_long_run(
    recorded: str,
) -> None:
    with client(recorded) as c:
        html = c.get(PROGRESS_URL).text
        api = c.get(f"{API_URL}/stats", params={"weeks": 15, "forecast": "true"}).json()
        history = c.get(f"{API_URL}/history", params={"kind": "run", "since": "2026-10-19",
                                                      "until": "2026-10-25"}).json()  # fmt: skip
    rows = _rows(html, "table-longrun")
    week = next(row for row in rows if row[0] == "2026-10-19")
    assert week == ["2026-10-19", "21.1", "2026-10-23", "-"]  # the recorded half, no plan then
    longest = max(e["distance_m"] or 0 for e in history["entries"]) / 1000
    assert longest == 21.1
    assert rows[-1][0] == "2027-02-08" and rows[-1][1:] == ["-", "-", "-"]  # race week
    ahead = [row for row in rows if row[0] > "2026-12-06"]
    assert ahead and all(row[1] == "-" and row[3] != "-" for row in ahead[:-1])
    by_week = {w["start"]: w for w in api["long_runs"]}
    for row in rows[-10:]:
        planned = by_week[row[0]]["planned_km"]
        assert row[3] == ("-" if planned is None else f"{planned:.1f}")


def test_without_imported_runs_the_page_says_how_to_get_best_efforts(db: str) -> None:
    with client(db) as c:
        html = c.get(PROGRESS_URL).text
        schema = c.get("/schema/openapi.json").json()["components"]["schemas"]
    assert "No imported run with a distance yet." in html
    assert 'id="chart-efforts"' not in html
    assert "No prediction yet: no imported run of 5 km or more in the last 12 weeks." in html
    assert set(schema["StatsDocument"]["required"]) >= {"long_runs", "best_efforts",
                                                         "race_predictions"}  # fmt: skip
    assert set(schema["PredictionWeekDoc"]["properties"]) == {"end", "time_s", "from_effort"}


def test_imperial_units_show_paces_per_mile_and_distances_in_miles(recorded: str) -> None:
    with opened(recorded) as store, store.transaction() as repo:
        who = repo.athlete_by_name("Demo Runner")
        assert who is not None
        text = who.profile_toml.replace('units = "metric"', 'units = "imperial"')
        assert text != who.profile_toml
        repo.update_athlete(who.id, who.name, text, NOW)
    with client(recorded) as c:
        html = c.get(PROGRESS_URL).text
    efforts = _rows(html, "table-efforts")
    assert efforts[2][:6] == ["5K", "23:00", "7:24", "2026-11-12", "whole run", "3.1"]
    assert '<th scope="col">Pace (/mi)</th>' in html
    week = next(row for row in _rows(html, "table-longrun") if row[0] == "2026-10-19")
    assert week[1] == "13.1"  # 21.1 km
