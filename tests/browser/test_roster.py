"""The coach's roster and board, and session comments, in a real Chromium: the roster
loads without console errors and passes axe, its columns sort by link, the board is
usable at a phone's width, and a comment added on the Plan page's session details is
shown on Today."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from stridelift.domain.activity import CheckIn, PainReport
from stridelift.services import accounts, coaching
from stridelift.services.athletes import add_athlete
from stridelift.services.demo_data import DEMO_NAME
from stridelift.services.starter import starter_profile
from stridelift.services.workspace import opened
from tests.accounts import PASSWORD
from tests.browser.test_pages import PHONE, _serious_axe_violations, console_errors
from tests.web_app import NOW, TODAY_URL, seeded_db

console_errors_fixture = console_errors
PLAN_URL = f"/a/{quote(DEMO_NAME)}/plan"


@pytest.fixture(scope="module")
def app_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo athlete (user demo) and Ann (sore knee, no stored plan); coach cat with an
    edit grant to the demo athlete and a view grant to Ann."""
    folder = tmp_path_factory.mktemp("roster")
    url = seeded_db(folder)
    profile = folder / "ann.toml"
    profile.write_text(starter_profile("Ann", "recreational", None, "half", 180), encoding="utf-8")
    with opened(url) as store:
        add_athlete(store, profile, NOW)
        with store.transaction() as repo:
            ann = repo.athlete_by_name("Ann")
            assert ann is not None
            day = NOW.date() - timedelta(days=1)
            knee = (PainReport("knee", 5, "left"),)
            repo.add_checkin(ann.id, CheckIn(day=day, soreness=8, pain=knee), NOW)
        accounts.add_user(store, "demo", PASSWORD, "athlete", DEMO_NAME, NOW)
        accounts.add_user(store, "cat", PASSWORD, "coach", None, NOW)
        coaching.grant_as_admin(store, "cat", DEMO_NAME, "edit", NOW)
        coaching.grant_as_admin(store, "cat", "Ann", "view", NOW)
    return url


def _log_in(page: Page, app_url: str, username: str, target: str) -> None:
    page.goto(app_url + target)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(app_url + target)


def _athletes(page: Page) -> list[str]:
    return [
        n.strip() for n in page.locator("table.roster tbody th > a:first-child").all_inner_texts()
    ]


def test_the_roster_loads_passes_axe_and_sorts_by_its_headings(
    page: Page, app_url: str, console_errors: list[str], screenshots: Path
) -> None:
    _log_in(page, app_url, "cat", "/coach")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your athletes")
    assert _athletes(page) == ["Ann", DEMO_NAME]  # Ann's knee first
    expect(page.get_by_text("pain: left knee 5/10")).to_be_visible()
    assert console_errors == []
    assert _serious_axe_violations(page) == []
    page.screenshot(path=screenshots / "roster.png", full_page=True)

    page.get_by_role("link", name="Next race").click()
    expect(page).to_have_url(app_url + "/coach?sort=race")
    header = page.get_by_role("columnheader", name=re.compile("Next race"))
    expect(header).to_have_attribute("aria-sort", "ascending")
    assert _athletes(page) == [DEMO_NAME, "Ann"]  # Ann has no race: last
    sort_link = page.locator("table.roster thead").get_by_role("link", name=re.compile("^Athlete"))
    sort_link.click()
    expect(page).to_have_url(app_url + "/coach?sort=athlete")
    sort_link.click()  # again: descending
    expect(page).to_have_url(app_url + "/coach?sort=athlete&dir=desc")
    expect(page.get_by_role("columnheader", name=re.compile("^Athlete"))).to_have_attribute(
        "aria-sort", "descending"
    )
    assert _athletes(page) == [DEMO_NAME, "Ann"]
    assert _serious_axe_violations(page) == []
    page.set_viewport_size(PHONE)
    sort_by = page.get_by_role("navigation", name="Sort by")
    expect(sort_by).to_be_visible()  # a phone hides the headings: the sort links show
    sort_by.get_by_role("link", name="Check-in flags").click()
    expect(page).to_have_url(app_url + "/coach?sort=flags")
    assert _athletes(page) == ["Ann", DEMO_NAME]
    assert _serious_axe_violations(page) == []
    page.screenshot(path=screenshots / "roster-phone.png", full_page=True)
    page.get_by_role("link", name=DEMO_NAME, exact=True).click()
    expect(page).to_have_url(app_url + TODAY_URL)


def test_the_board_is_readable_at_a_phones_width(
    page: Page, app_url: str, console_errors: list[str], screenshots: Path
) -> None:
    _log_in(page, app_url, "cat", "/coach/board")
    page.screenshot(path=screenshots / "board.png", full_page=True)
    page.set_viewport_size(PHONE)
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=DEMO_NAME, exact=True))
    expect(row).to_be_visible()
    expect(row.get_by_role("link", name="Easy run").first).to_be_visible()
    ann = page.get_by_role("row").filter(has=page.get_by_role("link", name="Ann", exact=True))
    expect(ann).to_contain_text("No stored plan yet")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    assert console_errors == []
    assert _serious_axe_violations(page) == []
    page.screenshot(path=screenshots / "board-phone.png", full_page=True)


def test_a_comment_added_on_the_plan_pages_details_shows_on_today(
    page: Page, app_url: str, console_errors: list[str], screenshots: Path
) -> None:
    _log_in(page, app_url, "cat", PLAN_URL)
    # The week list's link to today's easy run opens its details beside the calendar.
    page.locator('a[href$="/plan/sessions/2026-12-02/1"]').first.click()
    details = page.locator("#details")
    expect(details.get_by_role("heading", name=re.compile("Comments"))).to_be_visible()
    details.get_by_label("Add a comment").fill("Keep it <b>conversational</b> today.")
    details.get_by_role("button", name="Comment").click()
    expect(details.locator(".comment-text")).to_have_text("Keep it <b>conversational</b> today.")
    expect(details.locator(".comment-meta")).to_contain_text("cat")
    assert _serious_axe_violations(page) == []
    page.screenshot(path=screenshots / "plan-comment.png", full_page=True)
    page.goto(app_url + TODAY_URL)
    comment = page.locator(".session .comment-text")
    expect(comment).to_have_text("Keep it <b>conversational</b> today.")
    assert console_errors == []
    page.screenshot(path=screenshots / "today-comment.png", full_page=True)
