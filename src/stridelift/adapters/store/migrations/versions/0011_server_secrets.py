"""Server secrets: random keys every server process shares (the CSRF tokens' signing key),
so that several worker processes, and a restarted server, accept each other's tokens.

Revision ID: 0011_server_secrets
Revises: 0010_jobs
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_server_secrets"
down_revision = "0010_jobs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the server_secrets table."""
    op.create_table(
        "server_secrets",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_server_secrets"),
    )


def downgrade() -> None:
    """Drop the server_secrets table."""
    op.drop_table("server_secrets")
