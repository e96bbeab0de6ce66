"""Who is signed in: the session cookie, read and written, and the app's mode.

Single-user mode (no user stored) has no login. Accounts mode (a user exists) needs a
live server-side session for every athlete page and API call. The cookie holds only an
opaque random token; its SHA-256 finds the session in the database.

The cookie is ``__Host-stridelift-session`` (Secure, Path=/, no Domain: the browser
ties it to this exact origin) when the request came over HTTPS or the server was started
with ``--secure-cookies``. Browsers refuse ``__Host-`` cookies without Secure, and refuse
Secure cookies over plain http, so on plain http (the loopback address) the cookie is
``stridelift-session``, still HttpOnly and SameSite=Lax. Each mode reads only its own
name: a plain cookie planted over http is never taken for an HTTPS session.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

from litestar.connection import ASGIConnection
from litestar.datastructures import Cookie

from stridelift.services.accounts import accounts_exist
from stridelift.services.web_sessions import SignedIn, session_user
from stridelift.web.context import WebContext

PLAIN_COOKIE = "stridelift-session"
SECURE_COOKIE = "__Host-stridelift-session"
_SIGNED_IN = "signed_in"
_LOOKED_UP = "signed_in_looked_up"


def _web(connection: ASGIConnection[Any, Any, Any, Any]) -> WebContext:
    web: WebContext = connection.app.state.web
    return web


def is_secure(connection: ASGIConnection[Any, Any, Any, Any]) -> bool:
    """True when the session cookie must be Secure (HTTPS, or --secure-cookies)."""
    return _web(connection).secure_cookies or connection.url.scheme == "https"


def cookie_name(connection: ASGIConnection[Any, Any, Any, Any]) -> str:
    """The session cookie's name for this request (see the module's docstring)."""
    return SECURE_COOKIE if is_secure(connection) else PLAIN_COOKIE


def session_token(connection: ASGIConnection[Any, Any, Any, Any]) -> str | None:
    """The token the browser sent, if any."""
    return connection.cookies.get(cookie_name(connection)) or None


def signed_in(connection: ASGIConnection[Any, Any, Any, Any]) -> SignedIn | None:
    """The request's live session and user (looked up once per request), or None."""
    state = connection.state
    if not state.get(_LOOKED_UP):
        web = _web(connection)
        state[_SIGNED_IN] = session_user(web.workspace(), session_token(connection), web.now())
        state[_LOOKED_UP] = True
    found: SignedIn | None = state.get(_SIGNED_IN)
    return found


def accounts_mode(connection: ASGIConnection[Any, Any, Any, Any]) -> bool:
    """True when users exist: pages then need a signed-in user."""
    return signed_in(connection) is not None or accounts_exist(_web(connection).workspace())


def session_cookie(connection: ASGIConnection[Any, Any, Any, Any], token: str) -> Cookie:
    """The cookie that carries a new session's token (a browser-session cookie)."""
    secure = is_secure(connection)
    return Cookie(key=cookie_name(connection), value=token, path="/", httponly=True,
                  samesite="lax", secure=secure)  # fmt: skip


def cleared_cookie(connection: ASGIConnection[Any, Any, Any, Any]) -> Cookie:
    """The cookie that makes the browser forget its session token."""
    secure = is_secure(connection)
    return Cookie(key=cookie_name(connection), value="", path="/", httponly=True,
                  samesite="lax", secure=secure, max_age=0)  # fmt: skip


def safe_next(target: str | None) -> str:
    """Where to go after login: a path of this site only (never another origin)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def login_url(connection: ASGIConnection[Any, Any, Any, Any]) -> str:
    """The login page, asked to come back afterwards to this request's page: the URL of a
    GET, the page an htmx request came from, else home (a form's POST address cannot be
    gone back to)."""
    if connection.scope.get("method", "GET") == "GET":
        query = connection.url.query
        here = quote(connection.url.path) + (f"?{query}" if query else "")
    else:
        current = urlsplit(connection.headers.get("hx-current-url", ""))
        here = current.path + (f"?{current.query}" if current.query else "") or "/"
    return f"/login?next={quote(safe_next(here), safe='')}"
