"""What the athlete did: activities from watches, lifts, and daily check-ins."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from stridelift.domain.efforts import Effort

# Sports the logbook knows; anything that is not running counts as cross-training.
RUN_SPORTS = frozenset({"running"})
SPORTS = (
    "running",
    "cycling",
    "swimming",
    "walking",
    "hiking",
    "rowing",
    "strength_training",
    "skiing",
    "paddling",
    "other",
)
RUN_TYPES = (
    "easy",
    "recovery",
    "long",
    "quality",
    "intervals",
    "tempo",
    "race_pace",
    "race",
    "shakeout",
)
PAIN_SIDES = ("left", "right", "both")


@dataclass(frozen=True, slots=True)
class StrengthSet:
    """One set of one exercise: reps at a load, with how hard it felt and how it went."""

    exercise_id: str | None
    reps: int
    load_kg: float | None = None
    rir: int | None = None
    # Raw name or FIT category as recorded, kept when no library id matched.
    source_name: str | None = None
    technique_breakdown: bool = False
    pain: int | None = None
    pain_side: str | None = None
    pain_area: str | None = None
    duration_s: float | None = None  # a timed hold: seconds of one set
    distance_m: float | None = None  # a carry: metres of one set


@dataclass(frozen=True, slots=True)
class Activity:
    """One recorded session (a run, a ride, a lift...), as imported or logged.

    Start times are UTC (DESIGN: activities keep their UTC timestamps).
    """

    start_utc: datetime
    sport: str
    duration_s: float
    sub_sport: str | None = None
    moving_s: float | None = None
    distance_m: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None
    elevation_gain_m: float | None = None
    name: str | None = None
    run_type: str | None = None
    rpe: float | None = None
    notes: str | None = None
    source: str = "manual"
    source_file: str | None = None
    file_sha256: str | None = None
    sets: tuple[StrengthSet, ...] = field(default_factory=tuple)
    # A recorded run's best efforts over the standard distances (domain.efforts), found in
    # its record stream at import; empty for runs logged by hand or without records.
    efforts: tuple[Effort, ...] = field(default_factory=tuple)

    @property
    def is_run(self) -> bool:
        """True for running activities; everything else is cross-training or lifting."""
        return self.sport in RUN_SPORTS


@dataclass(frozen=True, slots=True)
class LiftSession:
    """A strength session logged by hand or from a lifting app."""

    day: date
    sets: tuple[StrengthSet, ...]
    template: str | None = None
    minutes: int | None = None
    rpe: float | None = None
    notes: str | None = None
    source: str = "manual"


@dataclass(frozen=True, slots=True)
class PainReport:
    """Pain in one area on a check-in, 0-10, with its side."""

    area: str
    level: int
    side: str | None = None


@dataclass(frozen=True, slots=True)
class CheckIn:
    """A daily check-in; every scale runs 1 (worst/lowest) to 10, except soreness,
    fatigue and stress where 10 is the most."""

    day: date
    sleep_hours: float | None = None
    sleep_quality: int | None = None
    soreness: int | None = None
    fatigue: int | None = None
    stress: int | None = None
    mood: int | None = None
    motivation: int | None = None
    pain: tuple[PainReport, ...] = field(default_factory=tuple)
    ill: bool = False
    cycle_note: str | None = None
