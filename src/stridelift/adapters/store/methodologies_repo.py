"""Coaches' own methodologies and the copies applied to athletes, over one SQLAlchemy session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from stridelift.adapters.store.tables import AthleteMethodologyRow, AthleteRow, CoachMethodologyRow


@dataclass(frozen=True, slots=True)
class CoachMethodologyRecord:
    """A coach's stored methodology file."""

    id: int
    coach_user_id: int
    name: str
    text: str
    version: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class AppliedRecord:
    """The copy of a coach's methodology an athlete plans with."""

    athlete_id: int
    athlete_name: str
    coach_methodology_id: int | None
    coach_username: str
    name: str
    version: int
    text: str
    applied_at: datetime


def _record(row: CoachMethodologyRow) -> CoachMethodologyRecord:
    return CoachMethodologyRecord(row.id, row.coach_user_id, row.name, row.text, row.version,
                                  row.created_at, row.updated_at)  # fmt: skip


def _applied(row: AthleteMethodologyRow, athlete_name: str) -> AppliedRecord:
    return AppliedRecord(row.athlete_id, athlete_name, row.coach_methodology_id,
                         row.coach_username, row.name, row.version, row.text,
                         row.applied_at)  # fmt: skip


class MethodologiesRepository:
    """The queries and writes of coaches' methodologies inside the logbook's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def of_coach(self, coach_user_id: int) -> list[CoachMethodologyRecord]:
        """The coach's methodologies, by name."""
        rows = self.session.scalars(
            select(CoachMethodologyRow)
            .where(CoachMethodologyRow.coach_user_id == coach_user_id)
            .order_by(CoachMethodologyRow.name)
        )
        return [_record(r) for r in rows]

    def by_id(self, coach_user_id: int, methodology_id: int) -> CoachMethodologyRecord | None:
        """The coach's methodology with this id (another coach's id finds nothing)."""
        row = self.session.scalar(
            select(CoachMethodologyRow).where(
                CoachMethodologyRow.id == methodology_id,
                CoachMethodologyRow.coach_user_id == coach_user_id,
            )
        )
        return None if row is None else _record(row)

    def by_name(self, coach_user_id: int, name: str) -> CoachMethodologyRecord | None:
        """The coach's methodology of this name, if any."""
        row = self.session.scalar(
            select(CoachMethodologyRow).where(
                CoachMethodologyRow.coach_user_id == coach_user_id,
                CoachMethodologyRow.name == name,
            )
        )
        return None if row is None else _record(row)

    def add(
        self, coach_user_id: int, name: str, text: str, now: datetime
    ) -> CoachMethodologyRecord:
        """Store a new methodology (version 1); the caller checks the name is free."""
        row = CoachMethodologyRow(coach_user_id=coach_user_id, name=name, text=text, version=1,
                                  created_at=now, updated_at=now)  # fmt: skip
        self.session.add(row)
        self.session.flush()
        return _record(row)

    def replace(self, methodology_id: int, text: str, now: datetime) -> CoachMethodologyRecord:
        """A new text for the methodology: its version goes up by one."""
        row = self.session.get_one(CoachMethodologyRow, methodology_id)
        row.text, row.version, row.updated_at = text, row.version + 1, now
        self.session.flush()
        return _record(row)

    def delete(self, methodology_id: int) -> None:
        """Remove the methodology; the athletes' copies stay, unlinked."""
        self.session.execute(
            delete(CoachMethodologyRow).where(CoachMethodologyRow.id == methodology_id)
        )

    def users_of(self, methodology_id: int) -> list[AppliedRecord]:
        """The athletes whose applied copy came from this methodology, by name."""
        found = self.session.execute(
            select(AthleteMethodologyRow, AthleteRow.name)
            .join(AthleteRow, AthleteRow.id == AthleteMethodologyRow.athlete_id)
            .where(AthleteMethodologyRow.coach_methodology_id == methodology_id)
            .order_by(AthleteRow.name)
        )
        return [_applied(row, name) for row, name in found]

    def applied(self, athlete_id: int) -> AppliedRecord | None:
        """The coach's methodology copy the athlete plans with, if any."""
        found = self.session.execute(
            select(AthleteMethodologyRow, AthleteRow.name)
            .join(AthleteRow, AthleteRow.id == AthleteMethodologyRow.athlete_id)
            .where(AthleteMethodologyRow.athlete_id == athlete_id)
        ).first()
        return None if found is None else _applied(found[0], found[1])

    def apply(self, athlete_id: int, source: CoachMethodologyRecord, coach_username: str,
              now: datetime) -> None:  # fmt: skip
        """Give the athlete a copy of ``source`` (replacing any copy they had)."""
        self.unapply(athlete_id)
        self.session.add(
            AthleteMethodologyRow(athlete_id=athlete_id, coach_methodology_id=source.id,
                                  coach_username=coach_username, name=source.name,
                                  version=source.version, text=source.text, applied_at=now)
        )  # fmt: skip
        self.session.flush()

    def unapply(self, athlete_id: int) -> None:
        """Remove the athlete's copy, if any (they plan with a shipped methodology again)."""
        self.session.execute(
            delete(AthleteMethodologyRow).where(AthleteMethodologyRow.athlete_id == athlete_id)
        )
