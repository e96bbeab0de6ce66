"""Comments on planned sessions: the athlete, or a coach with an edit grant, writes one on
a session of the plan; the athlete reads them on the session's details and on Today.

A comment is on the athlete's session of a kind and run type or template
(``domain.diff.session_key``) on a day, so it stays with the session when a replan
changes its order on the day. Who may write is the web guard's question (own or edit);
this module checks the text and the session.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from stridelift.domain.diff import session_key
from stridelift.errors import UsageError
from stridelift.services.plan_calendar import plan_on
from stridelift.services.plan_moves import planned_session

if TYPE_CHECKING:
    from stridelift.adapters.store.comments_repo import CommentRecord
    from stridelift.adapters.store.engine import Store
    from stridelift.services.athletes import StoredAthlete

MAX_CHARS = 2000


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment as the pages and the API show it."""

    id: int
    day: date
    kind: str
    name: str
    author: str
    text: str
    created_at: datetime


def _comment(record: CommentRecord) -> Comment:
    return Comment(record.id, record.day, record.kind, record.name, record.author, record.body,
                   record.created_at)  # fmt: skip


def check_text(text: str | None) -> str:
    """The comment's text, trimmed: 1 to MAX_CHARS characters.

    Raises:
        UsageError: naming ``text``.
    """
    body = (text or "").strip()
    if not 1 <= len(body) <= MAX_CHARS:
        raise UsageError(f"text: write 1 to {MAX_CHARS} characters (this has {len(body)})")
    if "\x00" in body:
        raise UsageError("text: a NUL character cannot be stored")
    return body


def session_of(store: Store, who: StoredAthlete, day: date, order: int, today: date,
               tz: tzinfo = UTC) -> dict[str, Any]:  # fmt: skip
    """The planned session ``order`` of ``day`` as the Plan page's details show it.

    Raises:
        UsageError: no such session (naming ``order``).
    """
    return planned_session(plan_on(store, who.name, day, today, tz), day, order)


def add_comment(
    store: Store,
    who: StoredAthlete,
    session: tuple[date, dict[str, Any]],
    text: str | None,
    author: tuple[str, int | None],
    now: datetime,
) -> Comment:
    """Store a comment by ``author`` (a name, and the user id when accounts are on) on the
    planned session ``session`` (its day and the plan's session).

    Raises:
        UsageError: the text is empty or too long; nothing is stored then.
    """
    body = check_text(text)
    day, planned = session
    with store.transaction() as repo:
        record = repo.comments.add_comment(who.id, day, session_key(planned), author, body, now)
    return _comment(record)


def comments_between(
    store: Store, who: StoredAthlete, start: date, end: date
) -> dict[tuple[date, str, str], list[Comment]]:
    """The athlete's comments on sessions of ``start``..``end``, by (day, kind, name),
    oldest first."""
    found: dict[tuple[date, str, str], list[Comment]] = defaultdict(list)
    with store.reading() as repo:
        for record in repo.comments.comments_between(who.id, start, end):
            found[(record.day, record.kind, record.name)].append(_comment(record))
    return dict(found)


def comments_on(
    store: Store, who: StoredAthlete, day: date, planned: dict[str, Any]
) -> list[Comment]:
    """The comments on one planned session of ``day``, oldest first."""
    return comments_between(store, who, day, day).get((day, *session_key(planned)), [])
