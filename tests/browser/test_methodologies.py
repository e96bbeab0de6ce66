"""A coach's own methodology in a real Chromium: a file with refused values shows every
key under the upload, a good one is stored, applied to the athlete the coach may edit,
and the athlete's Plan page names it; the page passes axe, on a desktop and a phone."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from stridelift.services import accounts, coaching
from stridelift.services.demo_data import DEMO_NAME
from stridelift.services.workspace import opened
from tests.accounts import PASSWORD
from tests.browser.test_coaching import _log_in
from tests.browser.test_pages import PHONE, _serious_axe_violations
from tests.web_app import NOW, seeded_db

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture(scope="module")
def app_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo athlete with their user demo, and coach cat with an edit grant to them."""
    url = seeded_db(tmp_path_factory.mktemp("methodologies"))
    with opened(url) as store:
        accounts.add_user(store, "demo", PASSWORD, "athlete", DEMO_NAME, NOW)
        accounts.add_user(store, "cat", PASSWORD, "coach", None, NOW)
        coaching.grant_as_admin(store, "cat", DEMO_NAME, "edit", NOW)
    return url


def test_a_coach_uploads_a_methodology_applies_it_and_the_plan_names_it(
    page: Page, app_url: str, screenshots: Path
) -> None:
    page.goto(app_url + "/account/coaching")
    _log_in(page, "cat")
    page.get_by_role("link", name="Your methodologies").click()
    expect(page.get_by_role("heading", name="Upload a methodology")).to_be_visible()

    page.get_by_label("Name").fill("tempo")
    page.locator("#m-file").set_input_files(FIXTURES / "coach_bad.toml")
    page.get_by_role("button", name="Upload").click()
    errors = page.get_by_role("alert", name="What the file got wrong").get_by_role("listitem")
    expect(errors).to_have_text([
        "strength.phase.strength.sets: 'four' is not a whole number 1-8",
        "strength.minutes.min: 5 is not a whole number 10-120",
        "load.planned_rpe.easy: 40 is not a number between 1 and 10",
    ])  # fmt: skip
    expect(page.get_by_label("Name")).to_have_value("tempo")
    assert _serious_axe_violations(page) == []
    page.screenshot(path=screenshots / "methodologies-refused.png", full_page=True)

    page.locator("#m-file").set_input_files(FIXTURES / "coach_tempo.toml")
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("status")).to_have_text("Stored tempo, version 1.")
    expect(page.get_by_role("cell", name="Tempo block")).to_be_visible()
    assert _serious_axe_violations(page) == []
    page.screenshot(path=screenshots / "methodologies-stored.png", full_page=True)

    page.get_by_label(f"Methodology for {DEMO_NAME}").select_option("coach:tempo")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("#plan-methodology")).to_have_text("Methodology: coach:tempo, version 1")
    page.screenshot(path=screenshots / "methodologies-plan.png")

    page.goto(app_url + f"/a/{DEMO_NAME}/profile")
    chosen = page.get_by_label(f"Plan {DEMO_NAME} with one of yours")
    expect(chosen).to_have_value("coach:tempo")
    expect(page.get_by_label("Methodology", exact=True)).to_have_value("coach:tempo")
    chosen.scroll_into_view_if_needed()
    page.screenshot(path=screenshots / "methodologies-profile.png")

    page.goto(app_url + "/account/methodologies")
    expect(page.get_by_role("cell", name=f"{DEMO_NAME} (v1)")).to_be_visible()
    page.set_viewport_size(PHONE)
    assert _serious_axe_violations(page) == []
    page.screenshot(path=screenshots / "methodologies-phone.png", full_page=True)
