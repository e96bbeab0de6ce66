"""The Plan page and its API: the calendar's statuses, a session's why, moving a session to
a lawful and an unlawful day, and the busy-week toggle, through Litestar's test client.

The demo plan as of NOW (Wednesday 2 December 2026) holds, in the week of 7 December,
strength A on Tuesday the 8th (order 2), easy runs Tuesday to Friday and the long run on
Sunday the 13th (order 1).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any
from urllib.parse import quote

import pytest

from stridelift.domain.history import SessionMove
from stridelift.services.demo_data import DEMO_NAME
from stridelift.services.workspace import opened
from tests.web_app import API_URL, NOW, client, csrf, row_counts

PLAN_URL = f"/a/{quote(DEMO_NAME)}/plan"
HTMX = {"HX-Request": "true"}


def _calendar(c: Any, start: str, end: str) -> dict[str, Any]:
    response = c.get(f"{API_URL}/calendar?start={start}&end={end}")
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def _on(data: dict[str, Any], day: str) -> list[str]:
    return [s["label"] for s in data["sessions"] if s["day"] == day]


def _move(c: Any, day: str, order: int, to: str) -> Any:
    form = {"day": day, "order": str(order), "to": to}
    return c.post(f"{PLAN_URL}/move", data=form, headers={**HTMX, "x-csrftoken": csrf(c)})


def test_calendar_tells_done_missed_and_planned(db: str) -> None:
    with client(db) as c:
        data = _calendar(c, "2026-11-23", "2026-12-06")
    status = {(s["day"], s["label"]): s["status"] for s in data["sessions"]}
    # Past days: what the plan in force then asked, against the log.
    assert "missed" in status.values() and "done" in status.values()
    assert status[("2026-12-06", "long run")] == "planned"
    # Tuesday's easy run was run as intervals: done, and the calendar says as what.
    tuesday = next(
        s for s in data["sessions"] if (s["day"], s["label"]) == ("2026-12-01", "easy run")
    )
    assert tuesday["status"] == "done" and tuesday["done_as"] == "intervals run"
    assert "intervals run" not in _on(data, "2026-12-01")  # not shown twice
    assert {w["phase"] for w in data["weeks"]} == {"base"}
    assert [w["open"] for w in data["weeks"]] == [False, True]


def test_plan_page_lists_weeks_with_status_and_busy_toggle(db: str) -> None:
    with client(db) as c:
        html = c.get(PLAN_URL).text
    assert "Week of Monday 30 November 2026" in html
    assert 'class="cal-session st-planned"' in html
    assert f'href="/a/{quote(DEMO_NAME)}/plan/sessions/2026-12-08/2"' in html
    assert html.count("Busy week: shrink the strength") == 4  # this week and three more
    assert 'id="calendar"' in html and "fullcalendar/index.global.min.js" in html


def test_session_details_say_why_with_rule_ids_and_where_it_can_move(db: str) -> None:
    with client(db) as c:
        html = c.get(f"{PLAN_URL}/sessions/2026-12-08/2", headers=HTMX).text
    assert "Strength A · Tuesday 8 December 2026" in html
    assert '<span class="rules">FREQ-1</span>' in html
    options = [f'<option value="2026-12-{d:02d}">' for d in (7, 9, 10, 11, 12, 13)]
    assert all(o in html for o in options)


def test_lawful_move_is_kept_with_a_replan_and_its_changes(db: str) -> None:
    before = row_counts(db)
    with client(db) as c:
        response = _move(c, "2026-12-08", 2, "2026-12-10")
        assert response.status_code == 200, response.text
        assert response.headers["X-Move-Kept"] == "true"
        assert response.headers["HX-Trigger"] == "plan-changed"
        assert "the strength A is on Thursday 10 December 2026 now" in response.text
        assert re.search(r'<tr class="change-moved">.*?<td data-label="Session">strength A</td>',
                         response.text, re.S)  # fmt: skip
        data = _calendar(c, "2026-12-07", "2026-12-13")
    assert "strength A" in _on(data, "2026-12-10")
    moved = next(s for s in data["sessions"] if s["label"] == "strength A")
    assert moved["moved_from"] == "2026-12-08"
    after = row_counts(db)
    assert after["session_moves"] == before["session_moves"] + 1
    assert after["plan_snapshots"] == before["plan_snapshots"] + 1


def test_moving_back_takes_the_move_back(db: str) -> None:
    with client(db) as c:
        assert _move(c, "2026-12-08", 2, "2026-12-10").status_code == 200
        order = next(
            s["order"] for s in _calendar(c, "2026-12-10", "2026-12-10")["sessions"]
            if s["label"] == "strength A"
        )  # fmt: skip
        assert _move(c, "2026-12-10", order, "2026-12-08").status_code == 200
        data = _calendar(c, "2026-12-07", "2026-12-13")
    assert "strength A" in _on(data, "2026-12-08")
    assert row_counts(db)["session_moves"] == 0


def test_unlawful_move_is_refused_with_the_rule_and_stores_nothing(db: str) -> None:
    before = row_counts(db)
    with client(db) as c:
        response = _move(c, "2026-12-13", 1, "2026-12-07")  # the long run to Monday
        assert response.status_code == 409
        assert response.headers["X-Move-Kept"] == "false"
        assert "Not moved:" in response.text and "on Monday it would break RUN-1" in response.text
        assert '<span class="rules">RUN-1</span>' in response.text
        data = _calendar(c, "2026-12-07", "2026-12-13")
    assert "long run" in _on(data, "2026-12-13")
    assert row_counts(db) == before


def test_move_to_a_day_without_room_says_so(db: str) -> None:
    with client(db) as c:
        response = _move(c, "2026-12-09", 1, "2026-12-13")  # an easy run beside the long run
    assert response.status_code == 409
    assert "Sunday has no room for its 40 min" in response.text


def test_bad_moves_get_one_line_naming_the_field(db: str) -> None:
    before = row_counts(db)
    cases = {
        ("2026-12-08", 2, "2026-12-15"): "to: a session moves within its week",
        ("2026-12-01", 1, "2026-12-03"): "day: 2026-12-01 has gone",
        ("2026-12-08", 9, "2026-12-09"): "order: no session 9 is planned on 2026-12-08",
        ("2026-12-08", 2, "tomorrow"): "to: expected a date as YYYY-MM-DD",
    }
    with client(db) as c:
        for (day, order, to), message in cases.items():
            response = _move(c, day, order, to)
            assert response.status_code == 422, (day, order, to)
            assert message in response.text
    assert row_counts(db) == before


def test_move_without_csrf_token_is_refused(db: str) -> None:
    before = row_counts(db)
    with client(db) as c:
        form = {"day": "2026-12-08", "order": "2", "to": "2026-12-10"}
        assert c.post(f"{PLAN_URL}/move", data=form).status_code == 403
    assert row_counts(db) == before


def test_busy_toggle_marks_the_week_and_replans(db: str) -> None:
    with client(db) as c:
        form = {"week": "2026-12-07", "busy": "1", "_csrf_token": csrf(c)}
        response = c.post(f"{PLAN_URL}/busy", data=form, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"].endswith("/plan?week=2026-12-07")
        html = c.get(f"{PLAN_URL}?week=2026-12-07").text
        week = _calendar(c, "2026-12-07", "2026-12-13")["weeks"][0]
    assert week["busy"] is True
    assert 'class="badge busy-badge">Busy week</span>' in html
    assert "Not busy after all" in html
    assert row_counts(db)["busy_weeks"] == 1


def test_api_move_answers_409_with_rules_and_422_for_bad_fields(db: str) -> None:
    with client(db) as c:
        headers = {"x-csrftoken": csrf(c)}
        url = f"{API_URL}/plan/moves"
        refused = c.post(url, json={"day": "2026-12-13", "order": 1, "to": "2026-12-07"},
                         headers=headers)  # fmt: skip
        kept = c.post(url, json={"day": "2026-12-08", "order": 2, "to": "2026-12-10"},
                      headers=headers)  # fmt: skip
        bad = c.post(url, json={"day": "2026-12-08", "order": 2, "to": "2027-01-10"},
                     headers=headers)  # fmt: skip
    assert refused.status_code == 409
    assert refused.json()["rules"][0]["rule"] == "RUN-1"
    assert kept.status_code == 200 and kept.json()["kept"] is True
    assert {c["session"] for c in kept.json()["changes"]} >= {"strength A"}
    assert bad.status_code == 422 and bad.json()["field"] == "to"


def test_calendar_api_refuses_bad_ranges(db: str) -> None:
    with client(db) as c:
        backwards = c.get(f"{API_URL}/calendar?start=2026-12-10&end=2026-12-01")
        too_long = c.get(f"{API_URL}/calendar?start=2026-01-01&end=2026-12-01")
        not_a_date = c.get(f"{API_URL}/calendar?start=soon&end=2026-12-01")
    assert backwards.status_code == 422 and backwards.json()["field"] == "end"
    assert too_long.status_code == 422 and "at most 62 days" in too_long.json()["detail"]
    assert not_a_date.status_code == 400


def test_a_past_session_shows_what_the_plan_in_force_then_asked(db: str) -> None:
    with client(db) as c:
        data = _calendar(c, "2026-11-23", "2026-11-29")
        past = next(s for s in data["sessions"] if s["order"] is not None)
        url = f"{PLAN_URL}/sessions/{past['day']}/{past['order']}"
        html = c.get(url, headers=HTMX).text
        unknown = c.get(f"{PLAN_URL}/sessions/2026-11-24/9", headers=HTMX)
    assert past["label"].split()[0].capitalize() in html and "Why" in html
    assert 'name="to"' not in html  # a day gone moves nowhere
    assert unknown.status_code == 404


def test_a_stored_move_the_plan_cannot_keep_is_named_on_its_week(db: str) -> None:
    # A move stored when it fitted can stop fitting (a profile edit, a busy week): the
    # plan keeps the session where it was and the week says why.
    with opened(db) as store, store.transaction() as repo:
        who = repo.athletes()[0]
        move = SessionMove(date(2026, 12, 13), date(2026, 12, 7), "run", "long")
        repo.put_session_move(who.id, move, NOW + timedelta(minutes=1))  # after the stored plan
    with client(db) as c:
        html = c.get(f"{PLAN_URL}?week=2026-12-07").text
        data = _calendar(c, "2026-12-07", "2026-12-13")
    assert "Your move of the long run from Sunday to Monday is not kept: on Monday it would " \
           "break RUN-1." in html  # fmt: skip
    assert data["weeks"][0]["moves_not_kept"]
    assert "long run" in _on(data, "2026-12-13")


def test_api_marks_a_week_busy_and_clears_it(db: str) -> None:
    with client(db) as c:
        headers = {"x-csrftoken": csrf(c)}
        url = f"{API_URL}/plan/busy-weeks"
        marked = c.post(url, json={"week": "2026-12-09"}, headers=headers)
        again = c.post(url, json={"week": "2026-12-09"}, headers=headers)
        busy = _calendar(c, "2026-12-07", "2026-12-13")["weeks"][0]["busy"]
        cleared = c.post(url, json={"week": "2026-12-07", "busy": False}, headers=headers)
        over = c.post(url, json={"week": "2026-11-20"}, headers=headers)
    assert marked.status_code == 201 and marked.json()["week"] == "2026-12-07"
    assert marked.json()["changed"] is True and marked.json()["changes"]
    assert again.json()["changed"] is False
    assert busy is True
    assert cleared.json() | {"changes": []} == {
        "week": "2026-12-07",
        "busy": False,
        "changed": True,
        "changes": [],
    }
    assert over.status_code == 422 and "is over" in over.json()["detail"]
    assert row_counts(db)["busy_weeks"] == 0


def test_a_refused_database_write_is_one_line_503_never_a_traceback(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stridelift.adapters.store.engine import StoreError
    from stridelift.web.routes import plan as plan_routes

    def locked(*_: object, **__: object) -> None:
        raise StoreError("database error, nothing was written: database is locked")

    monkeypatch.setattr(plan_routes, "plan_calendar", locked)
    with client(db) as c:
        api = c.get(f"{API_URL}/calendar?start=2026-12-07&end=2026-12-13")
        page = c.get(PLAN_URL)
    assert api.status_code == 503
    assert api.json() == {"detail": "database error, nothing was written: database is locked"}
    assert page.status_code == 503
    assert page.text == "503: database error, nothing was written: database is locked\n"
