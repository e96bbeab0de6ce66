"""Background jobs over one SQLAlchemy session: the rows a person follows, an import's files."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from stridelift.adapters.store.job_tables import JobFileRow, JobRow
from stridelift.adapters.store.tables import LOG_TABLES, AthleteRow, PlanSnapshotRow


@dataclass(frozen=True, slots=True)
class JobRecord:
    """A stored job as a page or a command shows it."""

    id: int
    athlete_id: int | None
    kind: str
    state: str
    params: dict[str, Any]
    progress_done: int
    progress_total: int
    progress_text: str | None
    result: dict[str, Any] | None
    error: str | None
    attempts: int
    queue_job_id: int | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None

    @property
    def finished(self) -> bool:
        """True once the job is done or failed for good."""
        return self.state in ("done", "failed")


@dataclass(frozen=True, slots=True)
class JobFile:
    """One file of an import job (its bytes are read on their own: ``file_content``)."""

    id: int
    position: int
    name: str
    size: int
    outcomes: tuple[dict[str, Any], ...]
    finished: bool


def _record(row: JobRow) -> JobRecord:
    return JobRecord(
        id=row.id,
        athlete_id=row.athlete_id,
        kind=row.kind,
        state=row.state,
        params=json.loads(row.params_json),
        progress_done=row.progress_done,
        progress_total=row.progress_total,
        progress_text=row.progress_text,
        result=None if row.result_json is None else json.loads(row.result_json),
        error=row.error,
        attempts=row.attempts,
        queue_job_id=row.queue_job_id,
        created_at=row.created_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
    )


class JobsRepository:
    """The jobs tables' queries and writes, in the caller's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        kind: str,
        athlete_id: int | None,
        params: dict[str, Any],
        now: datetime,
        *,
        key: str | None = None,
        total: int = 0,
    ) -> JobRecord:
        """Store a new queued job."""
        row = JobRow(
            athlete_id=athlete_id, kind=kind, state="queued", idempotency_key=key,
            params_json=json.dumps(params, sort_keys=True), progress_done=0,
            progress_total=total, attempts=0, created_at=now,
        )  # fmt: skip
        self.session.add(row)
        self.session.flush()
        return _record(row)

    def by_key(self, key: str) -> JobRecord | None:
        """The job stored under an idempotency key, if any."""
        row = self.session.scalar(select(JobRow).where(JobRow.idempotency_key == key))
        return None if row is None else _record(row)

    def existing_keys(self, keys: list[str]) -> set[str]:
        """Which of these idempotency keys some job holds already."""
        found: set[str] = set()
        for start in range(0, len(keys), 500):  # keep each IN list short
            chunk = keys[start : start + 500]
            found.update(
                k
                for k in self.session.scalars(
                    select(JobRow.idempotency_key).where(JobRow.idempotency_key.in_(chunk))
                )
                if k is not None
            )
        return found

    def athlete_name(self, athlete_id: int | None) -> str | None:
        """The name of the athlete with this id, if stored."""
        if athlete_id is None:
            return None
        return self.session.scalar(select(AthleteRow.name).where(AthleteRow.id == athlete_id))

    def get(self, job_id: int) -> JobRecord | None:
        """The job with this id, if any."""
        row = self.session.get(JobRow, job_id)
        return None if row is None else _record(row)

    def lock(self, job_id: int) -> JobRecord | None:
        """The job, its row held until the transaction ends (PostgreSQL ``FOR UPDATE``)."""
        row = self.session.scalar(select(JobRow).where(JobRow.id == job_id).with_for_update())
        return None if row is None else _record(row)

    def listed(self, athlete_id: int | None = None, limit: int = 50) -> list[JobRecord]:
        """The newest jobs first, of one athlete or of all."""
        query = select(JobRow).order_by(JobRow.id.desc()).limit(limit)
        if athlete_id is not None:
            query = query.where(JobRow.athlete_id == athlete_id)
        return [_record(r) for r in self.session.scalars(query)]

    def unfinished(self) -> list[JobRecord]:
        """Jobs queued or running, oldest first."""
        query = select(JobRow).where(JobRow.state.in_(("queued", "running"))).order_by(JobRow.id)
        return [_record(r) for r in self.session.scalars(query)]

    def update(self, job_id: int, **values: Any) -> None:
        """Change the job's columns (``result`` is given as a dict)."""
        if "result" in values:
            result = values.pop("result")
            values["result_json"] = None if result is None else json.dumps(result)
        self.session.execute(update(JobRow).where(JobRow.id == job_id).values(**values))

    def started(self, job_id: int, now: datetime) -> None:
        """Mark the job running, one more attempt."""
        self.session.execute(
            update(JobRow)
            .where(JobRow.id == job_id)
            .values(state="running", started_at=now, attempts=JobRow.attempts + 1, error=None)
        )

    # Files ----------------------------------------------------------------------

    def add_file(self, job_id: int, position: int, name: str, content: bytes) -> None:
        """Keep an uploaded file's bytes for the job."""
        self.session.add(
            JobFileRow(
                job_id=job_id,
                position=position,
                name=name,
                size=len(content),
                content=content,
                finished=False,
            )
        )
        self.session.flush()

    def files(self, job_id: int) -> list[JobFile]:
        """The job's files in upload order, without their bytes."""
        rows = self.session.execute(
            select(JobFileRow.id, JobFileRow.position, JobFileRow.name, JobFileRow.size,
                   JobFileRow.outcomes_json, JobFileRow.finished)
            .where(JobFileRow.job_id == job_id)
            .order_by(JobFileRow.position)
        )  # fmt: skip
        return [
            JobFile(
                r.id,
                r.position,
                r.name,
                r.size,
                tuple(json.loads(r.outcomes_json or "[]")),
                r.finished,
            )
            for r in rows
        ]

    def file_content(self, file_id: int) -> bytes | None:
        """A job file's bytes (None once the job ended and let them go)."""
        return self.session.scalar(select(JobFileRow.content).where(JobFileRow.id == file_id))

    def add_outcome(self, file_id: int, outcome: dict[str, Any]) -> None:
        """Append one outcome to a job file's list."""
        row = self.session.get_one(JobFileRow, file_id)
        found = json.loads(row.outcomes_json or "[]")
        found.append(outcome)
        row.outcomes_json = json.dumps(found)
        self.session.flush()

    def finish_file(self, file_id: int) -> None:
        """Mark a job file read whole: a retried job does not read it again."""
        self.session.execute(
            update(JobFileRow).where(JobFileRow.id == file_id).values(finished=True)
        )

    def drop_contents(self, job_id: int) -> None:
        """Let a finished job's file bytes go (the names and outcomes stay)."""
        self.session.execute(
            update(JobFileRow).where(JobFileRow.job_id == job_id).values(content=None)
        )

    # Nightly --------------------------------------------------------------------

    def changed_athletes(self) -> list[tuple[int, str, datetime]]:
        """Athletes whose log or profile changed after their latest stored plan, or who have
        no stored plan: (id, name, when the log last changed), by name."""
        latest: dict[int, datetime] = {}
        for _, owner, column in LOG_TABLES:
            for athlete_id, at in self.session.execute(
                select(owner, func.max(column)).group_by(owner)
            ):
                if at is not None and (athlete_id not in latest or at > latest[athlete_id]):
                    latest[athlete_id] = at
        planned: dict[int, datetime] = dict(
            self.session.execute(
                select(PlanSnapshotRow.athlete_id, func.max(PlanSnapshotRow.created_at)).group_by(
                    PlanSnapshotRow.athlete_id
                )
            ).all()
        )
        found = []
        for athlete_id, name, updated in self.session.execute(
            select(AthleteRow.id, AthleteRow.name, AthleteRow.updated_at).order_by(AthleteRow.name)
        ):
            changed = max(latest.get(athlete_id, updated), updated)
            plan_at = planned.get(athlete_id)
            if plan_at is None or changed > plan_at:
                found.append((athlete_id, name, changed))
        return found
