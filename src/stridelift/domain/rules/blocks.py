"""A race's block read back from a plan document: the facts RUN-8, RUN-9 and RUN-12 judge.

The planner's own notices (domain/blockreview.py) and the rule checks read blocks the same
way, so a plan that falls short says so exactly where a check would look.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

# RUN-9: long-run peaks by target distance, minutes (Pfitzinger & Douglas, Daniels, Koop).
LONG_PEAK_RANGE = {
    "5k": (60, 75),
    "10k": (75, 90),
    "half": (90, 120),
    "marathon": (150, 180),
    "ultra": (180, 300),
}
ULTRA_LONG_KM = 60.0  # from 60 km up an ultra's long run reaches 4 hours at least
ULTRA_LONG_MINUTES = 240
PEAK_WEEKS_OUT = (3, 5)  # RUN-9: the peak falls 3-5 weeks before the race
LONG_SHARE_MAX = 0.40  # RUN-9: "about 30-35%" of the week, with a step of slack...
LONG_SHARE_FLOOR = 60  # ...once the long run is over an hour
# ...and three quarters of a week of two runs, where the long run is the longer of the two,
# up to three times the other (a 30-min workout beside it).
TWO_RUNS_SHARE = 3 / 4
BACK_TO_BACK_SHARE = 0.4  # an ultra's back-to-back day holds at least 40% of the long run
# Week reasons that lower volume on purpose (adaptation): volume rules do not judge them.
ADAPTED = frozenset({"ADAPT-1", "ADAPT-2", "RUN-6"})
CURVE = frozenset({"base", "strength", "race_specific", "taper"})
BUILD = frozenset({"base", "strength", "race_specific"})


@dataclass(frozen=True, slots=True)
class BlockWeek:
    """One week of a race's block: its document, weeks to the race and what it ran."""

    week: Mapping[str, Any]
    weeks_out: int
    minutes: int  # planned running, races excluded
    long_minutes: int  # the week's longest long run (0: none)
    capped: bool = False  # RUN-3's spike guard shortened a run: volume is not the plan's


@dataclass(frozen=True, slots=True)
class Block:
    """The weeks of the plan that build toward one A race, whole weeks only."""

    race: Mapping[str, Any]
    weeks: tuple[BlockWeek, ...]

    @property
    def distance(self) -> str:
        return str(self.race.get("distance") or "")

    def long_range(self) -> tuple[int, int] | None:
        """The RUN-9 range of the long run's peak for this race, if its distance has one."""
        rng = LONG_PEAK_RANGE.get(self.distance)
        if rng is None:
            return None
        km = float(self.race.get("distance_km") or 0)
        if self.distance == "ultra" and km >= ULTRA_LONG_KM:
            return (ULTRA_LONG_MINUTES, rng[1])
        return rng

    def build_weeks(self) -> list[BlockWeek]:
        """The block's training weeks whose volume the plan chose (RUN-3 left it whole)."""
        return [b for b in self.weeks if b.week.get("phase") in BUILD and not b.capped]

    def peak_window(self) -> list[BlockWeek]:
        lo, hi = PEAK_WEEKS_OUT
        return [b for b in self.weeks if lo <= b.weeks_out <= hi]


def taper_days(distance_km: float, distance: object = None) -> int:
    """RUN-12: the longest the running taper lasts, in days before the race (10 for 5K and
    10K, 14 for the half, 21 for the marathon and ultra)."""
    return {0: 10, 1: 14}.get(taper_weeks(distance_km, distance), 21)


# RUN-12 by the race's named distance, as the methodology's [running.taper_weeks] has it.
TAPER_BY_DISTANCE = {"5k": 0, "10k": 0, "half": 1, "marathon": 2, "ultra": 2}


def taper_weeks(distance_km: float, distance: object = None) -> int:
    """RUN-12: weeks of running taper before the race week (7-10 days for 5K and 10K, 10-14
    for the half, 2-3 weeks for the marathon and ultra), by the race's named distance
    where it has one (a 21.5-km course is a half), else by its kilometres."""
    if isinstance(distance, str) and distance in TAPER_BY_DISTANCE:
        return TAPER_BY_DISTANCE[distance]
    if distance_km <= 10.5:
        return 0
    if distance_km <= 21.5:
        return 1
    return 2


def _planned_minutes(week: Mapping[str, Any]) -> tuple[int, int]:
    runs = [
        s
        for d in week.get("days", [])
        for s in d.get("sessions", [])
        if isinstance(s, Mapping) and s.get("kind") == "run" and s.get("run_type") != "race"
    ]
    total = sum(int(s.get("minutes") or 0) for s in runs)
    longest = max(
        (int(s.get("minutes") or 0) for s in runs if s.get("run_type") == "long"), default=0
    )
    return total, longest


def spike_capped(week: Mapping[str, Any]) -> bool:
    """Whether RUN-3's spike guard shortened a run of the week: safety outranks volume."""
    return any(
        "RUN-3" in (s.get("reasons") or ())
        for d in week.get("days", [])
        for s in d.get("sessions", [])
        if isinstance(s, Mapping) and s.get("kind") == "run"
    )


def whole_week(week: Mapping[str, Any], today: str) -> bool:
    """A week the block rules judge: wholly planned (begun on or after ``today``, nothing
    logged in it) and not lowered on purpose by an adaptation. (Volume rules also leave out
    weeks RUN-3's spike guard shortened: ``spike_capped``.)"""
    if set(week.get("reasons") or ()) & ADAPTED or str(week.get("start")) < today:
        return False
    return not any("logged" in d for d in week.get("days", []))


def most_built(weeks: Sequence[Mapping[str, Any]], race: Mapping[str, Any]) -> int:
    """The most running any build week toward ``race`` holds, weeks an adaptation lowered
    or RUN-3 capped included: what the taper comes down from (RUN-4, RUN-12)."""
    return max(
        (
            _planned_minutes(w)[0]
            for w in weeks
            if w.get("phase") in BUILD
            and isinstance(w.get("weeks_to_race"), int)
            and targets(w, race, int(w["weeks_to_race"]))
        ),
        default=0,
    )


def blocks(
    weeks: Sequence[Mapping[str, Any]], races: Sequence[Mapping[str, Any]], today: str
) -> Iterator[Block]:
    """Every A race's block, from the weeks that name it as their target."""
    for race in races:
        if race.get("priority") != "A":
            continue
        mine = []
        for w in weeks:
            out = w.get("weeks_to_race")
            if not isinstance(out, int) or not targets(w, race, out):
                continue
            if w.get("phase") not in CURVE or not whole_week(w, today):
                continue
            minutes, longest = _planned_minutes(w)
            mine.append(BlockWeek(w, out, minutes, longest, spike_capped(w)))
        if mine:
            yield Block(race, tuple(mine))


def targets(week: Mapping[str, Any], race: Mapping[str, Any], weeks_out: int) -> bool:
    """Whether ``week`` builds toward ``race``: an A race (a B race has no block), its
    target by name and date (``target_race_date``; a plan without it: the race's week
    ``weeks_out`` weeks on). Two races may share a name, or a week: a parkrun run twice
    a season, a B parkrun in the A race's week, a 5K on Monday and a marathon on Tuesday."""
    if race.get("priority") != "A" or week.get("target_race") != race.get("name"):
        return False
    if "target_race_date" in week:  # the plan names its race's day: no two can match
        return week.get("target_race_date") == race.get("date")
    try:
        day = date.fromisoformat(str(race.get("date")))
        start = date.fromisoformat(str(week.get("start")))
    except ValueError:
        return False
    return (day - timedelta(days=day.weekday()) - start).days == 7 * weeks_out


def back_to_back_missing(block: Block) -> list[BlockWeek]:
    """Ultra block weeks (strength, race-specific; not deload) whose weekend long run has no
    run of its own on the weekend day beside it (RUN-9, Koop)."""
    if block.distance != "ultra":
        return []
    out = []
    for b in block.weeks:
        w = b.week
        if w.get("phase") not in ("strength", "race_specific") or w.get("deload"):
            continue
        days = list(w.get("days", []))
        long_at = [
            i
            for i, d in enumerate(days)
            if any(s.get("run_type") == "long" for s in d.get("sessions", []))
        ]
        if not long_at or long_at[0] < 5:
            continue
        i = long_at[0]
        other = 6 if i == 5 else 5
        need = BACK_TO_BACK_SHARE * b.long_minutes
        if not any(
            s.get("kind") == "run" and int(s.get("minutes") or 0) >= need
            for s in days[other].get("sessions", [])
        ):
            out.append(b)
    return out
