"""Import: activity files, Strava exports and lifting-app CSVs, with a per-file report."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from stridelift.cli.common import (
    AthleteOption,
    DbOption,
    err,
    exercise_library,
    friendly,
    out,
    stderr_progress,
)
from stridelift.errors import StrideliftError
from stridelift.services.workspace import opened

if TYPE_CHECKING:
    from rich.progress import Progress

    from stridelift.services.imports import ImportReport


class BarProgress:
    """A Rich progress bar (on stderr) for imports of more than three files."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._task: Any = None

    def start(self, total: int) -> None:
        if total > 3:
            self._progress.start()
            self._task = self._progress.add_task("importing", total=total)

    def advance(self, name: str) -> None:
        if self._task is not None:
            self._progress.update(self._task, advance=1, description=Path(name).name[:40])

    def stop(self) -> None:
        """Take the bar off the screen, if it was ever drawn."""
        if self._task is not None:
            self._progress.stop()


@friendly
def import_files(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH...",
            help="Activity files (FIT, GPX, TCX), a Strava export (folder or zip), "
            "or a Strong/Hevy CSV; folders are searched.",
        ),
    ],
    athlete: AthleteOption = None,
    db: DbOption = None,
) -> None:
    """Import activity files and lifting-app exports; duplicates are skipped and reported."""
    # Imported here: the file readers load only for this command, not for every log entry.
    from stridelift.services import imports as import_service

    try:
        library = exercise_library()
    except (StrideliftError, OSError, ImportError):
        library = None  # activity files import without it; lifting CSVs map nothing
    bar = BarProgress(stderr_progress())
    with opened(db) as store:
        try:
            report = import_service.import_files(store, athlete, paths, library, progress=bar)
        finally:
            bar.stop()
    _print_import_report(report)
    if report.failed:
        raise SystemExit(1)  # some files failed (see friendly on why not typer.Exit)


def _print_import_report(report: ImportReport) -> None:
    from stridelift.services.imports import STATUSES

    for o in report.outcomes:
        if o.status == "failed":
            err.print(f"failed: {o.path}: {o.reason}", markup=False)
        elif o.status in ("duplicate", "skipped"):
            out.print(f"{o.status}: {o.path}: {o.reason}", markup=False)
        elif o.reason:
            out.print(f"imported: {o.path}: {o.reason}", markup=False)
    table = Table("result", "count", title=f"Import for {report.athlete}")
    labels = {
        "imported": "files imported",
        "duplicate": "files duplicate",
        "skipped": "files skipped (sport)",
        "failed": "files failed",
    }
    for status in STATUSES:
        table.add_row(labels[status], str(report.count(status)))
    table.add_section()
    table.add_row("runs stored", str(sum(o.runs for o in report.outcomes)))
    table.add_row("cross-training stored", str(sum(o.cross_training for o in report.outcomes)))
    table.add_row("lift sessions stored", str(sum(o.lift_sessions for o in report.outcomes)))
    out.print(table)
    unmapped = report.unmapped_exercises()
    if unmapped:
        names = Table(
            "file",
            "exercise names not in the library (stored under their own name)",
            title="Unmapped exercises",
        )
        for path, exercises in unmapped.items():
            names.add_row(Path(path).name, ", ".join(exercises))
        out.print(names)


def register(app: typer.Typer) -> None:
    """Attach the import command to the root app."""
    app.command("import")(import_files)
