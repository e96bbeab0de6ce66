"""Session moves: the planned sessions an athlete moved to another day of their week (the
web app's Plan page), one row per athlete, session and original day.

Revision ID: 0004_session_moves
Revises: 0003_set_distance
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_session_moves"
down_revision = "0003_set_distance"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the session_moves table."""
    op.create_table(
        "session_moves",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("from_day", sa.Date(), nullable=False),
        sa.Column("to_day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_session_moves"),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            ondelete="CASCADE",
            name="fk_session_moves_athlete_id_athletes",
        ),
    )
    op.create_index(
        "ix_session_moves_athlete_id_from_day_kind_name",
        "session_moves",
        ["athlete_id", "from_day", "kind", "name"],
        unique=True,
    )


def downgrade() -> None:
    """Drop the session_moves table."""
    op.drop_table("session_moves")
