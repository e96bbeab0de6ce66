"""The logbook's tables as SQLAlchemy 2 typed models; rows only, the domain never sees them."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Named constraints, so migrations can refer to them on SQLite and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
IMPORT_STATUSES = ("imported", "duplicate", "skipped", "failed")


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as naive UTC and read back as an aware UTC datetime.

    SQLite keeps no time zone, so every database gets the same naive UTC value.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Store aware datetimes converted to UTC, without their zone."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be time-zone aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Read naive UTC back as aware UTC."""
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    """The declarative base of every logbook table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class AthleteRow(Base):
    """One athlete and the profile TOML they were created from."""

    __tablename__ = "athletes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    profile_toml: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class PlanSnapshotRow(Base):
    """A plan as it was made on one day, with the hash of the inputs it came from."""

    __tablename__ = "plan_snapshots"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    today: Mapped[date] = mapped_column(Date)
    inputs_sha256: Mapped[str] = mapped_column(String(64))
    plan_json: Mapped[str] = mapped_column(Text)


class ActivityRow(Base):
    """One recorded session: a run, a ride, a swim... logged by hand or imported."""

    __tablename__ = "activities"
    __table_args__ = (
        # Duplicate detection looks up an athlete's sport around a start time.
        Index(None, "athlete_id", "sport", "start_utc"),
        # History reads take every sport of an athlete between two instants.
        Index(None, "athlete_id", "start_utc"),
        CheckConstraint("duration_s >= 0", name="duration_nonnegative"),
        CheckConstraint("rpe IS NULL OR (rpe >= 1 AND rpe <= 10)", name="rpe_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    start_utc: Mapped[datetime] = mapped_column(UTCDateTime())
    sport: Mapped[str] = mapped_column(String(40))
    sub_sport: Mapped[str | None] = mapped_column(String(60))
    duration_s: Mapped[float] = mapped_column(Float)
    moving_s: Mapped[float | None] = mapped_column(Float)
    distance_m: Mapped[float | None] = mapped_column(Float)
    avg_hr: Mapped[float | None] = mapped_column(Float)
    max_hr: Mapped[float | None] = mapped_column(Float)
    elevation_gain_m: Mapped[float | None] = mapped_column(Float)
    name: Mapped[str | None] = mapped_column(String(300))
    run_type: Mapped[str | None] = mapped_column(String(40))
    rpe: Mapped[float | None] = mapped_column(Float)
    notes: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(40))
    source_file: Mapped[str | None] = mapped_column(String(500))
    file_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    sets: Mapped[list[StrengthSetRow]] = relationship(
        order_by="StrengthSetRow.position", cascade="all, delete-orphan", passive_deletes=True
    )
    efforts: Mapped[list[ActivityEffortRow]] = relationship(
        order_by="ActivityEffortRow.distance_m",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class ActivityEffortRow(Base):
    """A recorded run's best effort over one distance, found in its records at import (0004)."""

    __tablename__ = "activity_efforts"
    __table_args__ = (CheckConstraint("time_s > 0", name="time_positive"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    distance_m: Mapped[float] = mapped_column(Float)
    time_s: Mapped[float] = mapped_column(Float)
    start_s: Mapped[float] = mapped_column(Float)  # seconds after the run's first record


class LiftSessionRow(Base):
    """A strength session logged by hand or imported from a lifting app."""

    __tablename__ = "lift_sessions"
    __table_args__ = (
        Index(None, "athlete_id", "day"),
        CheckConstraint("rpe IS NULL OR (rpe >= 1 AND rpe <= 10)", name="rpe_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    template: Mapped[str | None] = mapped_column(String(60))
    minutes: Mapped[int | None] = mapped_column(Integer)
    rpe: Mapped[float | None] = mapped_column(Float)
    notes: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(40))
    source_file: Mapped[str | None] = mapped_column(String(500))
    file_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    # sha256 of the session's content; finds the same workout in a newer app export.
    fingerprint: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    sets: Mapped[list[StrengthSetRow]] = relationship(
        order_by="StrengthSetRow.position", cascade="all, delete-orphan", passive_deletes=True
    )


class StrengthSetRow(Base):
    """One set; it belongs to exactly one lift session or one activity."""

    __tablename__ = "strength_sets"
    __table_args__ = (
        CheckConstraint("(lift_session_id IS NULL) <> (activity_id IS NULL)", name="one_parent"),
        CheckConstraint("reps >= 0", name="reps_nonnegative"),
        CheckConstraint("rir IS NULL OR (rir >= 0 AND rir <= 10)", name="rir_range"),
        CheckConstraint("pain IS NULL OR (pain >= 0 AND pain <= 10)", name="pain_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lift_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("lift_sessions.id", ondelete="CASCADE"), index=True
    )
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    exercise_id: Mapped[str | None] = mapped_column(String(100))
    source_name: Mapped[str | None] = mapped_column(String(200))
    reps: Mapped[int] = mapped_column(Integer)
    load_kg: Mapped[float | None] = mapped_column(Float)
    rir: Mapped[int | None] = mapped_column(Integer)
    technique_breakdown: Mapped[bool] = mapped_column(Boolean)
    pain: Mapped[int | None] = mapped_column(Integer)
    pain_side: Mapped[str | None] = mapped_column(String(10))
    pain_area: Mapped[str | None] = mapped_column(String(60))
    duration_s: Mapped[float | None] = mapped_column(Float)
    distance_m: Mapped[float | None] = mapped_column(Float)  # a carry's metres (0003)


class CheckInRow(Base):
    """A daily check-in: sleep, how the body and mind feel, illness, cycle notes."""

    __tablename__ = "checkins"
    __table_args__ = (Index(None, "athlete_id", "day", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    sleep_hours: Mapped[float | None] = mapped_column(Float)
    sleep_quality: Mapped[int | None] = mapped_column(Integer)
    soreness: Mapped[int | None] = mapped_column(Integer)
    fatigue: Mapped[int | None] = mapped_column(Integer)
    stress: Mapped[int | None] = mapped_column(Integer)
    mood: Mapped[int | None] = mapped_column(Integer)
    motivation: Mapped[int | None] = mapped_column(Integer)
    ill: Mapped[bool] = mapped_column(Boolean)
    cycle_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    pain: Mapped[list[PainReportRow]] = relationship(
        order_by="PainReportRow.position", cascade="all, delete-orphan", passive_deletes=True
    )


class PainReportRow(Base):
    """Pain in one area on a check-in (ADAPT-5), 0-10, with its side."""

    __tablename__ = "pain_reports"
    __table_args__ = (CheckConstraint("level >= 0 AND level <= 10", name="level_range"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    checkin_id: Mapped[int] = mapped_column(
        ForeignKey("checkins.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    area: Mapped[str] = mapped_column(String(60))
    level: Mapped[int] = mapped_column(Integer)
    side: Mapped[str | None] = mapped_column(String(10))


class ImportLogRow(Base):
    """What happened to one imported file: imported, duplicate, skipped or failed, and why."""

    __tablename__ = "import_log"
    __table_args__ = (
        CheckConstraint(
            "status IN ('imported', 'duplicate', 'skipped', 'failed')", name="status_known"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    format: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    activities: Mapped[int] = mapped_column(Integer)
    lift_sessions: Mapped[int] = mapped_column(Integer)
    logged_at: Mapped[datetime] = mapped_column(UTCDateTime())


class BusyWeekRow(Base):
    """A week the athlete marked busy (ADAPT-3), by its Monday: the plan shrinks it."""

    __tablename__ = "busy_weeks"
    __table_args__ = (Index(None, "athlete_id", "week_monday", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    week_monday: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SessionMoveRow(Base):
    """A planned session the athlete moved to another day of its week (the Plan page): the
    session of ``kind`` and ``name`` the plan puts on ``from_day`` goes on ``to_day``."""

    __tablename__ = "session_moves"
    __table_args__ = (Index(None, "athlete_id", "from_day", "kind", "name", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    from_day: Mapped[date] = mapped_column(Date)
    to_day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


USER_ROLES = ("athlete", "coach", "admin")


class UserRow(Base):
    """A person who signs in to the web app (accounts mode, 0005); ``athlete_id`` is the
    athlete they are, if any (a coach may be one too; an admin need not be)."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint("role IN ('athlete', 'coach', 'admin')", name="role_known"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(150), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(10))
    athlete_id: Mapped[int | None] = mapped_column(
        ForeignKey("athletes.id", ondelete="SET NULL"), index=True
    )
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    password_changed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class WebSessionRow(Base):
    """A signed-in browser: the SHA-256 of its random token (never the token), its user,
    and when it began, was last seen, expires and ended (logout, disable, new password)."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class LoginFailureRow(Base):
    """A failed login, by the username tried and the client's address: the rate limit
    counts them in the database, so every server process sees the same count."""

    __tablename__ = "login_failures"
    __table_args__ = (Index(None, "username", "failed_at"), Index(None, "client", "failed_at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(150))
    client: Mapped[str] = mapped_column(String(64))
    failed_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ServerSecretRow(Base):
    """A random secret every server process shares (the CSRF tokens' signing key), made
    once: worker processes, and a restarted server, accept each other's tokens."""

    __tablename__ = "server_secrets"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CoachGrantRow(Base):
    """An athlete lets a coach see (``view``) or also change (``edit``) their training; it
    ends (``ended_at``, by ``ended_by``) when either side ends it. One active grant per
    coach and athlete (0007)."""

    __tablename__ = "coach_grants"
    __table_args__ = (
        CheckConstraint("access IN ('view', 'edit')", name="access_known"),
        Index(
            "uq_coach_grants_active",
            "coach_user_id",
            "athlete_id",
            unique=True,
            sqlite_where=text("ended_at IS NULL"),
            postgresql_where=text("ended_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    coach_user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    access: Mapped[str] = mapped_column(String(4))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ended_by: Mapped[int | None] = mapped_column(Integer)


class CoachInviteRow(Base):
    """A coach's invite link: the SHA-256 of its random token (never the token), the access
    it grants, when it expires, and who used it (once)."""

    __tablename__ = "coach_invites"
    __table_args__ = (CheckConstraint("access IN ('view', 'edit')", name="access_known"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    coach_user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    access: Mapped[str] = mapped_column(String(4))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    used_by_user_id: Mapped[int | None] = mapped_column(Integer)


class CoachMethodologyRow(Base):
    """A coach's own methodology file: its name (unique per coach), its text, and its
    version, counted up each time the coach replaces it (0009)."""

    __tablename__ = "coach_methodologies"
    __table_args__ = (UniqueConstraint("coach_user_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    coach_user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AthleteMethodologyRow(Base):
    """The coach's methodology applied to an athlete, as a frozen copy of the version
    applied: it plans on when the coach's file changes or goes, or the grant ends (0009)."""

    __tablename__ = "athlete_methodologies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), unique=True
    )
    coach_methodology_id: Mapped[int | None] = mapped_column(
        # Named: the convention's name passes PostgreSQL's 63 characters.
        ForeignKey(
            "coach_methodologies.id", ondelete="SET NULL", name="fk_athlete_methodologies_source"
        ),
        index=True,
    )
    coach_username: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    applied_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SessionCommentRow(Base):
    """A comment on a planned session (0008): the athlete's session of ``kind`` and
    ``name`` (domain.diff.session_key) on ``day``, written by the athlete or an edit coach.
    ``author`` keeps the username as written (a user removed later leaves the name)."""

    __tablename__ = "session_comments"
    __table_args__ = (
        Index(None, "athlete_id", "day"),
        CheckConstraint("length(body) BETWEEN 1 AND 2000", name="body_length"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(32))
    author_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


# The tables an athlete's log lives in: (a name, the row's athlete, when the row was
# stored). A row newer than the athlete's latest plan is a change to the log (the nightly
# replan, the roster's kept rows).
LOG_TABLES = (
    ("activities", ActivityRow.athlete_id, ActivityRow.created_at),
    ("lifts", LiftSessionRow.athlete_id, LiftSessionRow.created_at),
    ("checkins", CheckInRow.athlete_id, CheckInRow.created_at),
    ("busy", BusyWeekRow.athlete_id, BusyWeekRow.created_at),
    ("moves", SessionMoveRow.athlete_id, SessionMoveRow.created_at),
)
