"""The Log page's forms as typed entries: a run, a lift (set syntax or rows), history filters.

Every bad value becomes a message under its own field; the services check ranges, and
their errors are mapped back to the field that holds the value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from stridelift.domain.units import miles_to_km
from stridelift.errors import UsageError
from stridelift.services import logbook, set_syntax
from stridelift.services.history_view import KINDS, HistoryQuery
from stridelift.web.forms import FieldErrors, number, whole

LIFT_ROWS = 6  # rows of the structured lift form
# The service's flags, as the run and lift forms name their fields.
RUN_FIELDS = {"km": "distance", "mi": "distance", "type": "run_type"}
LIFT_FIELDS = {"session": "template"}


def _text(form: Mapping[str, str], name: str) -> str:
    return (form.get(name) or "").strip()


def day_field(form: Mapping[str, str], name: str, errors: FieldErrors, default: date) -> date:
    """The field's date (YYYY-MM-DD), ``default`` when empty."""
    text = _text(form, name)
    if not text:
        return default
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors.add(name, f"{text!r} is not a date (expected YYYY-MM-DD)")
        return default


def run_from_form(
    form: Mapping[str, str], today: date, units: str
) -> tuple[logbook.RunEntry | None, FieldErrors]:
    """The run a form describes (distance typed in the athlete's units), or its errors."""
    errors = FieldErrors()
    day = day_field(form, "date", errors, today)
    minutes = number(form, "minutes", errors)
    if minutes is None and "minutes" not in errors.errors:
        errors.add("minutes", "give the run's duration in minutes")
    distance = number(form, "distance", errors)
    if distance is not None and units == "imperial":
        distance = miles_to_km(distance)
    rpe = number(form, "rpe", errors)
    if errors:
        return None, errors
    entry = logbook.RunEntry(
        day=day,
        run_type=_text(form, "run_type") or "easy",
        minutes=minutes or 0.0,
        distance_km=distance,
        rpe=rpe,
        notes=_text(form, "notes") or None,
    )
    return entry, errors


def _row_sets(form: Mapping[str, str], errors: FieldErrors) -> list[tuple[str, str]]:
    """The structured rows as (field, SET text) pairs; empty rows are skipped."""
    found = []
    for i in range(1, LIFT_ROWS + 1):
        exercise = _text(form, f"exercise_{i}")
        reps = whole(form, f"reps_{i}", errors)
        load = number(form, f"load_{i}", errors)
        sets = whole(form, f"sets_{i}", errors)
        if not exercise:
            if reps is not None or load is not None:
                errors.add(f"exercise_{i}", "choose the exercise of this row")
            continue
        if reps is None:
            errors.add(f"reps_{i}", "give the reps of this row")
            continue
        text = f"{exercise}:{reps}"
        if load is not None:
            text += f"x{load:g}" + (
                _text(form, f"unit_{i}") if _text(form, f"unit_{i}") == "lb" else ""
            )
        if sets is not None:
            text += f"*{sets}"
        found.append((f"exercise_{i}", text))
    return found


def lift_from_form(
    form: Mapping[str, str], today: date, exercises: set_syntax.ExerciseCatalog
) -> tuple[logbook.LiftEntry | None, FieldErrors]:
    """The lift a form describes: sets typed in the CLI's syntax, rows, or both."""
    errors = FieldErrors()
    day = day_field(form, "date", errors, today)
    minutes = whole(form, "minutes", errors)
    rpe = number(form, "rpe", errors)
    typed = [("sets", t) for t in re.split(r"[\s,]+", _text(form, "sets")) if t]
    rows = _row_sets(form, errors)
    for name, text in typed + rows:  # every set's own message under its own field
        try:
            set_syntax.parse_set(text, exercises)
        except UsageError as exc:
            errors.add(name, str(exc).removeprefix("SET "))
    if not typed and not rows and not errors:
        errors.add("sets", "give at least one set, typed or in the rows below")
    if errors:
        return None, errors
    entry = logbook.LiftEntry(
        day=day,
        sets=tuple(t for _, t in typed + rows),
        template=_text(form, "template") or None,
        minutes=minutes,
        rpe=rpe,
        notes=_text(form, "notes") or None,
    )
    return entry, errors


def history_query(params: Mapping[str, list[str]]) -> tuple[HistoryQuery, FieldErrors]:
    """The history filters of the query string (kind may repeat), or their errors."""
    errors = FieldErrors()
    first = {k: v[-1] for k, v in params.items() if v}
    kinds = tuple(k for k in params.get("kind", []) if k)
    for kind in kinds:
        if kind not in KINDS:
            errors.add("kind", f"{kind!r} is not a kind (expected one of {', '.join(KINDS)})")
    start = day_field(first, "since", errors, date.min) if _text(first, "since") else None
    end = day_field(first, "until", errors, date.min) if _text(first, "until") else None
    page = whole(first, "page", errors) or 1
    if errors:
        return HistoryQuery(), errors
    return HistoryQuery(start=start, end=end, kinds=kinds, page=page), errors
