"""The Replan page in Chromium: a busy week marked, Replan shows the diff with its rules,
Accept stores the plan and Today follows it; a second change is kept out by "Keep the
current plan". Clean console, axe, screenshots."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import Page, expect

from stridelift.services.busy_weeks import mark_busy
from stridelift.services.demo_data import DEMO_NAME
from stridelift.services.workspace import opened
from tests.browser.test_pages import PHONE, _serious_axe_violations, console_errors
from tests.web_app import NOW, TODAY_URL, row_counts

__all__ = ["console_errors"]  # the fixture, shared with the Today page's tests

REPLAN_URL = f"/a/{quote(DEMO_NAME)}/replan"


def _mark_busy(app_db: str, day: date) -> None:
    with opened(app_db) as store:
        mark_busy(store, DEMO_NAME, day, today=NOW.date(), now=NOW)


def test_replan_shows_the_diff_and_accept_stores_the_plan_today_then_shows(
    page: Page, app_url: str, app_db: str, console_errors: list[str], screenshots: Path
) -> None:
    _mark_busy(app_db, NOW.date())
    page.goto(app_url + REPLAN_URL)
    assert _serious_axe_violations(page) == []
    page.screenshot(path=screenshots / "replan.png", full_page=True)
    before = row_counts(app_db)
    page.get_by_role("button", name="Replan").click()
    result = page.locator("#replan-result")
    expect(result.get_by_role("heading", name="The plan from your log today")).to_be_visible()
    expect(result.locator(".summary")).to_contain_text(
        "sessions change against the plan stored on Wednesday"
    )
    diff = result.locator(".plan-diff")
    expect(diff.locator("tbody tr").first).to_contain_text("Wed 2026-12-02")
    expect(diff.locator("tbody tr").first).to_contain_text("template B → busy")
    expect(diff.locator("tbody tr").first).to_contain_text("ADAPT-3 Busy week")
    diff.get_by_text("busy week since 2026-11-30").first.click()
    expect(diff.get_by_text("Your log showed").first).to_be_visible()
    assert row_counts(app_db) == before  # the preview stored nothing
    assert _serious_axe_violations(page) == []
    page.screenshot(path=screenshots / "replan-preview.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=screenshots / "replan-preview-phone.png", full_page=True)
    result.get_by_role("button", name="Accept the new plan").click()
    expect(page.locator(".outcome")).to_contain_text("New plan stored.")
    assert row_counts(app_db)["plan_snapshots"] == before["plan_snapshots"] + 1
    page.get_by_role("link", name="Go to Today").click()
    expect(page.locator(".week")).to_contain_text("busy week")
    expect(page.locator(".week")).not_to_contain_text("planned now from your log")
    assert console_errors == []


def test_keep_the_current_plan_discards_the_preview(
    page: Page, app_url: str, app_db: str, console_errors: list[str], screenshots: Path
) -> None:
    _mark_busy(app_db, date(2026, 12, 9))
    page.goto(app_url + REPLAN_URL)
    before = row_counts(app_db)
    page.get_by_role("button", name="Replan").click()
    expect(page.locator(".plan-diff").first).to_contain_text("Tue 2026-12-08")
    page.get_by_role("button", name="Keep the current plan").click()
    expect(page.locator(".outcome")).to_have_text(
        "Kept your current plan: nothing was stored. Go to Today"
    )
    page.screenshot(path=screenshots / "replan-kept.png", full_page=True)
    assert row_counts(app_db) == before
    page.get_by_role("button", name="Replan").click()  # the same changes are still on offer
    expect(page.locator(".summary")).to_contain_text("change against the plan")
    page.goto(app_url + TODAY_URL)
    assert console_errors == []
