"""The one check every athlete route goes through: may this request touch this athlete?

Single-user mode (no user stored) has no login, so the answer rests on two facts: the
request comes from this machine (a loopback client: the server binds loopback only), and
the athlete named in the path is stored. Accounts mode (a user exists) asks instead for
a live session whose user may see the athlete (``services.accounts.may_see``: their own
athlete, or a coach's active grant). Reading (GET, HEAD) needs view or better; every
other method needs edit or own. An athlete they may not see, or may only view when the
request would change something, is answered exactly as an unknown one (404), so the
answer does not tell who is stored.
tests/unit/test_web_routes.py enumerates the app's routes so that no route can skip it.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from litestar import Router
from litestar.connection import ASGIConnection
from litestar.di import NamedDependency, Provide
from litestar.exceptions import (
    NotAuthorizedException,
    NotFoundException,
    PermissionDeniedException,
)
from litestar.handlers import BaseRouteHandler

from stridelift.errors import UsageError
from stridelift.services.accounts import may_see
from stridelift.services.athletes import StoredAthlete, find_athlete
from stridelift.web.api_errors import declare_errors
from stridelift.web.auth import accounts_mode, signed_in
from stridelift.web.context import WebContext

ATHLETE_PARAM = "athlete"
READING = frozenset({"GET", "HEAD"})
WRITES = frozenset({"edit", "own"})


def is_loopback(host: str | None) -> bool:
    """True for 127.0.0.0/8 and ::1 (a name such as 'localhost' is not trusted)."""
    try:
        return host is not None and ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def athlete_guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:  # type: ignore[type-arg]
    """Let the request through only for an athlete it may touch (see the module's docstring).

    The athlete found is kept on the request's state for the ``athlete`` dependency.

    Raises:
        NotAuthorizedException: accounts mode and no live session (pages redirect to
            the login page, the API answers 401).
        PermissionDeniedException: single-user mode and a client not on this machine.
        NotFoundException: no such athlete, one the user may not see, or a change to one
            they may only view.
    """
    name = str(connection.path_params.get(ATHLETE_PARAM))
    web: WebContext = connection.app.state.web
    if accounts_mode(connection):
        session = signed_in(connection)
        if session is None:
            raise NotAuthorizedException("sign in first")
        who = _athlete(web, name, hide_others=True)
        access = may_see(web.workspace(), session.user, who)
        method = connection.scope.get("method", "GET")
        if access is None or (method not in READING and access not in WRITES):
            raise NotFoundException(f"no athlete named {name!r}")
        connection.state.access = access
    else:
        client = connection.client
        if not is_loopback(client.host if client else None):
            raise PermissionDeniedException("single-user mode serves this machine only")
        who = _athlete(web, name, hide_others=False)
    connection.state.athlete = who


def _athlete(web: WebContext, name: str, *, hide_others: bool) -> StoredAthlete:
    """The stored athlete of this name; the 404 lists the others in single-user mode only."""
    try:
        return find_athlete(web.workspace(), name)
    except UsageError as exc:
        detail = f"no athlete named {name!r}" if hide_others else str(exc)
        raise NotFoundException(detail.removeprefix("--athlete: ")) from None


def current_athlete(request: ASGIConnection) -> StoredAthlete:  # type: ignore[type-arg]
    """The athlete the guard resolved for this request (a dependency for handlers)."""
    who: StoredAthlete = request.state.athlete
    return who


# The handler parameter that receives the guarded athlete (by name: ``who``): a handler
# that names it says, in its signature, whose data it reads.
Who = NamedDependency[StoredAthlete]


def athlete_router(path: str, handlers: list[Any], **options: Any) -> Router:
    """A router of one athlete's routes under ``path`` (which names ``{athlete:str}``):
    every handler goes through ``athlete_guard`` and receives the athlete as ``who``. The
    pages and the API build their routers here, so none can leave the guard out."""
    return Router(
        path=path,
        guards=[athlete_guard],
        dependencies={"who": Provide(current_athlete, sync_to_thread=False)},
        route_handlers=handlers,
        **options,
    )


def athlete_pages(*handlers: Any) -> Router:
    """One athlete's pages, under /a/{athlete} (not in the API schema)."""
    return athlete_router("/a/{athlete:str}", list(handlers), tags=["pages"],
                          include_in_schema=False)  # fmt: skip


def athlete_api(*handlers: Any, exception_handlers: dict[Any, Any]) -> Router:
    """One athlete's JSON API, under /api/v1/a/{athlete}; each route's schema declares the
    errors it can answer (web/api_errors.py)."""
    declared = [declare_errors(h) for h in handlers]
    return athlete_router("/api/v1/a/{athlete:str}", declared, tags=["athlete"],
                          exception_handlers=exception_handlers)  # fmt: skip
