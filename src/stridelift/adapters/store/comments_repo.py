"""Comments on planned sessions (0008) over one SQLAlchemy session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from stridelift.adapters.store.tables import SessionCommentRow


@dataclass(frozen=True, slots=True)
class CommentRecord:
    """A stored comment: the session it is on (day, kind, name), who wrote it and when."""

    id: int
    athlete_id: int
    day: date
    kind: str
    name: str
    author: str
    author_user_id: int | None
    body: str
    created_at: datetime


def _record(row: SessionCommentRow) -> CommentRecord:
    return CommentRecord(row.id, row.athlete_id, row.day, row.kind, row.name, row.author,
                         row.author_user_id, row.body, row.created_at)  # fmt: skip


class CommentsRepository:
    """The session comments' queries and writes inside the logbook's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add_comment(
        self,
        athlete_id: int,
        day: date,
        key: tuple[str, str],
        author: tuple[str, int | None],
        body: str,
        now: datetime,
    ) -> CommentRecord:
        """Store a comment on the athlete's session ``key`` (kind, name) on ``day`` by
        ``author`` (the name shown, and the user id when there is one)."""
        row = SessionCommentRow(athlete_id=athlete_id, day=day, kind=key[0], name=key[1],
                                author=author[0], author_user_id=author[1], body=body,
                                created_at=now)  # fmt: skip
        self.session.add(row)
        self.session.flush()
        return _record(row)

    def comments_between(self, athlete_id: int, start: date, end: date) -> list[CommentRecord]:
        """The athlete's comments on sessions of ``start``..``end`` (inclusive), oldest first."""
        rows = self.session.scalars(
            select(SessionCommentRow)
            .where(
                SessionCommentRow.athlete_id == athlete_id,
                SessionCommentRow.day >= start,
                SessionCommentRow.day <= end,
            )
            .order_by(SessionCommentRow.created_at, SessionCommentRow.id)
        )
        return [_record(r) for r in rows]
