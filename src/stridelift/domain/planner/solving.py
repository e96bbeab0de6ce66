"""Solving one week's placement: the solver's answers cached by the week's shape, and
which placement rules clash when a week cannot hold all its sessions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from stridelift.domain.day_fits import Fits, fits_of
from stridelift.domain.rules import RULES
from stridelift.domain.running.spec import RunSpec
from stridelift.domain.schedule import (
    DaySlot,
    LiftSpec,
    Placement,
    WeekInput,
    fewest_drops,
    solve_week,
)

PLACEMENT_RULES = ("PLACE-1", "PLACE-2", "PLACE-5", "PLACE-6", "PLACE-7", "PLACE-10", "RUN-1")


def solve(spec: WeekInput) -> Placement:
    """Solve a week, reusing the answer for weeks of the same shape.

    The model reads the minutes only as what fits on each day (day_fits.py), so the
    cache key is the week without its minutes and with those fits: weeks that differ
    only in run lengths that change no day's answer share one solve.
    """
    return solve_cached(_shape(spec), fits_of(spec))


def _shape(spec: WeekInput) -> WeekInput:
    """The week without its minutes (its fits stand for them)."""
    return replace(
        spec,
        days=tuple(DaySlot(d.run, d.strength, 0) for d in spec.days),
        runs=tuple(_without_minutes(r) for r in spec.runs),
        lifts=tuple(_lift_without_minutes(lf) for lf in spec.lifts),
        cross_minutes=1 if spec.cross_minutes else 0,
    )


def _lift_without_minutes(lf: LiftSpec) -> LiftSpec:
    """The lift as the model sees it (whether it may be shortened is in the fits)."""
    return LiftSpec(lf.name, 0, lf.heavy, lf.has_light, lf.kind, lf.primary, lf.window)


def _without_minutes(run: RunSpec) -> RunSpec:
    """The run as the model sees it: where it may go and what kind it is."""
    return RunSpec(run.run_type, 0, run.fixed_day, window=run.window, back_to_back=run.back_to_back)


@lru_cache(maxsize=4096)
def solve_cached(shape: WeekInput, fits: Fits) -> Placement:
    """Solve a week's shape under the placement rules (one answer per distinct shape)."""
    rules = [RULES[r] for r in PLACEMENT_RULES]
    return solve_week(shape, rules, fits)


@lru_cache(maxsize=1024)
def _fewest_drops(shape: WeekInput, fits: Fits) -> int:
    return fewest_drops(shape, [RULES[r] for r in PLACEMENT_RULES], fits)


def drops(p: Placement) -> int:
    return sum(d is None for d in p.run_days) + sum(d is None for d in p.lift_days)


def diagnose(spec: WeekInput, placed: Placement) -> list[str]:
    """Which rules, relaxed alone, would let more of the week in (the clash).

    A rule clashes when the week without it could leave out fewer sessions than the plan
    does. Each question is one solve that only counts what is left out (no preferences).
    """
    dropped = drops(placed)
    shape, fits = _shape(spec), fits_of(spec)

    def fewest_without(rules: Iterable[str]) -> int:
        return _fewest_drops(replace(shape, disabled_rules=frozenset(rules)), fits)

    if fewest_without(PLACEMENT_RULES) >= dropped:
        # Not even relaxing every rule at once lets more in, so no rule alone would: the
        # days and minutes are the clash.
        return []
    return [rid for rid in PLACEMENT_RULES if fewest_without([rid]) < dropped]
