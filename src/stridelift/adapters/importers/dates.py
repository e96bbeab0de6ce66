"""Dates as exports write them (Strava's index, lifting apps), read without the locale."""

from __future__ import annotations

import re
from datetime import UTC, datetime

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
# "Oct 5, 2014, 4:15:21 PM": English month, 12-hour clock (Strava, some Hevy exports).
_MONTH_FIRST = re.compile(
    r"(?P<mo>[A-Za-z]{3})[a-z]*\.?\s+(?P<d>\d{1,2}),\s*(?P<y>\d{4}),?\s+"
    r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[AaPp][Mm])?\Z"
)
_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})(?:[ T](?P<h>\d{1,2}):(?P<mi>\d{2})"
    r"(?::(?P<s>\d{2}))?\s*(?P<ampm>[AaPp][Mm])?)?"
)
_DAY_FIRST = re.compile(
    r"(?P<d>\d{1,2})(?: (?P<name>[A-Za-z]{3})[a-z]* |\.(?P<num>\d{1,2})\.)(?P<y>\d{4})"
    r"(?:,?\s+(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[AaPp][Mm])?)?"
)


def strava_date(text: str) -> datetime | None:
    """Strava's "Oct 5, 2014, 4:15:21 PM" (UTC in exports), or ISO 8601; None if neither."""
    cleaned = text.strip()
    found = _MONTH_FIRST.match(cleaned)
    if found is None:
        try:
            moment = datetime.fromisoformat(cleaned)
        except ValueError:
            return None
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    month = _MONTHS.get(found["mo"].lower())
    wall = _wall_clock(found, month) if month is not None else None
    return wall.replace(tzinfo=UTC) if wall is not None else None


def local_datetime(text: str) -> datetime | None:
    """A lifting app's local, zone-less date and time, in the layouts the apps write.

    "2024-05-01 18:00:00", "2024-05-01 6:00:00 PM", "6 Jan 2025, 17:59",
    "May 15, 2025, 7:26 PM", "05.06.2026, 07:30" (day first). The result has no
    time zone on purpose: only the local day (and the length) are used.
    """
    cleaned = " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())
    if (found := _ISO.fullmatch(cleaned)) is not None:
        return _wall_clock(found, int(found["mo"]))
    if (found := _MONTH_FIRST.match(cleaned)) is not None:
        month = _MONTHS.get(found["mo"].lower())
        return _wall_clock(found, month) if month is not None else None
    if (found := _DAY_FIRST.fullmatch(cleaned)) is not None:
        month = _MONTHS.get(found["name"].lower()) if found["name"] else int(found["num"])
        return _wall_clock(found, month) if month is not None else None
    return None


def _wall_clock(found: re.Match[str], month: int) -> datetime | None:
    """The matched date and time without a zone; None for impossible values."""
    hour = int(found["h"] or 0)
    ampm = (found["ampm"] or "").upper()
    if ampm and not 1 <= hour <= 12:
        return None
    if ampm == "PM" and hour != 12:
        hour += 12
    elif ampm == "AM" and hour == 12:
        hour = 0
    # A wall-clock time: the caller attaches the zone it knows (UTC for Strava).
    try:
        return datetime(  # noqa: DTZ001
            int(found["y"]),
            month,
            int(found["d"]),
            hour,
            int(found["mi"] or 0),
            int(found["s"] or 0),
        )
    except ValueError:
        return None
