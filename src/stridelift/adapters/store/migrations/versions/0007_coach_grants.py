"""Coach grants: an athlete lets a coach view or edit their training (one active grant per
coach and athlete), and the coaches' single-use invite links (a hash of each token, never
the token).

Revision ID: 0007_coach_grants
Revises: 0006_accounts
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_coach_grants"
down_revision = "0006_accounts"
branch_labels = None
depends_on = None

ACTIVE = sa.text("ended_at IS NULL")


def _coach_grants() -> None:
    op.create_table(
        "coach_grants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("coach_user_id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("access", sa.String(length=4), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("ended_by", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_coach_grants"),
        sa.CheckConstraint("access IN ('view', 'edit')", name="ck_coach_grants_access_known"),
        sa.ForeignKeyConstraint(
            ["coach_user_id"],
            ["users.id"],
            ondelete="CASCADE",
            name="fk_coach_grants_coach_user_id_users",
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            ondelete="CASCADE",
            name="fk_coach_grants_athlete_id_athletes",
        ),
    )
    op.create_index("ix_coach_grants_athlete_id", "coach_grants", ["athlete_id"])
    op.create_index(
        "uq_coach_grants_active",
        "coach_grants",
        ["coach_user_id", "athlete_id"],
        unique=True,
        sqlite_where=ACTIVE,
        postgresql_where=ACTIVE,
    )


def _coach_invites() -> None:
    op.create_table(
        "coach_invites",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("coach_user_id", sa.Integer(), nullable=False),
        sa.Column("access", sa.String(length=4), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.Column("used_by_user_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_coach_invites"),
        sa.UniqueConstraint("token_hash", name="uq_coach_invites_token_hash"),
        sa.CheckConstraint("access IN ('view', 'edit')", name="ck_coach_invites_access_known"),
        sa.ForeignKeyConstraint(
            ["coach_user_id"],
            ["users.id"],
            ondelete="CASCADE",
            name="fk_coach_invites_coach_user_id_users",
        ),
    )
    op.create_index("ix_coach_invites_coach_user_id", "coach_invites", ["coach_user_id"])


def upgrade() -> None:
    """Create the coach_grants and coach_invites tables."""
    _coach_grants()
    _coach_invites()


def downgrade() -> None:
    """Drop the coaching tables."""
    op.drop_table("coach_invites")
    op.drop_table("coach_grants")
