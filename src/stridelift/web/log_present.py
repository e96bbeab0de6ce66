"""How the Log page shows logged entries: sets grouped, durations, what each entry was."""

from __future__ import annotations

from typing import Any

from stridelift.domain.units import format_distance, format_duration, format_load


def _set_amount(s: dict[str, Any]) -> str:
    if s.get("distance_m") and s["reps"] <= 1:
        return f"{s['distance_m']:g} m"
    if s.get("duration_s") and s["reps"] <= 1:
        return f"{s['duration_s']:g} s"
    return str(s["reps"])


def sets_lines(sets: list[dict[str, Any]], units: str) -> list[str]:
    """Consecutive identical sets as one line: ``goblet_squat 3 x 10 @ 22.5 kg RIR 2``."""
    groups: list[tuple[dict[str, Any], int]] = []
    for s in sets:
        if groups and groups[-1][0] == s:
            groups[-1] = (s, groups[-1][1] + 1)
        else:
            groups.append((s, 1))
    lines = []
    for s, count in groups:
        name = str(s.get("exercise_id") or s.get("source_name") or "?").replace("_", " ")
        text = f"{name} {count} x {_set_amount(s)}" if count > 1 else f"{name} {_set_amount(s)}"
        if s.get("load_kg"):
            text += f" @ {format_load(float(s['load_kg']), units)}"
        if s.get("rir") is not None:
            text += f", RIR {s['rir']}"
        if s.get("technique_breakdown"):
            text += " (technique broke down)"
        if s.get("pain") is not None:
            where = " ".join(x for x in (s.get("pain_side"), s.get("pain_area")) if x)
            text += f" (pain {s['pain']}{' ' + where if where else ''})"
        lines.append(text)
    return lines


def entry_title(e: dict[str, Any]) -> str:
    """What an entry was: ``Easy run``, ``Strength session A``, ``Cycling``, ``Check-in``."""
    kind = e["kind"]
    if kind == "run":
        return f"{str(e.get('run_type') or 'run').replace('_', ' ').capitalize()} run" + (
            f": {e['name']}" if e.get("name") else ""
        )
    if kind == "lift":
        return f"Strength session {e['template']}" if e.get("template") else "Strength session"
    if kind == "cross_training":
        sport = str(e.get("sub_sport") or e.get("sport") or "cross-training").replace("_", " ")
        return sport.capitalize() + (f": {e['name']}" if e.get("name") else "")
    return "Check-in"


def entry_figures(e: dict[str, Any], units: str) -> str:
    """Time, distance and effort of a session, e.g. ``45:00 · 8.20 km · RPE 4``."""
    parts = []
    if e.get("duration_s"):
        parts.append(format_duration(float(e["duration_s"])))
    elif e.get("minutes"):
        parts.append(format_duration(float(e["minutes"]) * 60))
    if e.get("distance_m"):
        parts.append(format_distance(float(e["distance_m"]) / 1000, units))
    if e.get("rpe") is not None:
        parts.append(f"RPE {float(e['rpe']):g}")
    return " · ".join(parts)


def checkin_text(e: dict[str, Any]) -> str:
    """A check-in in one line: ``sleep 7.5 h, fatigue 4, pain knee 3 left``."""
    fields = []
    if e.get("sleep_hours") is not None:
        fields.append(f"sleep {float(e['sleep_hours']):g} h")
    for key in ("sleep_quality", "soreness", "fatigue", "stress", "mood", "motivation"):
        if e.get(key) is not None:
            fields.append(f"{key.replace('_', ' ')} {e[key]}")
    fields += [
        f"pain {p['area']} {p['level']}" + (f" {p['side']}" if p.get("side") else "")
        for p in e.get("pain") or []
    ]
    if e.get("ill"):
        fields.append("ill")
    if e.get("cycle_note"):
        fields.append(f"cycle: {e['cycle_note']}")
    return ", ".join(fields)


LOG_FILTERS = {
    "entry_title": entry_title,
    "entry_figures": entry_figures,
    "checkin_text": checkin_text,
}
LOG_GLOBALS = {"sets_lines": sets_lines}
