"""Comments on planned sessions, and what a view grant's pages show (issue 14): the athlete
and an edit coach comment on the Plan page's session details (with and without htmx), the
athlete reads them there and on Today; a view coach sees no edit control and cannot write."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest

from stridelift.services import accounts, coaching
from stridelift.services.demo_data import DEMO_NAME
from stridelift.services.workspace import opened
from tests.accounts import PASSWORD, cheap_hasher
from tests.e2e.test_web_accounts import _token, client, login, users
from tests.web_app import NOW, row_counts

hasher_fixture = cheap_hasher
users_fixture = users
pytestmark = pytest.mark.usefixtures("cheap_hasher")
BASE = f"/a/{quote(DEMO_NAME)}"
DETAILS = f"{BASE}/plan/sessions/2026-12-02/1"  # today's easy run
API = f"/api/v1/a/{quote(DEMO_NAME)}/plan/sessions/2026-12-02/1/comments"
HTMX = {"HX-Request": "true"}


@pytest.fixture
def team(users: str) -> str:
    """The demo athlete (user demo), coach cat with an edit grant, coach vic with a view one."""
    with opened(users) as store:
        for name in ("cat", "vic"):
            accounts.add_user(store, name, PASSWORD, "coach", None, NOW)
        coaching.grant_as_admin(store, "cat", DEMO_NAME, "edit", NOW)
        coaching.grant_as_admin(store, "vic", DEMO_NAME, "view", NOW)
    return users


def _comment(c: Any, text: str, headers: dict[str, str] | None = None) -> Any:
    form = {"text": text, "_csrf_token": _token(c)}
    return c.post(DETAILS + "/comments", data=form, headers=headers, follow_redirects=False)


def test_the_athlete_comments_without_javascript_and_reads_it_on_plan_and_today(
    team: str,
) -> None:
    with client(team) as c:
        login(c, "demo")
        answer = _comment(c, "Legs felt heavy,\nkept it easy.")
        assert answer.status_code == 303
        assert answer.headers["location"] == DETAILS + "#comments"
        details = c.get(DETAILS).text
        today = c.get(f"{BASE}/today").text
    for page in (details, today):
        assert "Legs felt heavy,\nkept it easy." in page
        assert "<strong>demo</strong>" in page and "02 Dec 2026 10:00 UTC" in page


def test_an_edit_coach_comments_with_htmx_and_the_athlete_sees_who_wrote_it(team: str) -> None:
    with client(team) as c:
        login(c, "cat")
        answer = _comment(c, "Keep the pace conversational.", HTMX)
    assert answer.status_code == 200
    assert answer.text.lstrip().startswith('<section class="comments" id="comments"')
    assert "<strong>cat</strong>" in answer.text and "Keep the pace conversational." in answer.text
    with client(team) as c:
        login(c, "demo")
        today = c.get(f"{BASE}/today").text
    assert "<strong>cat</strong>" in today and "Keep the pace conversational." in today


def test_a_comment_is_shown_as_text_never_as_markup(team: str) -> None:
    with client(team) as c:
        login(c, "demo")
        _comment(c, "<script>alert('x')</script> & <b>bold</b>")
        pages = [c.get(DETAILS).text, c.get(f"{BASE}/today").text]
    for page in pages:
        assert (
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
        )
        assert "<script>alert" not in page and "<b>bold" not in page


@pytest.mark.parametrize(("text", "count"), [("", 0), ("   \n ", 0), ("x" * 2001, 2001)])
def test_an_empty_or_too_long_comment_is_refused_in_one_line_and_nothing_is_stored(
    team: str, text: str, count: int
) -> None:
    line = f"write 1 to 2000 characters (this has {count})"
    with client(team) as c:
        login(c, "demo")
        before = row_counts(team)
        page = _comment(c, text)
        fragment = _comment(c, text, HTMX)
        api = c.post(API, json={"text": text}, headers={"x-csrftoken": _token(c)})
        assert row_counts(team) == before
    assert page.status_code == 422 and line in page.text and 'aria-invalid="true"' in page.text
    assert fragment.status_code == 422 and line in fragment.text
    assert (api.status_code, api.json()) == (422, {"field": "text", "detail": line})


def test_2000_characters_are_accepted(team: str) -> None:
    with client(team) as c:
        login(c, "demo")
        assert _comment(c, "y" * 2000).status_code == 303
        assert "y" * 2000 in c.get(DETAILS).text


def test_a_comment_without_the_csrf_token_is_refused(team: str) -> None:
    with client(team) as c:
        login(c, "demo")
        before = row_counts(team)
        answer = c.post(DETAILS + "/comments", data={"text": "hi"}, follow_redirects=False)
        assert answer.status_code == 403
        assert row_counts(team) == before


def test_a_view_coach_reads_comments_but_cannot_write_one(team: str) -> None:
    with client(team) as c:
        login(c, "demo")
        _comment(c, "From the athlete")
    with client(team) as c:
        login(c, "vic")
        before = row_counts(team)
        page = _comment(c, "From a view coach")
        api = c.post(API, json={"text": "From a view coach"}, headers={"x-csrftoken": _token(c)})
        assert row_counts(team) == before
        assert page.status_code == 404 and api.status_code == 404
        details = c.get(DETAILS).text
        listed = c.get(API).json()
    assert "From the athlete" in details and 'name="text"' not in details
    assert [x["text"] for x in listed] == ["From the athlete"]


def test_the_api_lists_and_adds_comments_on_the_sessions_kind_and_name(team: str) -> None:
    with client(team) as c:
        login(c, "cat")
        assert c.get(API).json() == []
        added = c.post(API, json={"text": "  Strides at the end  "},
                       headers={"x-csrftoken": _token(c)})  # fmt: skip
        listed = c.get(API).json()
        other = c.get(API.replace("/1/comments", "/2/comments")).json()
        missing = c.get(API.replace("/1/comments", "/9/comments"))
    assert added.status_code == 201
    body = added.json()
    assert (body["day"], body["kind"], body["name"], body["author"], body["text"]) == (
        "2026-12-02",
        "run",
        "easy",
        "cat",
        "Strides at the end",
    )
    assert listed == [body] and other == []
    assert missing.status_code == 404 and "no session 9" in missing.json()["detail"]


# What a view grant's pages show ----------------------------------------------------------

EDIT_CONTROLS = {
    "/today": ["Mark done", "Save check-in"],
    "/plan": ['action="/a/Demo%20Runner/plan/busy"', 'data-editable="true"'],
    "/plan/sessions/2026-12-02/1": ["Move to", 'name="text"'],
    "/log": ["Upload", "Log run", "Log strength session"],
    "/profile": ["Save profile", "Add race", "Save race"],
    "/replan": ['action="/a/Demo%20Runner/replan/preview"'],
}


@pytest.mark.parametrize("path", list(EDIT_CONTROLS))
def test_a_view_coach_sees_no_edit_control_and_the_view_only_badge(team: str, path: str) -> None:
    with client(team) as c:
        login(c, "vic")
        viewed = c.get(BASE + path)
    with client(team) as c:
        login(c, "cat")
        edited = c.get(BASE + path)
    assert viewed.status_code == edited.status_code == 200
    assert ">view only</span>" in viewed.text and ">view only</span>" not in edited.text
    for control in EDIT_CONTROLS[path]:
        assert control in edited.text, control
        assert control not in viewed.text, control
    if path == "/plan":
        assert 'data-editable="false"' in viewed.text
