"""The logbook's history: what was logged and imported, as a table or JSON."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Annotated, Any

import typer
from rich.table import Table

from stridelift.cli.common import AthleteOption, DbOption, friendly, local_now, local_tz, out
from stridelift.cli.dates import day_option
from stridelift.domain.activity import StrengthSet
from stridelift.domain.units import format_distance, format_duration, format_load
from stridelift.services import logbook
from stridelift.services.workspace import opened


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


@friendly
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
    today = local_now().date()
    end = day_option("--until", until, today)
    start = day_option("--since", since, today) if since is not None else end - timedelta(days=27)
    tz = local_tz()
    with opened(db) as store:
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


def register(app: typer.Typer) -> None:
    """Attach the history command to the root app."""
    app.command("history")(history)
