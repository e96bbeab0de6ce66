"""Busy weeks: the weeks an athlete marked busy (ADAPT-3), one row per athlete and Monday;
and an index for reading an athlete's activities of every sport between two instants.

Revision ID: 0002_busy_weeks
Revises: 0001_initial
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_busy_weeks"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the busy_weeks table and the activities history index."""
    op.create_table(
        "busy_weeks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("week_monday", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_busy_weeks"),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            ondelete="CASCADE",
            name="fk_busy_weeks_athlete_id_athletes",
        ),
    )
    op.create_index(
        "ix_busy_weeks_athlete_id_week_monday",
        "busy_weeks",
        ["athlete_id", "week_monday"],
        unique=True,
    )
    # Re-planning reads the recent history of all sports; without it the search
    # walks every activity the athlete ever logged.
    op.create_index("ix_activities_athlete_id_start_utc", "activities", ["athlete_id", "start_utc"])


def downgrade() -> None:
    """Drop the busy_weeks table and the history index."""
    op.drop_index("ix_activities_athlete_id_start_utc", table_name="activities")
    op.drop_table("busy_weeks")
