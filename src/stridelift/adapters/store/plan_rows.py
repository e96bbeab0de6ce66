"""Stored plans, busy weeks and moved sessions: what the athlete asked of the plan (the
logbook's repository holds these queries through PlanRows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from stridelift.adapters.store.tables import BusyWeekRow, PlanSnapshotRow, SessionMoveRow
from stridelift.domain.history import SessionMove


@dataclass(frozen=True, slots=True)
class PlanSnapshot:
    """A stored plan: the day it was made for, the hash of its inputs and its JSON text."""

    id: int
    athlete_id: int
    created_at: datetime
    today: date
    inputs_sha256: str
    plan_json: str


class PlanRows:
    """Plan snapshots, busy weeks (ADAPT-3) and session moves, for a repository over
    ``session``."""

    session: Session

    def add_plan_snapshot(
        self, athlete_id: int, today: date, inputs_sha256: str, plan_json: str, now: datetime
    ) -> PlanSnapshot:
        """Store a plan as made today."""
        row = PlanSnapshotRow(
            athlete_id=athlete_id,
            created_at=now,
            today=today,
            inputs_sha256=inputs_sha256,
            plan_json=plan_json,
        )
        self.session.add(row)
        self.session.flush()
        return _snapshot(row)

    def plan_snapshots(self, athlete_id: int) -> list[PlanSnapshot]:
        """Every stored plan of an athlete, oldest first."""
        rows = self.session.scalars(
            select(PlanSnapshotRow)
            .where(PlanSnapshotRow.athlete_id == athlete_id)
            .order_by(PlanSnapshotRow.created_at, PlanSnapshotRow.id)
        )
        return [_snapshot(r) for r in rows]

    def latest_plan_snapshot(self, athlete_id: int) -> PlanSnapshot | None:
        """The most recently stored plan of an athlete, if any."""
        snapshots = self.session.scalars(
            select(PlanSnapshotRow)
            .where(PlanSnapshotRow.athlete_id == athlete_id)
            .order_by(PlanSnapshotRow.created_at.desc(), PlanSnapshotRow.id.desc())
            .limit(1)
        ).first()
        return None if snapshots is None else _snapshot(snapshots)

    def plan_snapshots_in_force(
        self, athlete_id: int, start: date, until: date
    ) -> list[PlanSnapshot]:
        """The stored plans in force on some day of ``start``..``until`` (exclusive): the
        last one made on or before ``start`` and those made after it, oldest first."""
        mine = PlanSnapshotRow.athlete_id == athlete_id
        first = self.session.scalar(select(func.max(PlanSnapshotRow.today)).where(
            mine, PlanSnapshotRow.today <= start))  # fmt: skip
        rows = self.session.scalars(
            select(PlanSnapshotRow)
            .where(mine, PlanSnapshotRow.today >= (first or start), PlanSnapshotRow.today < until)
            .order_by(PlanSnapshotRow.today, PlanSnapshotRow.created_at, PlanSnapshotRow.id)
        )
        return [_snapshot(r) for r in rows]

    # Busy weeks (ADAPT-3) -----------------------------------------------------

    def add_busy_week(self, athlete_id: int, week_monday: date, now: datetime) -> bool:
        """Mark the week starting ``week_monday`` busy; False when it was marked already."""
        if week_monday.weekday() != 0:
            raise ValueError(f"{week_monday.isoformat()} is not a Monday")
        found = self.session.scalar(
            select(BusyWeekRow.id).where(
                BusyWeekRow.athlete_id == athlete_id, BusyWeekRow.week_monday == week_monday
            )
        )
        if found is not None:
            return False
        self.session.add(
            BusyWeekRow(athlete_id=athlete_id, week_monday=week_monday, created_at=now)
        )
        self.session.flush()
        return True

    def remove_busy_week(self, athlete_id: int, week_monday: date) -> bool:
        """Unmark a busy week; False when it was not marked."""
        result = self.session.execute(
            delete(BusyWeekRow).where(
                BusyWeekRow.athlete_id == athlete_id, BusyWeekRow.week_monday == week_monday
            )
        )
        self.session.flush()
        return bool(getattr(result, "rowcount", 0))

    def busy_weeks(self, athlete_id: int, since: date | None = None) -> list[date]:
        """The Mondays of an athlete's busy weeks (from ``since`` on, when given), in order."""
        query = select(BusyWeekRow.week_monday).where(BusyWeekRow.athlete_id == athlete_id)
        if since is not None:
            query = query.where(BusyWeekRow.week_monday >= since)
        return list(self.session.scalars(query.order_by(BusyWeekRow.week_monday)))

    # Session moves (the Plan page) ---------------------------------------------

    def session_moves(self, athlete_id: int, since: date | None = None) -> list[SessionMove]:
        """The athlete's moves (of sessions planned from ``since`` on), oldest first."""
        query = select(SessionMoveRow).where(SessionMoveRow.athlete_id == athlete_id)
        if since is not None:
            query = query.where(SessionMoveRow.from_day >= since)
        rows = self.session.scalars(query.order_by(SessionMoveRow.id))
        return [SessionMove(r.from_day, r.to_day, r.kind, r.name) for r in rows]

    def put_session_move(self, athlete_id: int, move: SessionMove, now: datetime) -> None:
        """Store a move. A session moved before (now on ``move.from_day`` by an earlier
        move) keeps one row from its planned day; moved back there, the row goes."""
        earlier = self.session.scalar(
            select(SessionMoveRow).where(
                SessionMoveRow.athlete_id == athlete_id,
                SessionMoveRow.to_day == move.from_day,
                SessionMoveRow.kind == move.kind,
                SessionMoveRow.name == move.name,
            )
        )
        if earlier is None:
            self.session.add(SessionMoveRow(
                athlete_id=athlete_id, from_day=move.from_day, to_day=move.to_day,
                kind=move.kind, name=move.name, created_at=now,
            ))  # fmt: skip
        elif earlier.from_day == move.to_day:
            self.session.delete(earlier)
        else:
            earlier.to_day, earlier.created_at = move.to_day, now
        self.session.flush()

    def remove_session_move(self, athlete_id: int, move: SessionMove) -> bool:
        """Take a move back (by its planned day and session); False when none was stored."""
        result = self.session.execute(
            delete(SessionMoveRow).where(
                SessionMoveRow.athlete_id == athlete_id,
                SessionMoveRow.from_day == move.from_day,
                SessionMoveRow.kind == move.kind,
                SessionMoveRow.name == move.name,
            )
        )
        self.session.flush()
        return bool(getattr(result, "rowcount", 0))


def _snapshot(row: PlanSnapshotRow) -> PlanSnapshot:
    return PlanSnapshot(
        id=row.id,
        athlete_id=row.athlete_id,
        created_at=row.created_at,
        today=row.today,
        inputs_sha256=row.inputs_sha256,
        plan_json=row.plan_json,
    )
