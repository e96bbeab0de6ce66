"""The logbook as the Log page and its API read it: filtered, newest first, paged, with totals.

A ten-year log holds thousands of entries: the range is read once (one query per table),
the totals cover the whole filtered range, and only one page of entries goes out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from stridelift.errors import UsageError
from stridelift.services.athletes import StoredAthlete
from stridelift.services.logbook import history_entries, load_history

if TYPE_CHECKING:
    from stridelift.adapters.store.engine import Store

KINDS = ("run", "lift", "cross_training", "checkin")
DEFAULT_DAYS = 56  # eight weeks back from the last day, when no first day is given
PER_PAGE = 25
MAX_PER_PAGE = 200


@dataclass(frozen=True, slots=True)
class HistoryQuery:
    """Which entries: a date range (None: the defaults), kinds (empty: all), one page."""

    start: date | None = None
    end: date | None = None
    kinds: tuple[str, ...] = ()
    page: int = 1
    per_page: int = PER_PAGE


@dataclass(frozen=True, slots=True)
class Totals:
    """Sums over every entry of the filtered range (not only the page shown)."""

    sessions: int = 0
    runs: int = 0
    run_minutes: float = 0.0
    run_km: float = 0.0
    lift_sessions: int = 0
    strength_sets: int = 0
    cross_training: int = 0
    checkins: int = 0


@dataclass(frozen=True, slots=True)
class HistoryPage:
    """One page of entries, newest first, and the totals of the filtered range."""

    athlete: StoredAthlete
    start: date
    end: date
    kinds: tuple[str, ...]
    entries: tuple[dict[str, Any], ...]
    total_entries: int
    page: int
    pages: int
    per_page: int
    totals: Totals


def check_query(query: HistoryQuery, today: date) -> tuple[date, date]:
    """The query's first and last day, checked.

    Raises:
        UsageError: an unknown kind, a range the wrong way round, or a bad page.
    """
    for kind in query.kinds:
        if kind not in KINDS:
            raise UsageError(f"--kind: {kind!r} is not a kind (expected one of {', '.join(KINDS)})")
    end = query.end or today
    start = query.start or end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        raise UsageError(f"--since: {start.isoformat()} is after {end.isoformat()}")
    if query.page < 1:
        raise UsageError(f"--page: {query.page} is out of range (expected 1 or more)")
    if not 1 <= query.per_page <= MAX_PER_PAGE:
        raise UsageError(
            f"--per-page: {query.per_page} is out of range (expected 1-{MAX_PER_PAGE})"
        )
    return start, end


def totals(entries: list[dict[str, Any]]) -> Totals:
    """Sessions, run minutes and km, strength sets and check-ins of ``entries``."""
    runs = [e for e in entries if e["kind"] == "run"]
    lifts = [e for e in entries if e["kind"] == "lift"]
    cross = [e for e in entries if e["kind"] == "cross_training"]
    sets = sum(len(e["sets"]) for e in lifts) + sum(len(e["sets"]) for e in cross)
    return Totals(
        sessions=len(runs) + len(lifts) + len(cross),
        runs=len(runs),
        run_minutes=round(sum(float(e["duration_s"]) for e in runs) / 60.0, 1),
        run_km=round(sum(float(e["distance_m"] or 0) for e in runs) / 1000.0, 2),
        lift_sessions=len(lifts),
        strength_sets=sets,
        cross_training=len(cross),
        checkins=sum(1 for e in entries if e["kind"] == "checkin"),
    )


def history_page(
    store: Store, athlete: str | None, query: HistoryQuery, *, today: date, tz: tzinfo
) -> HistoryPage:
    """The entries the query selects, newest first, one page of them, and their totals.

    Raises:
        UsageError: a bad query (see ``check_query``) or an unknown athlete.
    """
    start, end = check_query(query, today)
    found = load_history(store, athlete, start, end, tz)
    entries = [e for e in history_entries(found, tz) if not query.kinds or e["kind"] in query.kinds]
    entries.reverse()  # newest first
    pages = max(1, math.ceil(len(entries) / query.per_page))
    page = min(query.page, pages)
    first = (page - 1) * query.per_page
    return HistoryPage(
        athlete=found.athlete,
        start=start,
        end=end,
        kinds=query.kinds,
        entries=tuple(entries[first : first + query.per_page]),
        total_entries=len(entries),
        page=page,
        pages=pages,
        per_page=query.per_page,
        totals=totals(entries),
    )
