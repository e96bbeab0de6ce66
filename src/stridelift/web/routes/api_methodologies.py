"""The JSON API of a coach's own methodologies: list, upload, read, replace and delete under
/api/v1/coach/methodologies (the signed-in coach's own only: another coach's id is
answered as one nobody stored), and apply one to an athlete under
/api/v1/a/{athlete}/methodology (through the athlete guard: an edit grant or one's own).
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import datetime
from typing import Any

import msgspec
from litestar import Request, Response, Router, delete, get, post, put
from litestar.exceptions import NotAuthorizedException, NotFoundException, ValidationException
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, JSONBody

from stridelift.errors import UsageError
from stridelift.services import coach_methodologies as cm
from stridelift.services.accounts import User
from stridelift.web.api_errors import ATHLETE_API_ERRORS, ErrorOut, FieldErrorOut
from stridelift.web.auth import accounts_mode, signed_in
from stridelift.web.context import Web
from stridelift.web.guard import Who, athlete_api
from stridelift.web.routes.api import usage_error
from stridelift.web.routes.api_profile import body_error

AnyRequest = Request[Any, Any, Any]
OFF = "accounts are not turned on"


@dataclass
class UsedByOut:
    """An athlete the coach coaches who plans with the methodology, and at which version."""

    athlete: str
    version: int


@dataclass
class MethodologyOut:
    """One of the coach's methodologies: ``title`` is the file's own name; ``text`` the
    file (empty in lists)."""

    id: int
    name: str
    version: int
    title: str
    created_at: datetime
    updated_at: datetime
    used_by: list[UsedByOut]
    text: str


@dataclass
class MethodologiesOut:
    """The coach's methodologies, by name."""

    methodologies: list[MethodologyOut]


@dataclass
class RefusedOut:
    """A refused value: its field and what is wrong; for a file the parser refused, the
    first refused key, and every one in ``errors``."""

    field: str
    detail: str
    errors: list[FieldErrorOut] = dataclass_field(default_factory=list)


@dataclass
class AppliedOut:
    """The methodology the athlete now plans with, and whether a new plan was stored."""

    athlete: str
    methodology: str
    version: int
    plan_stored: bool


class UploadBody(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """A new methodology: its name (2-40 lower-case letters, digits, hyphens) and the
    file's TOML text (at most 256 KB)."""

    name: str
    text: str


class ReplaceBody(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """A new text for the methodology (its next version)."""

    text: str


class ApplyBody(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """What the athlete plans with: ``methodology`` a shipped name or ``coach:NAME`` of
    yours, or ``id`` one of your methodologies."""

    methodology: str | None = None
    id: int | None = None


def _shown(m: cm.CoachMethodology) -> MethodologyOut:
    return MethodologyOut(m.id, m.name, m.version, m.title, m.created_at, m.updated_at,
                          [UsedByOut(u.athlete, u.version) for u in m.used_by], m.text)  # fmt: skip


def _coach(request: AnyRequest) -> User:
    """The signed-in user (404 in single-user mode, 401 without a session)."""
    if not accounts_mode(request):
        raise NotFoundException(OFF)
    session = signed_in(request)
    if session is None:
        raise NotAuthorizedException("sign in first")
    return session.user


@get("/", sync_to_thread=True)
def api_list(request: AnyRequest, web: Web) -> MethodologiesOut:
    """The signed-in coach's methodologies (none for any other user)."""
    user = _coach(request)
    return MethodologiesOut([_shown(m) for m in cm.methodologies_of(web.workspace(), user)])


@post("/", sync_to_thread=True, status_code=201)
def api_upload(request: AnyRequest, web: Web, data: JSONBody[UploadBody]) -> MethodologyOut:
    """Store a new methodology, checked by the same parser as ``--methodology FILE``:
    every refused key in ``errors`` (422), nothing stored then."""
    user = _coach(request)
    stored = cm.upload(web.workspace(), user, data.name, data.text.encode("utf-8"), web.now())
    return _shown(stored)


@get("/{methodology_id:int}", sync_to_thread=True)
def api_read(request: AnyRequest, web: Web, methodology_id: FromPath[int]) -> MethodologyOut:
    """One of your methodologies, with its text."""
    return _shown(cm.methodology_of(web.workspace(), _coach(request), methodology_id))


@put("/{methodology_id:int}", sync_to_thread=True)
def api_replace(request: AnyRequest, web: Web, methodology_id: FromPath[int],
                data: JSONBody[ReplaceBody]) -> MethodologyOut:  # fmt: skip
    """Replace the text: the next version (athletes keep theirs until applied again)."""
    user = _coach(request)
    return _shown(cm.replace_file(web.workspace(), user, methodology_id,
                                  data.text.encode("utf-8"), web.now()))  # fmt: skip


@delete("/{methodology_id:int}", sync_to_thread=True, status_code=200)
def api_delete(request: AnyRequest, web: Web, methodology_id: FromPath[int]) -> MethodologyOut:
    """Delete one no athlete you coach plans with (409 naming them)."""
    return _shown(cm.delete(web.workspace(), _coach(request), methodology_id))


def refused(_: AnyRequest, exc: cm.MethodologyRefused) -> Response[dict[str, Any]]:
    """A refused file: 422, the first key and every one found."""
    errors = [{"field": k, "detail": d} for k, d in exc.problems]
    return Response({**errors[0], "errors": errors}, status_code=422)


def _no_such(_: AnyRequest, exc: cm.NoSuchMethodology) -> Response[dict[str, str]]:
    return Response({"detail": str(exc)}, status_code=404)


def _in_use(_: AnyRequest, exc: cm.MethodologyInUse) -> Response[dict[str, str]]:
    return Response({"detail": str(exc)}, status_code=409)


HANDLERS: dict[Any, Any] = {
    cm.MethodologyRefused: refused,
    cm.NoSuchMethodology: _no_such,
    cm.MethodologyInUse: _in_use,
    UsageError: usage_error,
    ValidationException: body_error,
}
COACH_ERRORS: dict[int, ResponseSpec] = {
    **ATHLETE_API_ERRORS,
    401: ResponseSpec(ErrorOut, description="Not signed in"),
    404: ResponseSpec(ErrorOut, description="Accounts are off, or no such methodology of yours"),
}


def _declared(handler: Any, extra: dict[int, ResponseSpec] | None = None) -> Any:
    handler.responses = {**COACH_ERRORS, **(extra or {})}
    return handler


_REFUSED = {422: ResponseSpec(RefusedOut, description="Refused: every key, nothing stored")}
coach_router = Router(
    path="/api/v1/coach/methodologies",
    route_handlers=[
        _declared(api_list),
        _declared(api_upload, _REFUSED),
        _declared(api_read),
        _declared(api_replace, _REFUSED),
        _declared(api_delete, {409: ResponseSpec(ErrorOut, description="In use")}),
    ],
    tags=["coach"],
    exception_handlers=HANDLERS,
)


_NOT_FOUND = {404: ResponseSpec(ErrorOut, description="No such athlete, or methodology of yours")}


@put("/methodology", sync_to_thread=True, responses=_NOT_FOUND)
def api_apply(request: AnyRequest, web: Web, who: Who, data: JSONBody[ApplyBody]) -> AppliedOut:
    """Plan the athlete with a shipped methodology or one of yours: the profile names it,
    the athlete keeps a copy of yours, and the plan is made again and stored."""
    if (data.methodology is None) == (data.id is None):
        raise UsageError("methodology: give either methodology (a name) or id")
    session = signed_in(request)  # None in single-user mode: a shipped methodology only
    user = session.user if session is not None else None
    done = cm.apply(web.workspace(), user, who, data.methodology or "", today=web.today(),
                    now=web.now(), tz=web.tz(), methodology_id=data.id)  # fmt: skip
    return AppliedOut(done.athlete, done.methodology, done.version, done.plan_stored)


apply_router = athlete_api(api_apply, exception_handlers=HANDLERS)
