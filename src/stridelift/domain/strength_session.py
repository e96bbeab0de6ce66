"""A strength session as the planner prescribes it: its exercises' doses, its warm-up, and a
load change the log asked for (PHASE, PROG, CONTENT, LOAD)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LoadChange:
    """Why this session's load differs from the last logged one (LOAD-2, LOAD-3, ADAPT-5)."""

    rule: str
    pct: float
    from_kg: float | None
    why: str


@dataclass(frozen=True, slots=True)
class ExerciseDose:
    """One exercise as prescribed: what, how many sets and reps, how hard, how long a rest."""

    id: str
    name: str
    pattern: str
    region: str
    unilateral: bool
    plyometric: bool
    main_lift: bool
    sets: int
    reps_min: int
    reps_max: int
    rpe: int
    rest_s: int
    measure: str
    external_load: bool
    load_note: str
    load_kg: float | None = None
    role: str = "accessory"
    priority: int = 1
    substitutes: tuple[str, ...] = ()
    load_change: LoadChange | None = None

    @property
    def rir(self) -> int:
        """Reps in reserve from RPE: RPE 10 = 0, 9 = 1, 8 = 2, 7 = 3 (RUN-7)."""
        return max(10 - self.rpe, 0)

    @property
    def heavy(self) -> bool:
        """Heavy lower-body work as PLAN_SCHEMA defines it."""
        return (
            self.region == "lower"
            and self.main_lift
            and self.external_load
            and (self.rpe >= 8 or self.reps_max <= 6)
        )

    def est_seconds(self, accessory: bool) -> float:
        """Time on this exercise: work plus rest; accessories are paired into main-lift rests."""
        per_rep = 1.0 if self.measure in ("seconds", "metres") else 3.0
        work = self.reps_max * per_rep * (2 if self.unilateral else 1)
        if accessory:
            return self.sets * (work + 45) * 0.5
        return self.sets * (work + self.rest_s)


@dataclass(frozen=True, slots=True)
class WarmupItem:
    """One step of the warm-up (CONTENT-6)."""

    name: str
    minutes: int
    id: str | None = None


@dataclass(frozen=True, slots=True)
class StrengthSession:
    """A strength, core or mobility session before it has a day."""

    template: str
    title: str
    minutes: int
    exercises: tuple[ExerciseDose, ...]
    warmup: tuple[WarmupItem, ...]
    reasons: tuple[str, ...]
    light: bool = False
    kind: str = "strength"
    dropped: tuple[str, ...] = ()

    @property
    def heavy_lower(self) -> bool:
        """True if any lower-body main lift is heavy (PLACE-1 protects key runs from it)."""
        return any(e.heavy for e in self.exercises)

    @property
    def total_sets(self) -> int:
        """Sets in the session, the volume figure that PROG-3 and PROG-4 change."""
        return sum(e.sets for e in self.exercises)
