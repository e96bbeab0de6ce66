"""The Progress page's figures: `stridelift stats` with the forecast, over the logged weeks.

The page shows the same document as ``stridelift stats --forecast --json``
(``stats.stats_document``), over a window that starts with the first logged week (at
least ``MIN_WEEKS``, at most ``PROGRESS_WEEKS``) so a new log is not drawn as months of
zeros, and adds weekly running distance and strength sets, planned against done
(services.progress_volume).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from stridelift.domain.units import format_duration, km_to_miles
from stridelift.services import stats_forecast
from stridelift.services.progress_volume import VolumeWeek, weekly_volume
from stridelift.services.stats import Stats, stats_for, stats_from
from stridelift.services.stats_forecast import monday
from stridelift.services.stats_json import StatsDocument, stats_document
from stridelift.services.stats_reading import read_stats

if TYPE_CHECKING:
    from stridelift.adapters.store.engine import Store

PROGRESS_WEEKS = 52  # a year of weeks on the page
MIN_WEEKS = 4


@dataclass(frozen=True, slots=True)
class ProgressView:
    """The stats document the page draws, the weekly volume, and how to show distances."""

    doc: StatsDocument
    volume: tuple[VolumeWeek, ...]
    empty: bool  # nothing logged at all
    distance_unit: str  # "km" or "mi"
    km_factor: float  # km to the athlete's distance unit

    def volume_rows(self) -> list[dict[str, Any]]:
        """The weekly volume in the athlete's distance unit (one decimal), for the page."""

        def dist(km: float | None) -> float | None:
            return None if km is None else round(km * self.km_factor, 1)

        return [
            {
                "start": w.start.isoformat(),
                "run_done": dist(w.run_km_done),
                "run_planned": dist(w.run_km_planned),
                "sets_done": w.sets_done,
                "sets_planned": w.sets_planned,
            }
            for w in self.volume
        ]

    def _dist(self, km: float | None) -> float | None:
        return None if km is None else round(km * self.km_factor, 1)

    def long_run_rows(self) -> list[dict[str, Any]]:
        """The long-run curve in the athlete's distance unit (one decimal)."""
        return [
            {
                "start": w["start"],
                "done": self._dist(w["done_km"]),
                "done_date": w["done_date"],
                "planned": self._dist(w["planned_km"]),
            }
            for w in self.doc["long_runs"]
        ]

    def effort_rows(self) -> list[dict[str, Any]]:
        """Best efforts with their times and paces per the athlete's distance unit."""

        def pace_s(time_s: float | None, metres: float) -> float | None:
            return None if time_s is None else round(time_s / metres * 1000.0 / self.km_factor)

        return [
            {
                "distance": e["distance"],
                "km": e["distance_m"] / 1000.0,
                "time": _clock(e["time_s"]),
                "pace_s": pace_s(e["time_s"], e["distance_m"]),
                "date": e["date"],
                "how": "records" if e["recorded"] else "whole run",
                "run": self._dist(e["run_km"]),
                "recent": _clock(e["recent_time_s"]),
                "recent_pace_s": pace_s(e["recent_time_s"], e["distance_m"]),
                "recent_date": e["recent_date"],
            }
            for e in self.doc["best_efforts"]["distances"]
        ]

    def prediction_rows(self) -> list[dict[str, Any]]:
        """Each race's predicted time per week as text and seconds, with its goal."""
        return [
            {
                "race": p["race"],
                "date": p["date"],
                "distance": self._dist(p["distance_km"]),
                "goal": _clock(p["goal_time_s"]),
                "goal_s": p["goal_time_s"],
                "weeks": [
                    {"end": w["end"], "time_s": w["time_s"], "time": _clock(w["time_s"]),
                     "source": w["from_effort"]}
                    for w in p["weeks"]
                ],
            }
            for p in self.doc["race_predictions"]
        ]  # fmt: skip

    def chart_data(self) -> dict[str, Any]:
        """What static/js/progress.js reads: the document, the volume, the distance unit."""
        return {
            "stats": self.doc,
            "volume": self.volume_rows(),
            "long_runs": self.long_run_rows(),
            "efforts": self.effort_rows(),
            "predictions": self.prediction_rows(),
            "empty": self.empty,
            "distance_unit": self.distance_unit,
        }


def _clock(seconds: float | None) -> str:
    """A time as H:MM:SS or M:SS, "-" when there is none."""
    return "-" if seconds is None else format_duration(seconds)


def _logged_weeks(stats: Stats) -> Stats:
    """The window cut to start at the first logged week (at least MIN_WEEKS kept)."""
    if stats.first_day is None:
        keep = MIN_WEEKS
    else:
        first = monday(stats.first_day)
        keep = max(MIN_WEEKS, sum(1 for w in stats.weeks if w.start >= first))
    weeks = stats.weeks[-keep:]
    first_week = weeks[0].start
    predictions = tuple(
        replace(p, weeks=tuple(w for w in p.weeks if w[0] >= first_week)) for p in stats.predictions
    )
    return replace(
        stats,
        weeks=weeks,
        weeks_requested=len(weeks),
        long_runs=tuple(w for w in stats.long_runs if w.start >= first_week),
        predictions=predictions,
    )


def progress_view(store: Store, athlete: str, *, today: date, tz: tzinfo = UTC) -> ProgressView:
    """The Progress page of a stored athlete: stats with the forecast to race day.

    Raises:
        UsageError: the athlete is unknown.
    """
    from stridelift.methodologies import default_methodology

    methodology = default_methodology()
    window_start = monday(today) - timedelta(days=7 * (PROGRESS_WEEKS - 1))
    read = read_stats(
        store, athlete, window_start=window_start, today=today, tz=tz, methodology=methodology
    )
    history = read.inputs.window
    plan = stats_forecast.forecast_plan(read.snapshot, history.athlete.athlete, today, methodology)
    stats = stats_from(
        read.inputs,
        today=today,
        weeks=PROGRESS_WEEKS,
        tz=tz,
        methodology=methodology,
        snapshot=read.snapshot,
        forecast_plan=plan,
    )
    stats = _logged_weeks(stats)
    volume = weekly_volume(
        history,
        plan[0],
        first=stats.window_start,
        today=today,
        last=stats.forecast.end if stats.forecast else today,
        tz=tz,
    )
    imperial = stats.units == "imperial"
    return ProgressView(
        doc=stats_document(stats),
        volume=volume,
        empty=stats.empty,
        distance_unit="mi" if imperial else "km",
        km_factor=km_to_miles(1.0) if imperial else 1.0,
    )


def stats_json(
    store: Store, athlete: str, *, today: date, tz: tzinfo, weeks: int, forecast: bool
) -> StatsDocument:
    """The ``stridelift stats --json`` document (``stridelift.stats/1``).

    Raises:
        UsageError: ``weeks`` is out of range, or the athlete is unknown.
    """
    stats = stats_for(store, athlete, today=today, weeks=weeks, tz=tz, forecast=forecast)
    return stats_document(stats)
