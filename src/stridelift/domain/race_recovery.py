"""RUN-13's numbers: how long a race keeps quality running and strength away, by distance.

Read from the methodology file's ``[race_recovery]`` table; the planner's week-level use of
them is in domain/recovery.py. This module imports nothing heavier than the athlete model,
so the methodology reader can build it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from stridelift.domain.athlete import RACE_DISTANCES, Race
from stridelift.domain.errors import MISSING, MethodologyError


@dataclass(frozen=True, slots=True)
class DistanceRecovery:
    """What one race distance asks of the days and weeks after it (RUN-13)."""

    strength_days_off: int  # days after the race without a strength session
    rest_day_after: bool  # the day after is rest (a half or longer)
    weeks: tuple[float, ...]  # recovery weeks' running, as shares of the usual volume


@dataclass(frozen=True, slots=True)
class RaceRecovery:
    """RUN-13 settings: easy days per km raced, and each distance's recovery."""

    km_per_easy_day: float
    easy_days_max: int
    first_session_rpe: int
    distances: Mapping[str, DistanceRecovery]

    def of(self, race: Race) -> DistanceRecovery:
        """The recovery of the race's distance."""
        return self.distances[race.distance]

    def quality_free_days(self, race: Race) -> int:
        """Days after the race without quality running: one per 1.6 km, capped (RUN-13)."""
        return min(round(race.distance_km / self.km_per_easy_day), self.easy_days_max)

    def strength_back(self, race: Race) -> date:
        """The first day strength may come back after the race."""
        return race.date + timedelta(days=self.of(race).strength_days_off + 1)

    def quality_back(self, race: Race) -> date:
        """The first day quality running may come back after the race."""
        return race.date + timedelta(days=self.quality_free_days(race) + 1)

    def week_share(self, race: Race, weeks_after: int) -> float:
        """Running in the ``weeks_after``-th week after the race week (1, 2, ...), as a
        share of the usual volume; the last share holds for later weeks."""
        shares = self.of(race).weeks
        return shares[min(max(weeks_after, 1), len(shares)) - 1]


def _number(key: str, value: object, lo: float, hi: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= value <= hi:
        raise MethodologyError(key, value, f"is not a number between {lo:g} and {hi:g}")
    return float(value)


def _whole(key: str, value: object, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise MethodologyError(key, value, f"is not a whole number {lo}-{hi}")
    return value


def _table(key: str, value: object) -> Mapping[str, Any]:
    if value is MISSING:
        raise MethodologyError(key, MISSING, "is required")
    if not isinstance(value, Mapping):
        raise MethodologyError(key, value, "is not a table")
    return value


def _distance(key: str, raw: Mapping[str, Any]) -> DistanceRecovery:
    rest = raw.get("rest_day_after", MISSING)
    if not isinstance(rest, bool):
        raise MethodologyError(f"{key}.rest_day_after", rest, "is not true or false")
    weeks = raw.get("weeks", MISSING)
    if not isinstance(weeks, list) or not weeks:
        raise MethodologyError(f"{key}.weeks", weeks, "is not a list of shares (0.1-1.2)")
    return DistanceRecovery(
        strength_days_off=_whole(
            f"{key}.strength_days_off", raw.get("strength_days_off", MISSING), 0, 28
        ),
        rest_day_after=rest,
        weeks=tuple(_number(f"{key}.weeks[{i}]", w, 0.1, 1.2) for i, w in enumerate(weeks, 1)),
    )


def race_recovery_from(data: Mapping[str, Any]) -> RaceRecovery:
    """Read ``[race_recovery]`` from a parsed methodology file.

    Raises:
        MethodologyError: naming the dotted key of the first bad value.
    """
    r = _table("race_recovery", data.get("race_recovery", MISSING))
    dist = _table("race_recovery.distance", r.get("distance", MISSING))
    return RaceRecovery(
        km_per_easy_day=_number(
            "race_recovery.km_per_easy_day", r.get("km_per_easy_day", MISSING), 0.5, 10
        ),
        easy_days_max=_whole("race_recovery.easy_days_max", r.get("easy_days_max", MISSING), 0, 42),
        first_session_rpe=_whole(
            "race_recovery.first_session_rpe", r.get("first_session_rpe", MISSING), 1, 10
        ),
        distances={
            d: _distance(
                f"race_recovery.distance.{d}",
                _table(f"race_recovery.distance.{d}", dist.get(d, MISSING)),
            )
            for d in RACE_DISTANCES
        },
    )
