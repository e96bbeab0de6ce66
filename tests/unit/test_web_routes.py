"""Every route of the web app either touches no athlete's data or goes through the guard."""

from __future__ import annotations

from litestar.handlers import HTTPRouteHandler

from stridelift.web.app import create_app
from stridelift.web.guard import athlete_guard

# Routes that read or write no athlete's data: the picker lists names only (in accounts
# mode, only the names the user may see); signing in and out and changing one's own
# password touch the user's account, never an athlete's log; the coaching pages (/account/
# coaching, /invite) act for the signed-in user only and check every grant id against them
# (tests/e2e/test_web_coaching.py); a coach's methodologies (/account/methodologies and
# /api/v1/coach/methodologies) are read and written by the signed-in coach's own id only
# (tests/e2e/test_web_methodologies.py); the coach's roster and board (/coach,
# /api/v1/coach/roster) list only the athletes who granted the signed-in coach
# (tests/e2e/test_web_roster.py).
ALLOWED_WITHOUT_GUARD = {"/", "/health", "/static", "/schema", "/login", "/logout", "/account",
                         "/invite", "/coach", "/api/v1/coach"}  # fmt: skip


def _routes() -> list[tuple[str, HTTPRouteHandler]]:
    app = create_app("sqlite://")
    found = []
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            # Litestar's own OPTIONS answer lists the allowed methods and reads no data.
            if handler.http_methods != {"OPTIONS"}:
                found.append((route.path, handler))
    return found


def _guards(handler: HTTPRouteHandler) -> list[object]:
    """The guards a handler runs, from every layer (app, router, handler), unwrapped."""
    return [getattr(g, "func", g) for g in handler.resolve_guards()]


def _allowed(path: str) -> bool:
    return any(path == p or path.startswith(p + "/") for p in ALLOWED_WITHOUT_GUARD)


def test_every_route_outside_the_allow_list_is_guarded_and_names_its_athlete() -> None:
    unguarded = [
        f"{path} ({handler.handler_name})"
        for path, handler in _routes()
        if not _allowed(path)
        and (athlete_guard not in _guards(handler) or "{athlete:str}" not in path)
    ]
    assert unguarded == []


def test_the_enumeration_sees_the_pages_and_the_api() -> None:
    paths = {path for path, _ in _routes()}
    assert "/a/{athlete:str}/today" in paths
    assert "/api/v1/a/{athlete:str}/checkin" in paths
    assert "/a/{athlete:str}/profile/races/{index:int}/remove" in paths
    assert "/api/v1/a/{athlete:str}/profile" in paths
    assert len([p for p in paths if not _allowed(p)]) >= 7
