"""Place one week's sessions on days with a constraint model (OR-Tools CP-SAT).

Hard placement rules come from the rule registry (each rule's ``constrain``); the
preferences (strategy, preferred quality days, tidy weeks) are the objective. A session
that cannot be placed lawfully is dropped, and the planner reports which rules clash.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model, cp_model_helper

from stridelift.domain.running import HARD_TYPES, RunSpec

# Cost of leaving a session out: the model prefers any lawful placement to a drop.
DROP_COST = {
    "race": 100_000,
    "long": 5000,
    "quality": 4000,
    "strength": 3000,
    "easy": 2000,
    "recovery": 1500,
    "cross": 1000,
    "core": 500,
    "shakeout": 800,
}
# RUN-14: outside the off-season a run outranks every lift of the week (it is dropped
# only when no day can hold it); shortening a lift costs less than any drop.
SHORTEN_COST = 100


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


class _Model(cp_model.CpModel):
    """A CpModel without the deprecated camelCase aliases ortools adds to every new model
    (a dir() walk that cost about a millisecond a week model; we use snake_case only)."""

    def __init__(self) -> None:
        cp_model_helper.CpBaseModel.__init__(self, None)


def _total(terms: list[Any]) -> Any:
    """A linear sum, built once (Python's sum() nests one expression per term)."""
    if not terms:
        return 0
    return terms[0] if len(terms) == 1 else cp_model.LinearExpr.sum(terms)


def _weighted(terms: list[tuple[Any, int]]) -> Any:
    """A weighted linear sum of (variable, coefficient) pairs."""
    if not terms:
        return 0
    return cp_model.LinearExpr.weighted_sum([v for v, _ in terms], [c for _, c in terms])


@dataclass
class WeekModel:
    """The CP-SAT model of a week, with the day-level expressions rules talk about."""

    spec: WeekInput
    model: cp_model.CpModel = field(default_factory=_Model)
    run_at: dict[tuple[int, int], Any] = field(default_factory=dict)
    lift_at: dict[tuple[int, int], Any] = field(default_factory=dict)
    heavy_at: dict[tuple[int, int], Any] = field(default_factory=dict)
    light: dict[int, Any] = field(default_factory=dict)
    short: dict[int, Any] = field(default_factory=dict)
    short_at: dict[tuple[int, int], Any] = field(default_factory=dict)
    cross_at: dict[int, Any] = field(default_factory=dict)
    costs: list[Any] = field(default_factory=list)
    drops: dict[tuple[str, int], Any] = field(default_factory=dict)
    run_groups: dict[int, tuple[int, ...]] = field(default_factory=dict)  # first: all equal
    by_day: dict[int, dict[int, list[tuple[int, Any]]]] = field(default_factory=dict)
    sums: dict[tuple[int, int, object], Any] = field(default_factory=dict)

    days = range(7)

    def _on(self, at: dict[tuple[int, int], Any], d: int, kind: object = None) -> Any:
        """The sum of ``at``'s variables on day d, of one kind of session (None: all).

        Rules and preferences ask for the same sums many times, so each is built once.
        """
        key = (id(at), d, kind)
        cached = self.sums.get(key)
        if cached is None:
            index = self.by_day.get(id(at))
            if index is None:  # variables are all made before the rules ask: index them once
                index = {day: [] for day in range(7)}
                for (k, dd), v in at.items():
                    index[dd].append((k, v))
                self.by_day[id(at)] = index
            keep = self._keep(kind)
            cached = _total([v for k, v in index[d] if keep is None or keep(k)])
            self.sums[key] = cached
        return cached

    def _keep(self, kind: object) -> Any:
        """Which sessions a sum of one kind keeps (kind: a name, or a set of run types)."""
        runs, lifts = self.spec.runs, self.spec.lifts
        if kind is None:
            return None
        if kind == "key":
            return lambda i: runs[i].key
        if kind in ("strength", "core"):
            return lambda j: lifts[j].kind == kind
        types: frozenset[str] = kind  # type: ignore[assignment]
        return lambda i: runs[i].run_type in types

    def runs_on(self, d: int, types: frozenset[str] | None = None) -> Any:
        """Number of runs (of the given types) on day d."""
        return self._on(self.run_at, d, types)

    def key_on(self, d: int) -> Any:
        """Key runs on day d (quality, long, race...)."""
        return self._on(self.run_at, d, "key")

    def heavy_on(self, d: int) -> Any:
        """Heavy lower-body strength sessions on day d."""
        return self._on(self.heavy_at, d)

    def strength_on(self, d: int) -> Any:
        """Strength sessions (not core) on day d."""
        return self._on(self.lift_at, d, "strength")

    def anything_on(self, d: int) -> Any:
        """All sessions on day d."""
        terms = [v for (_, dd), v in self.run_at.items() if dd == d]
        terms += [v for (_, dd), v in self.lift_at.items() if dd == d]
        if d in self.cross_at:
            terms.append(self.cross_at[d])
        return _total(terms)

    def add(self, constraint: Any) -> None:
        """Add a hard constraint (rules call this)."""
        self.model.add(constraint)


def _build(spec: WeekInput) -> WeekModel:
    """The week's model: each session's variables, drops and costs, and the day limits."""
    wm = WeekModel(spec)
    _add_runs(wm, _run_first(spec))
    short_days = _add_lifts(wm)
    for _, d, sd in short_days:  # only beside a run: room for the run, not for the lift
        wm.model.add(sd <= wm.runs_on(d))
    _add_cross(wm)
    _lifts_in_order(wm)
    _add_day_limits(wm)
    return wm


def _add_runs(wm: WeekModel, run_first: int) -> None:
    """Each run's day variables, its drop and its cost; quality near the preferred days."""
    spec, m = wm.spec, wm.model
    n_quality = sum(
        1 for r in spec.runs if r.run_type not in ("long", "race", "easy", "recovery", "shakeout")
    )
    # Equal runs (two easy runs of one length) share their variables: "one of them on day
    # d", and how many are left out. The solver then never tries them in every order; the
    # answer gives them the chosen days in turn.
    for same in _equal(spec.runs):
        i, run = same[0], spec.runs[same[0]]
        wm.run_groups[i] = tuple(same)
        allowed = (
            [run.fixed_day]
            if run.fixed_day is not None
            else [d for d in range(7) if spec.days[d].run and (not run.window or d in run.window)]
        )
        placed = []
        for d in allowed:
            v = m.new_bool_var(f"run{i}d{d}")
            wm.run_at[i, d] = v
            placed.append(v)
        drop = (
            m.new_bool_var(f"drop_run{i}")
            if len(same) == 1
            else m.new_int_var(0, len(same), f"drop_run{i}")
        )
        m.add(_total(placed) + drop == len(same))
        wm.drops["run", i] = drop
        kind = run.run_type if run.run_type in DROP_COST else "quality"
        wm.costs.append((DROP_COST[kind] + run_first) * drop)
        if run.run_type not in ("long", "race", "easy", "recovery", "shakeout") and n_quality:
            pref = spec.preferred_quality_days[: max(n_quality, 1)]
            for d in allowed:
                dist = min(abs(d - p) for p in pref) if pref else 0
                wm.costs.append(12 * dist * wm.run_at[i, d])


def _add_lifts(wm: WeekModel) -> list[tuple[int, int, Any]]:
    """Each lift's day variables, light and short choices, heaviness, drop and cost.

    Returns the (lift, day, shortened-there) variables, bounded once the runs are known.
    """
    spec, m = wm.spec, wm.model
    short_days: list[tuple[int, int, Any]] = []
    for j, lift in enumerate(spec.lifts):
        allowed = [d for d in range(7) if spec.days[d].strength or lift.kind == "core"]
        if lift.kind == "core":
            allowed = [d for d in allowed if spec.days[d].run or spec.days[d].strength]
        if lift.window:
            allowed = [d for d in allowed if d in lift.window]
        if lift.has_light:
            wm.light[j] = m.new_bool_var(f"light{j}")
            wm.costs.append(60 * wm.light[j])
        cut = max(lift.minutes - lift.short_minutes, 0) if lift.short_minutes else 0
        if cut and not spec.off_season:
            wm.short[j] = m.new_bool_var(f"short{j}")
            wm.costs.append(SHORTEN_COST * wm.short[j])
        placed = []
        for d in allowed:
            v = m.new_bool_var(f"lift{j}d{d}")
            wm.lift_at[j, d] = v
            placed.append(v)
            if j in wm.short:
                # Shortened here only if placed here and shortened (upper bounds: the
                # solver raises it only to make room).
                sd = m.new_bool_var(f"short{j}d{d}")
                m.add(sd <= v)
                m.add(sd <= wm.short[j])
                wm.short_at[j, d] = sd
                short_days.append((j, d, sd))
            if lift.heavy and j in wm.light:
                # Heavy unless done as the light variant. Rules only ever bound heavy
                # sessions from above, so the lower bound is the whole definition: the
                # solver may leave h at 0 whenever the session is light or not here.
                h = m.new_bool_var(f"heavy{j}d{d}")
                m.add(h >= v - wm.light[j])
                wm.heavy_at[j, d] = h
            elif lift.heavy:
                wm.heavy_at[j, d] = v
        drop = m.new_bool_var(f"drop_lift{j}")
        m.add(_total(placed) + drop == 1)
        wm.drops["lift", j] = drop
        wm.costs.append(DROP_COST["core" if lift.kind == "core" else "strength"] * drop)
    return short_days


def _add_cross(wm: WeekModel) -> None:
    """The week's cross-training session: on a run day, or dropped at its cost."""
    spec, m = wm.spec, wm.model
    if spec.cross_minutes:
        placed = []
        for d in range(7):
            if spec.days[d].run:
                wm.cross_at[d] = m.new_bool_var(f"cross{d}")
                placed.append(wm.cross_at[d])
        drop = m.new_bool_var("drop_cross")
        m.add(_total(placed) + drop == 1)
        wm.drops["cross", 0] = drop
        wm.costs.append(DROP_COST["cross"] * drop)


def _add_day_limits(wm: WeekModel) -> None:
    """One run and one lift a day at most, and a day's sessions within its minutes."""
    spec, m = wm.spec, wm.model
    for d in range(7):
        race_today = any(r.run_type == "race" and r.fixed_day == d for r in spec.runs)
        m.add(wm.runs_on(d) <= 1)
        core_today = wm._on(wm.lift_at, d, "core")
        m.add(core_today + wm.strength_on(d) <= 1)  # one lift a day, strength or core
        if d in wm.cross_at:
            m.add(wm.cross_at[d] + wm.runs_on(d) <= 1)
        if not race_today:
            terms = [(v, spec.runs[i].minutes) for (i, dd), v in wm.run_at.items() if dd == d]
            terms += [(v, spec.lifts[j].minutes) for (j, dd), v in wm.lift_at.items() if dd == d]
            if d in wm.cross_at:
                terms.append((wm.cross_at[d], spec.cross_minutes))
            if sum(minutes for _, minutes in terms) > spec.days[d].minutes:  # else it cannot bind
                terms += [
                    (v, spec.lifts[j].short_minutes - spec.lifts[j].minutes)
                    for (j, dd), v in wm.short_at.items()
                    if dd == d
                ]
                m.add(_weighted(terms) <= spec.days[d].minutes)


def _run_first(spec: WeekInput) -> int:
    """RUN-14: what a run's drop costs on top of its own cost, so that keeping any run is
    worth leaving out every lift of the week; nothing in the off-season (SEASON-4, PLACE-8:
    strength is the priority there)."""
    if spec.off_season:
        return 0
    return 1 + sum(DROP_COST["core" if lf.kind == "core" else "strength"] for lf in spec.lifts)


def _equal(sessions: Sequence[object]) -> list[list[int]]:
    """Indexes of equal sessions, grouped, in index order."""
    groups: dict[object, list[int]] = {}
    for k, session in enumerate(sessions):
        groups.setdefault(session, []).append(k)
    return list(groups.values())


def _lifts_in_order(wm: WeekModel) -> None:
    """Equal lifts (two core sessions) go in index order.

    Swapping two equal sessions gives the same week, so without this the solver proves
    optimality once per permutation: a week of five equal easy runs took 100 ms instead
    of 3 (equal runs share variables instead). A session's position is its day, or 7
    when it is dropped (drops come last).
    """

    def position(j: int) -> Any:
        days = [(v, d) for (k, d), v in wm.lift_at.items() if k == j]
        return _weighted([*days, (wm.drops["lift", j], 7)])

    for same in _equal(wm.spec.lifts):
        for a, b in itertools.pairwise(same):
            wm.model.add(position(a) <= position(b))


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
            easy_here = wm.runs_on(d, easy_types)
            wm.costs.append(v + 2 * _unless(m, v, easy_here, f"ce{j}{d}"))
            continue
        run_here = wm.runs_on(d)
        easy_here = wm.runs_on(d, easy_types)
        quality_here = wm.runs_on(d, quality_types)
        if spec.off_season or strategy == "separate":
            wm.costs.append(30 * _both(m, v, run_here, f"sr{j}{d}"))  # PLACE-8 / PLACE-3
        elif strategy == "easy_days":
            wm.costs.append(30 * _unless(m, v, easy_here, f"se{j}{d}"))
        elif strategy == "stack" or (strategy == "stack_primary" and lift.primary):
            wm.costs.append(30 * _unless(m, v, quality_here, f"sq{j}{d}"))
        else:  # stack_primary, secondary sessions: easy days
            wm.costs.append(30 * _unless(m, v, easy_here, f"se{j}{d}"))
        if long_day is not None and d == (long_day - 1) % 7:
            wm.costs.append(10 * v)  # PLACE-5: the lighter session may precede a key run, at a cost
        wm.costs.append(d * v)  # earlier in the week when all else is equal
    # Symmetry: templates in order (A before B) unless the strategy stacks the primary.
    lifts = [j for j, lf in enumerate(spec.lifts) if lf.kind == "strength"]
    if strategy != "stack_primary":
        for a, b in itertools.pairwise(lifts):
            da = _weighted([(v, d) for (j, d), v in wm.lift_at.items() if j == a])
            db = _weighted([(v, d) for (j, d), v in wm.lift_at.items() if j == b])
            wm.costs.append(2 * _gt(m, da, db, f"ord{a}"))
    for (i, d), v in wm.run_at.items():
        run = spec.runs[i]
        if run.run_type == "recovery" and long_day is not None and d != (long_day + 1) % 7:
            wm.costs.append(20 * v)
        if long_day is not None and d == (long_day + 1) % 7:
            # The day after the long run is best kept for rest, and never for a hard run.
            if run.run_type == "easy":
                wm.costs.append(15 * v)
            elif run.run_type in quality_types:
                wm.costs.append(40 * v)
        wm.costs.append(_tiebreak(run.run_type) * d * v)
    m.minimize(_total(wm.costs))


def _tiebreak(run_type: str) -> int:
    return 0 if run_type in ("easy", "recovery") else 1


# The two helpers below make bools that only ever carry a positive cost, so each needs
# just the bound that forces it up: the minimizing solver keeps it at 0 otherwise. One
# constraint each instead of the three of an exact AND.


def _both(m: cp_model.CpModel, a: cp_model.IntVar, expr: Any, name: str) -> cp_model.IntVar:
    """A bool forced to 1 when ``a`` and ``expr >= 1`` (expr is 0/1 valued); a cost only."""
    b = m.new_bool_var(name)
    m.add(b >= a + expr - 1)
    return b


def _unless(m: cp_model.CpModel, a: cp_model.IntVar, expr: Any, name: str) -> cp_model.IntVar:
    """A bool forced to 1 when ``a`` and not ``expr`` (expr is 0/1 valued); a cost only."""
    b = m.new_bool_var(name)
    m.add(b >= a - expr)
    return b


def _gt(m: cp_model.CpModel, x: Any, y: Any, name: str) -> cp_model.IntVar:
    """A bool forced to 1 whenever x > y (used only as a cost)."""
    b = m.new_bool_var(name)
    m.add(x - y <= 7 * b)
    return b


def _model(spec: WeekInput, constraints: Sequence[object]) -> WeekModel:
    """The week's variables, base constraints and the hard rules not disabled."""
    wm = _build(spec)
    for rule in constraints:
        rid = getattr(rule, "id", "")
        fn = getattr(rule, "constrain", None)
        if fn is not None and rid not in spec.disabled_rules:
            fn(wm)
    return wm


def _solver() -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    params = solver.parameters
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
    return solver


def fewest_drops(spec: WeekInput, constraints: Sequence[object]) -> int:
    """The fewest runs and lifts any lawful placement of the week must leave out."""
    wm = _model(spec, constraints)
    wm.model.minimize(_total([v for (kind, _), v in wm.drops.items() if kind != "cross"]))
    solver = _solver()
    status = solver.solve(wm.model)
    if status != cp_model.OPTIMAL:
        raise RuntimeError(f"week model not solved ({solver.status_name(status)})")
    return round(solver.objective_value)


def solve_week(spec: WeekInput, constraints: Sequence[object]) -> Placement:
    """Solve one week: hard rules from ``constraints`` (rule objects with ``constrain``)."""
    wm = _model(spec, constraints)
    _preferences(wm)
    solver = _solver()
    status = solver.solve(wm.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        # Cannot happen while every session may be dropped; keep an explicit error anyway.
        raise RuntimeError(f"week model has no solution ({solver.status_name(status)})")

    def days_of(at: dict[tuple[int, int], Any], n: int) -> tuple[int | None, ...]:
        out: list[int | None] = [None] * n
        for (k, d), v in at.items():
            if out[k] is None and solver.boolean_value(v):
                out[k] = d
        return tuple(out)

    run_days: list[int | None] = [None] * len(spec.runs)
    for first, same in wm.run_groups.items():
        days = sorted(d for (k, d), v in wm.run_at.items() if k == first and solver.value(v))
        for i, d in zip(same, days, strict=False):
            run_days[i] = d
    return Placement(
        run_days=tuple(run_days),
        lift_days=days_of(wm.lift_at, len(spec.lifts)),
        lift_light=tuple(
            bool(solver.boolean_value(wm.light[j])) if j in wm.light else False
            for j in range(len(spec.lifts))
        ),
        cross_day=next((d for d, v in wm.cross_at.items() if solver.boolean_value(v)), None),
        optimal=status == cp_model.OPTIMAL,
        lift_short=tuple(
            any(solver.boolean_value(v) for (k, _), v in wm.short_at.items() if k == j)
            for j in range(len(spec.lifts))
        ),
    )
