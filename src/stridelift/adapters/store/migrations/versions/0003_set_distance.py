"""Strength sets: the metres of a carry (``strength_sets.distance_m``), logged in its own
unit like a hold's seconds.

Revision ID: 0003_set_distance
Revises: 0002_busy_weeks
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_set_distance"
down_revision = "0002_busy_weeks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the nullable distance_m column; sets logged before keep it empty."""
    op.add_column("strength_sets", sa.Column("distance_m", sa.Float(), nullable=True))


def downgrade() -> None:
    """Drop the distance_m column."""
    with op.batch_alter_table("strength_sets") as batch:
        batch.drop_column("distance_m")
