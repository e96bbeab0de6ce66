"""Logbook commands: athletes, log run/lift, checkin, history, import, backup/restore, db."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from stridelift.cli.dates import day_option
from stridelift.domain.activity import PAIN_SIDES, RUN_TYPES, CheckIn, StrengthSet
from stridelift.domain.errors import DomainError
from stridelift.domain.units import format_distance, format_duration, format_load, miles_to_km
from stridelift.errors import StrideliftError, UsageError
from stridelift.services import athletes as athlete_service
from stridelift.services import logbook
from stridelift.settings import DATABASE_URL_ENV, resolve_settings

if TYPE_CHECKING:  # the store (SQLAlchemy, Alembic) loads only in commands that open it
    from stridelift.adapters.store.engine import Store
    from stridelift.services.imports import ImportReport

P = ParamSpec("P")
R = TypeVar("R")

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="URL",
        help=f"Database URL (sqlite:///FILE or postgresql://...); default: ${DATABASE_URL_ENV}, "
        "else stridelift.db in your user data folder.",
    ),
]
AthleteOption = Annotated[
    str | None,
    typer.Option(
        "--athlete",
        metavar="NAME",
        help="Which athlete; not needed when only one is stored.",
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="DATE",
        help="The day, YYYY-MM-DD, 'today' or 'yesterday' (default: today).",
    ),
]
RpeOption = Annotated[
    str | None,
    typer.Option("--rpe", metavar="1-10", help="Session effort, 1 (very easy) to 10 (maximal)."),
]
NotesOption = Annotated[str | None, typer.Option("--notes", metavar="TEXT", help="Free notes.")]


def _friendly(func: Callable[P, R]) -> Callable[P, R]:
    """Turn our errors into one line on stderr and the error's exit status.

    SystemExit, not typer.Exit: the root app runs with ``standalone_mode=False``,
    where click turns typer.Exit into a return value and the status would be lost.
    """

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except StrideliftError as exc:
            err.print(f"error: {exc}", markup=False)
            raise SystemExit(exc.exit_code) from None
        except DomainError as exc:
            err.print(f"error: {exc}", markup=False)
            raise SystemExit(2) from None

    return wrapper


@contextmanager
def _store(db: str | None, *, upgrade: bool = True) -> Iterator[Store]:
    """Open (and first migrate) the database of this run."""
    from stridelift.adapters.store.engine import open_store

    store = open_store(resolve_settings(db).database_url, upgrade=upgrade)
    try:
        yield store
    finally:
        store.close()


def _local_now() -> datetime:
    """The wall clock in the machine's time zone (the CLI is the one place that reads it)."""
    return datetime.now(UTC).astimezone()


def _tz() -> tzinfo:
    zone = _local_now().tzinfo
    return zone if zone is not None else UTC


_date = day_option


def _number(flag: str, text: str | None, *, integer: bool = False) -> float | None:
    if text is None:
        return None
    pattern = r"^\d+$" if integer else r"^\d+(\.\d+)?$"
    if not re.match(pattern, text.strip()):
        kind = "a whole number" if integer else "a number"
        raise UsageError(f"{flag}: {text!r} is not {kind}")
    return float(text)


def _int(flag: str, text: str | None) -> int | None:
    value = _number(flag, text, integer=True)
    return None if value is None else int(value)


def _clock(flag: str, text: str | None) -> time | None:
    if text is None:
        return None
    match = re.match(r"^([01]?\d|2[0-3]):([0-5]\d)$", text)
    if match is None:
        raise UsageError(f"{flag}: {text!r} is not a clock time (expected HH:MM)")
    return time(int(match[1]), int(match[2]))


def _library() -> Any:
    from stridelift.methodologies import load_library

    return load_library()


# Athletes ---------------------------------------------------------------------

athlete_app = typer.Typer(
    help="Add, update and list the athletes in the logbook.", no_args_is_help=True
)


@athlete_app.command("add")
@_friendly
def athlete_add(
    profile: Annotated[
        Path, typer.Option("--profile", metavar="FILE", help="The athlete's profile (TOML).")
    ],
    db: DbOption = None,
) -> None:
    """Store a new athlete from a profile file."""
    with _store(db) as store:
        stored = athlete_service.add_athlete(store, profile, _local_now())
    out.print(f"added athlete {stored.name} ({stored.athlete.level})", markup=False)


@athlete_app.command("update")
@_friendly
def athlete_update(
    profile: Annotated[
        Path, typer.Option("--profile", metavar="FILE", help="The new profile (TOML).")
    ],
    athlete: Annotated[
        str | None,
        typer.Option(
            "--athlete", metavar="NAME", help="The athlete to update (default: the profile's name)."
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Replace a stored athlete's profile (renaming them if the profile's name changed)."""
    with _store(db) as store:
        stored = athlete_service.update_athlete(store, profile, athlete, _local_now())
    out.print(f"updated athlete {stored.name}", markup=False)


@athlete_app.command("list")
@_friendly
def athlete_list(db: DbOption = None) -> None:
    """List the stored athletes."""
    with _store(db) as store:
        stored = athlete_service.list_athletes(store)
    if not stored:
        out.print(
            "no athletes yet: add one with `stridelift athlete add --profile FILE`", markup=False
        )
        return
    table = Table("name", "level", "units", "races")
    for s in stored:
        races = ", ".join(f"{r.name} {r.date.isoformat()}" for r in s.athlete.races) or "-"
        table.add_row(s.name, s.athlete.level, s.athlete.units, races)
    out.print(table)


# Logging ----------------------------------------------------------------------

log_app = typer.Typer(help="Log a run or a strength session by hand.", no_args_is_help=True)


@log_app.command("run")
@_friendly
def log_run(
    run_type: Annotated[
        str | None,
        typer.Option(
            "--type", metavar="TYPE", help=f"Required. Kind of run: {', '.join(RUN_TYPES)}."
        ),
    ] = None,
    minutes: Annotated[
        str | None,
        typer.Option("--minutes", metavar="MIN", help="Required. Duration in minutes."),
    ] = None,
    km: Annotated[
        str | None, typer.Option("--km", metavar="KM", help="Distance in kilometres.")
    ] = None,
    mi: Annotated[
        str | None, typer.Option("--mi", metavar="MI", help="Distance in miles (stored as km).")
    ] = None,
    rpe: RpeOption = None,
    avg_hr: Annotated[
        str | None,
        typer.Option("--avg-hr", metavar="BPM", help="Average heart rate, beats per minute."),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option("--time", metavar="HH:MM", help="Local start time (default: 12:00)."),
    ] = None,
    notes: NotesOption = None,
    day: DateOption = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
) -> None:
    """Log a run: type, minutes, and optionally distance, effort and heart rate."""
    now = _local_now()
    if run_type is None:
        raise UsageError(f"--type: missing (expected one of {', '.join(RUN_TYPES)})")
    if minutes is None:
        raise UsageError("--minutes: missing (expected the run's duration in minutes)")
    if km is not None and mi is not None:
        raise UsageError("--mi: give the distance once, with --km or --mi")
    distance = _number("--km", km)
    if mi is not None:
        miles = _number("--mi", mi)
        distance = None if miles is None else miles_to_km(miles)
    entry = logbook.RunEntry(
        day=_date("--date", day, now.date()),
        run_type=run_type,
        minutes=_number("--minutes", minutes) or 0.0,
        distance_km=distance,
        rpe=_number("--rpe", rpe),
        avg_hr=_number("--avg-hr", avg_hr),
        notes=notes,
        start=_clock("--time", start),
        distance_flag="--mi" if mi is not None else "--km",
    )
    with _store(db) as store:
        activity = logbook.log_run(store, athlete, entry, today=now.date(), tz=_tz(), now=now)
    what = f"{entry.run_type} run, {format_duration(activity.duration_s)}"
    if entry.distance_km is not None:
        what += f", {entry.distance_km:.2f} km"
    out.print(f"logged {what} on {entry.day.isoformat()}", markup=False)


@log_app.command("lift")
@_friendly
def log_lift(
    sets: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="SET...",
            help="Sets as EXERCISE:REPSxKG@RIR, e.g. trap_bar_deadlift:5x100@2 "
            "(push_up:12@3 for bodyweight, 5x220lb for pounds, plank:45s for a hold, "
            "farmers_carry:40mx24 for a carry in metres, *3 for three such "
            "sets, +tech for a technique breakdown, +pain=6:left:knee for pain; "
            "see docs/logbook.md).",
        ),
    ] = None,
    session: Annotated[
        str | None,
        typer.Option("--session", metavar="NAME", help="Which session: A, B, short, mobility..."),
    ] = None,
    minutes: Annotated[
        str | None, typer.Option("--minutes", metavar="MIN", help="Session length in minutes.")
    ] = None,
    rpe: RpeOption = None,
    notes: NotesOption = None,
    day: DateOption = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
) -> None:
    """Log a strength session, set by set."""
    now = _local_now()
    entry = logbook.LiftEntry(
        day=_date("--date", day, now.date()),
        sets=tuple(sets or ()),
        template=session,
        minutes=_int("--minutes", minutes),
        rpe=_number("--rpe", rpe),
        notes=notes,
    )
    library = _library()
    with _store(db) as store:
        lift = logbook.log_lift(store, athlete, entry, library, today=now.date(), now=now)
    label = f"session {lift.template}" if lift.template else "strength session"
    out.print(f"logged {label} on {lift.day.isoformat()}: {len(lift.sets)} sets", markup=False)


@_friendly
def checkin(
    sleep_hours: Annotated[
        str | None,
        typer.Option("--sleep-hours", metavar="H", help="Hours slept last night (0-24)."),
    ] = None,
    sleep_quality: Annotated[
        str | None,
        typer.Option(
            "--sleep-quality", metavar="1-10", help="Sleep quality: 1 very poor, 10 excellent."
        ),
    ] = None,
    soreness: Annotated[
        str | None,
        typer.Option("--soreness", metavar="1-10", help="Muscle soreness: 1 none, 10 extreme."),
    ] = None,
    fatigue: Annotated[
        str | None,
        typer.Option("--fatigue", metavar="1-10", help="Fatigue: 1 fresh, 10 exhausted."),
    ] = None,
    stress: Annotated[
        str | None,
        typer.Option("--stress", metavar="1-10", help="Life stress: 1 calm, 10 overwhelming."),
    ] = None,
    mood: Annotated[
        str | None, typer.Option("--mood", metavar="1-10", help="Mood: 1 very low, 10 excellent.")
    ] = None,
    motivation: Annotated[
        str | None,
        typer.Option("--motivation", metavar="1-10", help="Motivation to train: 1 none, 10 eager."),
    ] = None,
    pain: Annotated[
        list[str] | None,
        typer.Option(
            "--pain",
            metavar="AREA:LEVEL[:SIDE]",
            help="Pain in one area, 0 (none) to 10 (worst), side "
            f"{'/'.join(PAIN_SIDES)}, e.g. knee:3:left; repeat for more areas.",
        ),
    ] = None,
    ill: Annotated[bool, typer.Option("--ill", help="You are ill today.")] = False,
    cycle_note: Annotated[
        str | None,
        typer.Option(
            "--cycle-note",
            metavar="TEXT",
            help="A note on your menstrual cycle (e.g. day 2, cramps).",
        ),
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Overwrite this day's check-in if there is one.")
    ] = False,
    day: DateOption = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
) -> None:
    """Record how you are today: sleep, soreness, fatigue, stress, mood, pain (scales 1-10)."""
    now = _local_now()
    entry = CheckIn(
        day=_date("--date", day, now.date()),
        sleep_hours=_number("--sleep-hours", sleep_hours),
        sleep_quality=_int("--sleep-quality", sleep_quality),
        soreness=_int("--soreness", soreness),
        fatigue=_int("--fatigue", fatigue),
        stress=_int("--stress", stress),
        mood=_int("--mood", mood),
        motivation=_int("--motivation", motivation),
        pain=tuple(logbook.parse_pain(p) for p in pain or ()),
        ill=ill,
        cycle_note=cycle_note,
    )
    with _store(db) as store:
        stored = logbook.log_checkin(
            store, athlete, entry, today=now.date(), replace=replace, now=now
        )
    out.print(f"checked in for {stored.day.isoformat()}", markup=False)


# History ----------------------------------------------------------------------


def _sets_text(sets: tuple[StrengthSet, ...], units: str) -> str:
    """Consecutive identical sets grouped: ``trap_bar_deadlift 3×5 @ 100 kg RIR 2``."""
    groups: list[tuple[StrengthSet, int]] = []
    for s in sets:
        if groups and groups[-1][0] == s:
            groups[-1] = (s, groups[-1][1] + 1)
        else:
            groups.append((s, 1))
    parts = []
    for s, count in groups:
        name = s.exercise_id or s.source_name or "?"
        amount = f"{s.reps}"
        if s.distance_m and s.reps <= 1:
            amount = f"{s.distance_m:g} m"
        elif s.duration_s and s.reps <= 1:
            amount = f"{s.duration_s:g} s"
        text = f"{name} {count}×{amount}" if count > 1 else f"{name} {amount}"
        if s.load_kg:
            text += f" @ {format_load(s.load_kg, units)}"
        if s.rir is not None:
            text += f" RIR {s.rir}"
        if s.technique_breakdown:
            text += " (technique broke down)"
        if s.pain is not None:
            where = " ".join(x for x in (s.pain_side, s.pain_area) if x)
            text += f" (pain {s.pain}{' ' + where if where else ''})"
        parts.append(text)
    return "; ".join(parts)


def _entry_row(entry: dict[str, Any], units: str) -> tuple[str, str, str, str, str, str]:
    kind = str(entry["kind"])
    rpe = "" if entry.get("rpe") is None else f"{entry['rpe']:g}"
    if kind in ("run", "cross_training"):
        what = str(entry["run_type"] or entry["sub_sport"] or entry["sport"])
        if entry.get("name"):
            what += f": {entry['name']}"
        sets = tuple(StrengthSet(**s) for s in entry["sets"])
        if sets:
            what += f" ({_sets_text(sets, units)})"
        distance = entry["distance_m"]
        return (
            str(entry["date"]),
            kind.replace("_", "-"),
            what,
            format_duration(float(entry["duration_s"])),
            format_distance(distance / 1000, units) if distance else "",
            rpe,
        )
    if kind == "lift":
        sets = tuple(StrengthSet(**s) for s in entry["sets"])
        label = f"session {entry['template']}: " if entry["template"] else ""
        minutes = entry["minutes"]
        return (
            str(entry["date"]),
            "lift",
            label + _sets_text(sets, units),
            format_duration(minutes * 60) if minutes else "",
            "",
            rpe,
        )
    fields = []
    if entry["sleep_hours"] is not None:
        fields.append(f"sleep {entry['sleep_hours']:g} h")
    for key in ("sleep_quality", "soreness", "fatigue", "stress", "mood", "motivation"):
        if entry[key] is not None:
            fields.append(f"{key.replace('_', ' ')} {entry[key]}")
    fields += [
        f"pain {p['area']} {p['level']}" + (f" {p['side']}" if p["side"] else "")
        for p in entry["pain"]
    ]
    if entry["ill"]:
        fields.append("ill")
    if entry["cycle_note"]:
        fields.append(f"cycle: {entry['cycle_note']}")
    return (str(entry["date"]), "check-in", ", ".join(fields), "", "", "")


@_friendly
def history(
    since: Annotated[
        str | None,
        typer.Option(
            "--since", metavar="DATE", help="First day to show, YYYY-MM-DD (default: 28 days ago)."
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until", metavar="DATE", help="Last day to show, YYYY-MM-DD (default: today)."
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON (sorted, stable) instead of a table.")
    ] = False,
    athlete: AthleteOption = None,
    db: DbOption = None,
) -> None:
    """List what was logged and imported: runs, cross-training, lifts and check-ins."""
    today = _local_now().date()
    end = _date("--until", until, today)
    start = _date("--since", since, today) if since is not None else end - timedelta(days=27)
    tz = _tz()
    with _store(db) as store:
        found = logbook.load_history(store, athlete, start, end, tz)
    entries = logbook.history_entries(found, tz)
    if as_json:
        document = {
            "schema": "stridelift.history/1",
            "athlete": found.athlete.name,
            "since": start.isoformat(),
            "until": end.isoformat(),
            "entries": entries,
        }
        typer.echo(json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False))
        return
    if not entries:
        out.print(
            f"nothing logged for {found.athlete.name} from {start.isoformat()} "
            f"to {end.isoformat()}",
            markup=False,
        )
        return
    units = found.athlete.athlete.units
    table = Table(
        "date",
        "kind",
        "what",
        "time",
        "distance",
        "RPE",
        title=f"{found.athlete.name}: {start.isoformat()} to {end.isoformat()}",
    )
    for entry in entries:
        table.add_row(*_entry_row(entry, units))
    out.print(table)


# Import -----------------------------------------------------------------------


class _BarProgress:
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


@_friendly
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
        library = _library()
    except (StrideliftError, OSError, ImportError):
        library = None  # activity files import without it; lifting CSVs map nothing
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
    bar = _BarProgress(progress)
    with _store(db) as store:
        try:
            report = import_service.import_files(store, athlete, paths, library, progress=bar)
        finally:
            bar.stop()
    _print_import_report(report)
    if report.failed:
        raise SystemExit(1)  # some files failed (see _friendly on why not typer.Exit)


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


# Backup, restore, database ----------------------------------------------------


@_friendly
def backup(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="Where to write the JSON backup.")],
    db: DbOption = None,
) -> None:
    """Write everything in the database to one JSON file (restore it with `stridelift restore`)."""
    with _store(db) as store, err.status("writing backup"):
        counts = logbook.write_backup(store, file)
    out.print(f"backed up {_counts_text(counts)} to {file}", markup=False)


@_friendly
def restore(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A backup written by `stridelift backup`.")
    ],
    db: DbOption = None,
) -> None:
    """Load a JSON backup into an EMPTY database."""
    with _store(db) as store, err.status("restoring backup"):
        counts = logbook.restore_backup(store, file)
    out.print(f"restored {_counts_text(counts)} from {file}", markup=False)


def _counts_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {t}" for t, n in counts.items() if n) or "an empty database"


db_app = typer.Typer(help="The database: where it is, and its schema.", no_args_is_help=True)


@db_app.command("upgrade")
@_friendly
def db_upgrade(db: DbOption = None) -> None:
    """Create the database or bring it to the newest schema (every command does this first)."""
    with _store(db, upgrade=False) as store:
        before = store.current_revision()
        migrated = store.upgrade()
        after = store.current_revision()
    if migrated:
        out.print(f"{store.url}: schema {before or 'none'} -> {after}", markup=False)
    else:
        out.print(f"{store.url}: schema {after} is the newest, nothing to do", markup=False)


@db_app.command("info")
@_friendly
def db_info(db: DbOption = None) -> None:
    """Show the database URL, its schema revision and how many rows each table holds."""
    from stridelift.adapters.store.engine import head_revision

    with _store(db) as store:
        with store.reading() as repo:
            counts = repo.row_counts()
        table = Table(
            "table",
            "rows",
            title=f"{store.url} (schema {store.current_revision()}, newest {head_revision()})",
        )
        for name, n in sorted(counts.items()):
            table.add_row(name, str(n))
    out.print(table)


def register(app: typer.Typer) -> None:
    """Attach the logbook commands to the root app."""
    app.add_typer(athlete_app, name="athlete")
    app.add_typer(log_app, name="log")
    app.command("checkin")(checkin)
    app.command("history")(history)
    app.command("import")(import_files)
    app.command("backup")(backup)
    app.command("restore")(restore)
    app.add_typer(db_app, name="db")
