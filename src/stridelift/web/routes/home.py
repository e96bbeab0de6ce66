"""Routes that touch no athlete's data: the athlete picker and the health check."""

from __future__ import annotations

from urllib.parse import quote

from litestar import get
from litestar.response import Redirect, Template

from stridelift.services.athletes import list_athletes
from stridelift.web.context import Web


@get("/", name="home", sync_to_thread=True, include_in_schema=False)
def home(web: Web) -> Template | Redirect:
    """Pick an athlete; with only one stored, go straight to their Today page.

    Names only: the picker shows who is stored on this machine, nothing of their data.
    """
    athletes = list_athletes(web.workspace())
    if len(athletes) == 1:
        return Redirect(path=f"/a/{quote(athletes[0].name)}/today", status_code=303)
    return Template("home.html", context={"athletes": athletes})


@get("/health", name="health", sync_to_thread=False)
def health() -> dict[str, str]:
    """The server is up (for scripts waiting on it)."""
    return {"status": "ok"}
