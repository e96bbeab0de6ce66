"""The pages in a real Chromium: they load clean, pass axe, and their forms work by mouse
and by keyboard; screenshots of each state are saved for review."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from tests.browser.conftest import AXE
from tests.web_app import TODAY_URL, row_counts

PAGES = {"home": "/", "today": TODAY_URL, "today-new-athlete": "/a/Ann/today"}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    """Every console error and uncaught exception of the page, as text."""
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def _serious_axe_violations(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_loads_without_console_errors_and_passes_axe(
    page: Page, app_url: str, console_errors: list[str], screenshots: Path, name: str
) -> None:
    response = page.goto(app_url + PAGES[name])
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    assert console_errors == []
    assert _serious_axe_violations(page) == []
    page.screenshot(path=screenshots / f"{name}.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=screenshots / f"{name}-phone.png", full_page=True)


def test_the_home_page_lists_both_athletes(page: Page, app_url: str) -> None:
    page.goto(app_url + "/")
    expect(page.get_by_role("link", name="Demo Runner")).to_be_visible()
    expect(page.get_by_role("link", name="Ann")).to_be_visible()


def test_a_session_is_marked_done_in_two_clicks(
    page: Page, app_url: str, console_errors: list[str], screenshots: Path
) -> None:
    page.goto(app_url + TODAY_URL)
    run = page.locator("#session-1")
    run.get_by_text("Mark done").click()
    run.screenshot(path=screenshots / "today-mark-done-open.png")
    run.get_by_role("button", name="Done at effort 4").click()
    card = page.locator("#session-1")
    expect(card.locator(".badge")).to_have_text("Done")
    expect(card.locator(".done-line")).to_contain_text("RPE 4")
    page.screenshot(path=screenshots / "today-run-done.png", full_page=True)
    page.reload()
    expect(page.locator("#session-1 .badge")).to_have_text("Done")
    assert console_errors == []


def test_a_session_is_marked_done_with_the_keyboard(page: Page, app_url: str) -> None:
    page.goto(app_url + TODAY_URL)
    summary = page.locator("#session-2 summary")
    summary.focus()
    page.keyboard.press("Enter")
    page.locator("#session-2 input[name=minutes]").focus()
    page.keyboard.press("Tab")  # from the minutes to the first effort button
    for _ in range(5):
        page.keyboard.press("Tab")
    expect(page.locator("#session-2 button:focus")).to_have_text("6")
    page.keyboard.press("Enter")
    expect(page.locator("#session-2 .done-line")).to_contain_text("RPE 6")


def test_a_bad_check_in_shows_the_field_error_and_stores_nothing(
    page: Page, app_url: str, app_db: str, console_errors: list[str], screenshots: Path
) -> None:
    before = row_counts(app_db)
    page.goto(app_url + TODAY_URL)
    page.get_by_label(re.compile("^Sleep hours")).fill("30")
    page.get_by_label(re.compile("^Fatigue")).fill("4")
    page.locator("#checkin button[type=submit]").click()
    error = page.locator("#ci-sleep_hours-err")
    expect(error).to_have_text("30 is out of range (expected hours 0-24)")
    expect(page.get_by_label(re.compile("^Sleep hours"))).to_have_attribute("aria-invalid", "true")
    page.screenshot(path=screenshots / "today-checkin-error.png", full_page=True)
    assert row_counts(app_db) == before
    # The 422 answer carries the form back; Chromium notes any 4xx answer in the console.
    network_note = "the server responded with a status of 422"
    assert [e for e in console_errors if network_note not in e] == []


def test_a_check_in_is_stored_and_shown(
    page: Page, app_url: str, app_db: str, screenshots: Path
) -> None:
    before = row_counts(app_db)["checkins"]
    page.goto(app_url + TODAY_URL)
    page.get_by_label(re.compile("^Sleep hours")).fill("7.5")
    page.get_by_label(re.compile("^Soreness")).fill("3")
    page.get_by_label(re.compile("^Pain")).fill("knee:2:left")
    page.locator("#checkin button[type=submit]").click()
    expect(page.locator("#checkin .stored")).to_contain_text("sleep 7.5 h")
    expect(page.locator("#checkin .stored")).to_contain_text("pain knee (left) 2/10")
    page.screenshot(path=screenshots / "today-checked-in.png", full_page=True)
    assert row_counts(app_db)["checkins"] == before + 1
