"""Routes that touch no athlete's data: the athlete picker and the health check."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from litestar import Request, get
from litestar.response import Redirect, Template

from stridelift.services.accounts import may_see
from stridelift.services.athletes import list_athletes
from stridelift.web.auth import accounts_mode, login_url, signed_in
from stridelift.web.context import Web


@get("/", name="home", sync_to_thread=True, include_in_schema=False)
def home(request: Request[Any, Any, Any], web: Web) -> Template | Redirect:
    """Pick an athlete; with only one to pick, go straight to their Today page.

    Names only: the picker shows who is stored on this machine, nothing of their data; in
    accounts mode it needs a signed-in user and lists only the athletes they may see.
    """
    athletes = list_athletes(web.workspace())
    if accounts_mode(request):
        session = signed_in(request)
        if session is None:
            return Redirect(path=login_url(request), status_code=303)
        store = web.workspace()
        athletes = [a for a in athletes if may_see(store, session.user, a) is not None]
    if len(athletes) == 1:
        return Redirect(path=f"/a/{quote(athletes[0].name)}/today", status_code=303)
    return Template("home.html", context={"athletes": athletes})


@get("/health", name="health", sync_to_thread=False)
def health() -> dict[str, str]:
    """The server is up (for scripts waiting on it)."""
    return {"status": "ok"}
