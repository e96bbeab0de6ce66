"""Estimated one-rep max from logged sets, by Epley and by Brzycki (RUN-7)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from stridelift.domain.activity import StrengthSet
from stridelift.domain.load import LoadError

E1RM_MAX_REPS = 10  # RUN-7: estimates from sets above 10 reps are weak
BRZYCKI_REP_LIMIT = 37  # w*36/(37-r) has a pole at 37 reps


def _check_set(load_kg: float, reps: int) -> None:
    """A set to estimate from needs a finite, non-negative load and at least one rep."""
    if not (math.isfinite(load_kg) and load_kg >= 0.0):
        raise LoadError(f"load_kg: {load_kg!r} must be a finite number >= 0")
    if reps < 1:
        raise LoadError(f"reps: {reps!r} must be at least 1")


def e1rm_epley(load_kg: float, reps: int) -> float:
    """Estimated one-rep max by Epley (1985): w * (1 + r/30)."""
    _check_set(load_kg, reps)
    return load_kg * (1.0 + reps / 30.0)


def e1rm_brzycki(load_kg: float, reps: int) -> float:
    """Estimated one-rep max by Brzycki (1993): w * 36 / (37 - r), for 1 <= r < 37."""
    _check_set(load_kg, reps)
    if reps >= BRZYCKI_REP_LIMIT:
        raise LoadError(f"reps: {reps!r} must be below {BRZYCKI_REP_LIMIT} for Brzycki")
    # Factor first: one rep then gives exactly the load lifted, with no rounding.
    return load_kg * (36.0 / (BRZYCKI_REP_LIMIT - reps))


@dataclass(frozen=True, slots=True)
class E1RM:
    """Estimated one-rep max of one exercise, by both formulas, and the set behind it."""

    exercise_id: str
    epley_kg: float
    brzycki_kg: float
    from_set: StrengthSet
    set_index: int  # position of from_set in the sets given to estimate_1rm


def estimate_1rm(sets: Iterable[StrengthSet], *, max_reps: int = E1RM_MAX_REPS) -> dict[str, E1RM]:
    """Best estimated 1RM per exercise_id from sets of 1..10 reps (RUN-7).

    Sets above ``max_reps``, without an exercise id, or without a positive external
    load (bodyweight, assisted) are skipped; an exercise with no usable set is absent.
    The best set is the one with the highest mean of the Epley and Brzycki estimates;
    the first such set wins a tie.
    """
    if not 1 <= max_reps < BRZYCKI_REP_LIMIT:
        raise LoadError(f"max_reps: {max_reps!r} must be between 1 and 36")
    best: dict[str, E1RM] = {}
    for index, lift in enumerate(sets):
        if lift.exercise_id is None or lift.load_kg is None or lift.load_kg <= 0.0:
            continue
        if not 1 <= lift.reps <= max_reps:
            continue
        epley = e1rm_epley(lift.load_kg, lift.reps)
        brzycki = e1rm_brzycki(lift.load_kg, lift.reps)
        held = best.get(lift.exercise_id)
        if held is None or epley + brzycki > held.epley_kg + held.brzycki_kg:
            best[lift.exercise_id] = E1RM(lift.exercise_id, epley, brzycki, lift, index)
    return best
