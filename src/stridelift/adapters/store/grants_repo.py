"""Coach grants and the coaches' invite links over one SQLAlchemy session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import ColumnElement

from stridelift.adapters.store.tables import AthleteRow, CoachGrantRow, CoachInviteRow, UserRow


@dataclass(frozen=True, slots=True)
class GrantRecord:
    """An active or ended grant, with the coach's username and the athlete's name."""

    id: int
    coach_user_id: int
    coach_username: str
    athlete_id: int
    athlete_name: str
    access: str
    created_at: datetime
    ended_at: datetime | None


@dataclass(frozen=True, slots=True)
class InviteRecord:
    """A stored invite (its token's hash only), with the inviting coach's username."""

    id: int
    coach_user_id: int
    coach_username: str
    access: str
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None


def _grant(row: CoachGrantRow, coach_username: str, athlete_name: str) -> GrantRecord:
    return GrantRecord(
        id=row.id,
        coach_user_id=row.coach_user_id,
        coach_username=coach_username,
        athlete_id=row.athlete_id,
        athlete_name=athlete_name,
        access=row.access,
        created_at=row.created_at,
        ended_at=row.ended_at,
    )


class GrantsRepository:
    """The coaching queries and writes inside the logbook's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _grants(self, *where: object) -> list[GrantRecord]:
        coach = aliased(UserRow)
        query = (
            select(CoachGrantRow, coach.username, AthleteRow.name)
            .join(coach, coach.id == CoachGrantRow.coach_user_id)
            .join(AthleteRow, AthleteRow.id == CoachGrantRow.athlete_id)
            .where(*where)  # type: ignore[arg-type]
            .order_by(AthleteRow.name, coach.username, CoachGrantRow.id)
        )
        return [_grant(row, username, name) for row, username, name in self.session.execute(query)]

    def grant(self, grant_id: int) -> GrantRecord | None:
        """The grant with this id, active or ended, if any."""
        found = self._grants(CoachGrantRow.id == grant_id)
        return found[0] if found else None

    def active_grants(self, *, coach_user_id: int | None = None,
                      athlete_id: int | None = None) -> list[GrantRecord]:  # fmt: skip
        """The active grants of a coach, or to an athlete (one of the two is required: a
        missing id never matches every row)."""
        if coach_user_id is None and athlete_id is None:
            return []
        where: list[ColumnElement[bool]] = [CoachGrantRow.ended_at.is_(None)]
        if coach_user_id is not None:
            where.append(CoachGrantRow.coach_user_id == coach_user_id)
        if athlete_id is not None:
            where.append(CoachGrantRow.athlete_id == athlete_id)
        return self._grants(*where)

    def active_access(self, coach_user_id: int, athlete_id: int) -> str | None:
        """The access of the coach's active grant to the athlete, if any."""
        return self.session.scalar(
            select(CoachGrantRow.access).where(
                CoachGrantRow.coach_user_id == coach_user_id,
                CoachGrantRow.athlete_id == athlete_id,
                CoachGrantRow.ended_at.is_(None),
            )
        )

    def add_grant(self, coach_user_id: int, athlete_id: int, access: str, now: datetime) -> int:
        """Store an active grant; the caller ends any active one first. Returns its id."""
        row = CoachGrantRow(
            coach_user_id=coach_user_id, athlete_id=athlete_id, access=access, created_at=now
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def end_grant(self, grant_id: int, by_user_id: int | None, now: datetime) -> bool:
        """End the grant if it is active. Returns whether it was."""
        result = self.session.execute(
            update(CoachGrantRow)
            .where(CoachGrantRow.id == grant_id, CoachGrantRow.ended_at.is_(None))
            .values(ended_at=now, ended_by=by_user_id)
        )
        return int(getattr(result, "rowcount", 0)) == 1

    # Invites ------------------------------------------------------------------

    def add_invite(self, coach_user_id: int, access: str, token_hash: str, now: datetime,
                   expires_at: datetime) -> int:  # fmt: skip
        """Store an invite by its token's hash. Returns its id."""
        row = CoachInviteRow(coach_user_id=coach_user_id, access=access, token_hash=token_hash,
                             created_at=now, expires_at=expires_at)  # fmt: skip
        self.session.add(row)
        self.session.flush()
        return row.id

    def invite(self, token_hash: str) -> InviteRecord | None:
        """The invite whose token has this hash, if any."""
        found = self.session.execute(
            select(CoachInviteRow, UserRow.username)
            .join(UserRow, UserRow.id == CoachInviteRow.coach_user_id)
            .where(CoachInviteRow.token_hash == token_hash)
        ).first()
        if found is None:
            return None
        row, username = found
        return InviteRecord(row.id, row.coach_user_id, username, row.access, row.created_at,
                            row.expires_at, row.used_at)  # fmt: skip

    def use_invite(self, invite_id: int, user_id: int, now: datetime) -> bool:
        """Mark the invite used by the user, if nobody used it yet (one UPDATE: two
        accepts at once cannot both succeed). Returns whether this call used it."""
        result = self.session.execute(
            update(CoachInviteRow)
            .where(CoachInviteRow.id == invite_id, CoachInviteRow.used_at.is_(None))
            .values(used_at=now, used_by_user_id=user_id)
        )
        return int(getattr(result, "rowcount", 0)) == 1
