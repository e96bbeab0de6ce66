"""Structured workouts (RUN-11): a library shape made into steps that fit the session.

A shape (domain/workout_library.py) holds a ladder of doses, easiest first. The week's
place in its phase picks a rung (later weeks climb; a deload week steps back; the taper
comes down), the athlete's level caps how high the ladder goes, and the session's minutes
cap it again: the largest dose at or below that rung whose work, recoveries and usual
warm-up and cool-down fit the minutes. The minutes left over lengthen the warm-up (to its
longest), then the cool-down, so the steps add up to the session.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from stridelift.domain.athlete import RACE_DISTANCES_KM
from stridelift.domain.paces import Paces, predict_time_s
from stridelift.domain.season import WeekFrame
from stridelift.domain.workout_library import Shape, WorkoutLibrary

EFFORT_WORDS = {
    "easy": "easy",
    "steady": "steady effort",
    "marathon": "marathon pace",
    "threshold": "threshold pace",
    "interval": "interval pace",
    "repetition": "repetition pace",
    "race": "goal race pace",
    "hill": "hard uphill effort",
}


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a workout: a duration or a distance, an effort and, where known, a pace."""

    kind: str  # warmup | work | recover | cooldown
    effort: str
    duration_s: int | None = None
    distance_m: int | None = None
    pace_s_per_km: int | None = None

    def seconds(self) -> float:
        """How long the step takes (a distance at its pace)."""
        if self.duration_s is not None:
            return float(self.duration_s)
        return (self.distance_m or 0) / 1000 * (self.pace_s_per_km or 0)


@dataclass(frozen=True, slots=True)
class Repeat:
    """A group of steps run ``count`` times."""

    count: int
    steps: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class Workout:
    """A session's steps, a one-line summary, its main target pace and its length."""

    shape: str
    steps: tuple[Step | Repeat, ...]
    summary: str
    pace_s_per_km: int | None
    seconds: float

    @property
    def minutes(self) -> int:
        """What the steps add up to, in whole minutes."""
        return round(self.seconds / 60)

    def work_seconds(self) -> float:
        """Time in the work steps: the volume that progresses through a phase."""
        return sum(_flat_seconds(self.steps, "work"))

    def distance_km(self, easy_s_per_km: float) -> float:
        """Distance the steps cover (steps without a pace at the easy pace)."""
        total = 0.0
        for count, step in _flat(self.steps):
            if step.distance_m is not None:
                total += count * step.distance_m / 1000
            else:
                total += count * step.seconds() / (step.pace_s_per_km or easy_s_per_km)
        return total


def _flat(steps: tuple[Step | Repeat, ...]) -> list[tuple[int, Step]]:
    out: list[tuple[int, Step]] = []
    for s in steps:
        if isinstance(s, Repeat):
            out.extend((s.count, x) for x in s.steps)
        else:
            out.append((1, s))
    return out


def _flat_seconds(steps: tuple[Step | Repeat, ...], kind: str | None = None) -> list[float]:
    return [c * s.seconds() for c, s in _flat(steps) if kind is None or s.kind == kind]


@dataclass(frozen=True, slots=True)
class WeekPlace:
    """Where a week sits in its block: what the workouts progress by."""

    phase: str
    phase_week: int
    phase_weeks: int
    deload: bool
    weeks_to_race: int | None = None

    @classmethod
    def of(cls, frame: WeekFrame) -> WeekPlace:
        """The place of a planned week."""
        return cls(
            frame.phase, frame.phase_week, frame.phase_weeks, frame.deload, frame.weeks_to_race
        )


def progress(place: WeekPlace, week: int | None = None) -> float:
    """How far through its phase a week is, 0..1: training phases climb week by week
    (race-pace work rising toward the race), the taper comes down, race and recovery
    weeks sit at the bottom. ``week`` overrides the place's week in the phase."""
    k = place.phase_week if week is None else week
    n = place.phase_weeks
    if place.phase in ("race_week", "recovery") or k < 1:
        return 0.0
    if n <= 1:
        return 0.5
    f = (k - 1) / (n - 1)
    return 1.0 - f if place.phase == "taper" else f


def _rung(lib: WorkoutLibrary, shape: Shape, place: WeekPlace, level: str) -> int:
    """The dose the week's place and the level ask for (before the minutes cap it)."""
    top = len(shape.doses) - 1
    reach = lib.ceiling(level)

    def at(week: int | None) -> int:
        return int(progress(place, week) * reach * top + 0.5)

    if place.deload:
        # A deload steps back from the week before it.
        return max(at(place.phase_week - 1) - lib.deload_step_back, 0)
    return at(None)


def goal_pace_s_per_km(paces: Paces, distance: str, race_km: float | None) -> float:
    """The target race's goal pace (RUN-10): a VDOT prediction for its own distance,
    never faster than marathon pace beyond the marathon; marathon pace without a race.

    The planner uses paces.goal_pace_s_per_km (the athlete's goal time, climbing and
    terrain); this flat-road form serves the library's own tests.
    """
    km = race_km or RACE_DISTANCES_KM.get(distance)
    if not km:
        return paces.marathon_s_per_km
    pace = predict_time_s(paces.vdot, km) / km
    return max(pace, paces.marathon_s_per_km) if km > 42.2 else pace


def effort_pace(effort: str, paces: Paces, goal_s_per_km: float) -> float | None:
    """The pace an effort is run at (hills go by effort: no pace)."""
    return {
        "easy": paces.easy_s_per_km,
        "steady": (paces.easy_s_per_km + paces.marathon_s_per_km) / 2,
        "marathon": paces.marathon_s_per_km,
        "threshold": paces.threshold_s_per_km,
        "interval": paces.interval_s_per_km,
        "repetition": paces.repetition_s_per_km,
        "race": goal_s_per_km,
    }.get(effort)


@dataclass(frozen=True, slots=True)
class _Dose:
    reps: int
    length: int  # metres or seconds, by the shape's unit (seconds when ``timed``)
    work_s: float
    main_s: float  # work and recoveries
    timed: bool = False  # a distance shape's rep run by time (see _tiny)

    def unit(self, shape: Shape) -> str:
        """The unit of ``length``: the shape's, or seconds for a timed rep."""
        return "s" if self.timed else shape.unit


def _dose(shape: Shape, reps: int, length: int, pace: float | None) -> _Dose:
    work = length / 1000 * (pace or 0) if shape.unit == "m" else float(length)
    jogs = reps * shape.recover_s if reps > 1 else 0  # one unbroken segment: no jog
    return _Dose(reps, length, reps * work, reps * work + jogs)


def _ends(shape: Shape, spare_s: float) -> tuple[int, int]:
    """Warm-up and cool-down minutes for the time around the work: the usual ones, the
    longer warm-up and then the cool-down taking any extra; shorter ones (not below their
    shortest) when time is tight."""
    w_lo, w_usual, w_hi = shape.warmup_min
    c_lo, c_usual = shape.cooldown_min
    spare = spare_s / 60
    if spare >= w_usual + c_usual:
        warm = min(w_hi, round(spare - c_usual))
        return warm, max(round(spare - warm), c_usual)
    give = max(spare - w_lo - c_lo, 0.0)
    slack = (w_usual - w_lo) + (c_usual - c_lo)
    warm = w_lo + (round(give * (w_usual - w_lo) / slack) if slack else 0)
    return warm, max(round(spare - warm), c_lo)


def _fit(shape: Shape, rung: int, seconds: float, pace: float | None) -> _Dose | None:
    """The dose for the session: the ladder with the usual warm-up and cool-down; the
    smallest dose with the shortest ones; fewer reps of it; one shorter rep; None when the
    session is shorter than even that."""
    dose = _choose(shape, shape.doses[: rung + 1], seconds, pace, usual=True)
    if dose is None:
        reps, length = shape.doses[0]
        fewer = [(n, length) for n in range(reps, 0, -1)]
        dose = _choose(shape, tuple(reversed(fewer)), seconds, pace, usual=False)
    if dose is None:
        # One shorter rep, in whole minutes or 200 m, down to a single step of it.
        step = 60 if shape.unit == "s" else 200
        shorter = tuple((1, n) for n in range(step, shape.doses[0][1], step))
        dose = _choose(shape, shorter, seconds, pace, usual=False)
    return dose


def _tiny(shape: Shape, seconds: float, pace: float | None) -> tuple[_Dose, int, int]:
    """A session shorter than the shortest warm-up, cool-down and one short rep (a run the
    RUN-3 spike guard cut): about a third warms up, a fifth cools down, and one rep takes
    what is left (whole minutes, or the nearest 100 m), so the steps add up to the minutes."""
    minutes = seconds / 60
    warm, cool = max(round(minutes * 0.35), 1), max(round(minutes * 0.2), 1)
    left = max(seconds - 60 * (warm + cool), 60.0)
    by_time = int(max(left // 60 * 60, 60))
    if shape.unit == "s" or not pace:
        return _dose(shape, 1, by_time, pace), warm, cool
    dose = _dose(shape, 1, int(max(round(left / pace * 10) * 100, 100)), pace)  # nearest 100 m
    room = seconds - 60 * warm  # the cool-down takes what the rep leaves, a minute at least
    if dose.main_s + 60 > room:
        # A goal pace so slow (a race of extreme climbing) that 100 m takes minutes: the
        # rep goes by time, at that pace, so the steps still add up to the session.
        return _Dose(1, by_time, float(by_time), float(by_time), timed=True), warm, cool
    return dose, warm, max(round((room - dose.main_s) / 60), 1)


def _choose(
    shape: Shape,
    doses: tuple[tuple[int, int], ...],
    seconds: float,
    pace: float | None,
    *,
    usual: bool,
) -> _Dose | None:
    """The largest of ``doses`` whose work and recoveries leave room for the warm-up and
    cool-down (their usual or their shortest lengths) within the session."""
    k = 1 if usual else 0
    ends_s = 60 * (shape.warmup_min[k] + shape.cooldown_min[k])
    room = min(seconds - ends_s, shape.max_share * seconds)
    for reps, length in reversed(doses):
        d = _dose(shape, reps, length, pace)
        if d.main_s <= room:
            return d
    return None


def _length_words(unit: str, length: int) -> str:
    if unit == "m":
        return f"{length} m"
    return _time_words(length)


def _time_words(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} s"
    left = f" {seconds % 60} s" if seconds % 60 else ""
    return f"{seconds // 60} min{left}"


def _summary(shape: Shape, dose: _Dose, warm: int, cool: int) -> str:
    work = EFFORT_WORDS[shape.effort]
    long_run = shape.run_type == "long"
    parts = [f"{warm} min easy" if long_run else f"warm up {warm} min"] if warm else []
    if dose.reps == 1:
        main = f"{_length_words(dose.unit(shape), dose.length)} at {work}"
    else:
        main = f"{dose.reps} x {_length_words(dose.unit(shape), dose.length)} at {work}"
        if shape.recover_s:
            jog = "easy" if long_run else "jog"
            main += f", {_time_words(shape.recover_s)} {jog} between"
    parts.append(main)
    if cool:
        parts.append(f"{cool} min easy" if long_run else f"cool down {cool} min")
    return f"{shape.name}: " + "; ".join(parts)


def build_workout(
    lib: WorkoutLibrary,
    run_type: str,
    minutes: int,
    place: WeekPlace,
    distance: str,
    level: str,
    paces: Paces,
    goal_s_per_km: float,
) -> Workout | None:
    """The steps of a quality run or a goal-pace long run (RUN-11); None where the library
    has no shape for it (a long run outside the race-specific weeks, for one).

    Args:
        distance: the target race's distance key ("none" without a race).
        goal_s_per_km: the target race's goal pace, for "race" efforts (RUN-10).
    """
    shape = lib.pick(run_type, place.phase, distance, level)
    if shape is None:
        return None
    pace = effort_pace(shape.effort, paces, goal_s_per_km)
    easy = round(paces.long_s_per_km if shape.run_type == "long" else paces.easy_s_per_km)
    seconds = minutes * 60.0
    fitted = _fit(shape, _rung(lib, shape, place, level), seconds, pace)
    if fitted is None and shape.run_type == "long":
        return None  # too short a long run for a goal-pace segment: it stays easy
    if fitted is None:
        dose, warm, cool = _tiny(shape, seconds, pace)
    else:
        dose = fitted
        warm, cool = _ends(shape, seconds - dose.main_s)
    work_pace = round(pace) if pace is not None else None
    work = Step(
        "work",
        shape.effort,
        duration_s=dose.length if dose.unit(shape) == "s" else None,
        distance_m=dose.length if dose.unit(shape) == "m" else None,
        pace_s_per_km=work_pace,
    )
    steps: list[Step | Repeat] = []
    if warm:
        steps.append(Step("warmup", "easy", duration_s=warm * 60, pace_s_per_km=easy))
    if dose.reps == 1:
        steps.append(work)
    else:
        jog = Step("recover", "easy", duration_s=shape.recover_s, pace_s_per_km=easy)
        steps.append(Repeat(dose.reps, (work, jog) if shape.recover_s else (work,)))
    if cool:
        steps.append(Step("cooldown", "easy", duration_s=cool * 60, pace_s_per_km=easy))
    done = tuple(steps)
    # Hill reps go by effort; the session's pace is the flat pace of that effort (about
    # interval effort, Daniels), never an average with the jogs.
    main = work_pace if work_pace is not None else round(paces.interval_s_per_km)
    return Workout(
        shape.id, done, _summary(shape, dose, warm, cool), main, sum(_flat_seconds(done))
    )


def race_workout(
    lib: WorkoutLibrary, distance: str, race_km: float, paces: Paces, goal_s_per_km: float
) -> Workout:
    """A race day's steps: easy running first where the distance calls for it, then the
    race at its goal pace."""
    warm = lib.race_warmup(distance)
    pace = round(goal_s_per_km)
    steps: list[Step | Repeat] = []
    if warm:
        steps.append(
            Step("warmup", "easy", duration_s=warm * 60, pace_s_per_km=round(paces.easy_s_per_km))
        )
    steps.append(Step("work", "race", distance_m=round(race_km * 1000), pace_s_per_km=pace))
    race = f"race {race_km:g} km at goal race pace"
    summary = f"warm up {warm} min easy with a few strides; {race}" if warm else race
    done = tuple(steps)
    return Workout("race", done, summary, pace, sum(_flat_seconds(done)))


def steps_doc(steps: tuple[Step | Repeat, ...]) -> list[dict[str, Any]]:
    """The steps as PLAN_SCHEMA writes them."""
    out: list[dict[str, Any]] = []
    for s in steps:
        if isinstance(s, Repeat):
            out.append({"repeat": s.count, "steps": steps_doc(s.steps)})
            continue
        doc: dict[str, Any] = {"kind": s.kind}
        if s.duration_s is not None:
            doc["duration_s"] = s.duration_s
        if s.distance_m is not None:
            doc["distance_m"] = s.distance_m
        doc["effort"] = s.effort
        if s.pace_s_per_km is not None:
            doc["pace_s_per_km"] = s.pace_s_per_km
        out.append(doc)
    return out
