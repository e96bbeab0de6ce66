"""The one check every athlete route goes through: may this request touch this athlete?

Single-user mode (this stage) has no accounts, so the answer rests on two facts: the
request comes from this machine (a loopback client: the server binds loopback only),
and the athlete named in the path is stored. Accounts (issue 14) will add "and the
signed-in user may see this athlete" here, in this one place; tests/unit/test_web_routes.py
enumerates the app's routes so that no route can skip the guard.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from litestar import Router
from litestar.connection import ASGIConnection
from litestar.di import NamedDependency, Provide
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.handlers import BaseRouteHandler

from stridelift.errors import UsageError
from stridelift.services.athletes import StoredAthlete, find_athlete
from stridelift.web.api_errors import declare_errors
from stridelift.web.context import WebContext

ATHLETE_PARAM = "athlete"


def is_loopback(host: str | None) -> bool:
    """True for 127.0.0.0/8 and ::1 (a name such as 'localhost' is not trusted)."""
    try:
        return host is not None and ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def athlete_guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:  # type: ignore[type-arg]
    """Let the request through only from this machine and for a stored athlete.

    The athlete found is kept on the request's state for the ``athlete`` dependency.
    """
    client = connection.client
    if not is_loopback(client.host if client else None):
        raise PermissionDeniedException("single-user mode serves this machine only")
    name = connection.path_params.get(ATHLETE_PARAM)
    web: WebContext = connection.app.state.web
    try:
        who = find_athlete(web.workspace(), str(name))
    except UsageError as exc:
        raise NotFoundException(str(exc).removeprefix("--athlete: ")) from None
    connection.state.athlete = who


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
