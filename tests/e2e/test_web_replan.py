"""The Replan page and its API through Litestar's test client: a preview stores nothing,
accepting stores exactly the previewed plan, a stale preview is refused."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from urllib.parse import quote

import pytest

from stridelift.domain.activity import CheckIn, PainReport
from stridelift.domain.diff import when_text
from stridelift.services import logbook
from stridelift.services.busy_weeks import mark_busy
from stridelift.services.demo_data import DEMO_NAME
from stridelift.services.replan import replan
from stridelift.services.workspace import opened
from tests.web_app import API_URL, NOW, TODAY_URL, client, csrf, row_counts

REPLAN_URL = f"/a/{quote(DEMO_NAME)}/replan"
HTMX = {"HX-Request": "true"}
THIS_WEEK = NOW.date()


@pytest.fixture
def busy_db(db: str) -> str:
    """The same, with this week marked busy since the plan was stored: the plan changes."""
    with opened(db) as store:
        mark_busy(store, DEMO_NAME, THIS_WEEK, today=THIS_WEEK, now=NOW)
    return db


def _text(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))).strip()


def _rows(html: str) -> list[tuple[str, str, str]]:
    """The diff's rows as a user reads them: day, change, session."""
    rows = re.findall(
        r'<th scope="row" class="when">(.*?)</th>\s*<td data-label="Change">(.*?)</td>\s*'
        r'<td data-label="Session">(.*?)</td>',
        html,
        re.DOTALL,
    )
    return [(unescape(d), _text(k), unescape(s)) for d, k, s in rows]


def _sha(html: str) -> str:
    found = re.search(r'name="inputs_sha256" value="([0-9a-f]{64})"', html)
    assert found is not None, "no Accept form"
    return found[1]


def _snapshots(url: str) -> int:
    return row_counts(url)["plan_snapshots"]


def test_the_replan_page_offers_the_button_and_is_in_the_nav(db: str) -> None:
    with client(db) as c:
        r = c.get(REPLAN_URL)
    assert r.status_code == 200
    assert f'<a href="{REPLAN_URL}" aria-current="page">Replan</a>' in r.text
    assert f'hx-post="{REPLAN_URL}/preview"' in r.text
    assert f'action="{REPLAN_URL}/preview"' in r.text and 'name="_csrf_token"' in r.text
    assert 'hx-indicator="#replan-busy"' in r.text


def test_a_preview_shows_the_diff_with_its_rules_and_signals_and_stores_nothing(
    busy_db: str,
) -> None:
    before = row_counts(busy_db)
    with opened(busy_db) as store:
        expected = replan(store, DEMO_NAME, THIS_WEEK, save=False)
    with client(busy_db) as c:
        r = c.post(f"{REPLAN_URL}/preview", data={"_csrf_token": csrf(c)}, headers=HTMX)
    assert r.status_code == 200
    assert row_counts(busy_db) == before
    assert r.text.lstrip().startswith('<section id="replan-result"')  # the section alone
    assert _rows(r.text) == [
        (when_text(ch).replace(" -> ", " → "), ch.kind, ch.session) for ch in expected.changes
    ]
    assert _rows(r.text) == [
        ("Wed 2026-12-02", "changed", "strength busy"),
        ("Fri 2026-12-04", "removed", "core"),
    ]
    text = _text(r.text)
    assert "2 sessions change against the plan stored on Wednesday 2 December 2026" in text
    assert "template B → busy" in text
    assert "ADAPT-3 Busy week: one full-body session (35-45 min) and one short one" in text
    assert "Your log showed week of 2026-12-07" not in text  # this week, not the next
    assert "Your log showed week of 2026-11-30 marked busy" in text
    assert "The plan changed busy week: one full-body session and one short one" in text
    assert _sha(r.text) == expected.inputs_sha256


def test_accepting_stores_that_plan_and_today_then_shows_it(busy_db: str) -> None:
    with client(busy_db) as c:
        token = csrf(c)
        assert "planned now from your log" in c.get(TODAY_URL).text
        preview = c.post(f"{REPLAN_URL}/preview", data={"_csrf_token": token})
        assert "<html" in preview.text  # without htmx: the whole page
        before = _snapshots(busy_db)
        form = {"inputs_sha256": _sha(preview.text), "_csrf_token": token}
        r = c.post(f"{REPLAN_URL}/accept", data=form, follow_redirects=False)
        assert (r.status_code, r.headers["location"]) == (303, f"{REPLAN_URL}?outcome=stored")
        done = c.get(r.headers["location"]).text
        today = c.get(TODAY_URL).text
    assert "New plan stored. Today, the exports and the calendar follow it now." in done
    assert _snapshots(busy_db) == before + 1
    with opened(busy_db) as store:
        again = replan(store, DEMO_NAME, THIS_WEEK, save=False)
    assert again.previous is not None and again.previous.inputs_sha256 == form["inputs_sha256"]
    assert again.changes == ()
    assert "busy week" in today and "planned now from your log" not in today


def test_accepting_after_the_log_changed_stores_nothing_and_shows_the_new_diff(
    busy_db: str,
) -> None:
    with client(busy_db) as c:
        token = csrf(c)
        preview = c.post(f"{REPLAN_URL}/preview", data={"_csrf_token": token}, headers=HTMX)
        with opened(busy_db) as store:
            entry = CheckIn(day=THIS_WEEK, fatigue=8, pain=(PainReport("knee", 7, "left"),))
            logbook.log_checkin(store, DEMO_NAME, entry, today=THIS_WEEK, replace=True, now=NOW)
        before = row_counts(busy_db)
        form = {"inputs_sha256": _sha(preview.text), "_csrf_token": token}
        r = c.post(f"{REPLAN_URL}/accept", data=form, headers=HTMX)
    assert r.status_code == 409
    assert row_counts(busy_db) == before
    text = _text(r.text)
    assert "Your log changed since that preview" in text and "nothing was stored" in text
    assert _sha(r.text) != form["inputs_sha256"]
    # The referral comes first, before the summary and the diff.
    assert text.index("See a professional Sharp pain (7/10) in your knee") < text.index(
        "sessions change"
    )


def test_no_change_is_said_plainly_with_nothing_to_accept(db: str) -> None:
    with client(db) as c:
        r = c.post(f"{REPLAN_URL}/preview", data={"_csrf_token": csrf(c)}, headers=HTMX)
    text = _text(r.text)
    assert (
        "No changes: the plan from your log today is the plan stored on Wednesday "
        "2 December 2026. Nothing to accept." in text
    )
    assert 'name="inputs_sha256"' not in r.text and _rows(r.text) == []


def test_keeping_the_current_plan_stores_nothing(busy_db: str) -> None:
    before = row_counts(busy_db)
    with client(busy_db) as c:
        preview = c.post(f"{REPLAN_URL}/preview", data={"_csrf_token": csrf(c)}, headers=HTMX)
        assert "Keep the current plan" in preview.text
        kept = c.get(f"{REPLAN_URL}?outcome=kept", headers=HTMX)
    assert kept.status_code == 200
    assert _text(kept.text).startswith("Kept your current plan: nothing was stored.")
    assert row_counts(busy_db) == before


def test_replan_posts_without_the_csrf_token_are_refused_and_store_nothing(
    busy_db: str,
) -> None:
    before = row_counts(busy_db)
    with opened(busy_db) as store:
        sha = replan(store, DEMO_NAME, THIS_WEEK, save=False).inputs_sha256
    with client(busy_db) as c:
        c.get(REPLAN_URL)
        answers = [
            c.post(f"{REPLAN_URL}/preview", data={}),
            c.post(f"{REPLAN_URL}/accept", data={"inputs_sha256": sha}),
            c.post(f"{API_URL}/replan/preview"),
            c.post(f"{API_URL}/replan/accept", json={"inputs_sha256": sha}),
        ]
    assert [a.status_code for a in answers] == [403, 403, 403, 403]
    assert row_counts(busy_db) == before


def test_the_api_previews_typed_changes_and_stores_nothing(busy_db: str) -> None:
    before = row_counts(busy_db)
    with client(busy_db) as c:
        r = c.post(f"{API_URL}/replan/preview", headers={"x-csrftoken": csrf(c)})
    assert r.status_code == 200 and row_counts(busy_db) == before
    doc = r.json()
    assert (doc["stored"], doc["previous_plan_date"], doc["today"]) == (
        False, "2026-12-02", "2026-12-02",
    )  # fmt: skip
    first = doc["changes"][0]
    assert (first["kind"], first["day"], first["session"], first["week"]) == (
        "changed", "2026-12-02", "strength busy", 1,
    )  # fmt: skip
    assert {"field": "template", "old": "B", "new": "busy", "subject": None,
            "text": "template B -> busy"} in first["fields"]  # fmt: skip
    busy = next(x for x in first["causes"] if x["rule"] == "ADAPT-3")
    assert busy["rule_text"].startswith("Busy week: one full-body session")
    assert busy["since"] == "2026-11-30" and busy["seen"].startswith("week of 2026-11-30")
    assert doc["signals"][0]["rule"] == "ADAPT-3"


def test_the_api_accepts_the_previewed_plan_once_and_refuses_a_stale_one(busy_db: str) -> None:
    with client(busy_db) as c:
        headers = {"x-csrftoken": csrf(c)}
        sha = c.post(f"{API_URL}/replan/preview", headers=headers).json()["inputs_sha256"]
        stale = c.post(f"{API_URL}/replan/accept", json={"inputs_sha256": "0" * 64},
                       headers=headers)  # fmt: skip
        before = _snapshots(busy_db)
        first = c.post(f"{API_URL}/replan/accept", json={"inputs_sha256": sha}, headers=headers)
        second = c.post(f"{API_URL}/replan/accept", json={"inputs_sha256": sha}, headers=headers)
        after = c.post(f"{API_URL}/replan/preview", headers=headers).json()
    assert stale.status_code == 409
    assert stale.json()["detail"] == (
        "the log changed since the preview: nothing stored; preview again"
    )
    assert stale.json()["current"]["inputs_sha256"] == sha
    assert (first.status_code, first.json()["stored"]) == (200, True)
    assert (second.status_code, second.json()["stored"]) == (200, False)
    assert _snapshots(busy_db) == before + 1
    assert after["changes"] == [] and after["previous_plan_date"] == "2026-12-02"


def test_marking_next_week_busy_shows_its_changes_in_the_week_they_fall(db: str) -> None:
    with opened(db) as store:
        mark_busy(store, DEMO_NAME, date(2026, 12, 9), today=THIS_WEEK, now=NOW)
    with client(db) as c:
        r = c.post(f"{REPLAN_URL}/preview", data={"_csrf_token": csrf(c)}, headers=HTMX)
    days = [day for day, _, _ in _rows(r.text)]
    assert days and all("2026-12-07" <= day.split()[1] <= "2026-12-13" for day in days)
    assert "Your log showed week of 2026-12-07 marked busy" in _text(r.text)
