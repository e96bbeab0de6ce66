"""Signing in and out, and changing one's password (accounts mode only).

Every POST here is CSRF-checked like any other; a login always starts a new session (a
token planted before the login is never promoted) and ends the browser's old one.
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, Router, get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, QueryParameter
from litestar.response import Redirect, Template

from stridelift.errors import UsageError
from stridelift.services import accounts
from stridelift.services.web_sessions import end_session, start_session
from stridelift.web.auth import (
    accounts_mode,
    cleared_cookie,
    login_url,
    safe_next,
    session_cookie,
    session_token,
    signed_in,
)
from stridelift.web.context import Web
from stridelift.web.forms import error_field

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
AnyRequest = Request[Any, Any, Any]
NextQuery = Annotated[str | None, QueryParameter(name="next")]


def _login_page(nxt: str, status: int = 200, **extra: Any) -> Template:
    context: dict[str, Any] = {"next": nxt, "errors": {}, "sent": {}}
    context.update(extra)
    return Template("login.html", context=context, status_code=status)


@get("/login", name="login", sync_to_thread=True, include_in_schema=False)
def login_form(request: AnyRequest, target: NextQuery = None) -> Template | Redirect:
    """The login form; single-user mode has no login and goes home."""
    if not accounts_mode(request):
        return Redirect(path="/", status_code=303)
    return _login_page(safe_next(target))


def _refused(exc: UsageError, nxt: str, username: str) -> Template:
    field, message = error_field(exc)
    status = 429 if isinstance(exc, accounts.TooManyAttempts) else 401
    if not isinstance(exc, accounts.LoginRefused | accounts.TooManyAttempts):
        status = 422
    return _login_page(nxt, status, errors={field: message}, sent={"username": username})


@post("/login", name="login-post", sync_to_thread=True, include_in_schema=False)
def login(request: AnyRequest, web: Web, data: Form) -> Template | Redirect:
    """Check the username and password; on success a new session and its cookie."""
    if not accounts_mode(request):
        return Redirect(path="/", status_code=303)
    nxt = safe_next(data.get("next"))
    username = (data.get("username") or "").strip()
    if not username:
        return _refused(UsageError("username: type your username"), nxt, username)
    if not data.get("password"):
        return _refused(UsageError("password: type your password"), nxt, username)
    client = request.client.host if request.client else "unknown"
    store, now = web.workspace(), web.now()
    try:
        user = accounts.authenticate(store, username, data["password"], client, now)
    except UsageError as exc:
        return _refused(exc, nxt, username)
    end_session(store, session_token(request), now)  # this browser's old session, if any
    token = start_session(store, user.id, now)
    return Redirect(path=nxt, status_code=303, cookies=[session_cookie(request, token)])


@post("/logout", name="logout", sync_to_thread=True, include_in_schema=False)
def logout(request: AnyRequest, web: Web) -> Redirect:
    """End this browser's session and forget its cookie."""
    end_session(web.workspace(), session_token(request), web.now())
    return Redirect(path="/login", status_code=303, cookies=[cleared_cookie(request)])


def _password_page(status: int = 200, **extra: Any) -> Template:
    context: dict[str, Any] = {"errors": {}, "done": False}
    context.update(extra)
    return Template("password.html", context=context, status_code=status)


@get("/account/password", name="password", sync_to_thread=True, include_in_schema=False)
def password_form(request: AnyRequest) -> Template | Redirect:
    """The form to change one's password (signed-in users only)."""
    if signed_in(request) is None:
        return Redirect(path=login_url(request), status_code=303)
    return _password_page()


def _new_password(data: dict[str, str]) -> str:
    new = data.get("new_password") or ""
    if not data.get("current_password"):
        raise UsageError("current_password: type your current password")
    try:
        accounts.check_password(new)
    except UsageError as exc:
        raise UsageError(f"new_password: {error_field(exc)[1]}") from None
    if new != data.get("repeat_password"):
        raise UsageError("repeat_password: the two new passwords differ")
    return new


@post("/account/password", name="password-post", sync_to_thread=True, include_in_schema=False)
def change_password(request: AnyRequest, web: Web, data: Form) -> Template | Redirect:
    """Change the password: every session of the user ends, this browser gets a new one."""
    session = signed_in(request)
    if session is None:
        return Redirect(path=login_url(request), status_code=303)
    store, now = web.workspace(), web.now()
    client = request.client.host if request.client else "unknown"
    username = session.user.username
    try:
        new = _new_password(data)
        accounts.authenticate(store, username, data["current_password"], client, now)
    except UsageError as exc:
        field, message = error_field(exc)
        if isinstance(exc, accounts.LoginRefused):
            field, message = "current_password", "the current password is wrong"
        status = 429 if isinstance(exc, accounts.TooManyAttempts) else 422
        return _password_page(status, errors={field: message})
    accounts.set_password(store, username, new, now)
    token = start_session(store, session.user.id, now)
    return Template("password.html", context={"errors": {}, "done": True},
                    cookies=[session_cookie(request, token)])  # fmt: skip


# Under a router, as the other pages: registered bare on the app, the two handlers of
# /login (GET and POST) answered 500 in Litestar 2.25 (the sync handler's result reached
# the response as an unawaited coroutine).
router = Router(
    path="/",
    route_handlers=[login_form, login, logout, password_form, change_password],
    include_in_schema=False,
)
