"""The Profile page's forms: profile values to form text and back, errors to their fields.

A form field is named by the profile key it holds (``body_mass_kg``,
``availability.mon.minutes``, ``slot_times.am``, ``recent_result.time``; a race's form by
the race's keys: ``goal_time``), so the parser's error for a key lands under the field of
that key. Text is turned into a number only when it reads as one; anything else goes to
the parser as written, and the parser's message says what it expected.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from stridelift.domain.athlete import EQUIPMENT, WEEKDAYS, Athlete
from stridelift.domain.profile import RACE_KEYS
from stridelift.methodologies import DEFAULT_NAME

PLAIN_KEYS = ("name", "level", "units", "strategy", "long_run_day", "methodology")
NUMBER_KEYS = (
    "body_mass_kg",
    "weekly_run_minutes",
    "weekly_run_km",
    "session_minutes",
    "longest_recent_run_minutes",
)
RACE_NUMBERS = ("distance_km", "elevation_gain_m")
RESULT_KEYS = ("distance", "time", "date")
CHECKED = "on"
_INTEGER = re.compile(r"^[-+]?\d+$")
_DECIMAL = re.compile(r"^[-+]?\d*\.\d+$|^[-+]?\d+\.\d*$")


def scalar(text: str) -> int | float | str:
    """Form text as the number it reads as, else the text (which the parser refuses)."""
    text = text.strip()
    if _INTEGER.match(text):
        return int(text)
    if _DECIMAL.match(text):
        return float(text)
    return text


def _text(form: Mapping[str, str], name: str) -> str:
    return (form.get(name) or "").strip()


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return CHECKED if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def profile_fields(values: Mapping[str, Any], athlete: Athlete) -> dict[str, str]:
    """The profile form's text for a stored profile; the days, slot times and
    new-to-strength as the plan reads them (a key left out shows its default)."""
    fields = {k: _shown(values[k]) for k in (*PLAIN_KEYS, *NUMBER_KEYS) if k in values}
    fields.setdefault("methodology", athlete.methodology or "default")
    for item in values.get("equipment", []):
        fields[f"equipment.{item}"] = CHECKED
    for day, available in zip(WEEKDAYS, athlete.availability, strict=True):
        fields[f"availability.{day}.run"] = _shown(available.run)
        fields[f"availability.{day}.strength"] = _shown(available.strength)
        fields[f"availability.{day}.minutes"] = str(available.minutes)
    fields["slot_times.am"], fields["slot_times.pm"] = athlete.slot_times.am, athlete.slot_times.pm
    fields["new_to_strength"] = _shown(athlete.new_to_strength)
    result = values.get("recent_result", {})
    fields.update({f"recent_result.{k}": _shown(result.get(k)) for k in RESULT_KEYS})
    return fields


def race_fields(race: Mapping[str, Any]) -> dict[str, str]:
    """A race form's text for a stored race."""
    return {k: _shown(race.get(k)) for k in RACE_KEYS}


def _equipment(form: Mapping[str, str]) -> list[str]:
    chosen = [k.removeprefix("equipment.") for k in form if k.startswith("equipment.")]
    if "gym" in chosen:
        return ["gym"]  # every item
    order = {item: i for i, item in enumerate(EQUIPMENT)}
    return sorted(chosen, key=lambda item: (order.get(item, len(order)), item))


def _table(
    form: Mapping[str, str], prefix: str, keys: tuple[str, ...], numbers: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The filled-in fields ``prefix.KEY``: text, or a number for the keys in ``numbers``."""
    found = {k: _text(form, f"{prefix}.{k}") for k in keys}
    return {k: scalar(v) if k in numbers else v for k, v in found.items() if v}


def profile_from_form(form: Mapping[str, str], stored: Mapping[str, Any]) -> dict[str, Any]:
    """The profile values the profile form describes; the races stay as stored."""
    values: dict[str, Any] = {k: _text(form, k) for k in PLAIN_KEYS if _text(form, k)}
    values.update({k: scalar(_text(form, k)) for k in NUMBER_KEYS if _text(form, k)})
    if values.get("methodology") == DEFAULT_NAME and "methodology" not in stored:
        del values["methodology"]  # the default, as before: the profile stays as it was
    values["equipment"] = _equipment(form)
    values["new_to_strength"] = _text(form, "new_to_strength") == CHECKED
    slots = _table(form, "slot_times", ("am", "pm"))
    if slots:
        values["slot_times"] = slots
    result = _table(form, "recent_result", RESULT_KEYS, numbers=("distance",))
    if result:
        values["recent_result"] = result
    values["availability"] = {
        day: {
            "run": _text(form, f"availability.{day}.run") == CHECKED,
            "strength": _text(form, f"availability.{day}.strength") == CHECKED,
            **_table(form, f"availability.{day}", ("minutes",), numbers=("minutes",)),
        }
        for day in WEEKDAYS
    }
    if stored.get("races"):
        values["races"] = stored["races"]
    return values


def race_from_form(form: Mapping[str, str]) -> dict[str, Any]:
    """The race a race form describes, its keys in the order of the docs."""
    found = {k: _text(form, k) for k in RACE_KEYS}
    return {k: scalar(v) if k in RACE_NUMBERS else v for k, v in found.items() if v}


def field_of(key: str, race: int | None = None) -> str:
    """The form field that shows the error about profile ``key``; ``race`` is the index of
    the race a race form edits (its keys' errors go to its fields), else None."""
    found = re.match(r"^races\[(\d+)\]\.(\w+)$", key)
    if found is not None:
        if race is not None and int(found[1]) == race:
            return found[2]
        return "form"
    if race is not None:
        return "form"
    if key.startswith("equipment["):
        return "equipment"
    return key
