"""The CP-SAT model of one week: each session's day variables, its drop and its cost, and
the day limits. The hard rules add their constraints to it; schedule.py adds the
preferences and solves it."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from stridelift.domain.cpsat import INT_MAX, INT_MIN, Model
from stridelift.domain.day_fits import FULL, SHORT, DayFit, Fits, fits_of, lift_days, run_days

if TYPE_CHECKING:
    from stridelift.domain.schedule import WeekInput

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


def minimize(m: Model, costs: list[tuple[Any, int]]) -> None:
    """Minimize the sum of (variable, cost) pairs, written straight into the model's proto
    (ortools' minimize walks the expression in Python: a fifth of a millisecond a week)."""
    merged: dict[int, int] = {}
    for v, c in costs:
        if c:
            merged[v.index] = merged.get(v.index, 0) + c
    objective = m.proto.objective
    objective.vars.extend(list(merged))
    objective.coeffs.extend(list(merged.values()))


def at_least(m: Model, terms: list[tuple[Any, int]], bound: int) -> None:
    """Add sum(coefficient * variable) >= bound (the variables are distinct)."""
    _linear(m, terms, bound, INT_MAX)


def at_most(m: Model, terms: list[tuple[Any, int]], bound: int) -> None:
    """Add sum(coefficient * variable) <= bound (the variables are distinct)."""
    _linear(m, terms, INT_MIN, bound)


def exactly(m: Model, terms: list[tuple[Any, int]], value: int) -> None:
    """Add sum(coefficient * variable) == value (the variables are distinct)."""
    _linear(m, terms, value, value)


def _linear(m: Model, terms: list[tuple[Any, int]], lo: int, hi: int, when: Any = None) -> None:
    """A linear constraint written straight into the model's proto (only when the 0-1
    variable ``when`` is 1, if given): half the time of building ortools' expression and
    adding it, some hundred times a week model."""
    constraint = m.proto.constraints.add()
    if when is not None:
        constraint.enforcement_literal.append(when.index)
    linear = constraint.linear
    linear.vars.extend([v.index for v, _ in terms])
    linear.coeffs.extend([c for _, c in terms])
    linear.domain.extend([lo, hi])


@dataclass
class WeekModel:
    """The CP-SAT model of a week, with the day-level expressions rules talk about."""

    spec: WeekInput
    fits: Fits
    model: Model = field(default_factory=Model)
    run_at: dict[tuple[int, int], Any] = field(default_factory=dict)
    lift_at: dict[tuple[int, int], Any] = field(default_factory=dict)
    heavy_at: dict[tuple[int, int], Any] = field(default_factory=dict)
    light: dict[int, Any] = field(default_factory=dict)
    short: dict[int, Any] = field(default_factory=dict)
    short_at: dict[tuple[int, int], Any] = field(default_factory=dict)
    cross_at: dict[int, Any] = field(default_factory=dict)
    costs: list[tuple[Any, int]] = field(default_factory=list)  # (variable, cost)
    drops: dict[tuple[str, int], Any] = field(default_factory=dict)
    run_groups: dict[int, tuple[int, ...]] = field(default_factory=dict)  # first: all equal
    by_day: dict[int, dict[int, list[tuple[int, Any]]]] = field(default_factory=dict)
    terms: dict[tuple[int, int, object], list[Any]] = field(default_factory=dict)

    days = range(7)

    def _terms(self, at: dict[tuple[int, int], Any], d: int, kind: object = None) -> list[Any]:
        """``at``'s variables on day d, of one kind of session (None: all).

        Rules and preferences ask for the same days many times, so each list is made once.
        """
        key = (id(at), d, kind)
        cached = self.terms.get(key)
        if cached is None:
            keep = self._keep(kind)
            cached = [v for k, v in self.index(at)[d] if keep is None or keep(k)]
            self.terms[key] = cached
        return cached

    def index(self, at: dict[tuple[int, int], Any]) -> dict[int, list[tuple[int, Any]]]:
        """``at``'s (session, variable) pairs by day, made once: the variables are all made
        before the rules ask."""
        index = self.by_day.get(id(at))
        if index is None:
            index = {day: [] for day in range(7)}
            for (k, dd), v in at.items():
                index[dd].append((k, v))
            self.by_day[id(at)] = index
        return index

    def _keep(self, kind: object) -> Any:
        """Which sessions a list of one kind keeps (kind: a name, or a set of run types)."""
        runs, lifts = self.spec.runs, self.spec.lifts
        if kind is None:
            return None
        if kind == "key":
            return lambda i: runs[i].key
        if kind in ("strength", "core"):
            return lambda j: lifts[j].kind == kind
        types: frozenset[str] = kind  # type: ignore[assignment]
        return lambda i: runs[i].run_type in types

    # What is on a day, as the variables of its sessions (each 1 when the session is there).

    def runs_on(self, d: int, types: frozenset[str] | None = None) -> list[Any]:
        """The runs (of the given types) on day d."""
        return self._terms(self.run_at, d, types)

    def lifts_on(self, d: int, kind: str) -> list[Any]:
        """The lifts of ``kind`` ("strength" or "core") on day d."""
        return self._terms(self.lift_at, d, kind)

    def key_on(self, d: int) -> list[Any]:
        """Key runs on day d (quality, long, race...)."""
        return self._terms(self.run_at, d, "key")

    def heavy_on(self, d: int) -> list[Any]:
        """Heavy lower-body strength sessions on day d."""
        return self._terms(self.heavy_at, d)

    def strength_on(self, d: int) -> list[Any]:
        """Strength sessions (not core) on day d."""
        return self._terms(self.lift_at, d, "strength")

    def anything_on(self, d: int) -> list[Any]:
        """All sessions on day d."""
        cross = [self.cross_at[d]] if d in self.cross_at else []
        return [*self.runs_on(d), *self._terms(self.lift_at, d), *cross]

    # The hard constraints rules add, over such lists (no session is in two of them).

    def at_most_one(self, *groups: list[Any]) -> None:
        """At most one of these sessions takes place (nothing to add for one or none: a
        third of the rules' constraints were such, on days with little on them)."""
        terms = [(v, 1) for group in groups for v in group]
        if len(terms) > 1:
            at_most(self.model, terms, 1)

    def none(self, *groups: list[Any], when: Any = None) -> None:
        """None of these sessions takes place (only when ``when`` is 1, if given)."""
        terms = [(v, 1) for group in groups for v in group]
        if terms:
            _linear(self.model, terms, 0, 0, when)

    def at_least_one(self, group: list[Any]) -> None:
        """At least one of these (0-1 variables) is 1."""
        at_least(self.model, [(v, 1) for v in group], 1)


def build_week_model(spec: WeekInput, fits: Fits | None = None) -> WeekModel:
    """The week's model: each session's variables, drops and costs, and the day limits.

    The model reads the days' minutes only through ``fits`` (what each day can hold; by
    default, what ``spec``'s minutes give), so a spec whose minutes are left out can be
    solved with the fits of the week it stands for.
    """
    wm = WeekModel(spec, fits_of(spec) if fits is None else fits)
    _add_runs(wm, _run_first(spec))
    short_days = _add_lifts(wm)
    for _, d, sd in short_days:  # only beside a run: room for the run, not for the lift
        at_most(wm.model, [(sd, 1), *((v, -1) for v in wm.runs_on(d))], 0)  # sd <= runs
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
    for same in _equal([(run, wm.fits.run_key(i)) for i, run in enumerate(spec.runs)]):
        i, run = same[0], spec.runs[same[0]]
        wm.run_groups[i] = tuple(same)
        allowed = [d for d in run_days(spec, run) if (f := wm.fits.days[d]) is None or f.run[i]]
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
        exactly(m, [*((v, 1) for v in placed), (drop, 1)], len(same))
        wm.drops["run", i] = drop
        kind = run.run_type if run.run_type in DROP_COST else "quality"
        wm.costs.append((drop, DROP_COST[kind] + run_first))
        if run.run_type not in ("long", "race", "easy", "recovery", "shakeout") and n_quality:
            pref = spec.preferred_quality_days[: max(n_quality, 1)]
            for d in allowed:
                dist = min(abs(d - p) for p in pref) if pref else 0
                wm.costs.append((wm.run_at[i, d], 12 * dist))


def _add_lifts(wm: WeekModel) -> list[tuple[int, int, Any]]:
    """Each lift's day variables, light and short choices, heaviness, drop and cost.

    Returns the (lift, day, shortened-there) variables, bounded once the runs are known.
    """
    spec, m = wm.spec, wm.model
    short_days: list[tuple[int, int, Any]] = []
    for j, lift in enumerate(spec.lifts):
        allowed = [d for d in lift_days(spec, lift) if (f := wm.fits.days[d]) is None or f.lift[j]]
        if lift.has_light:
            wm.light[j] = m.new_bool_var(f"light{j}")
            wm.costs.append((wm.light[j], 60))
        if any(_short_beside(wm.fits, j, d) for d in allowed):
            wm.short[j] = m.new_bool_var(f"short{j}")
            wm.costs.append((wm.short[j], SHORTEN_COST))
        placed = []
        for d in allowed:
            v = m.new_bool_var(f"lift{j}d{d}")
            wm.lift_at[j, d] = v
            placed.append(v)
            if _short_beside(wm.fits, j, d):
                # Shortened here only if placed here and shortened (upper bounds: the
                # solver raises it only to make room).
                sd = m.new_bool_var(f"short{j}d{d}")
                at_most(m, [(sd, 1), (v, -1)], 0)
                at_most(m, [(sd, 1), (wm.short[j], -1)], 0)
                wm.short_at[j, d] = sd
                short_days.append((j, d, sd))
            if lift.heavy and j in wm.light:
                # Heavy unless done as the light variant. Rules only ever bound heavy
                # sessions from above, so the lower bound is the whole definition: the
                # solver may leave h at 0 whenever the session is light or not here.
                h = m.new_bool_var(f"heavy{j}d{d}")
                at_least(m, [(h, 1), (v, -1), (wm.light[j], 1)], 0)  # h >= v - light
                wm.heavy_at[j, d] = h
            elif lift.heavy:
                wm.heavy_at[j, d] = v
        drop = m.new_bool_var(f"drop_lift{j}")
        exactly(m, [*((v, 1) for v in placed), (drop, 1)], 1)
        wm.drops["lift", j] = drop
        wm.costs.append((drop, DROP_COST["core" if lift.kind == "core" else "strength"]))
    return short_days


def _add_cross(wm: WeekModel) -> None:
    """The week's cross-training session: on a run day, or dropped at its cost."""
    spec, m = wm.spec, wm.model
    if spec.cross_minutes:
        placed = []
        for d in range(7):
            if spec.days[d].run and ((f := wm.fits.days[d]) is None or f.cross):
                wm.cross_at[d] = m.new_bool_var(f"cross{d}")
                placed.append(wm.cross_at[d])
        drop = m.new_bool_var("drop_cross")
        exactly(m, [*((v, 1) for v in placed), (drop, 1)], 1)
        wm.drops["cross", 0] = drop
        wm.costs.append((drop, DROP_COST["cross"]))


def _add_day_limits(wm: WeekModel) -> None:
    """One run and one lift a day at most, and a day's sessions within its minutes: a
    session that does not fit alone has no variable there (_add_runs, _add_lifts), so
    what is left is each lift beside a run or the cross-training session."""
    for d in range(7):
        runs = wm.runs_on(d)
        wm.at_most_one(runs)
        wm.at_most_one(wm.lifts_on(d, "core"), wm.lifts_on(d, "strength"))  # one lift a day
        if d in wm.cross_at:
            wm.at_most_one([wm.cross_at[d]], runs)
        fit = wm.fits.days[d]
        if fit is not None:
            for j, v in wm.index(wm.lift_at)[d]:
                _lift_beside(wm, fit, j, d, v)


def _lift_beside(wm: WeekModel, fit: DayFit, j: int, d: int, lift: Any) -> None:
    """Lift j on day d (``lift``) beside the runs and cross-training it has no room for:
    not both; beside a run it has room for only at its short minutes: shortened."""
    no, short = [], []
    for i, run in wm.index(wm.run_at)[d]:
        if fit.pair[j][i] == SHORT:
            short.append(run)
        elif fit.pair[j][i] != FULL:
            no.append(run)
    if d in wm.cross_at and not fit.cross_pair[j]:
        no.append(wm.cross_at[d])
    if no:
        at_most(wm.model, [(lift, 1), *((v, 1) for v in no)], 1)
    if short:  # shortened here when both are here
        sd = wm.short_at[j, d]
        at_least(wm.model, [(sd, 1), (lift, -1), *((v, -1) for v in short)], -1)


def _short_beside(fits: Fits, j: int, d: int) -> bool:
    """RUN-14: whether lift j fits on day d beside some run only at its short minutes."""
    fit = fits.days[d]
    return fit is not None and SHORT in fit.pair[j]


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

    def position(j: int, sign: int) -> list[tuple[Any, int]]:
        days = [(v, sign * d) for (k, d), v in wm.lift_at.items() if k == j]
        return [*days, (wm.drops["lift", j], sign * 7)]

    for same in _equal([(lf, wm.fits.lift_key(j)) for j, lf in enumerate(wm.spec.lifts)]):
        for a, b in itertools.pairwise(same):
            at_most(wm.model, [*position(a, 1), *position(b, -1)], 0)  # a's <= b's
