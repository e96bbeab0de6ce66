"""The Plan page in a real Chromium: the calendar loads clean and passes axe, a click shows
a session's why, a drag to an unlawful day is refused and put back, a drag to a lawful day
is kept with the replan's changes, and the same move works by keyboard with the form."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import Page, expect

from stridelift.services.demo_data import DEMO_NAME
from tests.browser.test_pages import PHONE, _serious_axe_violations, console_errors
from tests.web_app import row_counts

__all__ = ["console_errors"]  # the fixture, shared with the other pages' tests
PLAN_URL = f"/a/{quote(DEMO_NAME)}/plan"


def _open(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    expect(page.locator(".fc-daygrid-event").first).to_be_visible()


def _event(page: Page, day: str, text: str):  # type: ignore[no-untyped-def]
    return page.locator(f'td[data-date="{day}"] .fc-daygrid-event', has_text=text)


def test_the_plan_page_loads_clean_passes_axe_and_draws_the_calendar(
    page: Page, app_url: str, console_errors: list[str], screenshots: Path
) -> None:
    _open(page, app_url + PLAN_URL)
    expect(page.locator(".fc-toolbar-title")).to_have_text("December 2026")
    expect(_event(page, "2026-12-13", "long run")).to_have_count(1)
    expect(page.locator(".fc-bg-event.phase-base").first).to_be_attached()
    assert page.locator(".fc-daygrid-event.st-missed").count() > 0  # the weeks gone
    assert console_errors == []
    assert _serious_axe_violations(page) == []
    page.screenshot(path=screenshots / "plan.png", full_page=True)
    page.get_by_role("button", name="week", exact=True).click()
    expect(page.locator(".fc-dayGridWeek-view")).to_be_visible()
    page.screenshot(path=screenshots / "plan-week.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.reload()  # on a phone's width the week is a list
    expect(page.locator(".fc-list-event", has_text="strength B").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert _serious_axe_violations(page) == []
    page.screenshot(path=screenshots / "plan-phone.png", full_page=True)


def test_a_click_shows_the_session_and_its_why(page: Page, app_url: str) -> None:
    _open(page, app_url + PLAN_URL)
    _event(page, "2026-12-08", "strength A").click()
    details = page.locator("#details")
    expect(details.get_by_role("heading", level=2)).to_contain_text("Strength A")
    expect(details.locator(".why")).to_contain_text("FREQ-1")
    expect(details.get_by_label("Move to")).to_be_visible()


def test_a_drag_to_an_unlawful_day_is_refused_and_put_back(
    page: Page, app_url: str, app_db: str, screenshots: Path
) -> None:
    before = row_counts(app_db)
    _open(page, app_url + PLAN_URL)
    _event(page, "2026-12-13", "long run").drag_to(page.locator('td[data-date="2026-12-07"]'))
    expect(page.locator("#move-result .refused")).to_contain_text("on Monday it would break RUN-1")
    expect(_event(page, "2026-12-13", "long run")).to_have_count(1)
    expect(_event(page, "2026-12-07", "long run")).to_have_count(0)
    page.screenshot(path=screenshots / "plan-refused.png", full_page=True)
    assert row_counts(app_db) == before


def test_a_drag_to_a_lawful_day_replans_and_shows_the_changes(
    page: Page, app_url: str, app_db: str, screenshots: Path
) -> None:
    _open(page, app_url + PLAN_URL)
    _event(page, "2026-12-08", "strength A").drag_to(page.locator('td[data-date="2026-12-10"]'))
    result = page.locator("#move-result")
    expect(result).to_contain_text("the strength A is on Thursday 10 December 2026 now")
    expect(result.locator("table")).to_contain_text("strength A")
    expect(_event(page, "2026-12-10", "strength A")).to_have_count(1)
    page.screenshot(path=screenshots / "plan-moved.png", full_page=True)
    assert row_counts(app_db)["session_moves"] == 1


def test_a_session_moves_back_by_keyboard_with_the_form(page: Page, app_url: str) -> None:
    _open(page, app_url + PLAN_URL)
    week = page.get_by_role("article", name="Week of Monday 7 December 2026")
    link = week.locator("ul.days a", has_text="Strength A")
    link.focus()
    page.keyboard.press("Enter")
    select = page.locator("#details").get_by_label("Move to")
    expect(select).to_be_visible()
    select.focus()
    select.select_option("2026-12-08")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#move-result")).to_contain_text("is on Tuesday 8 December 2026 now")
    expect(_event(page, "2026-12-08", "strength A")).to_have_count(1)
