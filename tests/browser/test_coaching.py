"""Coaching in a real Chromium: a coach makes an invite link, the athlete opens it in
another browser, logs in, accepts, and the coach then sees the athlete's Today page; the
coaching and invite pages pass axe, on a desktop and a phone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from stridelift.services import accounts
from stridelift.services.demo_data import DEMO_NAME
from stridelift.services.workspace import opened
from tests.accounts import PASSWORD
from tests.browser.test_pages import PHONE, _serious_axe_violations
from tests.web_app import NOW, TODAY_URL, seeded_db


@pytest.fixture(scope="module")
def app_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo athlete with their user demo, and coach cat (no athlete of her own)."""
    url = seeded_db(tmp_path_factory.mktemp("coaching"))
    with opened(url) as store:
        accounts.add_user(store, "demo", PASSWORD, "athlete", DEMO_NAME, NOW)
        accounts.add_user(store, "cat", PASSWORD, "coach", None, NOW)
    return url


def _log_in(page: Page, username: str) -> None:
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")


def test_a_coach_invites_the_athlete_accepts_and_the_coach_sees_today(
    page: Page, browser: Browser, app_url: str, screenshots: Path
) -> None:
    page.goto(app_url + "/account/coaching")
    _log_in(page, "cat")
    expect(page.get_by_role("heading", name="Invite an athlete")).to_be_visible()
    assert _serious_axe_violations(page) == []
    page.screenshot(path=screenshots / "coaching-coach-empty.png", full_page=True)
    page.get_by_label("Edit: also log").check()
    page.get_by_role("button", name="Make an invite link").click()
    link = page.get_by_label(re.compile("Your invite link")).input_value()
    assert re.fullmatch(re.escape(app_url) + r"/invite/[A-Za-z0-9_-]{43}", link)
    assert _serious_axe_violations(page) == []
    page.screenshot(path=screenshots / "coaching-invite-link.png", full_page=True)

    athlete = browser.new_context().new_page()
    athlete.goto(link)
    expect(athlete).to_have_url(re.compile(r"/login\?next=%2Finvite%2F"))
    _log_in(athlete, "demo")
    expect(athlete).to_have_url(link)
    expect(athlete.get_by_role("heading", name="Coaching invite")).to_be_visible()
    expect(athlete.get_by_text("asks to")).to_contain_text("cat asks to view and edit")
    assert _serious_axe_violations(athlete) == []
    athlete.screenshot(path=screenshots / "invite.png", full_page=True)
    athlete.set_viewport_size(PHONE)
    athlete.screenshot(path=screenshots / "invite-phone.png", full_page=True)
    athlete.get_by_role("button", name="Accept").click()
    expect(athlete).to_have_url(app_url + "/account/coaching")
    expect(athlete.get_by_role("button", name="Stop cat seeing your training")).to_be_visible()
    assert _serious_axe_violations(athlete) == []
    athlete.screenshot(path=screenshots / "coaching-athlete-phone.png", full_page=True)

    page.goto(app_url + "/account/coaching")
    expect(page.get_by_role("link", name=DEMO_NAME)).to_be_visible()
    assert _serious_axe_violations(page) == []
    page.screenshot(path=screenshots / "coaching-coach.png", full_page=True)
    page.get_by_role("link", name=DEMO_NAME).click()
    expect(page).to_have_url(app_url + TODAY_URL)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Today")
    page.screenshot(path=screenshots / "coaching-coach-today.png")

    athlete.goto(link)  # the link is used up
    expect(athlete.get_by_role("alert")).to_have_text("this invite link has been used already")
    athlete.context.close()
