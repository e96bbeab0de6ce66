"""Session comments: the athlete or an edit coach comments on a planned session (the
athlete's session of a kind and name on a day).

Revision ID: 0008_session_comments
Revises: 0007_coach_grants
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_session_comments"
down_revision = "0007_coach_grants"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the session_comments table."""
    op.create_table(
        "session_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("author_user_id", sa.Integer(), nullable=True),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_session_comments"),
        sa.CheckConstraint(
            "length(body) BETWEEN 1 AND 2000", name="ck_session_comments_body_length"
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            ondelete="CASCADE",
            name="fk_session_comments_athlete_id_athletes",
        ),
        sa.ForeignKeyConstraint(
            ["author_user_id"],
            ["users.id"],
            ondelete="SET NULL",
            name="fk_session_comments_author_user_id_users",
        ),
    )
    op.create_index("ix_session_comments_athlete_id_day", "session_comments", ["athlete_id", "day"])


def downgrade() -> None:
    """Drop the session_comments table."""
    op.drop_table("session_comments")
