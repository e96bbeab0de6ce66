"""The Progress page's figures: `stridelift stats` with the forecast, over the logged weeks.

The page shows the same document as ``stridelift stats --forecast --json``
(``stats.stats_document``), over a window that starts with the first logged week (at
least ``MIN_WEEKS``, at most ``PROGRESS_WEEKS``) so a new log is not drawn as months of
zeros.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, tzinfo
from typing import TYPE_CHECKING, Any

from stridelift.domain.units import km_to_miles
from stridelift.services.stats import Stats, stats_document, stats_for
from stridelift.services.stats_forecast import monday

if TYPE_CHECKING:
    from stridelift.adapters.store.engine import Store

PROGRESS_WEEKS = 52  # a year of weeks on the page
MIN_WEEKS = 4


@dataclass(frozen=True, slots=True)
class ProgressView:
    """The stats document the page draws, and how to show its distances."""

    doc: dict[str, Any]
    empty: bool  # nothing logged at all
    distance_unit: str  # "km" or "mi"
    km_factor: float  # km to the athlete's distance unit

    def chart_data(self) -> dict[str, Any]:
        """What static/js/progress.js reads: the document and the distance unit."""
        return {
            "stats": self.doc,
            "empty": self.empty,
            "distance_unit": self.distance_unit,
            "week_distances": self.week_distances(),
        }

    def week_distances(self) -> list[float]:
        """Each week's running distance in the athlete's unit, to one decimal."""
        return [round(w["run_km"] * self.km_factor, 1) for w in self.doc["weeks"]]


def _logged_weeks(stats: Stats) -> Stats:
    """The window cut to start at the first logged week (at least MIN_WEEKS kept)."""
    if stats.first_day is None:
        keep = MIN_WEEKS
    else:
        first = monday(stats.first_day)
        keep = max(MIN_WEEKS, sum(1 for w in stats.weeks if w.start >= first))
    weeks = stats.weeks[-keep:]
    return replace(stats, weeks=weeks, weeks_requested=len(weeks))


def progress_view(store: Store, athlete: str, *, today: date, tz: tzinfo = UTC) -> ProgressView:
    """The Progress page of a stored athlete: stats with the forecast to race day.

    Raises:
        UsageError: the athlete is unknown.
    """
    stats = stats_for(store, athlete, today=today, weeks=PROGRESS_WEEKS, tz=tz, forecast=True)
    stats = _logged_weeks(stats)
    imperial = stats.units == "imperial"
    return ProgressView(
        doc=stats_document(stats),
        empty=stats.empty,
        distance_unit="mi" if imperial else "km",
        km_factor=km_to_miles(1.0) if imperial else 1.0,
    )


def stats_json(
    store: Store, athlete: str, *, today: date, tz: tzinfo, weeks: int, forecast: bool
) -> dict[str, Any]:
    """The ``stridelift stats --json`` document (``stridelift.stats/1``).

    Raises:
        UsageError: ``weeks`` is out of range, or the athlete is unknown.
    """
    stats = stats_for(store, athlete, today=today, weeks=weeks, tz=tz, forecast=forecast)
    return stats_document(stats)
