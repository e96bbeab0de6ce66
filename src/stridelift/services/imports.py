"""Import activity files and lifting-app exports into the logbook: each file whole or not at all.

A file whose bytes were imported before, and an activity of the same sport starting
within 60 s of one already stored, are duplicates: reported, never stored twice.
Sports the logbook does not know are skipped; other non-running sports are stored
as cross-training. Every file is one transaction, its import-log row included.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Protocol

from stridelift.adapters.importers.errors import ImportFileError
from stridelift.adapters.importers.results import FileImport
from stridelift.adapters.store.engine import Store, StoreError
from stridelift.adapters.store.repository import ImportLogEntry, Repository
from stridelift.domain.activity import SPORTS
from stridelift.domain.plausible import activity_problem, lift_problem
from stridelift.services.athletes import resolve_athlete

# Two activities of one sport starting this close are the same session from two sources.
DUPLICATE_WINDOW_S = 60.0
# Test seam: when set to a file path, the import writes that file from inside its
# open transaction (after every row of the file is written) and then waits to be
# killed. tests/integration/test_import_service_crash.py uses it to prove a killed
# import leaves the database as it was.
PAUSE_ENV = "STRIDELIFT_TEST_PAUSE_IN_IMPORT"
STATUSES = ("imported", "duplicate", "skipped", "failed")


class Importers(Protocol):
    """The file readers, as the import service uses them (adapters/importers)."""

    def expand(self, paths: Sequence[Path]) -> tuple[list[Any], list[ImportFileError]]:
        """Turn paths (files, folders, archives) into sources, and errors for bad paths."""
        ...

    def read_source(self, source: Any, library: Any) -> FileImport:
        """Read one source; raises ImportFileError when it cannot be imported."""
        ...


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What happened to one file, for the summary table and the import log."""

    path: str
    status: str
    reason: str | None = None
    format: str | None = None
    runs: int = 0
    cross_training: int = 0
    lift_sessions: int = 0
    duplicates: int = 0
    skipped_sport: int = 0
    implausible: tuple[str, ...] = ()  # one line per session skipped as implausible
    warnings: tuple[str, ...] = ()
    unmapped_exercises: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ImportReport:
    """Every file's outcome, in the order the files were read."""

    athlete: str
    outcomes: tuple[FileOutcome, ...]

    def count(self, status: str) -> int:
        """How many files ended with ``status``."""
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> tuple[FileOutcome, ...]:
        """The files that could not be imported."""
        return tuple(o for o in self.outcomes if o.status == "failed")

    def unmapped_exercises(self) -> dict[str, tuple[str, ...]]:
        """Per file, the exercise names that matched nothing in the library."""
        return {o.path: o.unmapped_exercises for o in self.outcomes if o.unmapped_exercises}


class ImportProgress(Protocol):
    """Told how many files there are, then about each file as it starts."""

    def start(self, total: int) -> None:
        """The number of files about to be read."""
        ...

    def advance(self, name: str) -> None:
        """One more file is being read."""
        ...


def _default_importers() -> Importers:
    from stridelift.adapters import importers

    return importers  # the module satisfies the Protocol


def _pause_for_tests() -> None:
    marker = os.environ.get(PAUSE_ENV)
    if not marker:
        return
    Path(marker).write_text("inside the import transaction\n", encoding="utf-8")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # the test kills the process long before
        time.sleep(0.05)


def _source_name(source: Any) -> str:
    for attr in ("name", "path"):
        value = getattr(source, attr, None)
        if value is not None:
            return str(value)
    return str(source)


def _store_file(
    repo: Repository, athlete_id: int, result: FileImport, now: datetime
) -> FileOutcome:
    repo.lock_athlete(athlete_id)  # concurrent imports see each other's files (duplicates)
    previous = repo.file_imported(athlete_id, result.sha256)
    if previous is not None:
        outcome = FileOutcome(
            path=result.path,
            status="duplicate",
            reason=f"the same file was imported before as {previous}",
            format=result.format,
        )
    else:
        runs = cross = lifts = duplicates = skipped = 0
        implausible = _implausible(result, now.date())
        for activity in result.activities:
            if activity.sport not in SPORTS:
                skipped += 1
                continue
            if activity_problem(activity, now.date()) is not None:
                continue
            if repo.activity_near(
                athlete_id, activity.sport, activity.start_utc, DUPLICATE_WINDOW_S
            ):
                duplicates += 1
                continue
            stored = replace(
                activity,
                source_file=activity.source_file or result.path,
                file_sha256=activity.file_sha256 or result.sha256,
            )
            repo.add_activity(athlete_id, stored, now)
            if stored.is_run:
                runs += 1
            else:
                cross += 1
        for lift in result.lift_sessions:
            if lift_problem(lift, now.date()) is not None:
                continue
            if repo.has_lift_session_like(athlete_id, lift):
                duplicates += 1
                continue
            repo.add_lift_session(
                athlete_id, lift, now, source_file=result.path, file_sha256=result.sha256
            )
            lifts += 1
        outcome = FileOutcome(
            path=result.path,
            status=_status(runs + cross + lifts, duplicates, skipped),
            reason=_reason(duplicates, skipped, result, implausible),
            format=result.format,
            runs=runs,
            cross_training=cross,
            lift_sessions=lifts,
            duplicates=duplicates,
            skipped_sport=skipped,
            implausible=implausible,
            warnings=result.warnings,
            unmapped_exercises=result.unmapped_exercises,
        )
    repo.add_import_entry(
        athlete_id,
        ImportLogEntry(
            file_name=outcome.path,
            sha256=result.sha256,
            status=outcome.status,
            reason=outcome.reason,
            logged_at=now,
            format=result.format,
            activities=outcome.runs + outcome.cross_training,
            lift_sessions=outcome.lift_sessions,
        ),
    )
    return outcome


def _status(stored: int, duplicates: int, skipped: int) -> str:
    if stored:
        return "imported"
    if duplicates:
        return "duplicate"
    return "skipped"


def _implausible(result: FileImport, today: date) -> tuple[str, ...]:
    """One line per session outside the plausibility bounds (domain.plausible)."""
    found = []
    for a in result.activities:
        problem = activity_problem(a, today) if a.sport in SPORTS else None
        if problem is not None:
            found.append(f"{a.sport} of {a.start_utc.date().isoformat()}: {problem}")
    for lift in result.lift_sessions:
        problem = lift_problem(lift, today)
        if problem is not None:
            found.append(f"lift session of {lift.day.isoformat()}: {problem}")
    return tuple(found)


def _reason(
    duplicates: int, skipped: int, result: FileImport, implausible: tuple[str, ...] = ()
) -> str | None:
    parts: list[str] = []
    if implausible:
        parts.append(f"{len(implausible)} skipped as implausible ({'; '.join(implausible)})")
    if duplicates:
        parts.append(f"{duplicates} already in the logbook (same sport, start within 60 s)")
    if skipped:
        sports = sorted({a.sport for a in result.activities if a.sport not in SPORTS})
        parts.append(f"{skipped} of a sport the logbook does not know ({', '.join(sports)})")
    if not result.activities and not result.lift_sessions:
        parts.append("no activity or workout in the file")
    return "; ".join(parts) or None


def _record_failure(
    store: Store, athlete_id: int, error: ImportFileError, sha256: str | None, now: datetime
) -> FileOutcome:
    with store.transaction() as repo:
        repo.add_import_entry(
            athlete_id,
            ImportLogEntry(
                file_name=error.path, sha256=sha256, status="failed", reason=error.reason,
                logged_at=now,
            ),
        )  # fmt: skip
    return FileOutcome(path=error.path, status="failed", reason=error.reason)


def import_files(
    store: Store,
    athlete: str | None,
    paths: Sequence[Path],
    library: Any,
    *,
    importers: Importers | None = None,
    progress: ImportProgress | None = None,
    now: Callable[[], datetime] | None = None,
    on_stored: Callable[[Repository, FileOutcome], None] | None = None,
) -> ImportReport:
    """Import every file under ``paths`` for an athlete; a failing file does not stop the rest.

    Args:
        library: the exercise library, handed to readers of lifting-app exports.
        importers: the file readers (default: ``stridelift.adapters.importers``).
        progress: told about each file as it starts (the CLI draws a progress bar).
        now: the clock for log timestamps (default: the system clock, UTC).
        on_stored: called inside each file's transaction with its outcome (a background
            job records what it stored in the same commit as the rows).

    Raises:
        UsageError: the athlete cannot be resolved (nothing is read or written then).
    """
    readers = importers if importers is not None else _default_importers()
    clock = now or (lambda: datetime.now(UTC))
    with store.reading() as repo:
        who = resolve_athlete(repo, athlete)
    sources, bad_paths = readers.expand(list(paths))
    outcomes: list[FileOutcome] = [
        _record_failure(store, who.id, error, None, clock()) for error in bad_paths
    ]
    if progress is not None:
        progress.start(len(sources))
    for source in sources:
        if progress is not None:
            progress.advance(_source_name(source))
        try:
            result = readers.read_source(source, library)
        except ImportFileError as exc:
            outcomes.append(_record_failure(store, who.id, exc, None, clock()))
            continue
        except Exception as exc:  # a reader's bug must not stop the other files
            error = ImportFileError(_source_name(source), f"unexpected error: {exc!r}")
            outcomes.append(_record_failure(store, who.id, error, None, clock()))
            continue
        try:
            with store.transaction() as repo:
                outcome = _store_file(repo, who.id, result, clock())
                if on_stored is not None:
                    on_stored(repo, outcome)
                _pause_for_tests()
        except StoreError as exc:  # e.g. a value the tables refuse: this file only
            error = ImportFileError(result.path, f"not stored: {exc}")
            outcomes.append(_record_failure(store, who.id, error, result.sha256, clock()))
            continue
        outcomes.append(outcome)
    return ImportReport(athlete=who.name, outcomes=tuple(outcomes))
