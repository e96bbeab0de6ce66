"""The Profile page in Chromium: a clean load that passes axe, a field edited and a race
added by keyboard alone, and a refused value shown by its field; screenshots of each."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import Page, expect

from stridelift.services.athletes import find_athlete
from stridelift.services.demo_data import DEMO_NAME
from stridelift.services.profiles import parse_profile_text
from stridelift.services.workspace import opened
from tests.browser.test_pages import PHONE, _serious_axe_violations, console_errors
from tests.web_app import row_counts

__all__ = ["console_errors"]  # the fixture, shared with the Today page's tests

PROFILE_URL = f"/a/{quote(DEMO_NAME)}/profile"
NETWORK_422 = "the server responded with a status of 422"
TABS = 200  # more than the page's focusable elements: a Tab loop that never ends is a bug


def _tab_to(page: Page, selector: str) -> None:
    """Press Tab until the focus is on the element ``selector`` names."""
    for _ in range(TABS):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def _stored(app_db: str) -> str:
    with opened(app_db) as store:
        return find_athlete(store, DEMO_NAME).profile_text


def test_the_profile_page_loads_clean_and_passes_axe(
    page: Page, app_url: str, console_errors: list[str], screenshots: Path
) -> None:
    response = page.goto(app_url + PROFILE_URL)
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    page.locator("#race-1 summary").click()  # a race open, so that axe sees its form too
    assert console_errors == []
    assert _serious_axe_violations(page) == []
    page.screenshot(path=screenshots / "profile.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=screenshots / "profile-phone.png", full_page=True)


def test_a_field_is_edited_and_a_race_added_by_keyboard_alone(
    page: Page, app_url: str, app_db: str, console_errors: list[str], screenshots: Path
) -> None:
    page.goto(app_url + PROFILE_URL)
    _tab_to(page, "#p-body_mass_kg")
    page.keyboard.press("Control+A")
    page.keyboard.type("64.5")
    _tab_to(page, "form.profile button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Profile saved.")
    expect(page.locator("#p-body_mass_kg")).to_have_value("64.5")

    _tab_to(page, "#race-new summary")
    page.keyboard.press("Enter")  # opens the form
    _tab_to(page, "#race-new-name")
    page.keyboard.type("Harbour Half")
    page.keyboard.press("Tab")
    page.keyboard.type("03142027")  # the date field, month/day/year in this browser's locale
    _tab_to(page, "#race-new-distance")  # past the date's own parts
    page.keyboard.press("h")  # the distance list, by its first letter: half marathon
    expect(page.locator("#race-new-distance")).to_have_value("half")
    _tab_to(page, "#race-new-goal_time")
    page.keyboard.type("1:45:00")
    _tab_to(page, "#race-new-form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Race added.")
    expect(page.locator("details.race").nth(1)).to_contain_text("2027-03-14 · half marathon")
    page.screenshot(path=screenshots / "profile-saved.png", full_page=True)

    athlete = parse_profile_text(_stored(app_db), "stored")
    assert athlete.body_mass_kg == 64.5
    assert [(r.name, r.date.isoformat(), r.goal_time_s) for r in athlete.races] == [
        ("Lakeside Marathon", "2027-02-10", None), ("Harbour Half", "2027-03-14", 6300),
    ]  # fmt: skip
    assert console_errors == []


def test_a_refused_goal_time_shows_by_its_field_and_stores_nothing(
    page: Page, app_url: str, app_db: str, console_errors: list[str], screenshots: Path
) -> None:
    before, text = row_counts(app_db), _stored(app_db)
    page.goto(app_url + PROFILE_URL)
    race = page.locator("details.race").first
    race.locator("summary").click()
    race.get_by_label("Goal time").fill("fast")
    race.get_by_role("button", name="Save race").click()
    error = page.locator("details.race[open] .error")
    expect(error).to_have_text("'fast' is not a time (expected H:MM:SS or MM:SS)")
    expect(page.locator("details.race[open]").get_by_label("Goal time")).to_have_value("fast")
    page.locator("details.race[open]").screenshot(path=screenshots / "profile-race-error.png")
    assert _serious_axe_violations(page) == []
    assert row_counts(app_db) == before and _stored(app_db) == text
    assert [e for e in console_errors if NETWORK_422 not in e] == []
