"""Logging in and out in a real Chromium, by keyboard: the login page passes axe, a login
lands on Today, the nav names the user, and Log out ends the session."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from stridelift.services import accounts
from stridelift.services.demo_data import DEMO_NAME
from stridelift.services.workspace import opened
from tests.accounts import PASSWORD
from tests.browser.test_pages import PHONE, _serious_axe_violations
from tests.web_app import NOW, TODAY_URL, seeded_db


@pytest.fixture(scope="module")
def app_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo athlete and their user account (accounts mode)."""
    url = seeded_db(tmp_path_factory.mktemp("login"))
    with opened(url) as store:
        accounts.add_user(store, "demo", PASSWORD, "athlete", DEMO_NAME, NOW)
    return url


def test_the_login_page_passes_axe_and_looks_right(
    page: Page, app_url: str, screenshots: Path
) -> None:
    page.goto(app_url + "/")
    expect(page).to_have_url(re.compile(r"/login\?next=%2F$"))
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    assert _serious_axe_violations(page) == []
    page.screenshot(path=screenshots / "login.png", full_page=True)
    page.get_by_label("Username").fill("demo")
    page.get_by_label("Password").fill("not the password")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_have_text("the username or password is wrong")
    assert _serious_axe_violations(page) == []
    page.screenshot(path=screenshots / "login-error.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=screenshots / "login-phone.png", full_page=True)


def test_log_in_by_keyboard_see_today_and_log_out(
    page: Page, app_url: str, screenshots: Path
) -> None:
    page.goto(app_url + TODAY_URL)
    expect(page.get_by_label("Username")).to_be_focused()  # autofocus: type straight away
    page.keyboard.type("demo")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(app_url + TODAY_URL)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Today")
    expect(page.get_by_text("signed in as")).to_contain_text("demo")
    assert _serious_axe_violations(page) == []
    page.screenshot(path=screenshots / "today-signed-in.png")
    page.get_by_role("button", name="Log out").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(app_url + "/login")
    page.goto(app_url + TODAY_URL)
    expect(page).to_have_url(re.compile(r"/login\?next="))


def test_an_htmx_form_after_the_session_ended_goes_to_the_login_and_back(
    page: Page, app_url: str, app_db: str
) -> None:
    page.goto(app_url + TODAY_URL)
    page.get_by_label("Username").fill("demo")
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(app_url + TODAY_URL)
    with opened(app_db) as store:  # the same password again: every session ends
        accounts.set_password(store, "demo", PASSWORD, NOW)
    page.get_by_role("button", name="Save check-in").click()
    expect(page).to_have_url(re.compile(r"/login\?next=%2Fa%2FDemo%2520Runner%2Ftoday$"))
    page.get_by_label("Username").fill("demo")
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(app_url + TODAY_URL)
