"""Re-planning commands: replan (with what changed and why), today, busy (ADAPT-3)."""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from stridelift.adapters.exporters.workout import session_workout_line
from stridelift.cli.common import (
    AthleteOption,
    DbOption,
    friendly,
    local_now,
    local_tz,
)
from stridelift.cli.dates import day_option
from stridelift.domain.diff import Change, day_text, describe, split_by_weeks, when_text, why_text
from stridelift.domain.units import KM_PER_MILE, format_distance, format_load
from stridelift.errors import UsageError
from stridelift.services.today import today_doc, week_adaptations
from stridelift.services.workspace import opened

if TYPE_CHECKING:
    from stridelift.services.replan import ReplanResult

out = Console(highlight=False, soft_wrap=True)
SHOWN_WEEKS = 4  # the diff shows the coming four weeks unless --all

TodayOption = Annotated[
    str | None,
    typer.Option(
        "--today",
        metavar="DATE",
        help="Act as if today were this date, YYYY-MM-DD, 'today' or 'yesterday' (default: today).",
    ),
]


def _pace(s_per_km: float, units: str) -> str:
    if units == "imperial":
        seconds, unit = round(s_per_km * KM_PER_MILE), "mi"
    else:
        seconds, unit = round(s_per_km), "km"
    return f"{seconds // 60}:{seconds % 60:02d}/{unit}"


# Replan ----------------------------------------------------------------------------


def _signals_table(result: ReplanResult) -> Table | None:
    signals = result.adjustments.signals
    if not signals:
        return None
    table = Table(
        "rule", "signal", "since", "for", "what the log shows", title="Signals from your log"
    )
    for s in signals:
        table.add_row(s.rule, s.name, s.since.isoformat(), f"{s.days} d", s.detail)
    return table


def changes_table(changes: tuple[Change, ...] | list[Change], units: str, title: str) -> Table:
    """The diff as a table: when, what kind of change, which session, what changed, why."""
    table = Table("day", "change", "session", "what changed", "why", title=title)
    for c in changes:
        what = "; ".join(describe(f, units) for f in c.fields)
        table.add_row(when_text(c), c.kind, c.session, what, why_text(c))
    return table


def _print_changes(result: ReplanResult, units: str, weeks: int | None = SHOWN_WEEKS) -> None:
    """The diff against the last stored plan: the coming ``weeks`` weeks (None: all)."""
    if result.previous is None:
        out.print("No earlier plan stored: nothing to compare with.", markup=False)
        return
    since = result.previous.today.isoformat()
    if not result.changes:
        out.print(f"No changes to the coming weeks since the plan of {since}.", markup=False)
        return
    shown = list(result.changes)
    if weeks is not None:
        shown, _ = split_by_weeks(result.changes, result.today, weeks)
    title = f"What changed since the plan of {since}"
    if len(shown) < len(result.changes):
        title += f" (the next {weeks} weeks)"
    if shown:
        out.print(changes_table(shown, units, title))
    later = len(result.changes) - len(shown)
    if later:
        out.print(
            f"... and {later} more change(s) in later weeks (--all shows every one).",
            markup=False,
        )


def _print_referral(doc: dict[str, Any]) -> None:
    for message in doc.get("referral") or []:
        out.print(f"SEE A PROFESSIONAL: {message}", style="bold red", markup=False)


def _print_adaptations(entries: list[dict[str, Any]], title: str) -> None:
    if not entries:
        return
    table = Table("rule", "signal", "weeks", "what the plan does", title=title)
    for a in entries:
        weeks = a.get("weeks") or []
        shown = ", ".join(str(w) for w in weeks[:6]) + (" ..." if len(weeks) > 6 else "")
        table.add_row(str(a.get("rule")), str(a.get("signal") or ""), shown, str(a.get("change")))
    out.print(table)


@friendly
def replan_cmd(
    today: TodayOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the new plan document as JSON.")
    ] = False,
    show_all: Annotated[
        bool,
        typer.Option("--all", help="List every change, not only the coming four weeks."),
    ] = False,
    athlete: AthleteOption = None,
    db: DbOption = None,
) -> None:
    """Plan again from today with your log: store the plan, show what changed and why."""
    from stridelift.services import replan as service

    now = local_now()
    day = day_option("--today", today, now.date())
    with opened(db) as store:
        result = service.replan(store, athlete, day, tz=local_tz(), now=now)
    if as_json:
        sys.stdout.write(result.plan_json)
        return
    doc = result.doc
    weeks = doc["weeks"]
    span = f"{weeks[0]['start']} to {weeks[-1]['days'][-1]['date']}" if weeks else "no weeks"
    stored = "stored" if result.stored else "unchanged, not stored again"
    out.print(
        f"Replanned {result.athlete.name} from {day_text(day)}: {len(weeks)} weeks ({span}); "
        f"plan {stored}.",
        markup=False,
    )
    _print_referral(doc)
    signals = _signals_table(result)
    if signals is None:
        out.print("No signals in your log: the plan follows your profile.", markup=False)
    else:
        out.print(signals)
    _print_adaptations(week_adaptations(doc), "What the plan changes because of them")
    units = doc["athlete"].get("units", "metric")
    _print_changes(result, units, None if show_all else SHOWN_WEEKS)
    out.print(doc.get("disclaimer", ""), style="dim", markup=False)


# Today -----------------------------------------------------------------------------


def _reps(e: dict[str, Any]) -> str:
    low, high = e.get("reps_min"), e.get("reps_max")
    amount = f"{low}" if low == high else f"{low}-{high}"
    unit = {"seconds": " s", "metres": " m"}.get(str(e.get("measure")), "")
    return f"{e.get('sets')} x {amount}{unit}"


def _load(e: dict[str, Any], units: str) -> str:
    if e.get("load_kg") is not None:
        text = format_load(float(e["load_kg"]), units)
        change = e.get("load_change")
        if isinstance(change, dict):
            text += f" ({change.get('rule')} {change.get('pct'):+g}%)"
        return text
    return str(e.get("load_note") or "")


def _exercise_table(session: dict[str, Any], units: str) -> Table:
    table = Table("exercise", "sets x reps", "load", "effort", "rest")
    for e in session.get("exercises", []):
        table.add_row(
            str(e.get("name")),
            _reps(e),
            _load(e, units),
            f"RPE {e.get('rpe')} (RIR {e.get('rir')})",
            f"{e.get('rest_s')} s",
        )
    return table


def _print_session(s: dict[str, Any], units: str) -> None:
    slot = str(s.get("slot", "any")).upper()
    kind = s.get("kind")
    if kind == "run":
        label = str(s["run_type"]).replace("_", " ")
        parts = [f"{s['minutes']} min"]
        if s.get("distance_km"):
            parts.append(format_distance(float(s["distance_km"]), units))
        if s.get("pace_s_per_km"):
            parts.append(f"at {_pace(float(s['pace_s_per_km']), units)}")
        out.print(f"{slot} {label} run: {', '.join(parts)}", style="bold", markup=False)
        if s.get("description"):
            out.print(f"    {s['description']}", markup=False)
        if s.get("steps"):  # RUN-11: the workout, paces in the athlete's units
            out.print(f"    workout: {session_workout_line(s, units)}", markup=False)
        return
    if kind in ("strength", "core"):
        title = s.get("title") or ("Core" if kind == "core" else "Strength")
        out.print(f"{slot} {title}: {s['minutes']} min", style="bold", markup=False)
        warmup = s.get("warmup") or []
        if warmup:
            steps = ", ".join(f"{w['name']} {w['minutes']} min" for w in warmup)
            out.print(f"    warm-up: {steps}", markup=False)
        out.print(_exercise_table(s, units))
        return
    out.print(f"{slot} {s.get('activity', 'cross-training')}: {s['minutes']} min", markup=False)


def _logged_line(entry: dict[str, Any], units: str) -> str:
    kind = str(entry.get("kind"))
    text = str(entry.get("run_type") or kind).replace("_", " ")
    if kind == "run":
        text += " run"
    text += f" {round(float(entry.get('minutes') or 0))} min"
    if entry.get("distance_km"):
        text += f", {format_distance(float(entry['distance_km']), units)}"
    if entry.get("rpe") is not None:
        text += f", RPE {entry['rpe']:g}"
    return text


@friendly
def today_cmd(
    today: TodayOption = None,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print today's sessions, warnings and referrals as JSON."),
    ] = False,
    athlete: AthleteOption = None,
    db: DbOption = None,
) -> None:
    """Today's sessions: runs with pace, lifts with sets, reps and loads, warm-up, warnings."""
    from stridelift.services import replan as service

    now = local_now()
    day = day_option("--today", today, now.date())
    with opened(db) as store:
        who, doc, snapshot = service.current_plan(store, athlete, day, tz=local_tz())
    stored_for = snapshot.today if snapshot is not None else None
    shown = today_doc(who.name, doc, day, stored_for)  # UsageError: the day is not planned
    if as_json:
        sys.stdout.write(json.dumps(shown, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
        return
    units = shown["units"]
    week = shown["week"]
    busy = ", busy week" if week["busy"] else ""
    source = (
        f"plan stored for {stored_for.isoformat()}" if stored_for else "planned now from your log"
    )
    out.print(
        f"{who.name}, {day_text(day)}: week {week['index']} ({str(week['phase']).replace('_', ' ')}"
        f"{busy}); {source}",
        style="bold",
        markup=False,
    )
    _print_referral(doc)
    _print_adaptations(shown["adaptations"], "Active adaptations this week")
    for w in shown["warnings"]:
        out.print(f"warning: {', '.join(w['rules'])}: {w['message']}", style="yellow", markup=False)
    for item in shown["logged"]:
        out.print(f"logged: {_logged_line(item, units)}", markup=False)
    if shown["rest_day"]:
        out.print(
            "Rest day: nothing planned, so the days around it can be harder (PLACE-6).",
            markup=False,
        )
    for s in shown["sessions"]:
        _print_session(s, units)
    out.print(shown["disclaimer"], style="dim", markup=False)


# Busy ------------------------------------------------------------------------------


def week_table(doc: dict[str, Any], week: dict[str, Any]) -> Table:
    """One week, day by day: sessions planned, or what was logged on the days gone by."""
    units = doc.get("athlete", {}).get("units", "metric")
    busy = " (busy week)" if week.get("busy") else ""
    table = Table(
        "day",
        "sessions",
        title=f"Week {week['index']}{busy}: {week['phase'].replace('_', ' ')}",
        title_justify="left",
    )
    for d in week["days"]:
        lines = []
        for s in d.get("sessions", []):
            if s["kind"] == "run":
                lines.append(f"{str(s['run_type']).replace('_', ' ')} run {s['minutes']} min")
            elif s["kind"] == "strength":
                sets = sum(int(e.get("sets") or 0) for e in s.get("exercises", []))
                lines.append(f"{s.get('title', 'Strength')} {s['minutes']} min, {sets} sets")
            else:
                lines.append(f"{s.get('activity', s['kind'])} {s['minutes']} min")
        lines += [f"logged: {_logged_line(x, units)}" for x in d.get("logged") or []]
        table.add_row(day_text(date.fromisoformat(d["date"])), "\n".join(lines) or "rest")
    return table


@friendly
def busy_cmd(
    week: Annotated[
        str | None,
        typer.Option(
            "--week", metavar="DATE", help="Required. Any day of the busy week, YYYY-MM-DD."
        ),
    ] = None,
    clear: Annotated[
        bool, typer.Option("--clear", help="The week is not busy after all: plan it in full.")
    ] = False,
    today: TodayOption = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
) -> None:
    """Mark a week busy (ADAPT-3: one full-body and one short session), replan, show it."""
    from stridelift.services import busy_weeks as service

    now = local_now()
    day = day_option("--today", today, now.date())
    if week is None:
        raise UsageError("--week: missing (expected a day of the busy week, YYYY-MM-DD)")
    when = day_option("--week", week, day)
    with opened(db) as store:
        mark, result = service.mark_busy_and_replan(
            store, athlete, when, today=day, clear=clear, tz=local_tz(), now=now
        )
    label = f"the week of {mark.week.isoformat()}"
    if clear:
        said = f"{label} is no longer busy" if mark.changed else f"{label} was not marked busy"
    else:
        said = f"marked {label} busy" if mark.changed else f"{label} was marked busy already"
    out.print(f"{mark.athlete.name}: {said}.", markup=False)
    doc = result.doc
    shown = next((w for w in doc["weeks"] if w["start"] == mark.week.isoformat()), None)
    if shown is None:
        last = doc["weeks"][-1]["days"][-1]["date"] if doc["weeks"] else "-"
        out.print(
            f"{label} is past the end of the plan ({last}); the mark stays for when "
            "the plan reaches it.",
            markup=False,
        )
    else:
        out.print(week_table(doc, shown))
    _print_changes(result, doc["athlete"].get("units", "metric"))


def register(app: typer.Typer) -> None:
    """Attach the re-planning commands to the root app."""
    app.command("replan")(replan_cmd)
    app.command("today")(today_cmd)
    app.command("busy")(busy_cmd)
