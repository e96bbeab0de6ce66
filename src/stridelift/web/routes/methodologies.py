"""A coach's methodologies page (accounts mode only): upload a file of their own, checked
by the CLI's parser with every refused key shown under the upload, replace it (the next
version), delete it, and apply one (or a shipped one) to an athlete they may edit.

The account routes act for the signed-in coach only (an id in a path is checked against
them by ``services.coach_methodologies``: another coach's is answered as unknown, 404);
applying posts to the athlete's own route, ``/a/{athlete}/methodology``, through the
athlete guard (an edit grant, or one's own athlete).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any
from urllib.parse import quote

from litestar import Request, Router, get, post
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body, FromPath, FromQuery
from litestar.response import Redirect, Response, Template

from stridelift.errors import UsageError
from stridelift.methodologies import shipped_names
from stridelift.services import coach_methodologies as cm
from stridelift.services import coaching
from stridelift.services.web_sessions import SignedIn
from stridelift.web.auth import signed_in
from stridelift.web.context import Web
from stridelift.web.forms import error_field
from stridelift.web.guard import Who, athlete_pages
from stridelift.web.routes.coaching import _session

AnyRequest = Request[Any, Any, Any]
Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
Upload = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.MULTI_PART)]
# A request a little over the file limit still arrives, to be refused in one line.
MAX_REQUEST = cm.MAX_BYTES + 64 * 1024
PAGE = "/account/methodologies"


@dataclass
class Refused:
    """What a form got wrong: each (key, detail), shown under the form ``form``."""

    form: str  # "upload", or the id of the methodology a replace form is about
    problems: list[tuple[str, str]] = field(default_factory=list)


def _page(web: Web, session: SignedIn, status: int = 200, **extra: Any) -> Template:
    user = session.user
    grants = coaching.grants_of(web.workspace(), user).as_coach
    context: dict[str, Any] = {
        "account": user,
        "mine": cm.methodologies_of(web.workspace(), user),
        "editable": [g for g in grants if g.access == "edit"],
        "shipped": shipped_names(),
        "refused": Refused(""),
        "name": "",
        "done": None,
        "max_kb": cm.MAX_BYTES // 1024,
    }
    context.update(extra)
    return Template("methodologies.html", context=context, status_code=status)


def _refused(exc: UsageError, form: str) -> Refused:
    if isinstance(exc, cm.MethodologyRefused):
        return Refused(form, list(exc.problems))
    return Refused(form, [error_field(exc)])


async def _file(data: dict[str, Any]) -> bytes:
    value = data.get("file")
    if not isinstance(value, UploadFile):
        return b""
    return await value.read()


@get(PAGE, name="methodologies", sync_to_thread=True)
def methodologies_page(request: AnyRequest, web: Web, done: FromQuery[str | None] = None,
                       ) -> Template | Redirect:  # fmt: skip
    """The coach's methodologies, the upload form, and the apply forms."""
    session = _session(request)
    if isinstance(session, Redirect):
        return session
    return _page(web, session, done=done)


@post(PAGE, name="methodologies-upload", request_max_body_size=MAX_REQUEST)
async def upload(request: AnyRequest, web: Web, data: Upload) -> Template | Redirect:
    """Store a new methodology (version 1), or show every refused key (422)."""
    session = _session(request)
    if isinstance(session, Redirect):
        return session
    name = str(data.get("name") or "").strip()
    content = await _file(data)
    try:
        stored = cm.upload(web.workspace(), session.user, name, content, web.now())
    except UsageError as exc:
        return _page(web, session, 422, refused=_refused(exc, "upload"), name=name)
    return Redirect(path=f"{PAGE}?done=stored:{quote(stored.name)}", status_code=303)


@post(f"{PAGE}/{{methodology_id:int}}/replace", name="methodologies-replace",
      request_max_body_size=MAX_REQUEST)  # fmt: skip
async def replace(request: AnyRequest, web: Web, methodology_id: FromPath[int],
                  data: Upload) -> Template | Redirect:  # fmt: skip
    """A new file for one of the coach's methodologies: its next version."""
    session = _session(request)
    if isinstance(session, Redirect):
        return session
    content = await _file(data)
    try:
        stored = cm.replace_file(web.workspace(), session.user, methodology_id, content,
                                 web.now())  # fmt: skip
    except cm.NoSuchMethodology as exc:
        raise NotFoundException(error_field(exc)[1]) from None
    except UsageError as exc:
        return _page(web, session, 422, refused=_refused(exc, str(methodology_id)))
    return Redirect(path=f"{PAGE}?done=replaced:{quote(stored.name)}", status_code=303)


@post(f"{PAGE}/{{methodology_id:int}}/delete", name="methodologies-delete", sync_to_thread=True)
def remove(request: AnyRequest, web: Web, methodology_id: FromPath[int]) -> Template | Redirect:
    """Delete one no athlete the coach coaches uses (else say who does: 409)."""
    session = _session(request)
    if isinstance(session, Redirect):
        return session
    try:
        gone = cm.delete(web.workspace(), session.user, methodology_id)
    except cm.NoSuchMethodology as exc:
        raise NotFoundException(error_field(exc)[1]) from None
    except cm.MethodologyInUse as exc:
        return _page(web, session, 409, refused=_refused(exc, str(methodology_id)))
    return Redirect(path=f"{PAGE}?done=deleted:{quote(gone.name)}", status_code=303)


@get(f"{PAGE}/{{methodology_id:int}}/file", name="methodologies-file", sync_to_thread=True)
def download(request: AnyRequest, web: Web, methodology_id: FromPath[int]) -> Response[str]:
    """The file as stored (TOML), for the coach who uploaded it only."""
    session = _session(request)
    if isinstance(session, Redirect):
        raise NotFoundException("sign in first")
    try:
        found = cm.methodology_of(web.workspace(), session.user, methodology_id)
    except cm.NoSuchMethodology as exc:
        raise NotFoundException(error_field(exc)[1]) from None
    headers = {"Content-Disposition": f'attachment; filename="{found.name}.toml"'}
    return Response(found.text, media_type="application/toml; charset=utf-8", headers=headers)


router = Router(path="/", route_handlers=[methodologies_page, upload, replace, remove, download],
                include_in_schema=False)  # fmt: skip


@post("/methodology", name="apply-methodology", sync_to_thread=True)
def apply_page(request: AnyRequest, web: Web, who: Who, data: Form) -> Redirect | Response[str]:
    """Plan the athlete with the chosen methodology (a shipped one, or one of the signed-in
    coach's), make the plan again, and show the plan naming it."""
    session = signed_in(request)
    choice = (data.get("methodology") or "").strip()
    try:
        cm.apply(web.workspace(), session.user if session else None, who, choice,
                 today=web.today(), now=web.now(), tz=web.tz())  # fmt: skip
    except UsageError as exc:
        field_name, detail = error_field(exc)
        return Response(f"422: {field_name}: {detail}\n", status_code=422, media_type="text/plain")
    return Redirect(path=f"/a/{quote(who.name)}/plan?applied=1#plan-methodology", status_code=303)


athlete_router = athlete_pages(apply_page)
