"""Unit conversions: everything is stored metric and shown in the athlete's units."""

from __future__ import annotations

KM_PER_MILE = 1.609344
KG_PER_LB = 0.45359237


def km_to_miles(km: float) -> float:
    """Convert kilometres to statute miles."""
    return km / KM_PER_MILE


def miles_to_km(miles: float) -> float:
    """Convert statute miles to kilometres."""
    return miles * KM_PER_MILE


def kg_to_lb(kg: float) -> float:
    """Convert kilograms to pounds."""
    return kg / KG_PER_LB


def lb_to_kg(lb: float) -> float:
    """Convert pounds to kilograms."""
    return lb * KG_PER_LB


def format_distance(km: float, units: str) -> str:
    """Render a distance in the athlete's units, e.g. ``7.5 km`` or ``4.7 mi``."""
    if units == "imperial":
        return f"{km_to_miles(km):.1f} mi"
    return f"{km:.1f} km"


def format_load(kg: float, units: str) -> str:
    """Render a load in the athlete's units, e.g. ``60 kg`` or ``132.5 lb``."""
    value = kg_to_lb(kg) if units == "imperial" else kg
    unit = "lb" if units == "imperial" else "kg"
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{text} {unit}"


def format_duration(seconds: float) -> str:
    """Render seconds as ``H:MM:SS`` (or ``M:SS`` under an hour)."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
