"""The export command: write the plan as a calendar, a PDF, JSON, CSV or watch workouts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from stridelift.adapters.exporters import EXPORTERS, ExportResult
from stridelift.cli.common import AthleteOption, DbOption, err, friendly, out, stderr_progress
from stridelift.cli.plan_cmds import MethodOpt, TodayOpt, parse_day
from stridelift.errors import UsageError
from stridelift.services.exports import (
    STDOUT,
    ExportOutcome,
    ExportRequest,
    PlanSource,
    check_request,
    plan_from_profile,
    plan_from_store,
    run_export,
)
from stridelift.services.workspace import opened

# The formats in a user's words (the registry's descriptions speak of the Python options).
_FORMAT_WORDS = {
    "ics": "a calendar, one event per session",
    "pdf": "a printable plan, one page per week",
    "json": "the plan document",
    "csv": "a spreadsheet, one row per session",
    "fit": "a folder of workouts for a watch",
}
FORMATS_HELP = "; ".join(
    f"{name}: {_FORMAT_WORDS.get(name, e.description)}" for name, e in EXPORTERS.items()
)
# What the long exports are busy with while the bar runs.
_BUSY = {"fit": "encoding workouts", "pdf": "drawing week pages"}


class _Bar:
    """A Rich progress bar on stderr, drawn from the first report on and gone when done."""

    def __init__(self, label: str) -> None:
        self._label = label
        self._progress = stderr_progress()
        self._task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if not err.is_terminal:  # a log or a pipe: no bar, and no blank line where it was
            return
        if self._task is None:
            self._progress.start()
            self._task = self._progress.add_task(self._label, total=total)
        self._progress.update(self._task, completed=done)

    def stop(self) -> None:
        if self._task is not None:
            self._progress.stop()


def _weeks(text: str | None) -> int | None:
    if text is None:
        return None
    if not text.strip().isdigit():
        raise UsageError(f"--weeks: {text!r} is not a whole number (expected 1 to 104)")
    return int(text)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _written(result: ExportResult, where: str) -> str:
    """The format's own figures, e.g. ``plan.ics: 84 events (84 new, 0 updated, 0 cancelled)``."""
    c: Mapping[str, int] = result.counts
    sessions = _plural(result.sessions, "session")
    figures: dict[str, Callable[[], str]] = {
        "ics": lambda: (
            f"{where}: {_plural(c['events'], 'event')} ({c['new']} new, "
            f"{c['updated']} updated, {c['cancelled']} cancelled)"
        ),
        "pdf": lambda: f"{where}: {_plural(c['pages'], 'page')}, {sessions}",
        "json": lambda: f"{where}: {sessions}",
        "csv": lambda: f"{where}: {_plural(c['rows'], 'session row')}",
        "fit": lambda: (
            f"{_plural(c['workouts'], 'workout file')} "
            f"({_plural(c['steps'], 'step')}) to {where}"
            + (f", removed {c['removed']} the plan dropped" if c["removed"] else "")
        ),
    }
    return figures[result.format]()


def summary(outcome: ExportOutcome, request: ExportRequest, source: PlanSource) -> str:
    """One line: what was written, how much, which weeks, and which plan."""
    result = outcome.result
    where = f"{request.fmt} to standard output" if request.out == STDOUT else str(request.out)
    text = f"wrote {_written(result, where)}"
    if request.exercises is not None:
        rows = _plural(result.counts.get("exercise_rows", 0), "exercise row")
        text += f" and {request.exercises}: {rows}"
    if outcome.first_day is not None and outcome.last_day is not None:
        text += (
            f"; {_plural(result.weeks, 'week')}, {outcome.first_day.isoformat()} "
            f"to {outcome.last_day.isoformat()}"
        )
    return f"{text}; plan: {source.label}"


def _source(
    profile: Path | None, athlete: str | None, db: str | None, day: date, methodology: Path | None
) -> PlanSource:
    if profile is not None and athlete is not None:
        raise UsageError(
            "--profile and --athlete: give one (the plan comes from a profile file or from a "
            "stored athlete)"
        )
    if profile is not None:
        return plan_from_profile(profile, day, methodology)
    with opened(db) as store:
        return plan_from_store(store, athlete, day, methodology)


OutOpt = Annotated[
    str | None,
    typer.Option(
        "--out",
        "-o",
        metavar="PATH",
        help="Required. The file to write (a folder for fit); - writes json or csv to "
        "standard output. Its folder must exist.",
    ),
]
FromOpt = Annotated[
    str | None,
    typer.Option(
        "--from",
        metavar="DATE",
        help="Export from the week holding this date, YYYY-MM-DD (default: the plan's start).",
    ),
]
WeeksOpt = Annotated[
    str | None,
    typer.Option("--weeks", metavar="N", help="Export N weeks, 1-104 (default: to the end)."),
]
UnitsOpt = Annotated[
    str | None,
    typer.Option(
        "--units",
        metavar="metric|imperial",
        help="Distances and loads in km/kg or mi/lb (default: the athlete's). JSON stays "
        "metric, as the plan schema says.",
    ),
]
ExercisesOpt = Annotated[
    Path | None,
    typer.Option(
        "--exercises",
        metavar="FILE",
        help="csv only: also write FILE, one row per exercise of every strength and core session.",
    ),
]
ProfileOpt = Annotated[
    Path | None,
    typer.Option(
        "--profile",
        "-p",
        help="Plan from this athlete profile (TOML) instead of a stored athlete.",
    ),
]


@friendly
def export_cmd(
    fmt: Annotated[
        str,
        typer.Argument(metavar="FORMAT", help=f"One of {', '.join(EXPORTERS)}. {FORMATS_HELP}."),
    ],
    out_path: OutOpt = None,
    start: FromOpt = None,
    weeks: WeeksOpt = None,
    units: UnitsOpt = None,
    exercises: ExercisesOpt = None,
    today: TodayOpt = None,
    profile: ProfileOpt = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
    methodology: MethodOpt = None,
) -> None:
    """Write the plan as a calendar (ics), a printable PDF, JSON, CSV or FIT workouts."""
    if out_path is None:
        raise UsageError("--out: missing (a file to write, a folder for fit, or - for stdout)")
    request = ExportRequest(
        fmt=fmt,
        out=out_path,
        start=parse_day(start, "--from") if start is not None else None,
        weeks=_weeks(weeks),
        units=units,
        exercises=exercises,
    )
    check_request(request)
    day = parse_day(today, "--today")
    source = _source(profile, athlete, db, day, methodology)
    if source.stored and (today is not None or methodology is not None):
        err.print(
            f"note: exporting {source.label} as it was made; --today and --methodology apply "
            "only when planning from a profile",
            markup=False,
        )
    bar = _Bar(_BUSY[fmt]) if fmt in _BUSY else None
    try:
        outcome = run_export(request, source, progress=bar)
    finally:
        if bar is not None:
            bar.stop()
    if outcome.stdout is not None:
        stream = typer.get_binary_stream("stdout")
        stream.write(outcome.stdout)
        stream.flush()
        err.print(summary(outcome, request, source), markup=False)
        return
    out.print(summary(outcome, request, source), markup=False)


def register(app: typer.Typer) -> None:
    """Attach the export command."""
    app.command("export")(export_cmd)
