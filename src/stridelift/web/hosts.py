"""Only requests addressed to this machine's loopback names reach the app.

A web page whose own domain is made to resolve to 127.0.0.1 (DNS rebinding) would reach
the app as that page's origin, past the browser's same-origin rule, and could read the
training log. Its requests carry that domain in the Host header, so any Host but a
loopback name (with any port) is answered 400 before a route runs.
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


def loopback_hosts_only(app: ASGIApp) -> ASGIApp:
    """Middleware: refuse an HTTP request whose Host header is not a loopback name."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == ScopeType.HTTP:
            host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
            if not is_loopback_host(host):
                refused = ASGIResponse(
                    body=f"400: the Host {host!r} is not this machine's loopback\n".encode(),
                    status_code=400,
                    media_type="text/plain; charset=utf-8",
                )
                await refused(scope, receive, send)
                return
        await app(scope, receive, send)

    return middleware
