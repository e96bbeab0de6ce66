"""The athlete: who they are, what they own, when they can train, which races they target."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

LEVELS = ("beginner", "recreational", "intermediate", "advanced", "ultra")
UNITS = ("metric", "imperial")
STRATEGIES = ("auto", "stack", "easy_days", "separate")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PRIORITIES = ("A", "B")
RACE_DISTANCES_KM: dict[str, float] = {
    "5k": 5.0,
    "10k": 10.0,
    "half": 21.0975,
    "marathon": 42.195,
}
RACE_DISTANCES = (*RACE_DISTANCES_KM, "ultra")
TERRAINS = ("road", "trail")
# Everything a home or gym setup may hold; "gym" in a profile means all of them (CONTENT-7).
EQUIPMENT = (
    "dumbbells",
    "bands",
    "mini_bands",
    "mat",
    "kettlebell",
    "stability_ball",
    "foam_roller",
    "barbell",
    "trap_bar",
    "machines",
    "bench",
    "box",
    "cable",
    "sled",
    "pullup_bar",
    "bike",
    "treadmill",
)


@dataclass(frozen=True, slots=True)
class DayAvailability:
    """What the athlete can do on one weekday, and for how long in total."""

    run: bool
    strength: bool
    minutes: int


@dataclass(frozen=True, slots=True)
class Race:
    """A race on the calendar; A races get a block, B races are run inside one (SEASON-5)."""

    name: str
    date: date
    distance: str
    distance_km: float
    priority: str
    goal_time_s: int | None = None  # the athlete's own goal (RUN-10); None: the prediction
    elevation_gain_m: float | None = None  # total climbing, when the course gives it
    terrain: str = "road"

    @property
    def by_effort(self) -> bool:
        """Ultra and trail races are paced by effort and time on feet (RUN-10)."""
        return self.terrain == "trail" or self.distance_km > RACE_DISTANCES_KM["marathon"]


@dataclass(frozen=True, slots=True)
class RecentResult:
    """A recent race or time trial, the source of training paces (RUN-5)."""

    distance: str
    distance_km: float
    time_s: int
    date: date


@dataclass(frozen=True, slots=True)
class SlotTimes:
    """Clock times (HH:MM) that the AM and PM slots stand for in calendars."""

    am: str = "07:00"
    pm: str = "18:00"


@dataclass(frozen=True, slots=True)
class Athlete:
    """Everything the planner needs to know about one athlete; built from a profile."""

    name: str
    level: str
    units: str
    body_mass_kg: float
    weekly_run_minutes: int
    equipment: frozenset[str]
    strategy: str
    session_minutes: int
    long_run_day: int
    availability: tuple[DayAvailability, ...]
    races: tuple[Race, ...]
    recent_result: RecentResult | None = None
    new_to_strength: bool = False
    longest_recent_run_minutes: int | None = None
    slot_times: SlotTimes = SlotTimes()
    methodology: str = ""  # a shipped methodology chosen by name ("" = the default)

    @property
    def a_races(self) -> tuple[Race, ...]:
        """The key races, in date order."""
        return tuple(r for r in self.races if r.priority == "A")

    def run_days(self) -> tuple[int, ...]:
        """Weekday indexes (0 = Monday) on which the athlete can run."""
        return tuple(i for i, d in enumerate(self.availability) if d.run and d.minutes > 0)

    def strength_days(self) -> tuple[int, ...]:
        """Weekday indexes (0 = Monday) on which the athlete can lift."""
        return tuple(i for i, d in enumerate(self.availability) if d.strength and d.minutes > 0)
