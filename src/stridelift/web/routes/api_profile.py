"""The Profile page's API under /api/v1: the profile as JSON, replaced whole, and its races.

The body is the profile's keys as docs/profile.md lists them (dates and times as text);
it is written as TOML and checked by the same parser as a profile file. A refused value
answers 422 ``{"field": "races[1].date", "detail": ...}`` and stores nothing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

import msgspec
from litestar import Request, Response, delete, get, post, put
from litestar.exceptions import NotFoundException, ValidationException
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_422_UNPROCESSABLE_ENTITY

from stridelift.errors import UsageError
from stridelift.services import profile_edit
from stridelift.services.athletes import StoredAthlete
from stridelift.services.profiles import ProfileValueError
from stridelift.web.context import Web, WebContext
from stridelift.web.guard import Who, athlete_api
from stridelift.web.routes.api import usage_error


class Day(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """One weekday: may it hold a run, a strength session, and its minutes (0-600)."""

    run: bool | None = None
    strength: bool | None = None
    minutes: int | None = None


class SlotTimes(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """The clock times (HH:MM) the am and pm slots stand for in calendars."""

    am: str | None = None
    pm: str | None = None


class RecentResult(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """A recent race or time trial: distance (5k, 10k, half, marathon or km), HH:MM:SS,
    YYYY-MM-DD."""

    distance: str | float
    time: str
    date: str


class RaceBody(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """A race: date YYYY-MM-DD; distance 5k, 10k, half, marathon or ultra (with
    distance_km); priority A or B; goal_time H:MM:SS or MM:SS; terrain road or trail."""

    name: str
    date: str
    distance: str
    distance_km: float | None = None
    priority: str | None = None
    goal_time: str | None = None
    elevation_gain_m: float | None = None
    terrain: str | None = None


class ProfileBody(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """The athlete profile (docs/profile.md): null or left out means the key's default."""

    name: str
    level: str
    body_mass_kg: float
    weekly_run_minutes: float | None = None
    weekly_run_km: float | None = None
    units: str | None = None
    equipment: list[str] | None = None
    strategy: str | None = None
    session_minutes: int | None = None
    long_run_day: str | None = None
    new_to_strength: bool | None = None
    longest_recent_run_minutes: int | None = None
    slot_times: SlotTimes | None = None
    methodology: str | None = None
    availability: dict[str, Day] | None = None
    races: list[RaceBody] | None = None
    recent_result: RecentResult | None = None


def _given(value: Any) -> Any:
    """A body's builtins without the keys sent as null (the profile's defaults apply)."""
    if isinstance(value, dict):
        return {k: _given(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_given(v) for v in value]
    return value


def _body(who: StoredAthlete) -> ProfileBody:
    return msgspec.convert(profile_edit.profile_values(who.profile_text), ProfileBody)


def _store(
    web: WebContext, who: StoredAthlete, change: Callable[[dict[str, Any]], dict[str, Any]]
) -> ProfileBody:
    """Store the changed profile; the stored profile as the API shows it."""
    try:
        stored = profile_edit.edit_profile(web.workspace(), who.name, change, today=web.today(),
                                           now=web.now())  # fmt: skip
    except ProfileValueError:
        raise  # a refused value: 422 by profile_error
    except UsageError as exc:  # no race of that number (or, renamed meanwhile, no athlete)
        raise NotFoundException(str(exc)) from None
    return _body(stored)


def _race(race: RaceBody) -> dict[str, Any]:
    race_values: dict[str, Any] = _given(msgspec.to_builtins(race))
    return race_values


@get("/profile", sync_to_thread=True)
def api_profile(who: Who) -> ProfileBody:
    """The stored profile, every key (null: not written, its default applies)."""
    return _body(who)


@put("/profile", sync_to_thread=True)
def api_profile_put(web: Web, who: Who, data: JSONBody[ProfileBody]) -> ProfileBody:
    """Replace the profile whole (the name may change); the plan is made again from it on
    the next read of today or the plan. Returns the stored profile."""
    values = _given(msgspec.to_builtins(data))
    return _store(web, who, lambda _: values)


@post("/races", sync_to_thread=True, status_code=201)
def api_race_add(web: Web, who: Who, data: JSONBody[RaceBody]) -> ProfileBody:
    """Add a race; 201 with the stored profile (the race is the last of ``races``)."""
    return _store(web, who, functools.partial(profile_edit.with_race, race=_race(data), index=None))


@put("/races/{index:int}", sync_to_thread=True)
def api_race_put(web: Web, who: Who, index: FromPath[int], data: JSONBody[RaceBody]) -> ProfileBody:
    """Replace ``races[index]`` (1-based, as errors count them); the stored profile."""
    return _store(
        web, who, functools.partial(profile_edit.with_race, race=_race(data), index=index)
    )


@delete("/races/{index:int}", sync_to_thread=True, status_code=200)
def api_race_delete(web: Web, who: Who, index: FromPath[int]) -> ProfileBody:
    """Remove ``races[index]`` (1-based); the stored profile."""
    return _store(web, who, functools.partial(profile_edit.without_race, index=index))


def profile_error(_: Request[Any, Any, Any], exc: ProfileValueError) -> Response[dict[str, Any]]:
    """A refused profile value: 422 naming its key, and every refused value in ``errors``."""
    errors = [{"field": k, "detail": d} for k, d in ((exc.key, exc.detail), *exc.also)]
    return Response({"field": exc.key, "detail": exc.detail, "errors": errors},
                    status_code=HTTP_422_UNPROCESSABLE_ENTITY)  # fmt: skip


def _body_field(key: str, message: str) -> str:
    """The profile key a body error is about, counted from 1 like the parser's errors:
    (``races[0]``, "unknown field `x`") -> ``races[1].x``."""
    key = re.sub(r"\[(\d+)\]", lambda m: f"[{int(m[1]) + 1}]", key.removeprefix("data"))
    named = re.search(r"field `([^`]+)`", message)
    if named is not None:
        key = f"{key}.{named[1]}" if key else named[1]
    return key or "body"


def body_error(_: Request[Any, Any, Any], exc: ValidationException) -> Response[dict[str, str]]:
    """A body of the wrong shape (a missing key, text for a number): 422 naming the key."""
    found = exc.extra[0] if isinstance(exc.extra, list) and exc.extra else {}
    found = found if isinstance(found, dict) else {}
    message = str(found.get("message", exc.detail))
    field = _body_field(str(found.get("key", "")), message)
    return Response({"field": field, "detail": message}, status_code=HTTP_422_UNPROCESSABLE_ENTITY)


router = athlete_api(
    api_profile, api_profile_put, api_race_add, api_race_put, api_race_delete,
    exception_handlers={ProfileValueError: profile_error, UsageError: usage_error,
                        ValidationException: body_error},
)  # fmt: skip
