"""Coaches' own methodologies: each coach's uploaded files (name unique per coach, the
text, a version counted up by each replacement), and the copy of one applied to an
athlete (frozen: it stays when the coach's file changes or goes, or the grant ends).

Revision ID: 0009_coach_methodologies
Revises: 0008_session_comments
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_coach_methodologies"
down_revision = "0008_session_comments"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create coach_methodologies and athlete_methodologies."""
    op.create_table(
        "coach_methodologies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("coach_user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_coach_methodologies"),
        sa.UniqueConstraint(
            "coach_user_id", "name", name="uq_coach_methodologies_coach_user_id_name"
        ),
        sa.ForeignKeyConstraint(
            ["coach_user_id"],
            ["users.id"],
            ondelete="CASCADE",
            name="fk_coach_methodologies_coach_user_id_users",
        ),
    )
    op.create_table(
        "athlete_methodologies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("coach_methodology_id", sa.Integer(), nullable=True),
        sa.Column("coach_username", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("applied_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_athlete_methodologies"),
        sa.UniqueConstraint("athlete_id", name="uq_athlete_methodologies_athlete_id"),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            ondelete="CASCADE",
            name="fk_athlete_methodologies_athlete_id_athletes",
        ),
        sa.ForeignKeyConstraint(
            ["coach_methodology_id"],
            ["coach_methodologies.id"],
            ondelete="SET NULL",
            name="fk_athlete_methodologies_source",  # the long default passes 63 characters,
        ),
    )
    op.create_index(
        "ix_athlete_methodologies_coach_methodology_id",
        "athlete_methodologies",
        ["coach_methodology_id"],
    )


def downgrade() -> None:
    """Drop the coaches' methodology tables."""
    op.drop_table("athlete_methodologies")
    op.drop_table("coach_methodologies")
