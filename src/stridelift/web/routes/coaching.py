"""Coaching pages (accounts mode only): a coach's invite links and grants, an athlete's
coaches, and the invite page an athlete accepts from.

None of these routes names an athlete in its path: each acts for the signed-in user
only (a grant id in a path is checked against the user by ``services.coaching``, never
trusted). In single-user mode they answer 404 in one line; GET never changes anything
(an invite is accepted by a CSRF-checked POST only).
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, Router, get, post
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body, FromPath
from litestar.response import Redirect, Template

from stridelift.errors import UsageError
from stridelift.services import coaching
from stridelift.services.web_sessions import SignedIn
from stridelift.web.auth import accounts_mode, login_url, signed_in
from stridelift.web.context import Web
from stridelift.web.forms import error_field

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
AnyRequest = Request[Any, Any, Any]
OFF = "accounts are not turned on"
# The invite link carries its token: keep it out of caches and of Referer headers.
PRIVATE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


def _session(request: AnyRequest) -> SignedIn | Redirect:
    """The signed-in user, or the redirect to the login page; 404 in single-user mode."""
    if not accounts_mode(request):
        raise NotFoundException(OFF)
    session = signed_in(request)
    return Redirect(path=login_url(request), status_code=303) if session is None else session


def _page(web: Web, session: SignedIn, status: int = 200, **extra: Any) -> Template:
    context: dict[str, Any] = {
        "account": session.user,
        "grants": coaching.grants_of(web.workspace(), session.user),
        "link": None,
        "done": None,
        "errors": {},
        "access": "view",
    }
    context.update(extra)
    return Template("coaching.html", context=context, status_code=status, headers=PRIVATE)


@get("/account/coaching", name="coaching", sync_to_thread=True)
def coaching_page(request: AnyRequest, web: Web) -> Template | Redirect:
    """A coach's invite form and grants; an athlete's coaches; each with an End button."""
    session = _session(request)
    return session if isinstance(session, Redirect) else _page(web, session)


@post("/account/coaching/invite", name="coaching-invite", sync_to_thread=True)
def invite(request: AnyRequest, web: Web, data: Form) -> Template | Redirect:
    """Make an invite link (shown this once: only its hash is stored)."""
    session = _session(request)
    if isinstance(session, Redirect):
        return session
    access = data.get("access") or ""
    try:
        token = coaching.create_invite(web.workspace(), session.user, access, web.now())
    except UsageError as exc:
        field, message = error_field(exc)
        return _page(web, session, 422, errors={field: message}, access=access)
    link = f"{str(request.base_url).rstrip('/')}/invite/{token}"
    return _page(web, session, 201, link=link, access=access)


@post("/account/coaching/grants/{grant_id:int}/end", name="coaching-end", sync_to_thread=True)
def end(request: AnyRequest, web: Web, grant_id: FromPath[int]) -> Template | Redirect:
    """End a grant the user is the coach or the athlete of (anyone else: 404)."""
    session = _session(request)
    if isinstance(session, Redirect):
        return session
    try:
        ended = coaching.end_grant(web.workspace(), session.user, grant_id, web.now())
    except UsageError as exc:
        raise NotFoundException(error_field(exc)[1]) from None
    return _page(web, session, done=ended)


def _invite_page(token: str, status: int = 200, **extra: Any) -> Template:
    context: dict[str, Any] = {"token": token, "invite": None, "problem": None}
    context.update(extra)
    return Template("invite.html", context=context, status_code=status, headers=PRIVATE)


def _refused(token: str, exc: UsageError) -> Template:
    status = 404 if isinstance(exc, coaching.InviteUnknown) else 410
    if not isinstance(exc, coaching.InviteUnknown | coaching.InviteGone):
        status = 422
    return _invite_page(token, status, problem=error_field(exc)[1])


@get("/invite/{token:str}", name="invite", sync_to_thread=True)
def invite_page(request: AnyRequest, web: Web, token: FromPath[str]) -> Template | Redirect:
    """Who invites, with what access, and an Accept button (a read: nothing changes)."""
    session = _session(request)
    if isinstance(session, Redirect):
        return session
    try:
        found = coaching.invite_of(web.workspace(), token, web.now())
    except UsageError as exc:
        return _refused(token, exc)
    own = found.coach_username == session.user.username
    return _invite_page(token, invite=found, account=session.user, own=own)


@post("/invite/{token:str}", name="invite-accept", sync_to_thread=True)
def accept(request: AnyRequest, web: Web, token: FromPath[str]) -> Template | Redirect:
    """Accept the invite for the athlete the user is; then their coaching page."""
    session = _session(request)
    if isinstance(session, Redirect):
        return session
    try:
        coaching.accept_invite(web.workspace(), session.user, token, web.now())
    except UsageError as exc:
        return _refused(token, exc)
    return Redirect(path="/account/coaching", status_code=303)


router = Router(
    path="/",
    route_handlers=[coaching_page, invite, end, invite_page, accept],
    include_in_schema=False,
)
