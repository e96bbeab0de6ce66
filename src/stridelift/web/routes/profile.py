"""The Profile page: every key of the athlete's profile in one form, and the races.

Each form posts the whole profile it makes to the service, which checks it with the profile
parser and stores it whole; the page then redirects back (303) saying so, or shows the
form again with each message under its field (422) and nothing stored.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import quote

from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body, FromPath, FromQuery
from litestar.response import Redirect, Template

from stridelift.domain.athlete import (
    EQUIPMENT,
    LEVELS,
    PRIORITIES,
    RACE_DISTANCES,
    RACE_DISTANCES_KM,
    STRATEGIES,
    TERRAINS,
    UNITS,
    WEEKDAYS,
)
from stridelift.errors import UsageError
from stridelift.methodologies import COACH_PREFIX, shipped_names
from stridelift.services import coach_methodologies, profile_edit
from stridelift.services.profile_edit import StaleProfileError
from stridelift.services.profiles import ProfileValueError
from stridelift.web.auth import signed_in
from stridelift.web.context import Web, WebContext
from stridelift.web.forms import FieldErrors
from stridelift.web.guard import Who, athlete_pages
from stridelift.web.profile_forms import (
    field_of,
    profile_fields,
    profile_from_form,
    race_fields,
    race_from_form,
)

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
CHOICES = {
    "levels": LEVELS, "units_choices": UNITS, "strategies": STRATEGIES, "weekdays": WEEKDAYS,
    "equipment_items": EQUIPMENT, "race_distances": RACE_DISTANCES, "priorities": PRIORITIES,
    "terrains": TERRAINS, "result_distances": tuple(RACE_DISTANCES_KM),
}  # fmt: skip
# Choices as the page words them (the rest: underscores as spaces).
SHOWN_NAMES = {
    "mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday", "fri": "Friday",
    "sat": "Saturday", "sun": "Sunday", "5k": "5K", "10k": "10K", "half": "half marathon",
}  # fmt: skip
SAVED = {
    "profile": "Profile saved.",
    "race-added": "Race added.",
    "race-saved": "Race saved.",
    "race-removed": "Race removed.",
}


def _races(values: dict[str, Any]) -> list[tuple[int, dict[str, str]]]:
    """The stored races with their place in the profile (1-based), soonest first."""
    found = [(i, race_fields(r)) for i, r in enumerate(values.get("races", []), start=1)]
    return sorted(found, key=lambda pair: (pair[1]["date"], pair[0]))


def _page(who: Who, status: int = 200, **extra: Any) -> Template:
    """The page for the profile as stored; ``extra`` holds a form's text and errors."""
    values = profile_edit.profile_values(who.profile_text)
    context: dict[str, Any] = {
        "athlete": who,
        "sent": profile_fields(values, who.athlete),
        "errors": {},
        "races": _races(values),
        "coach_methodologies": [],
        "race_errors": {},
        "race_sent": {},
        "race_open": None,
        "new_race": {"priority": "A", "terrain": "road"},
        "version": profile_edit.profile_version(who.profile_text),
        "methodologies": _methodologies(who),
        "shown_names": SHOWN_NAMES,
        **CHOICES,
    }
    context.update(extra)
    return Template("profile.html", context=context, status_code=status)


def _methodologies(who: Who) -> tuple[str, ...]:
    """The shipped methodologies, and the coach's one the athlete plans with, if any."""
    held = who.athlete.methodology
    return (*shipped_names(), held) if held.startswith(COACH_PREFIX) else shipped_names()


def _saved(name: str, what: str) -> Redirect:
    """Back to the page, at the line that says what was saved."""
    return Redirect(path=f"/a/{quote(name)}/profile?saved={what}#saved", status_code=303)


def _field_errors(exc: ProfileValueError, race: int | None = None) -> dict[str, str]:
    """Each refused value's message under its field (the first per field); a message no
    field of the form owns keeps its key, so that it says which value it is about."""
    errors = FieldErrors()
    for key, detail in ((exc.key, exc.detail), *exc.also):
        name = field_of(key, race)
        errors.add(name, f"{key}: {detail}" if name == "form" else detail)
    return errors.errors


def _store(
    web: WebContext,
    who: Who,
    change: Callable[[dict[str, Any]], dict[str, Any]],
    version: str | None,
) -> str:
    """Store the changed profile; the athlete's name afterwards (the profile may rename them)."""
    stored = profile_edit.edit_profile(web.workspace(), who.name, change, today=web.today(),
                                       now=web.now(), version=version)  # fmt: skip
    return stored.name


@get("/profile", name="profile", sync_to_thread=True)
def profile_page(
    request: Request[Any, Any, Any], web: Web, who: Who, saved: FromQuery[str | None] = None
) -> Template:
    """The profile form, the races (each with its own form) and a form to add one; for a
    coach who may edit the athlete, a form to apply one of their own methodologies."""
    where = "profile" if saved == "profile" else "races"
    return _page(who, saved=SAVED.get(saved or ""), saved_at=where,
                 coach_methodologies=_coach_methodologies(request, web))  # fmt: skip


def _coach_methodologies(request: Request[Any, Any, Any], web: Web) -> list[Any]:
    """The signed-in coach's methodologies, when they may change this athlete."""
    session = signed_in(request)
    if session is None or request.state.get("access") not in ("edit", "own"):
        return []
    return list(coach_methodologies.methodologies_of(web.workspace(), session.user))


@post("/profile", name="profile_save", sync_to_thread=True)
def profile_save(web: Web, who: Who, data: Form) -> Template | Redirect:
    """Store the profile the form describes; a refused value shows under its field."""
    try:
        name = _store(web, who, lambda stored: profile_from_form(data, stored), data.get("version"))
    except ProfileValueError as exc:
        return _page(who, 422, sent=data, errors=_field_errors(exc))
    except StaleProfileError as exc:
        return _page(who, 409, sent=data, errors={"form": str(exc).removeprefix("form: ")})
    return _saved(name, "profile")


def _race_change(
    web: WebContext, who: Who, data: dict[str, str], index: int | None, remove: bool = False
) -> Template | Redirect:
    """Add (``index`` None), replace or remove one race, and store the whole profile."""
    race = race_from_form(data)
    if remove and index is not None:
        change = functools.partial(profile_edit.without_race, index=index)
    else:
        change = functools.partial(profile_edit.with_race, race=race, index=index)
    # An added race is the last: its errors name races[N + 1].
    focus = index or len(profile_edit.profile_values(who.profile_text).get("races", [])) + 1
    where = "new" if index is None else index
    try:
        name = _store(web, who, change, data.get("version"))
    except ProfileValueError as exc:
        errors = _field_errors(exc, focus)
        return _page(who, 422, race_errors=errors, race_sent=data, race_open=where)
    except StaleProfileError as exc:
        errors = {"form": str(exc).removeprefix("form: ")}
        return _page(who, 409, race_errors=errors, race_sent=data, race_open=where)
    except UsageError as exc:  # no race ``index``
        raise NotFoundException(str(exc)) from None
    what = "race-removed" if remove else "race-added" if index is None else "race-saved"
    return _saved(name, what)


@post("/profile/races", name="race_add", sync_to_thread=True)
def race_add(web: Web, who: Who, data: Form) -> Template | Redirect:
    """Add a race to the profile."""
    return _race_change(web, who, data, None)


@post("/profile/races/{index:int}", name="race_save", sync_to_thread=True)
def race_save(web: Web, who: Who, index: FromPath[int], data: Form) -> Template | Redirect:
    """Replace race ``index`` (its place in the profile, 1-based)."""
    return _race_change(web, who, data, index)


@post("/profile/races/{index:int}/remove", name="race_remove", sync_to_thread=True)
def race_remove(web: Web, who: Who, index: FromPath[int], data: Form) -> Template | Redirect:
    """Remove race ``index`` from the profile."""
    return _race_change(web, who, data, index, remove=True)


router = athlete_pages(profile_page, profile_save, race_add, race_save, race_remove)
