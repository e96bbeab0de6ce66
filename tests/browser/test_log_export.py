"""The Log and Export pages in Chromium: clean loads, axe, an upload by file input and by
drag and drop, a lift logged by form, and the calendar downloaded and parsed."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from stridelift.services.demo_data import DEMO_NAME
from tests.browser.test_pages import PHONE, _serious_axe_violations, console_errors
from tests.web_app import row_counts

__all__ = ["console_errors"]  # the fixture, shared with the Today page's tests

LOG_URL = f"/a/{quote(DEMO_NAME)}/log"
EXPORT_URL = f"/a/{quote(DEMO_NAME)}/export"
NETWORK_422 = "the server responded with a status of 422"


@pytest.mark.parametrize(
    ("name", "url"),
    [("log", LOG_URL), ("export", EXPORT_URL), ("log-new-athlete", "/a/Ann/log"),
     ("export-new-athlete", "/a/Ann/export")],
)  # fmt: skip
def test_the_log_and_export_pages_load_clean_and_pass_axe(
    page: Page, app_url: str, console_errors: list[str], screenshots: Path, name: str, url: str
) -> None:
    response = page.goto(app_url + url)
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    assert console_errors == []
    assert _serious_axe_violations(page) == []
    page.screenshot(path=screenshots / f"{name}.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=screenshots / f"{name}-phone.png", full_page=True)


def test_a_real_fit_file_uploads_and_shows_in_the_history_and_on_the_calendar(
    page: Page, app_url: str, activities_dir: Path, console_errors: list[str], screenshots: Path
) -> None:
    page.goto(app_url + LOG_URL)
    page.locator("#upload-files").set_input_files(activities_dir / "fit" / "garmin-fenix-5-run.fit")
    page.get_by_role("button", name="Upload").click()
    expect(page.locator(".result")).to_have_text("Stored: garmin-fenix-5-run.fit: 1 run")
    page.screenshot(path=screenshots / "log-uploaded.png", full_page=True)
    page.locator("#since").fill("2000-01-01")  # the file is years older than the demo log
    page.locator("#until").fill("2025-12-31")
    page.get_by_role("button", name="Show").click()
    expect(page.locator(".entry .source").first).to_be_visible()
    expect(page.locator("#history")).to_contain_text("imported from garmin-fenix-5-run.fit")
    entry = page.locator(".entry", has_text="imported from garmin-fenix-5-run.fit")
    day = entry.locator(".day").inner_text()
    page.goto(f"{app_url}/a/{quote(DEMO_NAME)}/plan?week={day}")
    run = page.locator(f'td[data-date="{day}"] .fc-daygrid-event.st-logged')
    expect(run).to_contain_text("run")
    page.screenshot(path=screenshots / "plan-uploaded-run.png", full_page=True)
    assert console_errors == []


def test_a_file_dropped_on_the_zone_uploads_and_a_second_drop_is_a_duplicate(
    page: Page, app_url: str, activities_dir: Path, console_errors: list[str]
) -> None:
    data = base64.b64encode((activities_dir / "fit" / "treadmill.fit").read_bytes()).decode()
    page.goto(app_url + LOG_URL)
    drop = """([data, name]) => {
        const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
        const files = new DataTransfer();
        files.items.add(new File([bytes], name));
        const zone = document.querySelector(".drop");
        zone.dispatchEvent(new DragEvent("drop", {dataTransfer: files, bubbles: true}));
    }"""
    for expected in ("Stored: treadmill.fit: 1 run", "Duplicate, not stored: treadmill.fit"):
        page.evaluate(drop, [data, "treadmill.fit"])
        page.get_by_role("button", name="Upload").click()
        expect(page.locator(".result")).to_contain_text(expected)
    assert console_errors == []


def test_a_lift_is_logged_in_the_set_syntax_and_shows_first_in_the_history(
    page: Page, app_url: str, app_db: str, screenshots: Path
) -> None:
    before = row_counts(app_db)["strength_sets"]
    page.goto(app_url + LOG_URL)
    page.get_by_label("Sets, typed").fill("goblet_squat:10x22.5*3")
    page.locator("#log-lift").get_by_label(re.compile("^Session")).fill("C")
    page.get_by_role("button", name="Log strength session").click()
    expect(page.get_by_role("status")).to_contain_text("Strength session logged.")
    first = page.locator(".entry").first
    expect(first).to_contain_text("Strength session C")
    expect(first).to_contain_text("goblet squat 3 x 10 @ 22.5 kg")
    page.screenshot(path=screenshots / "log-lift-logged.png", full_page=True)
    assert row_counts(app_db)["strength_sets"] == before + 3


def test_a_bad_set_shows_its_error_by_the_field(
    page: Page, app_url: str, app_db: str, console_errors: list[str], screenshots: Path
) -> None:
    before = row_counts(app_db)
    page.goto(app_url + LOG_URL)
    page.get_by_label("Sets, typed").fill("goblet_sqat:10")
    page.get_by_role("button", name="Log strength session").click()
    expect(page.locator("#lift-sets-err")).to_contain_text("unknown exercise 'goblet_sqat'")
    page.locator("#log-lift").screenshot(path=screenshots / "log-lift-error.png")
    assert row_counts(app_db) == before
    assert [e for e in console_errors if NETWORK_422 not in e] == []


def test_the_calendar_downloads_and_parses(page: Page, app_url: str, tmp_path: Path) -> None:
    page.goto(app_url + EXPORT_URL)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download ICS").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    calendar = Calendar.from_ical(path.read_bytes())
    events = calendar.walk("VEVENT")
    assert path.name == "stridelift-demo-runner.ics"
    assert len(events) > 20
    assert all(str(e["UID"]).endswith("@stridelift") for e in events)
    feed = page.get_by_label("Calendar address")
    expect(feed).to_have_value(f"{app_url}/a/{quote(DEMO_NAME)}/plan.ics")
