"""The first logbook schema: athletes, plans, activities, lifts, sets, check-ins, import log.

Revision ID: 0001_initial
Revises:
Create Date: 2026-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create every table of the first schema."""
    op.create_table(
        "athletes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("profile_toml", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_athletes"),
        sa.UniqueConstraint("name", name="uq_athletes_name"),
    )
    op.create_table(
        "plan_snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("today", sa.Date(), nullable=False),
        sa.Column("inputs_sha256", sa.String(64), nullable=False),
        sa.Column("plan_json", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_plan_snapshots"),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            ondelete="CASCADE",
            name="fk_plan_snapshots_athlete_id_athletes",
        ),
    )
    op.create_index("ix_plan_snapshots_athlete_id", "plan_snapshots", ["athlete_id"])
    op.create_table(
        "activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("start_utc", sa.DateTime(), nullable=False),
        sa.Column("sport", sa.String(40), nullable=False),
        sa.Column("sub_sport", sa.String(60), nullable=True),
        sa.Column("duration_s", sa.Float(), nullable=False),
        sa.Column("moving_s", sa.Float(), nullable=True),
        sa.Column("distance_m", sa.Float(), nullable=True),
        sa.Column("avg_hr", sa.Float(), nullable=True),
        sa.Column("max_hr", sa.Float(), nullable=True),
        sa.Column("elevation_gain_m", sa.Float(), nullable=True),
        sa.Column("name", sa.String(300), nullable=True),
        sa.Column("run_type", sa.String(40), nullable=True),
        sa.Column("rpe", sa.Float(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("source", sa.String(40), nullable=False),
        sa.Column("source_file", sa.String(500), nullable=True),
        sa.Column("file_sha256", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_activities"),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            ondelete="CASCADE",
            name="fk_activities_athlete_id_athletes",
        ),
        sa.CheckConstraint("duration_s >= 0", name="ck_activities_duration_nonnegative"),
        sa.CheckConstraint(
            "rpe IS NULL OR (rpe >= 1 AND rpe <= 10)", name="ck_activities_rpe_range"
        ),
    )
    op.create_index(
        "ix_activities_athlete_id_sport_start_utc",
        "activities",
        ["athlete_id", "sport", "start_utc"],
    )
    op.create_index("ix_activities_file_sha256", "activities", ["file_sha256"])
    op.create_table(
        "lift_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("template", sa.String(60), nullable=True),
        sa.Column("minutes", sa.Integer(), nullable=True),
        sa.Column("rpe", sa.Float(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("source", sa.String(40), nullable=False),
        sa.Column("source_file", sa.String(500), nullable=True),
        sa.Column("file_sha256", sa.String(64), nullable=True),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_lift_sessions"),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            ondelete="CASCADE",
            name="fk_lift_sessions_athlete_id_athletes",
        ),
        sa.CheckConstraint(
            "rpe IS NULL OR (rpe >= 1 AND rpe <= 10)", name="ck_lift_sessions_rpe_range"
        ),
    )
    op.create_index("ix_lift_sessions_athlete_id_day", "lift_sessions", ["athlete_id", "day"])
    op.create_index("ix_lift_sessions_file_sha256", "lift_sessions", ["file_sha256"])
    op.create_index("ix_lift_sessions_fingerprint", "lift_sessions", ["fingerprint"])
    op.create_table(
        "strength_sets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lift_session_id", sa.Integer(), nullable=True),
        sa.Column("activity_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(100), nullable=True),
        sa.Column("source_name", sa.String(200), nullable=True),
        sa.Column("reps", sa.Integer(), nullable=False),
        sa.Column("load_kg", sa.Float(), nullable=True),
        sa.Column("rir", sa.Integer(), nullable=True),
        sa.Column("technique_breakdown", sa.Boolean(), nullable=False),
        sa.Column("pain", sa.Integer(), nullable=True),
        sa.Column("pain_side", sa.String(10), nullable=True),
        sa.Column("pain_area", sa.String(60), nullable=True),
        sa.Column("duration_s", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_strength_sets"),
        sa.ForeignKeyConstraint(
            ["lift_session_id"],
            ["lift_sessions.id"],
            ondelete="CASCADE",
            name="fk_strength_sets_lift_session_id_lift_sessions",
        ),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            ondelete="CASCADE",
            name="fk_strength_sets_activity_id_activities",
        ),
        sa.CheckConstraint(
            "(lift_session_id IS NULL) <> (activity_id IS NULL)", name="ck_strength_sets_one_parent"
        ),
        sa.CheckConstraint("reps >= 0", name="ck_strength_sets_reps_nonnegative"),
        sa.CheckConstraint(
            "rir IS NULL OR (rir >= 0 AND rir <= 10)", name="ck_strength_sets_rir_range"
        ),
        sa.CheckConstraint(
            "pain IS NULL OR (pain >= 0 AND pain <= 10)", name="ck_strength_sets_pain_range"
        ),
    )
    op.create_index("ix_strength_sets_lift_session_id", "strength_sets", ["lift_session_id"])
    op.create_index("ix_strength_sets_activity_id", "strength_sets", ["activity_id"])
    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("sleep_hours", sa.Float(), nullable=True),
        sa.Column("sleep_quality", sa.Integer(), nullable=True),
        sa.Column("soreness", sa.Integer(), nullable=True),
        sa.Column("fatigue", sa.Integer(), nullable=True),
        sa.Column("stress", sa.Integer(), nullable=True),
        sa.Column("mood", sa.Integer(), nullable=True),
        sa.Column("motivation", sa.Integer(), nullable=True),
        sa.Column("ill", sa.Boolean(), nullable=False),
        sa.Column("cycle_note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_checkins"),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            ondelete="CASCADE",
            name="fk_checkins_athlete_id_athletes",
        ),
    )
    op.create_index("ix_checkins_athlete_id_day", "checkins", ["athlete_id", "day"], unique=True)
    op.create_table(
        "pain_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("checkin_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("area", sa.String(60), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("side", sa.String(10), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_pain_reports"),
        sa.ForeignKeyConstraint(
            ["checkin_id"],
            ["checkins.id"],
            ondelete="CASCADE",
            name="fk_pain_reports_checkin_id_checkins",
        ),
        sa.CheckConstraint("level >= 0 AND level <= 10", name="ck_pain_reports_level_range"),
    )
    op.create_index("ix_pain_reports_checkin_id", "pain_reports", ["checkin_id"])
    op.create_table(
        "import_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(500), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("format", sa.String(40), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("activities", sa.Integer(), nullable=False),
        sa.Column("lift_sessions", sa.Integer(), nullable=False),
        sa.Column("logged_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_import_log"),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            ondelete="CASCADE",
            name="fk_import_log_athlete_id_athletes",
        ),
        sa.CheckConstraint(
            "status IN ('imported', 'duplicate', 'skipped', 'failed')",
            name="ck_import_log_status_known",
        ),
    )
    op.create_index("ix_import_log_sha256", "import_log", ["sha256"])


def downgrade() -> None:
    """Drop every table of the first schema."""
    for table in (
        "import_log",
        "pain_reports",
        "checkins",
        "strength_sets",
        "lift_sessions",
        "activities",
        "plan_snapshots",
        "athletes",
    ):
        op.drop_table(table)
