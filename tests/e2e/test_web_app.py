"""The web app through Litestar's test client: pages, forms, the API, CSRF and the guard."""

from __future__ import annotations

import logging
import re
import socket
from html import unescape
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stridelift.cli.app import app_for
from tests.web_app import API_URL, TODAY_URL, client, csrf, row_counts


def _errors(html: str) -> list[str]:
    return [unescape(e) for e in re.findall(r'class="error"[^>]*>([^<]*)<', html)]


def test_home_sends_the_only_athlete_to_their_today_page(db: str) -> None:
    with client(db) as c:
        r = c.get("/", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == TODAY_URL


def test_today_shows_the_run_the_lift_with_sets_and_loads_and_the_warnings(db: str) -> None:
    with client(db) as c:
        html = c.get(TODAY_URL).text
    assert "Easy run · 40 min" in html
    assert "Day B" in html
    assert "Warm-up:" in html
    assert re.search(r'<td data-label="Sets x reps">\d+ x \d+(-\d+)?( s| m)?( a side)?</td>', html)
    assert "RPE 7 (RIR 3)" in html or "RPE 8 (RIR 2)" in html
    assert html.index("This week") < html.index("Sessions")  # warnings come first
    assert "Check-in" in html


def test_a_session_marked_done_is_logged_and_shows_done(db: str) -> None:
    with client(db) as c:
        token = csrf(c)
        r = c.post(
            f"{TODAY_URL}/sessions/1/done",
            data={"minutes": "42", "distance": "7.1", "rpe": "4", "_csrf_token": token},
            headers={"HX-Request": "true"},
        )
        assert r.status_code == 200
        assert 'class="badge">Done' in r.text
        assert "Done: 42 min, 7.1 km, RPE 4" in r.text
        assert c.get(f"{API_URL}/today").json()["done"] == [1]


def test_a_strength_session_marked_done_logs_its_prescribed_sets(db: str) -> None:
    before = row_counts(db)
    with client(db) as c:
        form = {"rpe": "6", "_csrf_token": csrf(c)}
        r = c.post(f"{TODAY_URL}/sessions/2/done", data=form, follow_redirects=False)
    assert r.status_code == 303  # without htmx: back to the page
    after = row_counts(db)
    assert after["lift_sessions"] == before["lift_sessions"] + 1
    assert after["strength_sets"] > before["strength_sets"]


def test_a_distance_out_of_range_shows_under_the_distance_field(db: str) -> None:
    before = row_counts(db)
    with client(db) as c:
        form = {"distance": "900", "rpe": "4", "_csrf_token": csrf(c)}
        r = c.post(f"{TODAY_URL}/sessions/1/done", data=form, headers={"HX-Request": "true"})
    assert r.status_code == 422
    assert 'id="distance-1-err">the distance is out of range' in r.text
    assert row_counts(db) == before


def test_a_bad_effort_shows_the_field_error_and_logs_nothing(db: str) -> None:
    before = row_counts(db)
    with client(db) as c:
        r = c.post(
            f"{TODAY_URL}/sessions/1/done",
            data={"minutes": "forty", "rpe": "4", "_csrf_token": csrf(c)},
            headers={"HX-Request": "true"},
        )
    assert r.status_code == 422
    assert _errors(r.text) == ["'forty' is not a number"]
    assert row_counts(db) == before


def test_a_check_in_is_stored_and_shown(db: str) -> None:
    with client(db) as c:
        form = {"sleep_hours": "7.5", "fatigue": "3", "pain": "knee:2:left", "_csrf_token": csrf(c)}
        r = c.post(f"{TODAY_URL}/checkin", data=form, headers={"HX-Request": "true"})
        assert r.status_code == 200
        assert "Checked in today" in r.text
        assert "sleep 7.5 h" in r.text
        stored = c.get(f"{API_URL}/today").json()["checkin"]
    assert stored["fatigue"] == 3
    assert stored["pain"] == [{"area": "knee", "level": 2, "side": "left"}]


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"sleep_hours": "30"}, "sleep_hours", "30 is out of range (expected hours 0-24)"),
        ({"fatigue": "11"}, "fatigue", "11 is out of range (expected 1-10)"),
        ({"mood": "good"}, "mood", "'good' is not a whole number"),
        ({"pain": "knee"}, "pain", "'knee' is not a pain report"),
        ({}, "form", "fill in at least one value"),
    ],
)
def test_a_bad_check_in_shows_its_field_error_and_stores_nothing(
    db: str, form: dict[str, str], field: str, message: str
) -> None:
    before = row_counts(db)
    with client(db) as c:
        r = c.post(f"{TODAY_URL}/checkin", data={**form, "_csrf_token": csrf(c)})
    assert r.status_code == 422
    errors = _errors(r.text)
    assert len(errors) == 1 and errors[0].startswith(message)
    if field != "form":
        assert f'id="ci-{field}-err"' in r.text
    assert row_counts(db) == before


def test_a_post_without_the_csrf_token_is_refused_and_writes_nothing(db: str) -> None:
    before = row_counts(db)
    with client(db) as c:
        page = c.post(f"{TODAY_URL}/checkin", data={"sleep_hours": "7"})
        api = c.post(f"{API_URL}/checkin", json={"sleep_hours": 7})
        done = c.post(f"{API_URL}/sessions/1/done", json={"rpe": 4})
    assert [page.status_code, api.status_code, done.status_code] == [403, 403, 403]
    assert row_counts(db) == before


def test_no_get_changes_anything(db: str) -> None:
    before = row_counts(db)
    with client(db) as c:
        for url in ("/", TODAY_URL, f"{API_URL}/today", f"{API_URL}/plan", "/schema"):
            assert c.get(url).status_code == 200
    assert row_counts(db) == before


def test_an_unknown_athlete_is_one_line_404(db: str) -> None:
    with client(db) as c:
        page = c.get("/a/Nobody/today")
        api = c.get("/api/v1/a/Nobody/today")
    assert page.status_code == api.status_code == 404
    assert page.text == "404: no athlete named 'Nobody' (known: Demo Runner)\n"
    assert api.json() == {"detail": "no athlete named 'Nobody' (known: Demo Runner)"}


def test_a_request_from_another_machine_is_refused(db: str) -> None:
    with client(db, host="192.0.2.7") as c:
        assert c.get(TODAY_URL).status_code == 403
        assert c.get(f"{API_URL}/plan").status_code == 403


def test_a_request_for_another_host_name_is_refused(db: str) -> None:
    # DNS rebinding: a site's own name pointed at 127.0.0.1 must not reach the app.
    with client(db) as c:
        rebound = c.get(TODAY_URL, headers={"host": "evil.example:8000"})
        local = c.get(TODAY_URL, headers={"host": "localhost:8000"})
    assert rebound.status_code == 400
    assert rebound.text == "400: the Host 'evil.example:8000' is not this machine's loopback\n"
    assert local.status_code == 200


def test_the_api_serves_today_and_the_plan_document(db: str) -> None:
    with client(db) as c:
        today = c.get(f"{API_URL}/today").json()
        plan = c.get(f"{API_URL}/plan").json()
        schema = c.get("/schema/openapi.json").json()
    assert today["schema"] == "stridelift.today/1"
    assert today["date"] == "2026-12-02"
    assert [s["kind"] for s in today["sessions"]] == ["run", "strength"]
    assert plan["schema"] == "stridelift.plan/1"
    assert (
        f"{API_URL}/sessions/{{order}}/done".replace("Demo%20Runner", "{athlete}")
        in schema["paths"]
    )


def test_the_api_check_in_names_a_bad_field_and_a_good_one_is_stored(db: str) -> None:
    before = row_counts(db)
    with client(db) as c:
        token = csrf(c)
        bad = c.post(f"{API_URL}/checkin", json={"stress": 0}, headers={"x-csrftoken": token})
        assert row_counts(db) == before
        good = c.post(f"{API_URL}/checkin", json={"stress": 4}, headers={"x-csrftoken": token})
        again = c.post(f"{API_URL}/checkin", json={"stress": 5}, headers={"x-csrftoken": token})
    assert bad.status_code == 422
    assert bad.json() == {"field": "stress", "detail": "0 is out of range (expected 1-10)"}
    assert good.status_code == 201 and good.json()["stress"] == 4
    assert again.status_code == 422 and again.json()["field"] == "date"


def test_the_api_marks_a_session_done_once(db: str) -> None:
    with client(db) as c:
        token = csrf(c)
        first = c.post(
            f"{API_URL}/sessions/1/done", json={"rpe": 3}, headers={"x-csrftoken": token}
        )
        second = c.post(
            f"{API_URL}/sessions/1/done", json={"rpe": 3}, headers={"x-csrftoken": token}
        )
        missing = c.post(f"{API_URL}/sessions/9/done", json={}, headers={"x-csrftoken": token})
    assert first.status_code == 201 and first.json()["run_type"] == "easy"
    assert second.status_code == 422 and "marked done already" in second.json()["detail"]
    assert missing.status_code == 422 and missing.json()["field"] == "order"


def test_static_files_are_served_with_cache_headers(db: str) -> None:
    with client(db) as c:
        r = c.get("/static/vendor/htmx/htmx.min.js")
    assert r.status_code == 200
    assert "max-age=86400" in r.headers["cache-control"]


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "::"])  # noqa: S104 - refused
def test_serve_refuses_any_address_but_loopback_in_one_line(host: str) -> None:
    result = CliRunner().invoke(app_for(["serve"]), ["serve", "--host", host])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: --host: {host} is not a loopback address")
    assert "until accounts exist (issue 14)" in lines[0]


def test_serve_refuses_a_port_in_use_in_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        db = f"sqlite:///{tmp_path / 'x.db'}"
        result = CliRunner().invoke(app_for(["serve"]), ["serve", "--port", str(port), "--db", db])
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"error: --port: cannot listen on 127.0.0.1 port {port} (Address already in use); "
        "pick another with --port"
    )


class _Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_a_refusal_the_app_answers_logs_no_traceback(db: str) -> None:
    # A 404, a 422 and a missing CSRF token are answers to the user, not server errors:
    # the server's log stays free of their tracebacks (it keeps them for real errors).
    kept = _Kept()
    logger = logging.getLogger("litestar")  # the app's logger; it does not propagate
    with client(db) as c:
        logger.addHandler(kept)
        try:
            assert c.get("/a/Nobody/today").status_code == 404
            assert c.get(API_URL + "/stats?weeks=2.5").status_code in (400, 422)
            assert c.post(TODAY_URL + "/checkin", data={}).status_code == 403
        finally:
            logger.removeHandler(kept)
    assert kept.lines == []
