"""The background jobs' tables (0010): a job as a person follows it, and an import's files."""

from __future__ import annotations

from collections.abc import MutableMapping
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from stridelift.adapters.store.tables import Base, UTCDateTime

JOB_STATES = ("queued", "running", "done", "failed")
JOB_KINDS = ("import", "replan", "nightly")


class JobRow(Base):
    """One background job: its kind, state, progress, result or error, and attempts.

    ``idempotency_key`` is unique: the same work asked for twice (the nightly run of a day
    for an athlete's log as it stands) is one job. ``queue_job_id`` is procrastinate's job
    (PostgreSQL mode); in-process jobs (SQLite) have none.
    """

    __tablename__ = "jobs"
    __table_args__ = (
        CheckConstraint("state IN ('queued', 'running', 'done', 'failed')", name="state_known"),
        CheckConstraint("kind IN ('import', 'replan', 'nightly')", name="kind_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int | None] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))
    state: Mapped[str] = mapped_column(String(10), index=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    params_json: Mapped[str] = mapped_column(Text)
    progress_done: Mapped[int] = mapped_column(Integer)
    progress_total: Mapped[int] = mapped_column(Integer)
    progress_text: Mapped[str | None] = mapped_column(String(300))
    result_json: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(String(500))
    attempts: Mapped[int] = mapped_column(Integer)
    queue_job_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class JobFileRow(Base):
    """A file an import job reads: its bytes (kept until the job ends, so a worker on
    another machine can read them), and the outcomes stored so far, written in the same
    transaction as the file's rows (a retried job skips what is already stored)."""

    __tablename__ = "job_files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(500))
    size: Mapped[int] = mapped_column(BigInteger)
    content: Mapped[bytes | None] = mapped_column(LargeBinary)
    outcomes_json: Mapped[str | None] = mapped_column(Text)
    finished: Mapped[bool] = mapped_column(Boolean)


def ours(name: str | None, type_: str, parent_names: MutableMapping[Any, str | None]) -> bool:
    """Alembic's ``include_name``: False for procrastinate's own tables and their indexes
    (its schema comes whole from its SQL in 0010, not from our models)."""
    table = name if type_ == "table" else parent_names.get("table_name")
    return not (table or "").startswith("procrastinate_")
