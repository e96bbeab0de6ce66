"""What the templates need for coaching: whether the request may change anything (a view
grant may not: its edit controls are hidden), and a session's comment key."""

from __future__ import annotations

from typing import Any

from stridelift.domain.diff import session_key


def read_only(request: Any) -> bool:
    """True when the signed-in coach has a view grant to the athlete: the page hides its
    forms (the guard would answer them 404 anyway)."""
    return bool(request is not None and request.state.get("access") == "view")


def comment_key(s: dict[str, Any]) -> tuple[str, str]:
    """The session's kind and name, as its comments are stored under."""
    return session_key(s)


COACH_GLOBALS = {"read_only": read_only, "comment_key": comment_key}
