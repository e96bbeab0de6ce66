"""Recorded runs' best efforts: the fastest time over each standard distance found in a
run's records at import (``activity_efforts``), so best efforts need no stored streams.
Runs imported before keep none and are shown as whole-run efforts.

Revision ID: 0005_activity_efforts
Revises: 0004_session_moves
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_activity_efforts"
down_revision = "0004_session_moves"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create activity_efforts, one row per run and distance."""
    op.create_table(
        "activity_efforts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("distance_m", sa.Float(), nullable=False),
        sa.Column("time_s", sa.Float(), nullable=False),
        sa.Column("start_s", sa.Float(), nullable=False),
        sa.CheckConstraint("time_s > 0", name=op.f("ck_activity_efforts_time_positive")),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_activity_efforts_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_efforts")),
    )
    op.create_index(
        op.f("ix_activity_efforts_activity_id"), "activity_efforts", ["activity_id"], unique=False
    )


def downgrade() -> None:
    """Drop activity_efforts."""
    op.drop_index(op.f("ix_activity_efforts_activity_id"), table_name="activity_efforts")
    op.drop_table("activity_efforts")
