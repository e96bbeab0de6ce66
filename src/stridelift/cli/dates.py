"""The one parser for every date a command line takes (--today, --since, --week, --date...)."""

from __future__ import annotations

from datetime import date, timedelta

from stridelift.domain.calendar import parse_day
from stridelift.domain.errors import InputError
from stridelift.errors import UsageError


def day_option(flag: str, text: str | None, today: date) -> date:
    """YYYY-MM-DD, 'today' or 'yesterday' (None is today), within the dates Stridelift accepts.

    Raises:
        UsageError: naming ``flag``, with the accepted range, for anything else.
    """
    if text is None or text == "today":
        return today
    if text == "yesterday":
        return today - timedelta(days=1)
    try:
        return parse_day(flag, text)
    except InputError as exc:
        raise UsageError(str(exc)) from None
