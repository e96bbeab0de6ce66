"""Next working loads per exercise from logged sets (LOAD-1..3, RUN-7), on real equipment steps.

Loads are kept in kg everywhere; rounding happens on the athlete's own ladder of loads
(plates, fixed dumbbells, kettlebells, a machine's stack: [adapt.loads.steps] in the
methodology), in kg or lb as the athlete's units say, then converted back to kg.
Pure: no clock, no I/O.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from stridelift.domain.activity import StrengthSet
from stridelift.domain.e1rm import (
    E1RM_MAX_REPS,
    e1rm_epley,
)
from stridelift.domain.exercises import Exercise
from stridelift.domain.history import LoadAdvice, LoggedSession, Signal
from stridelift.domain.methodology import LoadLadder, Methodology
from stridelift.domain.units import format_load, kg_to_lb, lb_to_kg

DEFAULT_KIND = "default"
ROUNDING = ("nearest", "down", "up")
EPLEY_REPS = 30.0  # Epley: 1RM = w * (1 + r/30), so w = 1RM / (1 + r/30)
_TOL = 1e-6  # relative slack so 135 lb read back from kg still counts as 135
_KG_DECIMALS = 3  # 135 lb is 61.235 kg; three decimals read back as exactly 135 lb

Steps = Mapping[str, Mapping[str, LoadLadder]]


@dataclass(frozen=True, slots=True)
class ExerciseSession:
    """The sets of one exercise in one logged session, in the order they were done."""

    day: date
    sets: tuple[StrengthSet, ...]
    session_rpe: float | None = None


def equipment_kind(exercise: Exercise | None, steps: Steps) -> str:
    """The first of the exercise's equipment that has a load ladder, else "default"."""
    if exercise is not None:
        for item in exercise.equipment:
            if item in steps:
                return item
    return DEFAULT_KIND


def _ladder(kind: str, units: str, steps: Steps) -> LoadLadder:
    table = steps.get(kind) or steps[DEFAULT_KIND]
    return table.get(units) or table["metric"]


def _to_unit(kg: float, units: str) -> float:
    return kg_to_lb(kg) if units == "imperial" else kg


def _to_kg(value: float, units: str) -> float:
    kg = lb_to_kg(value) if units == "imperial" else value
    return round(kg, _KG_DECIMALS)


def _tier(ladder: LoadLadder, value: float) -> tuple[float, float, float]:
    """(from, step, next tier's from or inf) of the tier holding ``value`` (>= the first)."""
    tiers = ladder.tiers
    for i, (start, step) in enumerate(tiers):
        end = tiers[i + 1][0] if i + 1 < len(tiers) else math.inf
        if value < end * (1 - _TOL):
            return start, step, end
    start, step = tiers[-1]
    return start, step, math.inf


def _down(ladder: LoadLadder, value: float) -> float | None:
    """The heaviest load on the ladder at or below ``value``; None below the lightest."""
    lightest = ladder.tiers[0][0]
    if value < lightest * (1 - _TOL):
        return None
    start, step, _ = _tier(ladder, value)
    return start + math.floor((value - start) / step + _TOL) * step


def _up(ladder: LoadLadder, value: float) -> float:
    """The lightest load on the ladder at or above ``value``."""
    lightest = ladder.tiers[0][0]
    if value <= lightest:
        return lightest
    start, step, end = _tier(ladder, value)
    found = start + math.ceil((value - start) / step - _TOL) * step
    return min(found, end)


def round_load(
    kg: float, kind: str, units: str, steps: Steps, *, direction: str = "nearest"
) -> float | None:
    """Round a load to one the equipment allows, in the athlete's units; returns kg.

    ``direction`` is "nearest" (ties go to the lighter load), "down" (None when even the
    lightest load is heavier) or "up". A barbell moves in 2.5 kg (5 lb) steps, fixed
    dumbbells in 1 then 2 kg (5 lb) steps, and so on, as [adapt.loads.steps] says.
    """
    ladder = _ladder(kind, units, steps)
    value = _to_unit(kg, units)
    below = _down(ladder, value)
    above = _up(ladder, value)
    if direction not in ROUNDING:
        raise ValueError(f"direction: {direction!r} is not one of {', '.join(ROUNDING)}")
    if direction == "down":
        chosen = below
    elif direction == "up" or below is None or above - value < value - below:
        chosen = above
    else:
        chosen = below
    return None if chosen is None else _to_kg(chosen, units)


def load_text(kg: float, units: str) -> str:
    """A load as the athlete reads it: ``62.5 kg`` or ``135 lb``."""
    return format_load(kg, units)


def change_text(advice: LoadAdvice, units: str) -> str:
    """The change a LoadAdvice makes, e.g. ``60 kg -> 62.5 kg (+4.2%)`` or ``hold 60 kg``."""
    new = load_text(advice.load_kg, units)
    if advice.from_kg is None or advice.pct == 0:
        return f"hold {new}"
    return f"{load_text(advice.from_kg, units)} -> {new} ({advice.pct:+.1f}%)"


def load_for_reps(
    e1rm_kg: float, reps: int, reserve: int, kind: str, units: str, steps: Steps
) -> float | None:
    """A load for ``reps`` that leaves ``reserve`` reps in the tank (LOAD-1, RUN-7).

    The inverse of Epley on reps-to-failure: e1RM / (1 + (reps + reserve) / 30), rounded
    down to what the equipment allows (None when even its lightest load is too heavy).
    """
    if e1rm_kg <= 0 or reps < 1:
        return None
    return round_load(
        e1rm_kg / (1 + (reps + max(reserve, 0)) / EPLEY_REPS), kind, units, steps, direction="down"
    )


def exercise_sessions(sessions: Iterable[LoggedSession]) -> dict[str, list[ExerciseSession]]:
    """Each exercise's sets, grouped per logged session, oldest session first."""
    by_exercise: dict[str, list[ExerciseSession]] = {}
    for session in sorted(sessions, key=lambda s: s.day):
        grouped: dict[str, list[StrengthSet]] = {}
        for one in session.sets:
            if one.exercise_id is not None:
                grouped.setdefault(one.exercise_id, []).append(one)
        for exercise_id, sets in grouped.items():
            by_exercise.setdefault(exercise_id, []).append(
                ExerciseSession(session.day, tuple(sets), session.rpe)
            )
    return by_exercise


MIN_LOGGED_KG = 0.1  # a logged load below 100 g is a typing slip, not a working load


def _loaded(one: StrengthSet) -> bool:
    return (
        one.load_kg is not None
        and math.isfinite(one.load_kg)
        and one.load_kg >= MIN_LOGGED_KG
        and (one.reps >= 1)
    )


def _working(sets: Sequence[StrengthSet]) -> tuple[float, tuple[StrengthSet, ...]]:
    """The top load of a session and the sets done at it (warm-ups and back-offs aside)."""
    top = max(float(s.load_kg or 0.0) for s in sets if _loaded(s))
    return top, tuple(s for s in sets if _loaded(s) and float(s.load_kg or 0.0) >= top)


def _usual_reps(sets: Sequence[StrengthSet]) -> int:
    """The rep count most working sets had (the higher one on a tie)."""
    counts = Counter(s.reps for s in sets)
    return max(counts, key=lambda r: (counts[r], r))


def _rir(one: StrengthSet, cap: int) -> int:
    return min(max(one.rir or 0, 0), cap)


def e1rm(history: Sequence[ExerciseSession], rir_cap: int) -> float | None:
    """Estimated 1RM from the latest session with a loaded set of 1-10 reps (RUN-7).

    Epley on reps to failure (reps + reps in reserve, RIR capped): w * (1 + (r + RIR)/30).
    Sets above 10 reps give weak estimates and are left out; None when no set is usable.
    """
    for session in reversed(history):
        usable = [s for s in session.sets if _loaded(s) and s.reps <= E1RM_MAX_REPS]
        if usable:
            best = max(
                e1rm_epley(float(s.load_kg or 0.0), s.reps + _rir(s, rir_cap)) for s in usable
            )
            return round(best, 1)
    return None


def _very_easy(session: ExerciseSession, m: Methodology) -> bool:
    """LOAD-3: every working set left 4+ reps in reserve (or, without RIR, session RPE <= 6)."""
    rules = m.adapt.loads
    _, work = _working(session.sets)
    for one in work:
        if one.rir is not None:
            if one.rir < rules.easy_rir:
                return False
        elif session.session_rpe is None or session.session_rpe > rules.easy_rpe:
            return False
    return True


def _troubled(session: ExerciseSession, m: Methodology) -> bool:
    """Real pain or a technique breakdown: such a session is never "very easy"."""
    return any(
        (s.pain or 0) >= m.adapt.pain.noticeable or s.technique_breakdown for s in session.sets
    )


def _pct(new_kg: float, from_kg: float) -> float:
    return round((new_kg / from_kg - 1.0) * 100.0, 1)


@dataclass(frozen=True, slots=True)
class _Ctx:
    exercise_id: str
    kind: str
    units: str
    steps: Steps
    top_kg: float
    reps: int
    e1rm_kg: float | None

    def advice(self, load_kg: float, rule: str, pct: float, why: str) -> LoadAdvice:
        return LoadAdvice(
            exercise_id=self.exercise_id,
            load_kg=load_kg,
            reps=self.reps,
            e1rm_kg=self.e1rm_kg,
            rule=rule,
            pct=pct,
            from_kg=self.top_kg,
            why=why,
        )

    def text(self, kg: float) -> str:
        return load_text(kg, self.units)


def _cut(ctx: _Ctx, day: date, m: Methodology) -> LoadAdvice:
    """LOAD-2: technique broke down, so the load comes down at once."""
    cut = m.adapt.loads.technique_cut_pct
    target = ctx.top_kg * (1 - cut / 100)
    new = round_load(target, ctx.kind, ctx.units, ctx.steps, direction="down")
    if new is None:
        new = target  # no lighter load on the ladder: say so, keep the exact cut
        how = "below the lightest load of this equipment: use a lighter variant"
    else:
        how = f"{ctx.text(new)}, at least {cut:g}% lighter"
    why = (
        f"technique broke down on {day.isoformat()} at {ctx.text(ctx.top_kg)} (LOAD-2): "
        f"down at once to {how}"
    )
    return ctx.advice(new, "LOAD-2", _pct(new, ctx.top_kg), why)


def _raise(ctx: _Ctx, m: Methodology) -> LoadAdvice:
    """LOAD-3: very easy twice in a row, +2.5-5% if the equipment has such a step."""
    lo, hi = m.strength.load_step_pct
    ladder = _ladder(ctx.kind, ctx.units, ctx.steps)
    top = _to_unit(ctx.top_kg, ctx.units)
    candidate = _up(ladder, max(top * (1 + lo / 100), top * (1 + _TOL)))
    if candidate <= top * (1 + hi / 100) * (1 + _TOL):
        new = _to_kg(candidate, ctx.units)
        pct = min(max(_pct(new, ctx.top_kg), lo), hi)
        why = (
            f"every working set very easy ({m.adapt.loads.easy_rir}+ reps in reserve) two "
            f"sessions in a row (LOAD-3): up {pct:g}% to {ctx.text(new)}"
        )
        return ctx.advice(new, "LOAD-3", pct, why)
    nxt = _to_kg(_up(ladder, top * (1 + _TOL)), ctx.units)
    why = (
        f"very easy two sessions in a row, but the next load ({ctx.text(nxt)}) is more than "
        f"{hi:g}% heavier (LOAD-3): add a rep first, {ctx.reps + 1} reps at {ctx.text(ctx.top_kg)}"
    )
    return ctx.advice(ctx.top_kg, "LOAD-1", 0.0, why)


def _reset(ctx: _Ctx, hardest_rir: int, m: Methodology) -> LoadAdvice | None:
    """LOAD-1: sets left fewer reps in reserve than the 2-3 wanted, so the load comes down."""
    lo, _ = m.strength.starting_reserve_reps
    # The same Epley line through the hardest set: reps to failure now vs. wanted.
    target = ctx.top_kg * (1 + (ctx.reps + hardest_rir) / EPLEY_REPS)
    target /= 1 + (ctx.reps + lo) / EPLEY_REPS
    new = round_load(target, ctx.kind, ctx.units, ctx.steps, direction="down")
    if new is None or new >= ctx.top_kg:
        return None
    why = (
        f"last sets at {ctx.text(ctx.top_kg)} left {hardest_rir} reps in reserve, fewer than "
        f"{lo} (LOAD-1): {ctx.text(new)} for {ctx.reps} reps"
    )
    return ctx.advice(new, "LOAD-1", _pct(new, ctx.top_kg), why)


def next_load(
    exercise_id: str,
    history: Sequence[ExerciseSession],
    *,
    kind: str,
    units: str,
    m: Methodology,
) -> LoadAdvice | None:
    """The next working load for one exercise from its logged sessions, oldest first.

    LOAD-2 (technique broke down last time: cut at once) comes first, then LOAD-3 (every
    working set very easy in each of the last two sessions, no real pain: +2.5-5%, or a
    rep first when the equipment's next step is bigger), then LOAD-1 (hold the last
    working load, lower it when it left fewer than 2 reps in reserve). Working sets are
    the sets at the session's top load. None when no set carried an external load.
    """
    loaded = [s for s in history if any(_loaded(one) for one in s.sets)]
    if not loaded:
        return None
    last = loaded[-1]
    top, work = _working(last.sets)
    ctx = _Ctx(
        exercise_id=exercise_id,
        kind=kind,
        units=units,
        steps=m.adapt.loads.steps,
        top_kg=top,
        reps=_usual_reps(work),
        e1rm_kg=e1rm(loaded, m.adapt.loads.rir_cap),
    )
    if any(one.technique_breakdown for one in last.sets):
        return _cut(ctx, last.day, m)
    recent = loaded[-2:]
    if len(recent) == 2 and all(_very_easy(s, m) and not _troubled(s, m) for s in recent):
        return _raise(ctx, m)
    known = [one.rir for one in work if one.rir is not None]
    if known and min(known) < m.strength.starting_reserve_reps[0]:
        lowered = _reset(ctx, max(min(known), 0), m)
        if lowered is not None:
            return lowered
    if known:
        why = f"hold {ctx.text(top)} for {ctx.reps} reps (LOAD-1: 2-3 reps in reserve)"
    else:
        why = (
            f"hold {ctx.text(top)} for {ctx.reps} reps (LOAD-1); log reps in reserve so the "
            "load can move"
        )
    held = ctx.advice(top, "LOAD-1", 0.0, why)
    # PROG-2 steps up only from sets whose reserve was logged: form known to be stable.
    return replace(held, logged_on=last.day, step_kg=_step_up(ctx, m) if known else None)


def _step_up(ctx: _Ctx, m: Methodology) -> float | None:
    """PROG-2: the next load 2.5-5% above the held one, None when the equipment's next
    step is further (then week 2 holds, and a rep comes first, as LOAD-3 says)."""
    lo, hi = m.strength.load_step_pct
    ladder = _ladder(ctx.kind, ctx.units, ctx.steps)
    top = _to_unit(ctx.top_kg, ctx.units)
    candidate = _up(ladder, max(top * (1 + lo / 100), top * (1 + _TOL)))
    if candidate > top * (1 + hi / 100) * (1 + _TOL):
        return None
    return _to_kg(candidate, ctx.units)


def load_signal(
    advice: LoadAdvice, history: Sequence[ExerciseSession], today: date, units: str
) -> Signal:
    """The signal of a load from the log (LOAD-1..3): the sessions, dates and load behind it."""
    loaded = [h for h in history if any((one.load_kg or 0) > 0 for one in h.sets)]
    behind = loaded[-2:] if advice.rule == "LOAD-3" else loaded[-1:]
    days = " and ".join(h.day.isoformat() for h in behind)
    at = f" at {load_text(advice.from_kg, units)}" if advice.from_kg else ""
    name = {"LOAD-2": "technique broke down", "LOAD-3": "very easy sets"}.get(
        advice.rule, "too few reps in reserve" if advice.pct < 0 else "logged sets"
    )
    since = behind[0].day if behind else today
    return Signal(
        advice.rule,
        f"{name}: {advice.exercise_id}",
        since,
        (today - since).days + 1,
        f"{advice.exercise_id} logged on {days}{at}: {advice.why}",
    )
