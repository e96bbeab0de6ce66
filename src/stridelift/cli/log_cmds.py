"""Logging by hand: a run, a strength session set by set, and the day's check-in."""

from __future__ import annotations

from typing import Annotated

import typer

from stridelift.cli.common import (
    AthleteOption,
    DateOption,
    DbOption,
    NotesOption,
    RpeOption,
    clock,
    exercise_library,
    friendly,
    local_now,
    local_tz,
    number,
    out,
    whole_number,
)
from stridelift.cli.dates import day_option
from stridelift.domain.activity import PAIN_SIDES, RUN_TYPES, CheckIn
from stridelift.domain.units import format_duration, miles_to_km
from stridelift.errors import UsageError
from stridelift.services import logbook
from stridelift.services.workspace import opened

log_app = typer.Typer(help="Log a run or a strength session by hand.", no_args_is_help=True)


@log_app.command("run")
@friendly
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
    now = local_now()
    if run_type is None:
        raise UsageError(f"--type: missing (expected one of {', '.join(RUN_TYPES)})")
    if minutes is None:
        raise UsageError("--minutes: missing (expected the run's duration in minutes)")
    if km is not None and mi is not None:
        raise UsageError("--mi: give the distance once, with --km or --mi")
    distance = number("--km", km)
    if mi is not None:
        miles = number("--mi", mi)
        distance = None if miles is None else miles_to_km(miles)
    entry = logbook.RunEntry(
        day=day_option("--date", day, now.date()),
        run_type=run_type,
        minutes=number("--minutes", minutes) or 0.0,
        distance_km=distance,
        rpe=number("--rpe", rpe),
        avg_hr=number("--avg-hr", avg_hr),
        notes=notes,
        start=clock("--time", start),
        distance_flag="--mi" if mi is not None else "--km",
    )
    with opened(db) as store:
        activity = logbook.log_run(store, athlete, entry, today=now.date(), tz=local_tz(), now=now)
    what = f"{entry.run_type} run, {format_duration(activity.duration_s)}"
    if entry.distance_km is not None:
        what += f", {entry.distance_km:.2f} km"
    out.print(f"logged {what} on {entry.day.isoformat()}", markup=False)


@log_app.command("lift")
@friendly
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
    now = local_now()
    entry = logbook.LiftEntry(
        day=day_option("--date", day, now.date()),
        sets=tuple(sets or ()),
        template=session,
        minutes=whole_number("--minutes", minutes),
        rpe=number("--rpe", rpe),
        notes=notes,
    )
    library = exercise_library()
    with opened(db) as store:
        lift = logbook.log_lift(store, athlete, entry, library, today=now.date(), now=now)
    label = f"session {lift.template}" if lift.template else "strength session"
    out.print(f"logged {label} on {lift.day.isoformat()}: {len(lift.sets)} sets", markup=False)


@friendly
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
    now = local_now()
    entry = CheckIn(
        day=day_option("--date", day, now.date()),
        sleep_hours=number("--sleep-hours", sleep_hours),
        sleep_quality=whole_number("--sleep-quality", sleep_quality),
        soreness=whole_number("--soreness", soreness),
        fatigue=whole_number("--fatigue", fatigue),
        stress=whole_number("--stress", stress),
        mood=whole_number("--mood", mood),
        motivation=whole_number("--motivation", motivation),
        pain=tuple(logbook.parse_pain(p) for p in pain or ()),
        ill=ill,
        cycle_note=cycle_note,
    )
    with opened(db) as store:
        stored = logbook.log_checkin(
            store, athlete, entry, today=now.date(), replace=replace, now=now
        )
    out.print(f"checked in for {stored.day.isoformat()}", markup=False)


def register(app: typer.Typer) -> None:
    """Attach the logging commands to the root app."""
    app.add_typer(log_app, name="log")
    app.command("checkin")(checkin)
