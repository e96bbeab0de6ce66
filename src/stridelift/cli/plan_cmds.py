"""Commands of the planner: init, plan, check, explain."""

from __future__ import annotations

import shlex
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from stridelift.adapters.exporters._text import dose, per_side, planner_notes
from stridelift.adapters.exporters.workout import session_workout_line
from stridelift.cli.dates import day_option
from stridelift.cli.why import session_why, slot_words
from stridelift.domain.units import format_distance
from stridelift.domain.wording import counted
from stridelift.errors import UsageError
from stridelift.services.planning import (
    build_plan_document,
    check_plan,
    plan_json,
    read_plan_file,
    rule_text,
)
from stridelift.services.starter import NO_RACE, STARTER_LEVELS, starter_profile

if TYPE_CHECKING:  # Rich is imported when there is text to show: ``plan --json`` needs none
    from rich.console import Console
    from rich.table import Table

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

ProfileOpt = Annotated[
    Path | None,
    typer.Option("--profile", "-p", help="Athlete profile (TOML); or --athlete for a stored one."),
]
StoredOpt = Annotated[
    str | None,
    typer.Option(
        "--athlete",
        metavar="NAME",
        help="A stored athlete: their current plan, as the web app shows it (with the "
        "methodology their profile names, a coach's one included).",
    ),
]
DbOpt = Annotated[
    str | None,
    typer.Option("--db", metavar="URL", help="Database URL, with --athlete (as for `replan`)."),
]
TodayOpt = Annotated[
    str | None,
    typer.Option("--today", metavar="DATE", help="Plan as if today were this date (YYYY-MM-DD)."),
]
MethodOpt = Annotated[
    Path | None, typer.Option("--methodology", help="A coach's methodology file (TOML).")
]


def _console() -> Console:
    """Standard output as Rich shows it, made when a command has something to print."""
    from rich.console import Console

    return Console(highlight=False)


def parse_day(value: str | None, flag: str) -> date:
    """A YYYY-MM-DD option value, or today's date when it is not given."""
    return day_option(flag, value, date.today())  # noqa: DTZ011 - the CLI reads the clock


def _dose(ex: dict[str, Any]) -> str:
    """``2 × 30 s a side``: the dose in the exercise's own unit (CONTENT-9)."""
    measure = str(ex.get("measure") or "reps")
    side = per_side(measure, bool(ex.get("unilateral")), ex.get("pattern"))
    return dose(ex["sets"], ex["reps_min"], ex["reps_max"], measure, per_side=side)


def _effort(ex: dict[str, Any]) -> str:
    """``RPE 8 (RIR 2)``; a hold or a carry has no reps in reserve (CONTENT-9)."""
    if (ex.get("measure") or "reps") != "reps":
        return f"RPE {ex['rpe']}"
    return f"RPE {ex['rpe']} (RIR {ex['rir']})"


def _session_line(s: dict[str, Any], units: str) -> str:
    if s["kind"] == "run":
        label = s["run_type"].replace("_", " ")
        extra = f" · {format_distance(s['distance_km'], units)}" if s.get("distance_km") else ""
        return f"{label} run {s['minutes']} min{extra}"
    if s["kind"] == "strength":
        heavy = " · heavy legs" if s.get("heavy_lower") else ""
        return f"{s.get('title', 'Strength')} {s['minutes']} min{heavy}"
    if s["kind"] == "core":
        return f"core {s['minutes']} min"
    return f"{s.get('activity', 'cross')} {s['minutes']} min"


def _overview(doc: dict[str, Any]) -> Table:
    from rich.table import Table

    table = Table(title=f"Season plan for {doc['athlete']['name']}", title_justify="left")
    for col in ("wk", "starts", "phase", "cycle", "run min", "strength", "key runs"):
        table.add_column(col, justify="right" if col in ("wk", "run min", "strength") else "left")
    for w in doc["weeks"]:
        sessions = [s for d in w["days"] for s in d["sessions"]]
        lifts = sum(1 for s in sessions if s["kind"] == "strength")
        keys = ", ".join(
            s["run_type"].replace("_", " ") for s in sessions if s["kind"] == "run" and s.get("key")
        )
        cycle = "deload" if w["deload"] else str(w["cycle_week"])
        table.add_row(
            str(w["index"]),
            w["start"],
            w["phase"].replace("_", " "),
            cycle,
            str(w["run_minutes"]),
            str(lifts),
            keys,
        )
    return table


def _weeks_in_detail(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """This week, and next week too when three days or fewer of this one are left."""
    weeks: list[dict[str, Any]] = doc["weeks"][:2]
    if len(weeks) == 2:
        left = sum(1 for d in weeks[0]["days"] if d["date"] >= doc.get("today", ""))
        if left > 3:
            weeks = weeks[:1]
    return weeks


def _week_detail(doc: dict[str, Any], week: dict[str, Any]) -> Table:
    from rich.table import Table

    units = doc["athlete"].get("units", "metric")
    table = Table(
        title=f"Week {week['index']} ({week['phase'].replace('_', ' ')}): {week.get('focus', '')}",
        title_justify="left",
    )
    table.add_column("day")
    table.add_column("sessions")
    table.add_column("why", style="dim")
    for i, d in enumerate(week["days"]):
        label = f"{DAYS[i]} {d['date'][5:]}"
        if not d["sessions"]:
            table.add_row(label, "before the plan" if d["date"] < doc.get("today", "") else "rest")
        # One row per session, so each reason stands beside its own session.
        for n, s in enumerate(d["sessions"]):
            lines = [f"{slot_words(s):<8} {_session_line(s, units)}"]
            if s["kind"] == "run" and s.get("steps"):  # RUN-11: the workout under its run
                lines.append(f"         {session_workout_line(s, units)}")
            table.add_row(label if n == 0 else "", "\n".join(lines), session_why(s))
    return table


def _plan(
    profile: Path | None,
    athlete: str | None,
    db: str | None,
    day: date,
    *,
    weeks: int | None = None,
    methodology: Path | None = None,
) -> dict[str, Any]:
    """The plan of a profile file, or of a stored athlete (their current plan)."""
    if (profile is None) == (athlete is None):
        raise UsageError("--profile: give a profile file, or --athlete NAME for a stored athlete")
    if profile is not None:
        return build_plan_document(profile, day, weeks=weeks, methodology=methodology)
    if weeks is not None or methodology is not None:
        flag = "--weeks" if weeks is not None else "--methodology"
        raise UsageError(f"{flag}: only with --profile (a stored athlete's plan is planned whole)")
    from stridelift.cli.common import local_tz
    from stridelift.services.replan import current_plan
    from stridelift.services.workspace import opened

    with opened(db) as store:
        return current_plan(store, athlete, day, tz=local_tz())[1]


def plan_cmd(
    profile: ProfileOpt = None,
    today: TodayOpt = None,
    weeks: Annotated[int | None, typer.Option("--weeks", help="Weeks to plan (1-104).")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the plan document as JSON.")
    ] = False,
    methodology: MethodOpt = None,
    athlete: StoredOpt = None,
    db: DbOpt = None,
) -> None:
    """Plan the season: phases, weekly volume and strength, and this week in detail."""
    day = parse_day(today, "--today")
    doc = _plan(profile, athlete, db, day, weeks=weeks, methodology=methodology)
    if as_json:
        sys.stdout.write(plan_json(doc))
        return
    console = _console()
    console.print(_overview(doc))
    for week in _weeks_in_detail(doc):
        console.print(_week_detail(doc, week))
    p = doc["paces"]
    console.print(
        f"Paces ({p['source']}): easy {p['easy_s_per_km'] // 60}:{p['easy_s_per_km'] % 60:02d}/km, "
        f"threshold {p['threshold_s_per_km'] // 60}:{p['threshold_s_per_km'] % 60:02d}/km. "
        "Predicted: " + ", ".join(f"{x['distance']} {x['time']}" for x in p["predictions"]),
        markup=False,
    )
    for note in planner_notes(doc["warnings"]):
        console.print(f"warning: {note}", style="yellow", markup=False)
    console.print(doc["disclaimer"], style="dim", markup=False)


def check_cmd(
    plan_file: Annotated[Path, typer.Argument(help="A plan document (JSON).", metavar="PLAN.json")],
) -> None:
    """Validate a plan document against every rule; exit 1 if any rule is broken."""
    doc = read_plan_file(plan_file)
    found = check_plan(doc)
    console = _console()
    if not found:
        console.print(f"{plan_file}: no rule violations", markup=False)
        return
    for v in found:
        console.print(str(v), markup=False)
    console.print(f"{plan_file}: {counted(len(found), 'violation')}", markup=False)
    raise typer.Exit(1)


def explain_cmd(
    day: Annotated[str, typer.Argument(help="The date to explain (YYYY-MM-DD).", metavar="DATE")],
    profile: ProfileOpt = None,
    today: TodayOpt = None,
    methodology: MethodOpt = None,
    athlete: StoredOpt = None,
    db: DbOpt = None,
) -> None:
    """Explain in plain words why a day of the plan looks as it does."""
    when = parse_day(day, "DATE")
    doc = _plan(profile, athlete, db, parse_day(today, "--today"), methodology=methodology)
    console = _console()
    for w in doc["weeks"]:
        for d in w["days"]:
            if d["date"] != when.isoformat():
                continue
            units = doc["athlete"].get("units", "metric")
            console.print(
                f"{DAYS[when.weekday()]} {when}: week {w['index']}, "
                f"{w['phase'].replace('_', ' ')} phase. {w.get('focus', '')}",
                markup=False,
            )
            if d["date"] < doc["today"]:
                console.print(
                    f"Before the plan: it starts today, {doc['today']}; the days of its first "
                    "week before today hold nothing.",
                    markup=False,
                )
                return
            for r in w["reasons"]:
                console.print(f"  week: {rule_text(r)} ({r})", markup=False)
            if not d["sessions"]:
                console.print(
                    "Rest day: nothing planned, so the days around it can be harder (PLACE-6).",
                    markup=False,
                )
            for s in d["sessions"]:
                console.print(f"- {_session_line(s, units)} ({slot_words(s)})", markup=False)
                if s.get("description"):
                    console.print(f"    {s['description']}", markup=False)
                if s["kind"] == "run" and s.get("steps"):  # RUN-11
                    console.print(f"    workout: {session_workout_line(s, units)}", markup=False)
                for ex in s.get("exercises", []):
                    console.print(
                        f"    {ex['name']}: {_dose(ex)} @ {_effort(ex)}, rest {ex['rest_s']} s; "
                        f"{ex['load_note']}",
                        markup=False,
                    )
                for r in s.get("reasons", []):
                    console.print(f"    because: {rule_text(r)} ({r})", markup=False)
            return
    raise UsageError(
        f"DATE: {when} is not inside the plan "
        f"({doc['weeks'][0]['start']} to {doc['weeks'][-1]['days'][-1]['date']})"
    )


def _program() -> str:
    """How to run stridelift from here, as typed: on PATH, the virtualenv's script, or -m."""
    if shutil.which("stridelift"):
        return "stridelift"
    script = Path(sys.executable).parent / "stridelift"
    if not script.is_file():
        return f"{sys.executable} -m stridelift"
    try:
        return str(script.relative_to(Path.cwd()))
    except ValueError:
        return str(script)


def _init_next(out: Path, race_date: str | None) -> list[str]:
    """What `init` says after writing: the race flags, what no race means, and what to run."""
    prog, path = _program(), shlex.quote(str(out))
    lines = [f"wrote {out}"]
    if not race_date:
        example = date.today() + timedelta(weeks=20)  # noqa: DTZ011 - an example date only
        lines += [
            f"No race in it: {NO_RACE}.",
            "Add one with --race-date, --race-distance (5k, 10k, half, marathon), --race-name "
            "and --goal-time, e.g.:",
            f"  {prog} init --out {path} --force --race-date {example} --race-distance half "
            '--race-name "Spring Half" --goal-time 1:55:00',
            "or edit [[races]] in the file (docs/profile.md).",
        ]
    lines += [
        "Next:",
        f"  {prog} plan --profile {path}",
        f"  {prog} athlete add --profile {path}",
    ]
    if prog.endswith("/stridelift"):
        lines.append(f"({prog} is not on your PATH: activate its virtualenv to type stridelift)")
    return lines


def _init_answers(
    name: str | None,
    level: str | None,
    race: tuple[str | None, str | None, str | None, str | None],
    weekly_minutes: int | None,
) -> tuple[
    str | None, str | None, tuple[str | None, str | None, str | None, str | None], int | None
]:
    """In a terminal, ask for what the flags left out; elsewhere ask nothing."""
    race_date, race_distance, race_name, goal_time = race
    if not sys.stdin.isatty():
        return name, level, race, weekly_minutes
    name = name or typer.prompt("Your name", default="Runner")
    level = level or typer.prompt(f"Level ({', '.join(STARTER_LEVELS)})", default="intermediate")
    race_date = race_date or typer.prompt(
        "A race date (YYYY-MM-DD, empty for none)", default="", show_default=False
    )
    if race_date:
        race_distance = race_distance or typer.prompt("Race distance", default="marathon")
        race_name = race_name or typer.prompt("Race name", default="Goal race")
        goal_time = goal_time or typer.prompt(
            "Goal time (H:MM:SS, empty for none)", default="", show_default=False
        )
    weekly_minutes = weekly_minutes or typer.prompt("Minutes of running a week", default=240)
    return name, level, (race_date, race_distance, race_name, goal_time), weekly_minutes


def init_cmd(
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="FILE", help="Where to write the profile.")
    ] = Path("profile.toml"),
    name: Annotated[str | None, typer.Option(metavar="NAME", help="Your name.")] = None,
    level: Annotated[
        str | None,
        typer.Option(
            metavar="LEVEL", help="beginner, recreational, intermediate, advanced or ultra."
        ),
    ] = None,
    race_date: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="Your A race (YYYY-MM-DD); none: general training."),
    ] = None,
    race_distance: Annotated[
        str | None,
        typer.Option(metavar="DISTANCE", help="5k, 10k, half or marathon (default: marathon)."),
    ] = None,
    race_name: Annotated[
        str | None, typer.Option(metavar="NAME", help="The race's name (default: Goal race).")
    ] = None,
    goal_time: Annotated[
        str | None,
        typer.Option(metavar="H:MM:SS", help="Your goal time (default: the plan's prediction)."),
    ] = None,
    weekly_minutes: Annotated[
        int | None, typer.Option(metavar="MIN", help="Minutes you run a week now.")
    ] = None,
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter profile (asks questions when run in a terminal)."""
    if out.exists() and not force:
        raise UsageError(f"{out}: already exists (use --force to overwrite)")
    if not race_date:
        for flag, value in (("--race-name", race_name), ("--goal-time", goal_time)):
            if value is not None:
                raise UsageError(f"{flag}: needs --race-date (the race it belongs to)")
    name, level, race, weekly_minutes = _init_answers(
        name, level, (race_date, race_distance, race_name, goal_time), weekly_minutes
    )
    race_date, race_distance, race_name, goal_time = race
    text = starter_profile(
        name or "Runner",
        level or "intermediate",
        race_date or None,
        race_distance or "marathon",
        240 if weekly_minutes is None else weekly_minutes,
        race_name=race_name or "Goal race",
        goal_time=goal_time or None,
    )
    tmp = out.with_name(out.name + ".tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UsageError(f"{out}: cannot write the profile ({exc.strerror})") from exc
    console = _console()
    for line in _init_next(out, race_date or None):
        console.print(line, markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Attach the planner commands."""
    app.command("init")(init_cmd)
    app.command("plan")(plan_cmd)
    app.command("check")(check_cmd)
    app.command("explain")(explain_cmd)
