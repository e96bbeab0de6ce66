"""The Log and Export pages, and their API, through Litestar's test client."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import quote

import pytest
from icalendar import Calendar

from stridelift.services import uploads
from stridelift.services.demo_data import DEMO_NAME
from stridelift.services.replan import replan
from stridelift.services.workspace import opened
from tests.web_app import API_URL, NOW, client, csrf, row_counts

LOG_URL = f"/a/{quote(DEMO_NAME)}/log"
EXPORT_URL = f"/a/{quote(DEMO_NAME)}/export"
HTMX = {"HX-Request": "true"}


@pytest.fixture
def fit_run(activities_dir: Path) -> bytes:
    return (activities_dir / "fit" / "garmin-fenix-5-run.fit").read_bytes()


def _errors(html: str) -> dict[str, str]:
    """Field errors by the id of the input they belong to."""
    found = re.findall(r'<p class="error" id="([^"]+)-err">([^<]*)<', html)
    return {name: unescape(text) for name, text in found}


def _results(html: str) -> list[str]:
    lines = re.findall(r'<li class="result[^"]*">(.*?)</li>', html, re.DOTALL)
    return [unescape(re.sub(r"<[^>]+>", "", line)).strip() for line in lines]


def test_the_log_page_lists_runs_lifts_with_sets_and_check_ins_newest_first(db: str) -> None:
    with client(db) as c:
        html = c.get(LOG_URL).text
    days = re.findall(r'<span class="day">(\d{4}-\d\d-\d\d)</span>', html)
    assert days == sorted(days, reverse=True) and days[0] <= NOW.date().isoformat()
    assert "Easy run" in html and "Strength session" in html and "Check-in" in html
    assert re.search(r"<li>[a-z ]+ \d+ x \d+( @ [\d.]+ kg)?", html)  # sets grouped
    assert "Sessions</dt><dd>" in html


def test_the_history_filters_by_kind_and_dates_and_totals_the_range(db: str) -> None:
    with client(db) as c:
        doc = c.get(f"{API_URL}/history?kind=run&since=2026-11-01&until=2026-11-30").json()
        html = c.get(f"{LOG_URL}?kind=run&since=2026-11-01&until=2026-11-30").text
    assert {e["kind"] for e in doc["entries"]} == {"run"}
    assert all("2026-11-01" <= e["date"] <= "2026-11-30" for e in doc["entries"])
    runs = doc["entries"]
    assert doc["totals"]["runs"] == len(runs) == doc["total_entries"]
    assert doc["totals"]["run_minutes"] == round(sum(e["duration_s"] for e in runs) / 60, 1)
    assert doc["totals"]["lift_sessions"] == 0
    assert f"{len(runs)} entries from 2026-11-01 to 2026-11-30" in html
    assert "Strength session" not in html


def test_a_long_history_is_paged(db: str) -> None:
    with client(db) as c:
        first = c.get(f"{API_URL}/history?since=2026-01-01&per_page=10").json()
        second = c.get(f"{API_URL}/history?since=2026-01-01&per_page=10&page=2").json()
        html = c.get(f"{LOG_URL}?since=2026-01-01").text
    assert len(first["entries"]) == 10 and first["pages"] > 1
    assert first["entries"][-1]["date"] >= second["entries"][0]["date"]
    assert html.count('<li class="entry') == 25  # PER_PAGE
    assert ">Older</a>" in html


def test_a_bad_filter_is_shown_by_its_field(db: str) -> None:
    with client(db) as c:
        r = c.get(f"{LOG_URL}?since=yesterday")
        api = c.get(f"{API_URL}/history?kind=swim")
    assert r.status_code == 422
    assert _errors(r.text)["since"] == "'yesterday' is not a date (expected YYYY-MM-DD)"
    assert api.status_code == 422 and api.json()["field"] == "kind"


def test_a_real_fit_file_uploads_and_a_second_upload_is_a_duplicate(
    db: str, fit_run: bytes
) -> None:
    before = row_counts(db)
    with client(db) as c:
        token = csrf(c)
        files = [("files", ("fenix.fit", fit_run))]
        r = c.post(f"{LOG_URL}/upload", files=files, data={"_csrf_token": token}, headers=HTMX)
        assert r.status_code == 200
        assert _results(r.text) == ["Stored: fenix.fit: 1 run"]
        assert 'id="history" aria-labelledby="history-h" hx-swap-oob="true"' in r.text
        after_one = row_counts(db)
        again = c.post(f"{LOG_URL}/upload", files=files, data={"_csrf_token": token}, headers=HTMX)
    assert after_one["activities"] == before["activities"] + 1
    assert _results(again.text) == [
        "Duplicate, not stored: fenix.fit: the same file was imported before as fenix.fit"
    ]
    assert row_counts(db)["activities"] == after_one["activities"]


def test_corrupt_and_empty_files_get_one_line_each_and_store_nothing(
    db: str, fit_run: bytes
) -> None:
    before = row_counts(db)
    with client(db) as c:
        files = [("files", ("cut.fit", fit_run[:200])), ("files", ("empty.gpx", b""))]
        r = c.post(f"{LOG_URL}/upload", files=files, data={"_csrf_token": csrf(c)})
    assert r.status_code == 200  # without htmx: the whole page
    assert _results(r.text) == [
        "Refused: cut.fit: truncated FIT file (200 bytes; its header declares 5597)",
        "Refused: empty.gpx: empty file",
    ]
    after = row_counts(db)
    assert after["activities"] == before["activities"]
    assert after["lift_sessions"] == before["lift_sessions"]


def test_a_file_over_the_limit_is_refused_by_name_and_not_read(
    db: str, fit_run: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(uploads, "MAX_FILE_MB", 0.001)  # about 1 kB
    before = row_counts(db)
    with client(db) as c:
        page = c.get(LOG_URL).text
        files = [("files", ("big.fit", fit_run))]
        r = c.post(f"{LOG_URL}/upload", files=files, data={"_csrf_token": csrf(c)}, headers=HTMX)
    assert "up to 0.001 MB per file" in page
    assert _results(r.text) == [
        "Refused: big.fit: 0.0 MB is over the 0.001 MB limit per file; not read "
        "(import it with stridelift import)"
    ]
    assert row_counts(db) == before


def test_an_upload_without_files_says_so(db: str) -> None:
    with client(db) as c:
        r = c.post(f"{LOG_URL}/upload", files=[], data={"_csrf_token": csrf(c)}, headers=HTMX)
    assert r.status_code == 422
    assert "choose at least one file to upload" in r.text


def test_a_run_logged_by_form_appears_in_the_history(db: str) -> None:
    with client(db) as c:
        form = {"date": "2026-12-01", "run_type": "tempo", "minutes": "35", "distance": "7.2",
                "rpe": "7", "_csrf_token": csrf(c)}  # fmt: skip
        r = c.post(f"{LOG_URL}/run", data=form, follow_redirects=False)
        assert r.status_code == 303
        html = c.get(r.headers["location"]).text
    assert "Run logged." in html
    assert 'Tempo run</strong> <span class="figures">35:00 · 7.2 km · RPE 7' in html


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"minutes": "abc"}, "run-minutes", "'abc' is not a number"),
        ({"minutes": ""}, "run-minutes", "give the run's duration in minutes"),
        ({"minutes": "30", "distance": "900"}, "run-distance",
         "the distance is out of range (expected more than 0, up to 500 km / 311 mi)"),
        ({"minutes": "30", "rpe": "11"}, "run-rpe", "11 is out of range (expected 1-10)"),
        ({"minutes": "30", "date": "2026-12-09"}, "run-date",
         "2026-12-09 is in the future (today is 2026-12-02)"),
    ],
)  # fmt: skip
def test_a_bad_run_field_shows_under_its_field_and_writes_nothing(
    db: str, form: dict[str, str], field: str, message: str
) -> None:
    before = row_counts(db)
    with client(db) as c:
        r = c.post(f"{LOG_URL}/run", data={**form, "_csrf_token": csrf(c)})
    assert r.status_code == 422
    assert _errors(r.text) == {field: message}
    assert row_counts(db) == before


def test_a_lift_in_the_set_syntax_is_logged_with_its_sets(db: str) -> None:
    before = row_counts(db)
    with client(db) as c:
        form = {"sets": "goblet_squat:10x22.5*3 push_up:12@3", "template": "A",
                "_csrf_token": csrf(c)}  # fmt: skip
        r = c.post(f"{LOG_URL}/lift", data=form, follow_redirects=False)
        assert r.status_code == 303
        html = c.get(r.headers["location"]).text
    assert row_counts(db)["strength_sets"] == before["strength_sets"] + 4
    assert "Strength session A" in html
    assert "<li>goblet squat 3 x 10 @ 22.5 kg</li>" in html
    assert "<li>push up 12, RIR 3</li>" in html


def test_a_lift_in_rows_is_logged_like_the_set_syntax(db: str) -> None:
    before = row_counts(db)
    with client(db) as c:
        form = {"exercise_1": "goblet_squat", "sets_1": "2", "reps_1": "8", "load_1": "20",
                "exercise_2": "plank", "reps_2": "1", "_csrf_token": csrf(c)}  # fmt: skip
        r = c.post(f"{LOG_URL}/lift", data=form, follow_redirects=False)
    assert r.status_code == 303
    assert row_counts(db)["strength_sets"] == before["strength_sets"] + 3


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"sets": "goblet_squat:10x22.5 goblet_sqat:10"}, "lift-sets",
         "'goblet_sqat:10': unknown exercise 'goblet_sqat' (did you mean goblet_squat or "
         "kettlebell_goblet_squat or front_squat?)"),
        ({"sets": "goblet_squat-10"}, "lift-sets",
         "'goblet_squat-10': expected EXERCISE:REPS|SECONDSs|METRESm[xLOAD[kg|lb]][@RIR]"
         "[*SETS][+tech][+pain=LEVEL[:SIDE][:AREA]] (e.g. trap_bar_deadlift:5x100@2)"),
        ({"exercise_1": "goblet_squat", "load_1": "20"}, "lift-reps_1",
         "give the reps of this row"),
        ({"reps_2": "5"}, "lift-exercise_2", "choose the exercise of this row"),
        ({}, "lift-sets", "give at least one set, typed or in the rows below"),
        ({"sets": "push_up:10", "minutes": "2000"}, "lift-minutes",
         "2000 is out of range (expected 1-600)"),
    ],
)  # fmt: skip
def test_a_bad_lift_field_shows_under_its_field_and_writes_nothing(
    db: str, form: dict[str, str], field: str, message: str
) -> None:
    before = row_counts(db)
    with client(db) as c:
        r = c.post(f"{LOG_URL}/lift", data={**form, "_csrf_token": csrf(c)})
    assert r.status_code == 422
    assert _errors(r.text) == {field: message}
    assert row_counts(db) == before


# Litestar's CSRF check reads the refused multipart body and leaves its spooled file for
# the garbage collector to close: a warning about the framework, not about this app.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_the_log_posts_need_the_csrf_token(db: str, fit_run: bytes) -> None:
    before = row_counts(db)
    with client(db) as c:
        c.get(LOG_URL)
        run = c.post(f"{LOG_URL}/run", data={"minutes": "30"})
        lift = c.post(f"{LOG_URL}/lift", data={"sets": "push_up:10"})
        upload = c.post(f"{LOG_URL}/upload", files=[("files", ("a.fit", fit_run))])
        api = c.post(f"{API_URL}/runs", json={"minutes": 30})
    assert [r.status_code for r in (run, lift, upload, api)] == [403] * 4
    assert row_counts(db) == before


def test_the_api_logs_a_run_and_a_lift_and_uploads_a_file(db: str, fit_run: bytes) -> None:
    with client(db) as c:
        token = {"x-csrftoken": csrf(c)}
        run = c.post(f"{API_URL}/runs", json={"minutes": 30, "distance_km": 5.5}, headers=token)
        lift = c.post(f"{API_URL}/lifts", json={"sets": ["push_up:12@3*2"]}, headers=token)
        bad = c.post(f"{API_URL}/lifts", json={"sets": ["pushup:12"]}, headers=token)
        files = [("files", ("fenix.fit", fit_run))]
        upload = c.post(f"{API_URL}/uploads", files=files, headers=token)
        doc = c.get(f"{API_URL}/history?since={NOW.date().isoformat()}").json()
    assert run.status_code == 201 and run.json()["distance_km"] == 5.5
    assert lift.status_code == 201 and len(lift.json()["sets"]) == 2
    assert bad.status_code == 422 and bad.json()["field"] == "sets"
    assert upload.json()["files"][0]["status"] == "imported"
    assert {e["kind"] for e in doc["entries"]} >= {"run", "lift"}


def test_the_schema_documents_the_log_api(db: str) -> None:
    with client(db) as c:
        paths = c.get("/schema/openapi.json").json()["paths"]
    for path in ("history", "uploads", "runs", "lifts"):
        assert f"/api/v1/a/{{athlete}}/{path}" in paths


@pytest.mark.parametrize(
    ("fmt", "media", "start"),
    [("ics", "text/calendar", b"BEGIN:VCALENDAR"), ("pdf", "application/pdf", b"%PDF"),
     ("fit", "application/zip", b"PK\x03\x04"), ("csv", "text/csv", b"date,"),
     ("json", "application/json", b"{")],
)  # fmt: skip
def test_the_export_page_downloads_every_format(
    db: str, fmt: str, media: str, start: bytes
) -> None:
    with client(db) as c:
        page = c.get(EXPORT_URL).text
        r = c.get(f"{EXPORT_URL}/{fmt}")
    assert f'href="{EXPORT_URL}/{fmt}"' in page
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(media)
    assert "attachment" in r.headers["content-disposition"]
    assert r.content.startswith(start)


def test_an_unknown_export_format_is_404(db: str) -> None:
    with client(db) as c:
        r = c.get(f"{EXPORT_URL}/docx")
    assert r.status_code == 404
    assert r.text == "404: no export format 'docx' (choose ics, pdf, fit, csv, json)\n"


def _uids(ics: bytes) -> dict[tuple[str, str], str]:
    events = Calendar.from_ical(ics).walk("VEVENT")
    return {(e["DTSTART"].to_ical().decode(), str(e["SUMMARY"])): str(e["UID"]) for e in events}


def test_the_calendar_feed_keeps_its_uids_across_a_replan(db: str) -> None:
    with client(db) as c:
        page = c.get(EXPORT_URL).text
        first = c.get(f"/a/{quote(DEMO_NAME)}/plan.ics")
        with opened(db) as store:  # a replan stored, then a run logged: a fresh plan
            replan(store, DEMO_NAME, NOW.date(), save=True, now=NOW)
        c.post(f"{API_URL}/runs", json={"minutes": 50, "type": "long"},
               headers={"x-csrftoken": csrf(c)})  # fmt: skip
        second = c.get(f"/a/{quote(DEMO_NAME)}/plan.ics")
    assert f"http://127.0.0.1:8000/a/{quote(DEMO_NAME)}/plan.ics" in page
    assert first.headers["content-type"].startswith("text/calendar")
    before, after = _uids(first.content), _uids(second.content)
    same = before.keys() & after.keys()
    assert len(same) > 20
    assert all(before[k] == after[k] for k in same)
    assert len(set(after.values())) == len(after)  # one UID per event


def test_no_get_of_the_new_pages_changes_anything(db: str) -> None:
    before = row_counts(db)
    with client(db) as c:
        for url in (LOG_URL, f"{LOG_URL}?kind=lift", EXPORT_URL, f"{EXPORT_URL}/ics",
                    f"/a/{quote(DEMO_NAME)}/plan.ics", f"{API_URL}/history"):  # fmt: skip
            assert c.get(url).status_code == 200
    assert row_counts(db) == before


def test_the_new_pages_refuse_an_unknown_athlete_and_another_machine(db: str) -> None:
    with client(db) as c:
        assert c.get("/a/Nobody/log").status_code == 404
        assert c.get("/a/Nobody/plan.ics").status_code == 404
    with client(db, host="192.168.1.5") as c:
        assert c.get(LOG_URL).status_code == 403
        assert c.get(f"/a/{quote(DEMO_NAME)}/plan.ics").status_code == 403
