"""Form text to typed values, and our errors to the form field they are about.

The services name a bad value by its CLI flag (``--sleep-hours: 30 is out of range``);
a form field carries the same name with underscores (``sleep_hours``), so one rule maps
either to the field that shows the message.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from stridelift.domain.activity import CheckIn
from stridelift.errors import UsageError
from stridelift.services import logbook

CHECKIN_SCALES = ("sleep_quality", "soreness", "fatigue", "stress", "mood", "motivation")
# A service's name for something that has no single field: the whole form's message.
_FIELD_OF_FLAG = {"checkin": "form"}
# On the pages a distance is typed in the athlete's units, in the field "distance".
PAGE_FIELDS = {"km": "distance", "mi": "distance", "distance_km": "distance"}
_FLAG = re.compile(r"^(-{0,2}[a-z][a-z_-]*): (.*)$", re.DOTALL)


@dataclass
class FieldErrors:
    """Messages by form field; ``form`` holds one that no single field owns."""

    errors: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, message: str) -> None:
        """Keep the first message for a field."""
        self.errors.setdefault(name, message)

    def __bool__(self) -> bool:
        return bool(self.errors)


def error_field(exc: UsageError, aliases: Mapping[str, str] | None = None) -> tuple[str, str]:
    """The form field a service's error names, and the message without the flag;
    ``aliases`` renames fields whose form calls them otherwise."""
    match = _FLAG.match(str(exc))
    if match is None:
        return "form", str(exc)
    name = match[1].lstrip("-").replace("-", "_")
    name = (aliases or {}).get(name, name)
    return _FIELD_OF_FLAG.get(name, name), match[2]


def _text(form: Mapping[str, str], name: str) -> str | None:
    value = (form.get(name) or "").strip()
    return value or None


def number(form: Mapping[str, str], name: str, errors: FieldErrors) -> float | None:
    """The field's number, None when empty; a non-number is a field error."""
    text = _text(form, name)
    if text is None:
        return None
    if not re.match(r"^\d+([.,]\d+)?$", text):
        errors.add(name, f"{text!r} is not a number")
        return None
    return float(text.replace(",", "."))


def whole(form: Mapping[str, str], name: str, errors: FieldErrors) -> int | None:
    """The field's whole number, None when empty."""
    text = _text(form, name)
    if text is not None and not text.isdigit():
        errors.add(name, f"{text!r} is not a whole number")
        return None
    return None if text is None else int(text)


def checkin_from_form(form: Mapping[str, str], day: date) -> tuple[CheckIn | None, FieldErrors]:
    """The check-in a form describes, or the field errors that stop it."""
    errors = FieldErrors()
    scales = {name: whole(form, name, errors) for name in CHECKIN_SCALES}
    sleep_hours = number(form, "sleep_hours", errors)
    pain = []
    for text in filter(None, re.split(r"[,\s]+", form.get("pain") or "")):
        try:
            pain.append(logbook.parse_pain(text))
        except UsageError as exc:
            errors.add(*error_field(exc))
    given = [v for v in (sleep_hours, *scales.values(), _text(form, "cycle_note")) if v is not None]
    if not given and not pain and "ill" not in form and not errors:
        errors.add("form", "fill in at least one value (e.g. sleep or fatigue)")
    if errors:
        return None, errors
    entry = CheckIn(
        day=day,
        sleep_hours=sleep_hours,
        pain=tuple(pain),
        ill=form.get("ill") in ("on", "true", "1"),
        cycle_note=_text(form, "cycle_note"),
        **scales,
    )
    return entry, errors
