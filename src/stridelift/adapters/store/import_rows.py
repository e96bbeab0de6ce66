"""The import log: what happened to each imported file (the logbook's repository holds
these queries through ImportRows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from stridelift.adapters.store.tables import ImportLogRow


@dataclass(frozen=True, slots=True)
class ImportLogEntry:
    """What happened to one imported file."""

    file_name: str
    sha256: str | None
    status: str
    reason: str | None
    logged_at: datetime
    format: str | None = None
    activities: int = 0
    lift_sessions: int = 0


class ImportRows:
    """The import log's queries and writes, for a repository over ``session``."""

    session: Session

    def add_import_entry(self, athlete_id: int, entry: ImportLogEntry) -> None:
        """Record what happened to one file."""
        self.session.add(
            ImportLogRow(
                athlete_id=athlete_id,
                file_name=entry.file_name,
                sha256=entry.sha256,
                format=entry.format,
                status=entry.status,
                reason=entry.reason,
                activities=entry.activities,
                lift_sessions=entry.lift_sessions,
                logged_at=entry.logged_at,
            )
        )
        self.session.flush()

    def file_imported(self, athlete_id: int, sha256: str) -> str | None:
        """The name under which a file with these bytes was imported before, if it was."""
        return self.session.scalar(
            select(ImportLogRow.file_name)
            .where(
                ImportLogRow.athlete_id == athlete_id,
                ImportLogRow.sha256 == sha256,
                ImportLogRow.status == "imported",
            )
            .order_by(ImportLogRow.id)
            .limit(1)
        )

    def import_log(self, athlete_id: int) -> list[ImportLogEntry]:
        """Every import log entry of an athlete, oldest first."""
        rows = self.session.scalars(
            select(ImportLogRow)
            .where(ImportLogRow.athlete_id == athlete_id)
            .order_by(ImportLogRow.id)
        )
        return [
            ImportLogEntry(
                file_name=r.file_name,
                sha256=r.sha256,
                status=r.status,
                reason=r.reason,
                logged_at=r.logged_at,
                format=r.format,
                activities=r.activities,
                lift_sessions=r.lift_sessions,
            )
            for r in rows
        ]
