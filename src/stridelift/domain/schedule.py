"""Place one week's sessions on days with a constraint model (OR-Tools CP-SAT).

Hard placement rules come from the rule registry (each rule's ``constrain``); the
preferences (strategy, preferred quality days, tidy weeks) are the objective. A session
that cannot be placed lawfully is dropped, and the planner reports which rules clash.
The model itself (variables, drops, day limits) is built in week_cp.py.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from stridelift.domain import cpsat
from stridelift.domain.cpsat import IntVar, Model
from stridelift.domain.day_fits import Fits
from stridelift.domain.running import HARD_TYPES, RunSpec
from stridelift.domain.week_cp import (
    WeekModel,
    at_least,
    at_most,
    build_week_model,
    minimize,
)


@dataclass(frozen=True, slots=True)
class DaySlot:
    """What one weekday allows: running, lifting, and total minutes."""

    run: bool
    strength: bool
    minutes: int


@dataclass(frozen=True, slots=True)
class LiftSpec:
    """A strength (or core) session to place: its minutes and how heavy it is."""

    name: str
    minutes: int
    heavy: bool
    has_light: bool
    kind: str = "strength"
    primary: bool = False
    window: tuple[int, ...] = ()
    short_minutes: int = 0  # RUN-14: the minutes it may shorten to for a run (0: none)


@dataclass(frozen=True, slots=True)
class WeekInput:
    """Everything the week model needs, in plain values (hashable, so placements memoize)."""

    days: tuple[DaySlot, ...]
    runs: tuple[RunSpec, ...]
    lifts: tuple[LiftSpec, ...]
    cross_minutes: int
    strategy: str
    level: str
    off_season: bool
    preferred_quality_days: tuple[int, ...]
    prev_sunday_key: bool = False
    prev_sunday_heavy: bool = False
    prev_sunday_strength: bool = False
    next_monday_key: bool = False
    logged_lift_days: tuple[int, ...] = ()  # days before today with a strength session done
    disabled_rules: frozenset[str] = frozenset()
    # PLACE-10: races from this Monday on, as (days after Monday, priority): next week's
    # races too, since the days before them may fall in this week.
    races_ahead: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Placement:
    """Where every session went: day per run/lift (None = dropped), light variants used."""

    run_days: tuple[int | None, ...]
    lift_days: tuple[int | None, ...]
    lift_light: tuple[bool, ...]
    cross_day: int | None
    optimal: bool = True
    lift_short: tuple[bool, ...] = ()  # RUN-14: shortened to keep a run on its day


def _preferences(wm: WeekModel) -> None:
    """The objective: strategy (PLACE-3, PLACE-8), tidy weeks, stable tie-breaks."""
    spec, m = wm.spec, wm.model
    easy_types = frozenset({"easy", "recovery"})
    long_day = next((r.fixed_day for r in spec.runs if r.run_type == "long"), None)
    quality_types = HARD_TYPES
    has_quality = any(r.run_type in quality_types for r in spec.runs)
    strategy = spec.strategy
    if strategy == "auto":
        if spec.level in ("beginner", "recreational"):
            strategy = "separate"
        else:
            strategy = "stack_primary" if has_quality else "easy_days"
    for (j, d), v in wm.lift_at.items():
        lift = spec.lifts[j]
        if lift.kind != "strength":
            # Core: after an easy run is best; never make a rest day busy for it.
            wm.costs.append((v, 1))
            _cost_unless(wm, v, wm.runs_on(d, easy_types), 2)
            continue
        if spec.off_season or strategy == "separate":
            _cost_both(wm, v, wm.runs_on(d), 30)  # PLACE-8 / PLACE-3
        elif strategy == "stack" or (strategy == "stack_primary" and lift.primary):
            _cost_unless(wm, v, wm.runs_on(d, quality_types), 30)
        else:  # easy_days, and stack_primary's secondary sessions: easy days
            _cost_unless(wm, v, wm.runs_on(d, easy_types), 30)
        if long_day is not None and d == (long_day - 1) % 7:
            wm.costs.append((v, 10))  # PLACE-5: the lighter session may precede a key run
        wm.costs.append((v, d))  # earlier in the week when all else is equal
    # Symmetry: templates in order (A before B) unless the strategy stacks the primary.
    lifts = [j for j, lf in enumerate(spec.lifts) if lf.kind == "strength"]
    if strategy != "stack_primary":
        for a, b in itertools.pairwise(lifts):
            da = [(v, d) for (j, d), v in wm.lift_at.items() if j == a]
            db = [(v, d) for (j, d), v in wm.lift_at.items() if j == b]
            wm.costs.append((_later(m, da, db), 2))
    for (i, d), v in wm.run_at.items():
        run = spec.runs[i]
        if run.run_type == "recovery" and long_day is not None and d != (long_day + 1) % 7:
            wm.costs.append((v, 20))
        if long_day is not None and d == (long_day + 1) % 7:
            # The day after the long run is best kept for rest, and never for a hard run.
            if run.run_type == "easy":
                wm.costs.append((v, 15))
            elif run.run_type in quality_types:
                wm.costs.append((v, 40))
        wm.costs.append((v, _tiebreak(run.run_type) * d))
    minimize(m, wm.costs)


def _tiebreak(run_type: str) -> int:
    return 0 if run_type in ("easy", "recovery") else 1


# The two helpers below make bools that only ever carry a positive cost, so each needs
# just the bound that forces it up: the minimizing solver keeps it at 0 otherwise. One
# constraint each instead of the three of an exact AND; none where no run can be there
# (a quarter of them): then "a and one of them" never holds and "a and none" is a.


def _cost_both(wm: WeekModel, a: IntVar, runs: list[Any], cost: int) -> None:
    """``cost`` when ``a`` and one of ``runs`` (at most one is 1) are in the week."""
    if runs:
        b = wm.model.new_bool_var("both")
        at_least(wm.model, [(b, 1), (a, -1), *((r, -1) for r in runs)], -1)  # b >= a+runs-1
        wm.costs.append((b, cost))


def _cost_unless(wm: WeekModel, a: IntVar, runs: list[Any], cost: int) -> None:
    """``cost`` when ``a`` is in the week and none of ``runs`` (at most one is 1) is."""
    if not runs:
        wm.costs.append((a, cost))
        return
    b = wm.model.new_bool_var("unless")
    at_least(wm.model, [(b, 1), (a, -1), *((r, 1) for r in runs)], 0)  # b >= a - runs
    wm.costs.append((b, cost))


def _later(m: Model, first: list[tuple[Any, int]], second: list[tuple[Any, int]]) -> IntVar:
    """A bool forced to 1 whenever the first session's day (its (variable, day) pairs)
    comes after the second's; a cost only."""
    b = m.new_bool_var("later")
    at_most(m, [*first, *((v, -d) for v, d in second), (b, -7)], 0)  # x - y <= 7b
    return b


def _model(spec: WeekInput, constraints: Sequence[object], fits: Fits | None) -> WeekModel:
    """The week's variables, base constraints and the hard rules not disabled."""
    wm = build_week_model(spec, fits)
    for rule in constraints:
        rid = getattr(rule, "id", "")
        fn = getattr(rule, "constrain", None)
        if fn is not None and rid not in spec.disabled_rules:
            fn(wm)
    _search_order(wm)
    return wm


def _search_order(wm: WeekModel) -> None:
    """The order the solver tries (it still proves the optimum): keep every session, then
    put each on its first allowed day. A first answer that leaves nothing out is usually
    near the best, so the search is short: 0.55 ms a model against 0.91 for the default
    search, over the 1,358 week models of the benchmark batch (same optimum every time)."""
    _decide(wm.model, list(wm.drops.values()), cpsat.SELECT_MIN_VALUE)
    _decide(wm.model, [*wm.run_at.values(), *wm.lift_at.values()], cpsat.SELECT_MAX_VALUE)


def _decide(m: Model, variables: list[Any], value: Any) -> None:
    """One decision strategy over plain variables, written straight into the model's proto
    (ortools' add_decision_strategy builds an expression per variable in Python: a tenth
    of a millisecond a week model)."""
    strategy = m.proto.search_strategy.add()
    strategy.variables.extend([v.index for v in variables])
    strategy.variable_selection_strategy = cpsat.CHOOSE_FIRST
    strategy.domain_reduction_strategy = value


def _parameters() -> cpsat.SatParameters:
    params = cpsat.SatParameters()
    params.num_workers = 1
    params.random_seed = 0
    # A work limit, not a clock: the same week gets the same answer on any machine and
    # under any load (a wall-clock limit would make a hard week's answer depend on both).
    params.max_deterministic_time = 1.0
    params.max_time_in_seconds = 30.0
    # Week models are tiny (about a hundred booleans), so the machinery for big models
    # costs more to set up than it saves. Measured over the 2,653 week models of the
    # benchmark batch, same optimum every time: presolve off (6.0 -> 1.3 ms a model), no
    # LP relaxation (2.4 -> 1.3), no symmetry search, and no probing or SAT inprocessing
    # between searches (1.3 -> 0.9).
    params.cp_model_presolve = False
    params.linearization_level = 0
    params.symmetry_level = 0
    params.cp_model_probing_level = 0
    params.use_sat_inprocessing = False
    params.search_branching = cpsat.FIXED_SEARCH  # in _search_order's order
    return params


_PARAMETERS = _parameters()


def fewest_drops(spec: WeekInput, constraints: Sequence[object], fits: Fits | None = None) -> int:
    """The fewest runs and lifts any lawful placement of the week must leave out (the
    days holding what ``fits`` says; by default, what ``spec``'s minutes give)."""
    wm = _model(spec, constraints, fits)
    minimize(wm.model, [(v, 1) for (kind, _), v in wm.drops.items() if kind != "cross"])
    response = cpsat.solve(wm.model, _PARAMETERS)
    if response.status != cpsat.OPTIMAL:
        raise RuntimeError(f"week model not solved ({response.status.name})")
    return round(response.objective_value)


def solve_week(
    spec: WeekInput, constraints: Sequence[object], fits: Fits | None = None
) -> Placement:
    """Solve one week: hard rules from ``constraints`` (rule objects with ``constrain``);
    the days hold what ``fits`` says (by default, what ``spec``'s minutes give)."""
    wm = _model(spec, constraints, fits)
    _preferences(wm)
    response = cpsat.solve(wm.model, _PARAMETERS)
    if response.status not in (cpsat.OPTIMAL, cpsat.FEASIBLE):
        # Cannot happen while every session may be dropped; keep an explicit error anyway.
        raise RuntimeError(f"week model has no solution ({response.status.name})")
    return _placement(wm, cpsat.values(response), response.status == cpsat.OPTIMAL)


def _placement(wm: WeekModel, value: list[int], optimal: bool) -> Placement:
    """The days the solution gave each session (``value``: by variable index)."""
    spec = wm.spec

    def days_of(at: dict[tuple[int, int], Any], n: int) -> tuple[int | None, ...]:
        out: list[int | None] = [None] * n
        for (k, d), v in at.items():
            if out[k] is None and value[v.index]:
                out[k] = d
        return tuple(out)

    run_days: list[int | None] = [None] * len(spec.runs)
    for first, same in wm.run_groups.items():
        days = sorted(d for (k, d), v in wm.run_at.items() if k == first and value[v.index])
        for i, d in zip(same, days, strict=False):
            run_days[i] = d
    return Placement(
        run_days=tuple(run_days),
        lift_days=days_of(wm.lift_at, len(spec.lifts)),
        lift_light=tuple(
            bool(value[wm.light[j].index]) if j in wm.light else False
            for j in range(len(spec.lifts))
        ),
        cross_day=next((d for d, v in wm.cross_at.items() if value[v.index]), None),
        optimal=optimal,
        lift_short=tuple(
            any(value[v.index] for (k, _), v in wm.short_at.items() if k == j)
            for j in range(len(spec.lifts))
        ),
    )
