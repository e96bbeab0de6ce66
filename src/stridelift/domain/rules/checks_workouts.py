"""RUN-11: structured workouts, read from the plan's ``steps``."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from stridelift.domain.rules.registry import Violation, rule
from stridelift.domain.rules.view import QUALITY_TYPES, TRAINING, PlanView, num, whole

STEP_KINDS = frozenset({"warmup", "work", "recover", "cooldown"})
EFFORTS = frozenset(
    {"easy", "steady", "marathon", "threshold", "interval", "repetition", "race", "hill"}
)
FIT = 0.10  # RUN-11: the steps add up to the session's minutes, +-10%
NEEDS_STEPS = QUALITY_TYPES | {"race"}
PROGRESSING = QUALITY_TYPES | {"long"}


def _flat(steps: object, times: int = 1) -> Iterator[tuple[int, Mapping[str, Any]]]:
    """Every step with how often it is run (repeat groups multiplied out)."""
    if not isinstance(steps, list):
        return
    for s in steps:
        if not isinstance(s, Mapping):
            continue
        if "repeat" in s:
            yield from _flat(s.get("steps"), times * max(whole(s.get("repeat"), 1), 1))
        else:
            yield times, s


def _seconds(step: Mapping[str, Any], run_pace: float) -> float | None:
    """A step's length in seconds: its duration, or its distance at its (or the run's) pace."""
    if num(step.get("duration_s")) > 0:
        return num(step.get("duration_s"))
    pace = num(step.get("pace_s_per_km")) or run_pace
    if num(step.get("distance_m")) > 0 and pace > 0:
        return num(step.get("distance_m")) / 1000 * pace
    return None


def work_seconds(run: Mapping[str, Any]) -> float:
    """Time a run spends in its work steps (0 without steps)."""
    pace = num(run.get("pace_s_per_km"))
    return sum(
        n * (_seconds(s, pace) or 0.0)
        for n, s in _flat(run.get("steps"))
        if s.get("kind") == "work"
    )


def _step_problems(run: Mapping[str, Any]) -> Iterator[str]:
    steps = run.get("steps")
    kind = run.get("run_type")
    if not isinstance(steps, list) or not steps:
        yield f"{kind} run without steps"
        return
    pace = num(run.get("pace_s_per_km"))
    total = 0.0
    for n, s in _flat(steps):
        length = _seconds(s, pace)
        if length is None:
            yield f"a {s.get('kind')} step of the {kind} run has no duration or distance"
        if s.get("effort") not in EFFORTS or s.get("kind") not in STEP_KINDS:
            yield f"a step of the {kind} run has kind {s.get('kind')!r}, effort {s.get('effort')!r}"
        total += n * (length or 0.0)
    minutes = num(run.get("minutes"))
    if minutes > 0 and abs(total / 60 - minutes) > FIT * minutes:
        yield f"{kind} run of {minutes:.0f} min whose steps add up to {total / 60:.0f} min"


def _progression(view: PlanView) -> Iterator[Violation]:
    """Workouts climb through a phase (RUN-11's progression), checked between loading weeks.

    A stretch is a run of consecutive weeks with the same ``phase`` and ``target_race``;
    only training phases (general, offseason, base, strength, race_specific) are checked:
    the taper, race week and recovery come down by design. In a stretch, for each run type
    among the quality types and the long run, a week's work time is that of its run of the
    type with the most work: the work steps' durations (a distance counts at the step's
    pace, else the run's), repeat groups multiplied out; a run without steps has none.
    A non-deload week breaks the rule when that work time is more than a second below the
    previous non-deload week's of the stretch that held the type, while its run is at least
    as long as that week's: a workout climbs only as far as its session's minutes allow, so
    a shorter run may hold less. Deload weeks and weeks with logged days are skipped (and
    are not the week compared with).
    """
    last: dict[str, tuple[float, float]] = {}  # run type -> (work s, minutes)
    stretch: tuple[object, object] | None = None
    for w in view.weeks():
        key = (w.get("phase"), w.get("target_race"))
        if key != stretch:
            last, stretch = {}, key
        if w.get("phase") not in TRAINING or w.get("deload") or view.started(w):
            continue
        runs = [s for d in view.week_days(w) for s in d.runs() if s.get("run_type") in PROGRESSING]
        for kind in sorted({str(r.get("run_type")) for r in runs}):
            best = max((r for r in runs if r.get("run_type") == kind), key=work_seconds)
            now = (work_seconds(best), num(best.get("minutes")))
            before = last.get(kind)
            if before is not None and now[0] < before[0] - 1 and now[1] >= before[1]:
                yield Violation(
                    "RUN-11",
                    f"{kind} work down from {before[0] / 60:.0f} to {now[0] / 60:.0f} min "
                    f"in a {now[1]:.0f}-min run (no shorter than the week before)",
                    week=whole(w.get("index")),
                )
            last[kind] = now


@rule(
    "RUN-11",
    "Every quality session and race is a sequence of steps with their own duration or "
    "distance and effort, adding up to the session; workouts progress through the block.",
)
def _run11(view: PlanView) -> Iterator[Violation]:
    for day in view.days():
        for r in day.runs():
            if r.get("run_type") in NEEDS_STEPS or "steps" in r:
                for problem in _step_problems(r):
                    yield Violation(
                        "RUN-11", problem, day.date.isoformat(), whole(day.week.get("index"))
                    )
    yield from _progression(view)
