"""Read and write the logbook inside one session; rows go in and out as domain dataclasses.

Athletes, activities, lift sessions and check-ins are here; the import log (import_rows.py)
and the plan's rows (plan_rows.py) come in as mixins, the conversions from row_values.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from stridelift.adapters.store.accounts_repo import AccountsRepository
from stridelift.adapters.store.comments_repo import CommentsRepository
from stridelift.adapters.store.grants_repo import GrantsRepository
from stridelift.adapters.store.import_rows import ImportLogEntry, ImportRows
from stridelift.adapters.store.jobs_repo import JobsRepository
from stridelift.adapters.store.methodologies_repo import MethodologiesRepository
from stridelift.adapters.store.plan_rows import PlanRows, PlanSnapshot
from stridelift.adapters.store.row_values import (
    SET_COLUMNS,
    activity_value,
    checkin_value,
    lift_session_fingerprint,
    set_from_columns,
    set_row,
)
from stridelift.adapters.store.tables import (
    ActivityEffortRow,
    ActivityRow,
    AthleteRow,
    Base,
    BusyWeekRow,
    CheckInRow,
    LiftSessionRow,
    PainReportRow,
    SessionMoveRow,
    StrengthSetRow,
)
from stridelift.domain.activity import Activity, CheckIn, LiftSession, PainReport, StrengthSet
from stridelift.domain.efforts import Effort

# The stored records callers import from here, wherever they are defined.
__all__ = ["AthleteRecord", "ImportLogEntry", "PlanSnapshot", "Repository"]


@dataclass(frozen=True, slots=True)
class AthleteRecord:
    """A stored athlete: its id, name and the profile TOML it was made from."""

    id: int
    name: str
    profile_toml: str
    created_at: datetime
    updated_at: datetime


def _athlete_record(row: AthleteRow) -> AthleteRecord:
    return AthleteRecord(
        id=row.id,
        name=row.name,
        profile_toml=row.profile_toml,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


class Repository(ImportRows, PlanRows):
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
            sets=[set_row(i, s) for i, s in enumerate(activity.sets)],
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
                select(StrengthSetRow.activity_id, *SET_COLUMNS)
                .join(ActivityRow, StrengthSetRow.activity_id == ActivityRow.id)
                .where(*where)
                .order_by(StrengthSetRow.activity_id, StrengthSetRow.position)
            ):
                sets.setdefault(r.activity_id, []).append(set_from_columns(r))
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
        return None if row is None else activity_value(row)

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
            sets=[set_row(i, s) for i, s in enumerate(lift.sets)],
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
                select(StrengthSetRow.lift_session_id, *SET_COLUMNS)
                .join(LiftSessionRow, StrengthSetRow.lift_session_id == LiftSessionRow.id)
                .where(*where)
                .order_by(StrengthSetRow.lift_session_id, StrengthSetRow.position)
            ):
                sets.setdefault(r.lift_session_id, []).append(set_from_columns(r))
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
        return None if row is None else checkin_value(row)

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
