"""Comments on a planned session in the JSON API: list them, add one.

``/api/v1/a/{athlete}/plan/sessions/{day}/{order}/comments``: the session as the Plan
page's details name it (its order on the day); the comment is stored on the session's
kind and name, so a replan that reorders the day keeps it on the same session. The guard
lets the athlete and a coach with an edit grant add one; a view coach's POST is its 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, JSONBody

from stridelift.errors import UsageError
from stridelift.services import session_comments
from stridelift.services.session_comments import Comment
from stridelift.web.auth import signed_in
from stridelift.web.context import Web
from stridelift.web.guard import Who, athlete_api
from stridelift.web.routes.api import usage_error


@dataclass
class CommentBody:
    """A comment: 1 to 2000 characters (trimmed)."""

    text: str


@dataclass
class CommentOut:
    """A stored comment: the session it is on (day, kind and run type or template), who
    wrote it and when (UTC)."""

    id: int
    day: date
    kind: str
    name: str
    author: str
    text: str
    created_at: datetime


def _out(c: Comment) -> CommentOut:
    return CommentOut(c.id, c.day, c.kind, c.name, c.author, c.text, c.created_at)


def _session(web: Web, who: Who, day: str, order: int) -> tuple[date, dict[str, Any]]:
    try:
        when = date.fromisoformat(day)
    except ValueError:
        raise UsageError(f"day: expected a date as YYYY-MM-DD, got {day!r}") from None
    try:
        planned = session_comments.session_of(web.workspace(), who, when, order, web.today(),
                                              web.tz())  # fmt: skip
    except UsageError as exc:
        raise NotFoundException(str(exc).removeprefix("order: ")) from None
    return when, planned


PATH = "/plan/sessions/{day:str}/{order:int}/comments"


@get(PATH, sync_to_thread=True)
def api_comments(web: Web, who: Who, day: FromPath[str], order: FromPath[int]) -> list[CommentOut]:
    """The comments on session ``order`` of ``day``, oldest first (404: no such session)."""
    when, planned = _session(web, who, day, order)
    return [_out(c) for c in session_comments.comments_on(web.workspace(), who, when, planned)]


@post(PATH, sync_to_thread=True)
def api_add_comment(
    request: Request[Any, Any, Any], web: Web, who: Who, day: FromPath[str],
    order: FromPath[int], data: JSONBody[CommentBody],
) -> CommentOut:  # fmt: skip
    """Add a comment on session ``order`` of ``day`` as the signed-in user (201); a text
    empty or over 2000 characters 422, nothing stored."""
    session = _session(web, who, day, order)
    user = signed_in(request)
    author = (user.user.username, user.user.id) if user else (who.name, None)
    return _out(session_comments.add_comment(web.workspace(), who, session, data.text, author,
                                             web.now()))  # fmt: skip


router = athlete_api(api_comments, api_add_comment, exception_handlers={UsageError: usage_error})
