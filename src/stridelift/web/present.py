"""How the pages show plan values: paces, distances, loads, doses and workout steps.

Template filters only: they format what the plan document holds, in the athlete's units,
and decide nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from stridelift.adapters.exporters.workout import pace_text, read_steps, workout_lines
from stridelift.domain.units import format_distance, format_duration, format_load, km_to_miles


def pace(s_per_km: float | None, units: str) -> str:
    """A pace such as ``5:05 /km`` (``/mi`` in imperial units)."""
    return "" if not s_per_km else pace_text(float(s_per_km), units)


def distance(km: float | None, units: str) -> str:
    """A distance in the athlete's units."""
    return "" if not km else format_distance(float(km), units)


def in_units(km: float | None, units: str) -> str:
    """A distance in km as a bare number in the athlete's units, for a form field."""
    if km is None:
        return ""
    value = km_to_miles(float(km)) if units == "imperial" else float(km)
    return f"{round(value, 2):g}"


def dose(e: dict[str, Any]) -> str:
    """Sets x reps (or seconds, or metres), e.g. ``3 x 8-10`` or ``2 x 30 s``."""
    low, high = e.get("reps_min"), e.get("reps_max")
    amount = f"{low}" if low == high else f"{low}-{high}"
    unit = {"seconds": " s", "metres": " m"}.get(str(e.get("measure")), "")
    side = " a side" if e.get("unilateral") else ""
    return f"{e.get('sets')} x {amount}{unit}{side}"


def load(e: dict[str, Any], units: str) -> str:
    """The working load, or the note on how to choose it."""
    if e.get("load_kg") is not None:
        return format_load(float(e["load_kg"]), units)
    return str(e.get("load_note") or "")


def steps(session: dict[str, Any], units: str) -> list[str]:
    """A run's workout (RUN-11), one line per step or repeat group."""
    if not session.get("steps"):
        return []
    return workout_lines(read_steps(session["steps"], "steps"), units)


def kg(load_kg: float | None, units: str) -> str:
    """A load in kg shown in the athlete's units (``62.5 kg`` or ``137.8 lb``)."""
    return "" if load_kg is None else format_load(float(load_kg), units)


def fixed(value: float | None, digits: int = 1) -> str:
    """A number with ``digits`` decimals as the charts' legends show it; ``-`` for none."""
    return "-" if value is None else f"{float(value):.{digits}f}"


def clock(seconds: float | None) -> str:
    """A time or a pace in seconds as the charts' legends show it, ``1:42:05`` or
    ``4:57``; ``-`` for none."""
    return "-" if seconds is None else format_duration(float(seconds))


def long_date(iso: str | date) -> str:
    """A date as people read it: ``Wednesday 2 December 2026``."""
    day = iso if isinstance(iso, date) else date.fromisoformat(iso)
    return f"{day:%A} {day.day} {day:%B %Y}"


def label(text: object) -> str:
    """A plan identifier as words: ``race_specific`` -> ``race specific``."""
    return str(text or "").replace("_", " ")


FILTERS = {
    "pace": pace,
    "distance": distance,
    "in_units": in_units,
    "dose": dose,
    "load": load,
    "label": label,
    "long_date": long_date,
    "kg": kg,
    "fixed": fixed,
    "clock": clock,
}
GLOBALS = {"workout_steps": steps}
