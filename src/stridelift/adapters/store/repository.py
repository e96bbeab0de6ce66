"""Read and write the logbook inside one session; rows go in and out as domain dataclasses."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from stridelift.adapters.store.accounts_repo import AccountsRepository
from stridelift.adapters.store.comments_repo import CommentsRepository
from stridelift.adapters.store.grants_repo import GrantsRepository
from stridelift.adapters.store.jobs_repo import JobsRepository
from stridelift.adapters.store.methodologies_repo import MethodologiesRepository
from stridelift.adapters.store.tables import (
    ActivityEffortRow,
    ActivityRow,
    AthleteRow,
    Base,
    BusyWeekRow,
    CheckInRow,
    ImportLogRow,
    LiftSessionRow,
    PainReportRow,
    PlanSnapshotRow,
    SessionMoveRow,
    StrengthSetRow,
)
from stridelift.domain.activity import Activity, CheckIn, LiftSession, PainReport, StrengthSet
from stridelift.domain.efforts import Effort
from stridelift.domain.history import SessionMove


@dataclass(frozen=True, slots=True)
class AthleteRecord:
    """A stored athlete: its id, name and the profile TOML it was made from."""

    id: int
    name: str
    profile_toml: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class PlanSnapshot:
    """A stored plan: the day it was made for, the hash of its inputs and its JSON text."""

    id: int
    athlete_id: int
    created_at: datetime
    today: date
    inputs_sha256: str
    plan_json: str


@dataclass(frozen=True, slots=True)
class ImportLogEntry:
    """What happened to one imported file."""

    file_name: str
    sha256: str | None
    status: str
    reason: str | None
    logged_at: datetime
    format: str | None = None
    activities: int = 0
    lift_sessions: int = 0


def lift_session_fingerprint(session: LiftSession) -> str:
    """A stable hash of a lift session's day, template and sets (finds re-imported workouts)."""
    content = {
        "day": session.day.isoformat(),
        "template": session.template,
        "sets": [
            # A carry's metres only when given, so sets logged before 0003 keep their hash.
            [s.exercise_id, s.source_name, s.reps, s.load_kg, s.rir, s.duration_s]
            + ([s.distance_m] if s.distance_m is not None else [])
            for s in session.sets
        ],
    }
    text = json.dumps(content, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _set_row(position: int, value: StrengthSet) -> StrengthSetRow:
    return StrengthSetRow(
        position=position,
        exercise_id=value.exercise_id,
        source_name=value.source_name,
        reps=value.reps,
        load_kg=value.load_kg,
        rir=value.rir,
        technique_breakdown=value.technique_breakdown,
        pain=value.pain,
        pain_side=value.pain_side,
        pain_area=value.pain_area,
        duration_s=value.duration_s,
        distance_m=value.distance_m,
    )


def _set_value(row: StrengthSetRow) -> StrengthSet:
    return StrengthSet(
        exercise_id=row.exercise_id,
        reps=row.reps,
        load_kg=row.load_kg,
        rir=row.rir,
        source_name=row.source_name,
        technique_breakdown=row.technique_breakdown,
        pain=row.pain,
        pain_side=row.pain_side,
        pain_area=row.pain_area,
        duration_s=row.duration_s,
        distance_m=row.distance_m,
    )


# Columns of a set as read by the range queries (Core rows: far cheaper than ORM objects
# when a history of months is read at once), in the order of StrengthSet's fields: the
# round-trip tests of test_store.py fail if the two orders ever part.
_SET_COLUMNS = (
    StrengthSetRow.exercise_id,
    StrengthSetRow.reps,
    StrengthSetRow.load_kg,
    StrengthSetRow.rir,
    StrengthSetRow.source_name,
    StrengthSetRow.technique_breakdown,
    StrengthSetRow.pain,
    StrengthSetRow.pain_side,
    StrengthSetRow.pain_area,
    StrengthSetRow.duration_s,
    StrengthSetRow.distance_m,
)


def _set_from_columns(row: Any) -> StrengthSet:
    """A set from a row of (parent id, *_SET_COLUMNS)."""
    return StrengthSet(*row[1:])


def _activity_value(row: ActivityRow) -> Activity:
    return Activity(
        start_utc=row.start_utc,
        sport=row.sport,
        duration_s=row.duration_s,
        sub_sport=row.sub_sport,
        moving_s=row.moving_s,
        distance_m=row.distance_m,
        avg_hr=row.avg_hr,
        max_hr=row.max_hr,
        elevation_gain_m=row.elevation_gain_m,
        name=row.name,
        run_type=row.run_type,
        rpe=row.rpe,
        notes=row.notes,
        source=row.source,
        source_file=row.source_file,
        file_sha256=row.file_sha256,
        sets=tuple(_set_value(s) for s in row.sets),
        efforts=tuple(Effort(e.distance_m, e.time_s, e.start_s) for e in row.efforts),
    )


def _checkin_value(row: CheckInRow) -> CheckIn:
    return CheckIn(
        day=row.day,
        sleep_hours=row.sleep_hours,
        sleep_quality=row.sleep_quality,
        soreness=row.soreness,
        fatigue=row.fatigue,
        stress=row.stress,
        mood=row.mood,
        motivation=row.motivation,
        pain=tuple(PainReport(area=p.area, level=p.level, side=p.side) for p in row.pain),
        ill=row.ill,
        cycle_note=row.cycle_note,
    )


def _athlete_record(row: AthleteRow) -> AthleteRecord:
    return AthleteRecord(
        id=row.id,
        name=row.name,
        profile_toml=row.profile_toml,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


class Repository:
    """The logbook's queries and writes over one SQLAlchemy session (one transaction)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.accounts = AccountsRepository(session)
        self.grants = GrantsRepository(session)
        self.methodologies = MethodologiesRepository(session)
        self.comments = CommentsRepository(session)
        self.jobs = JobsRepository(session)

    # Athletes -----------------------------------------------------------------

    def add_athlete(self, name: str, profile_toml: str, now: datetime) -> AthleteRecord:
        """Store a new athlete; the caller checks the name is free."""
        row = AthleteRow(name=name, profile_toml=profile_toml, created_at=now, updated_at=now)
        self.session.add(row)
        self.session.flush()
        return _athlete_record(row)

    def update_athlete(
        self, athlete_id: int, name: str, profile_toml: str, now: datetime
    ) -> AthleteRecord:
        """Replace an athlete's name and profile text."""
        row = self.session.get_one(AthleteRow, athlete_id)
        row.name = name
        row.profile_toml = profile_toml
        row.updated_at = now
        self.session.flush()
        return _athlete_record(row)

    def athlete_by_name(self, name: str) -> AthleteRecord | None:
        """The athlete with exactly this name, if any."""
        row = self.session.scalar(select(AthleteRow).where(AthleteRow.name == name))
        return None if row is None else _athlete_record(row)

    def lock_athlete(self, athlete_id: int) -> None:
        """Hold the athlete's row until the transaction ends (PostgreSQL ``FOR UPDATE``).

        Two imports for one athlete then check for duplicates one after the other;
        SQLite needs nothing here, its writers already run one at a time.
        """
        self.session.execute(
            select(AthleteRow.id).where(AthleteRow.id == athlete_id).with_for_update()
        )

    def athletes(self) -> list[AthleteRecord]:
        """Every athlete, by name."""
        rows = self.session.scalars(select(AthleteRow).order_by(AthleteRow.name))
        return [_athlete_record(r) for r in rows]

    # Activities ---------------------------------------------------------------

    def add_activity(self, athlete_id: int, activity: Activity, now: datetime) -> int:
        """Store an activity and its sets; returns its id."""
        row = ActivityRow(
            athlete_id=athlete_id,
            start_utc=activity.start_utc,
            sport=activity.sport,
            sub_sport=activity.sub_sport,
            duration_s=activity.duration_s,
            moving_s=activity.moving_s,
            distance_m=activity.distance_m,
            avg_hr=activity.avg_hr,
            max_hr=activity.max_hr,
            elevation_gain_m=activity.elevation_gain_m,
            name=activity.name,
            run_type=activity.run_type,
            rpe=activity.rpe,
            notes=activity.notes,
            source=activity.source,
            source_file=activity.source_file,
            file_sha256=activity.file_sha256,
            created_at=now,
            sets=[_set_row(i, s) for i, s in enumerate(activity.sets)],
            efforts=[
                ActivityEffortRow(distance_m=e.distance_m, time_s=e.time_s, start_s=e.start_s)
                for e in activity.efforts
            ],
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def activities_between(
        self, athlete_id: int, start_utc: datetime, end_utc: datetime
    ) -> list[Activity]:
        """Activities starting in [start_utc, end_utc), oldest first."""
        where = (
            ActivityRow.athlete_id == athlete_id,
            ActivityRow.start_utc >= start_utc,
            ActivityRow.start_utc < end_utc,
        )
        rows = self.session.execute(
            select(ActivityRow.__table__)
            .where(*where)
            .order_by(ActivityRow.start_utc, ActivityRow.id)
        ).all()
        sets: dict[int, list[StrengthSet]] = {}
        if rows:
            for r in self.session.execute(
                select(StrengthSetRow.activity_id, *_SET_COLUMNS)
                .join(ActivityRow, StrengthSetRow.activity_id == ActivityRow.id)
                .where(*where)
                .order_by(StrengthSetRow.activity_id, StrengthSetRow.position)
            ):
                sets.setdefault(r.activity_id, []).append(_set_from_columns(r))
        efforts = self._efforts_of(where) if rows else {}
        return [
            Activity(
                start_utc=r.start_utc,
                sport=r.sport,
                duration_s=r.duration_s,
                sub_sport=r.sub_sport,
                moving_s=r.moving_s,
                distance_m=r.distance_m,
                avg_hr=r.avg_hr,
                max_hr=r.max_hr,
                elevation_gain_m=r.elevation_gain_m,
                name=r.name,
                run_type=r.run_type,
                rpe=r.rpe,
                notes=r.notes,
                source=r.source,
                source_file=r.source_file,
                file_sha256=r.file_sha256,
                sets=tuple(sets.get(r.id, ())),
                efforts=tuple(efforts.get(r.id, ())),
            )
            for r in rows
        ]

    def _efforts_of(self, where: tuple[Any, ...]) -> dict[int, list[Effort]]:
        """The stored best efforts of the activities ``where`` selects, by activity id."""
        found: dict[int, list[Effort]] = {}
        for r in self.session.execute(
            select(
                ActivityEffortRow.activity_id,
                ActivityEffortRow.distance_m,
                ActivityEffortRow.time_s,
                ActivityEffortRow.start_s,
            )
            .join(ActivityRow, ActivityEffortRow.activity_id == ActivityRow.id)
            .where(*where)
            .order_by(ActivityEffortRow.activity_id, ActivityEffortRow.distance_m)
        ):
            found.setdefault(r.activity_id, []).append(Effort(r.distance_m, r.time_s, r.start_s))
        return found

    def activity_near(
        self, athlete_id: int, sport: str, start_utc: datetime, window_s: float
    ) -> Activity | None:
        """An activity of this sport starting within ``window_s`` seconds of ``start_utc``."""
        window = timedelta(seconds=window_s)
        row = self.session.scalars(
            select(ActivityRow)
            .where(
                ActivityRow.athlete_id == athlete_id,
                ActivityRow.sport == sport,
                ActivityRow.start_utc >= start_utc - window,
                ActivityRow.start_utc <= start_utc + window,
            )
            .order_by(ActivityRow.id)
            .limit(1)
        ).first()
        return None if row is None else _activity_value(row)

    # Lift sessions ------------------------------------------------------------

    def add_lift_session(
        self,
        athlete_id: int,
        lift: LiftSession,
        now: datetime,
        *,
        source_file: str | None = None,
        file_sha256: str | None = None,
    ) -> int:
        """Store a lift session and its sets; returns its id."""
        row = LiftSessionRow(
            athlete_id=athlete_id,
            day=lift.day,
            template=lift.template,
            minutes=lift.minutes,
            rpe=lift.rpe,
            notes=lift.notes,
            source=lift.source,
            source_file=source_file,
            file_sha256=file_sha256,
            fingerprint=lift_session_fingerprint(lift),
            created_at=now,
            sets=[_set_row(i, s) for i, s in enumerate(lift.sets)],
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def has_lift_session_like(self, athlete_id: int, lift: LiftSession) -> bool:
        """True when a session with the same day, template and sets is stored already."""
        found = self.session.scalar(
            select(LiftSessionRow.id)
            .where(
                LiftSessionRow.athlete_id == athlete_id,
                LiftSessionRow.fingerprint == lift_session_fingerprint(lift),
            )
            .limit(1)
        )
        return found is not None

    def lift_sessions_between(self, athlete_id: int, start: date, end: date) -> list[LiftSession]:
        """Lift sessions on days in [start, end], oldest first."""
        where = (
            LiftSessionRow.athlete_id == athlete_id,
            LiftSessionRow.day >= start,
            LiftSessionRow.day <= end,
        )
        rows = self.session.execute(
            select(LiftSessionRow.__table__)
            .where(*where)
            .order_by(LiftSessionRow.day, LiftSessionRow.id)
        ).all()
        sets: dict[int, list[StrengthSet]] = {}
        if rows:
            for r in self.session.execute(
                select(StrengthSetRow.lift_session_id, *_SET_COLUMNS)
                .join(LiftSessionRow, StrengthSetRow.lift_session_id == LiftSessionRow.id)
                .where(*where)
                .order_by(StrengthSetRow.lift_session_id, StrengthSetRow.position)
            ):
                sets.setdefault(r.lift_session_id, []).append(_set_from_columns(r))
        return [
            LiftSession(
                day=r.day,
                sets=tuple(sets.get(r.id, ())),
                template=r.template,
                minutes=r.minutes,
                rpe=r.rpe,
                notes=r.notes,
                source=r.source,
            )
            for r in rows
        ]

    # Check-ins ----------------------------------------------------------------

    def checkin_on(self, athlete_id: int, day: date) -> CheckIn | None:
        """The check-in of one day, if any."""
        row = self.session.scalar(
            select(CheckInRow).where(CheckInRow.athlete_id == athlete_id, CheckInRow.day == day)
        )
        return None if row is None else _checkin_value(row)

    def delete_checkin(self, athlete_id: int, day: date) -> None:
        """Remove the check-in of one day (and its pain reports)."""
        self.session.execute(
            delete(CheckInRow).where(CheckInRow.athlete_id == athlete_id, CheckInRow.day == day)
        )
        self.session.flush()

    def add_checkin(self, athlete_id: int, checkin: CheckIn, now: datetime) -> int:
        """Store a check-in and its pain reports; returns its id."""
        row = CheckInRow(
            athlete_id=athlete_id,
            day=checkin.day,
            sleep_hours=checkin.sleep_hours,
            sleep_quality=checkin.sleep_quality,
            soreness=checkin.soreness,
            fatigue=checkin.fatigue,
            stress=checkin.stress,
            mood=checkin.mood,
            motivation=checkin.motivation,
            ill=checkin.ill,
            cycle_note=checkin.cycle_note,
            created_at=now,
            pain=[
                PainReportRow(position=i, area=p.area, level=p.level, side=p.side)
                for i, p in enumerate(checkin.pain)
            ],
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def checkins_between(self, athlete_id: int, start: date, end: date) -> list[CheckIn]:
        """Check-ins on days in [start, end], oldest first."""
        where = (
            CheckInRow.athlete_id == athlete_id,
            CheckInRow.day >= start,
            CheckInRow.day <= end,
        )
        rows = self.session.execute(
            select(CheckInRow.__table__).where(*where).order_by(CheckInRow.day)
        ).all()
        pain: dict[int, list[PainReport]] = {}
        if rows:
            for r in self.session.execute(
                select(PainReportRow.checkin_id, PainReportRow.area, PainReportRow.level,
                       PainReportRow.side)
                .join(CheckInRow, PainReportRow.checkin_id == CheckInRow.id)
                .where(*where)
                .order_by(PainReportRow.checkin_id, PainReportRow.position)
            ):  # fmt: skip
                pain.setdefault(r.checkin_id, []).append(PainReport(r.area, r.level, r.side))
        return [
            CheckIn(
                day=r.day,
                sleep_hours=r.sleep_hours,
                sleep_quality=r.sleep_quality,
                soreness=r.soreness,
                fatigue=r.fatigue,
                stress=r.stress,
                mood=r.mood,
                motivation=r.motivation,
                pain=tuple(pain.get(r.id, ())),
                ill=bool(r.ill),
                cycle_note=r.cycle_note,
            )
            for r in rows
        ]

    # Import log ---------------------------------------------------------------

    def add_import_entry(self, athlete_id: int, entry: ImportLogEntry) -> None:
        """Record what happened to one file."""
        self.session.add(
            ImportLogRow(
                athlete_id=athlete_id,
                file_name=entry.file_name,
                sha256=entry.sha256,
                format=entry.format,
                status=entry.status,
                reason=entry.reason,
                activities=entry.activities,
                lift_sessions=entry.lift_sessions,
                logged_at=entry.logged_at,
            )
        )
        self.session.flush()

    def file_imported(self, athlete_id: int, sha256: str) -> str | None:
        """The name under which a file with these bytes was imported before, if it was."""
        return self.session.scalar(
            select(ImportLogRow.file_name)
            .where(
                ImportLogRow.athlete_id == athlete_id,
                ImportLogRow.sha256 == sha256,
                ImportLogRow.status == "imported",
            )
            .order_by(ImportLogRow.id)
            .limit(1)
        )

    def import_log(self, athlete_id: int) -> list[ImportLogEntry]:
        """Every import log entry of an athlete, oldest first."""
        rows = self.session.scalars(
            select(ImportLogRow)
            .where(ImportLogRow.athlete_id == athlete_id)
            .order_by(ImportLogRow.id)
        )
        return [
            ImportLogEntry(
                file_name=r.file_name,
                sha256=r.sha256,
                status=r.status,
                reason=r.reason,
                logged_at=r.logged_at,
                format=r.format,
                activities=r.activities,
                lift_sessions=r.lift_sessions,
            )
            for r in rows
        ]

    # Plan snapshots -----------------------------------------------------------

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

    def last_logged_at(self, athlete_id: int) -> datetime | None:
        """When anything of the athlete's was last stored: an activity, a lift, a check-in,
        a busy week, a moved session, or the profile itself (None for an athlete never stored)."""
        latest: list[datetime] = []
        for column, owner in (
            (ActivityRow.created_at, ActivityRow.athlete_id),
            (LiftSessionRow.created_at, LiftSessionRow.athlete_id),
            (CheckInRow.created_at, CheckInRow.athlete_id),
            (BusyWeekRow.created_at, BusyWeekRow.athlete_id),
            (SessionMoveRow.created_at, SessionMoveRow.athlete_id),
            (AthleteRow.updated_at, AthleteRow.id),
        ):
            found = self.session.scalar(select(func.max(column)).where(owner == athlete_id))
            if found is not None:
                latest.append(found)
        return max(latest, default=None)

    # Whole database -----------------------------------------------------------

    def row_counts(self) -> dict[str, int]:
        """How many rows each table holds."""
        return {
            table.name: int(self.session.scalar(select(func.count()).select_from(table)) or 0)
            for table in Base.metadata.sorted_tables
        }

    def is_empty(self) -> bool:
        """True when no table holds a row."""
        return not any(self.row_counts().values())


def _snapshot(row: PlanSnapshotRow) -> PlanSnapshot:
    return PlanSnapshot(
        id=row.id,
        athlete_id=row.athlete_id,
        created_at=row.created_at,
        today=row.today,
        inputs_sha256=row.inputs_sha256,
        plan_json=row.plan_json,
    )
