"""Background jobs: what a person sees of an import, a replan or the nightly run (state,
progress, result), the uploaded files an import job reads (their bytes until it ends), and,
on PostgreSQL, procrastinate's queue tables.

procrastinate's schema is applied here, from the ``schema.sql`` of the installed
procrastinate (its own tables, types and functions, all named ``procrastinate_*``), so one
``stridelift db upgrade`` sets up the queue too. ``PROCRASTINATE_SCHEMA`` names the newest
procrastinate migration that file includes; tests/unit/test_jobs_schema.py fails when an
installed procrastinate ships a newer one, which then needs a revision of its own that runs
that migration file.

Revision ID: 0010_jobs
Revises: 0009_coach_methodologies
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_jobs"
down_revision = "0009_coach_methodologies"
branch_labels = None
depends_on = None

PROCRASTINATE_SCHEMA = "03.04.00_50_post_add_retry_failed_job_procedure"
STATES = "state IN ('queued', 'running', 'done', 'failed')"
KINDS = "kind IN ('import', 'replan', 'nightly')"


def _jobs() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=True),
        sa.Column("params_json", sa.Text(), nullable=False),
        sa.Column("progress_done", sa.Integer(), nullable=False),
        sa.Column("progress_total", sa.Integer(), nullable=False),
        sa.Column("progress_text", sa.String(length=300), nullable=True),
        sa.Column("result_json", sa.Text(), nullable=True),
        sa.Column("error", sa.String(length=500), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("queue_job_id", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_jobs"),
        sa.CheckConstraint(STATES, name="ck_jobs_state_known"),
        sa.CheckConstraint(KINDS, name="ck_jobs_kind_known"),
        sa.ForeignKeyConstraint(
            ["athlete_id"], ["athletes.id"], ondelete="CASCADE", name="fk_jobs_athlete_id_athletes"
        ),
        sa.UniqueConstraint("idempotency_key", name="uq_jobs_idempotency_key"),
    )
    op.create_index("ix_jobs_athlete_id", "jobs", ["athlete_id"])
    op.create_index("ix_jobs_state", "jobs", ["state"])


def _job_files() -> None:
    op.create_table(
        "job_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("outcomes_json", sa.Text(), nullable=True),
        sa.Column("finished", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_job_files"),
        sa.ForeignKeyConstraint(
            ["job_id"], ["jobs.id"], ondelete="CASCADE", name="fk_job_files_job_id_jobs"
        ),
    )
    op.create_index("ix_job_files_job_id", "job_files", ["job_id"])


def upgrade() -> None:
    """Create the jobs tables; on PostgreSQL, procrastinate's queue schema too."""
    _jobs()
    _job_files()
    if op.get_bind().dialect.name == "postgresql":
        from procrastinate.schema import SchemaManager

        # procrastinate's SQL holds PL/pgSQL bodies: run it through the driver as is.
        op.get_bind().exec_driver_sql(SchemaManager.get_schema().replace("%", "%%"))


def downgrade() -> None:
    """Drop the jobs tables (procrastinate's tables stay: other apps may share them)."""
    op.drop_table("job_files")
    op.drop_table("jobs")
