"""The dates Stridelift accepts, and how far ahead it plans: one place, one message.

Every date that comes in (a flag, a profile's race, a logged day, a backup) is held to
EARLIEST..LATEST: far enough either side for any athlete's log and season, near enough that
a plan's weeks and a stored timestamp in any time zone never leave Python's calendar.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from stridelift.domain.athlete import Race
from stridelift.domain.errors import InputError

EARLIEST = date(1970, 1, 1)
LATEST = date(2200, 12, 31)
BOUNDS_TEXT = f"{EARLIEST.isoformat()} to {LATEST.isoformat()}"
# A plan covers at most two years (104 weeks, the longest --weeks): a race later than
# that is refused instead of planned week by week for decades.
HORIZON_WEEKS = 104


def checked_day(key: str, value: date) -> date:
    """``value`` if it lies in EARLIEST..LATEST, else an InputError naming ``key``."""
    if not EARLIEST <= value <= LATEST:
        raise InputError(key, value.isoformat(), f"is out of range (expected {BOUNDS_TEXT})")
    return value


def parse_day(key: str, text: str) -> date:
    """A YYYY-MM-DD text within EARLIEST..LATEST, else an InputError naming ``key``."""
    try:
        value = date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(key, text, "is not a date (expected YYYY-MM-DD)") from None
    return checked_day(key, value)


def check_horizon(races: Iterable[Race], today: date) -> None:
    """Refuse a race more than HORIZON_WEEKS after ``today`` (and a ``today`` out of range)."""
    checked_day("today", today)
    last = today + timedelta(weeks=HORIZON_WEEKS)
    for race in races:
        if race.date > last:
            raise InputError(
                f"races ({race.name})",
                race.date.isoformat(),
                f"is more than {HORIZON_WEEKS} weeks after today ({today.isoformat()}): "
                f"Stridelift plans at most {HORIZON_WEEKS} weeks ahead (expected a race "
                f"by {last.isoformat()})",
            )
