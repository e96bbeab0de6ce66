"""Only requests addressed to this machine's loopback names reach the app.

A web page whose own domain is made to resolve to 127.0.0.1 (DNS rebinding) would reach
the app as that page's origin, past the browser's same-origin rule, and could read the
training log. Its requests carry that domain in the Host header, so any Host but a
loopback name (with any port) is answered 400 before a route runs.

A server that accounts let bind another address (``stridelift serve --host 0.0.0.0
--allowed-host stride.example.org``) also accepts the names it was given, and only those.
"""

from __future__ import annotations

import re

from litestar.enums import ScopeType
from litestar.response.base import ASGIResponse
from litestar.types import ASGIApp, Receive, Scope, Send

_LOOPBACK_HOST = re.compile(r"^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])(:\d{1,5})?$")


def is_loopback_host(host: str) -> bool:
    """True for a Host header naming this machine's loopback, with or without a port."""
    return _LOOPBACK_HOST.match(host.lower()) is not None


def host_name(host: str) -> str:
    """The Host header's name without its port, lower-case (``[::1]`` keeps its brackets)."""
    name = host.lower()
    if name.startswith("["):
        return name[: name.find("]") + 1]
    return name.rsplit(":", 1)[0] if ":" in name else name


def loopback_hosts_only(app: ASGIApp, allowed: frozenset[str] = frozenset()) -> ASGIApp:
    """Middleware: refuse an HTTP request whose Host header is not a loopback name or one
    of the ``allowed`` names (lower-case, without a port)."""

    what = "a name this server answers to" if allowed else "this machine's loopback"

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == ScopeType.HTTP:
            host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
            if not is_loopback_host(host) and host_name(host) not in allowed:
                refused = ASGIResponse(
                    body=f"400: the Host {host!r} is not {what}\n".encode(),
                    status_code=400,
                    media_type="text/plain; charset=utf-8",
                )
                await refused(scope, receive, send)
                return
        await app(scope, receive, send)

    return middleware
