"""Training-load figures (RUN-6, RUN-7): session RPE, weekly totals, acute:chronic ratio,
monotony and strain, fitness/fatigue, estimated 1RM, run volume and plan compliance.

Pure and vectorised with NumPy: no I/O, no clock. Every day-indexed result carries the
date of its first element; arrays are float64, read-only, one element per day (or per
Monday-based week). Formulas and sources are written out in docs/training-load.md.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

from stridelift.domain.activity import Activity
from stridelift.domain.errors import DomainError

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
_Array = TypeVar("_Array", bound=np.ndarray[Any, Any])

KINDS = ("run", "strength", "cross")
RPE_MAX = 10.0  # Foster's CR-10 session scale tops out at 10
ACWR_CAVEAT = (
    "The acute:chronic ratio describes how this week's load compares with the last four "
    "weeks. It does not predict injury (Impellizzeri et al. 2020)."
)
# _ewma cuts its blocks before decay**-i passes e**60 (~1e26): loads up to ~1e280 stay
# clear of float64 overflow, and ten years of days take only a handful of blocks.
_BLOCK_EXPONENT = 60.0


class LoadError(DomainError, ValueError):
    """A training-load input is out of range (negative load, RPE above 10, no reps...)."""


def _frozen(array: _Array) -> _Array:
    """Mark an array read-only so a frozen result stays frozen."""
    array.setflags(write=False)
    return array


def _check_loads(values: FloatArray, what: str) -> None:
    """Reject NaN, infinite or negative loads: none of them is a training load."""
    if values.size and not (np.isfinite(values).all() and values.min() >= 0.0):
        raise LoadError(f"{what}: every value must be a finite number >= 0")


def _as_loads(values: npt.ArrayLike, what: str) -> FloatArray:
    """A validated, private, read-only 1-D float64 copy of some daily loads."""
    array = np.array(values, dtype=np.float64)
    if array.ndim != 1:
        raise LoadError(f"{what}: expected one value per day (a 1-D array)")
    _check_loads(array, what)
    return _frozen(array)


def _monday(day: date) -> date:
    """The Monday that starts the ISO week holding ``day``."""
    return day - timedelta(days=day.weekday())


def _span_days(start: date, end: date) -> int:
    """Days in the inclusive range start..end; an inverted range is an error."""
    if end < start:
        raise LoadError(f"end: {end.isoformat()} is before start {start.isoformat()}")
    return (end - start).days + 1


def _weekly_sum(daily: FloatArray, first_weekday: int) -> FloatArray:
    """Sum days into Monday-based weeks; the first day falls on ``first_weekday`` (Mon=0)."""
    if daily.size == 0:
        return np.zeros(0)
    weeks = -(-(first_weekday + daily.size) // 7)
    padded = np.zeros(weeks * 7)
    padded[first_weekday : first_weekday + daily.size] = daily
    totals: FloatArray = padded.reshape(weeks, 7).sum(axis=1)
    return totals


def session_load(rpe: float, minutes: float) -> float:
    """Session load in arbitrary units: session RPE (CR-10) x minutes (Foster 2001).

    The same currency serves runs, lifts (Day et al. 2004) and cross-training (RUN-6).
    """
    if not (math.isfinite(rpe) and 0.0 <= rpe <= RPE_MAX):
        raise LoadError(f"rpe: {rpe!r} must be between 0 and 10")
    if not (math.isfinite(minutes) and minutes >= 0.0):
        raise LoadError(f"minutes: {minutes!r} must be a finite number >= 0")
    return float(rpe) * float(minutes)


@dataclass(frozen=True, slots=True, eq=False)
class DailyLoad:
    """Summed session load per day from ``start``, zero on days without training.

    ``loads`` is stored as a read-only float64 copy. Compare instances with NumPy.
    """

    start: date
    loads: FloatArray

    def __post_init__(self) -> None:
        object.__setattr__(self, "loads", _as_loads(self.loads, "loads"))

    @property
    def days(self) -> int:
        """Number of days in the series."""
        return int(self.loads.size)

    @property
    def end(self) -> date:
        """The last day of the series (the day before ``start`` when it is empty)."""
        return self.start + timedelta(days=self.days - 1)

    @property
    def first_monday(self) -> date:
        """Monday of the week holding ``start``: where ``weekly_totals`` begins."""
        return _monday(self.start)


def daily_series(loads: Iterable[tuple[date, float]], start: date, end: date) -> DailyLoad:
    """Sum session loads into one value per day over start..end inclusive, zero-filled.

    Sessions dated outside the range are left out; a negative or non-finite load anywhere
    raises LoadError.
    """
    days = _span_days(start, end)
    pairs = list(loads)
    base = start.toordinal()
    offsets = np.fromiter((d.toordinal() - base for d, _ in pairs), np.int64, len(pairs))
    values = np.fromiter((v for _, v in pairs), np.float64, len(pairs))
    _check_loads(values, "session load")
    inside = (offsets >= 0) & (offsets < days)
    summed = np.bincount(offsets[inside], weights=values[inside], minlength=days)
    return DailyLoad(start, summed.astype(np.float64))


def weekly_totals(series: DailyLoad) -> FloatArray:
    """Load per Monday-based ISO week; element i is the week from first_monday + 7*i.

    A partial first or last week holds only the days the series covers: nothing is
    extrapolated, so compare partial weeks with care.
    """
    return _frozen(_weekly_sum(series.loads, series.start.weekday()))


def _trailing_sums(loads: FloatArray, window: int) -> FloatArray:
    """Sum of each day and the window-1 days before it; NaN until a full window exists.

    Summing each window directly (not differencing a cumulative sum) keeps an all-zero
    window exactly zero, which the ratio's zero test relies on.
    """
    out = np.full(loads.size, np.nan)
    if loads.size >= window:
        out[window - 1 :] = sliding_window_view(loads, window).sum(axis=1)
    return out


def _ewma(loads: FloatArray, rate: float, initial: float = 0.0) -> FloatArray:
    """Solve x_t = d*x_{t-1} + (1-d)*load_t, d = e**-rate, x_{-1} = initial, without a day loop.

    Inside a block that starts on day s, unrolling the recursion gives
    x_{s+j} = d**(j+1) * x_{s-1} + (1-d) * d**j * sum_{i<=j} load_{s+i} * d**-i,
    so one cumulative sum per block replaces the loop. d**-i grows with i, so blocks end
    before it reaches e**_BLOCK_EXPONENT, and the last value carries into the next block.
    All terms are >= 0, so the sums lose no precision to cancellation.
    """
    out = np.empty(loads.size)
    if math.isinf(rate):  # d = 0: no memory at all
        out[:] = loads
        return out
    decay = math.exp(-rate)
    gain = -math.expm1(-rate)  # 1 - d, accurate for long time constants
    block = max(1, int(_BLOCK_EXPONENT / rate))
    steps = np.arange(min(block, loads.size), dtype=np.float64)
    down = np.exp(-rate * steps)
    up = np.exp(rate * steps)
    state = initial
    for first in range(0, loads.size, block):
        chunk = loads[first : first + block]
        size = chunk.size
        values = gain * down[:size] * np.cumsum(chunk * up[:size])
        values += state * decay * down[:size]
        out[first : first + size] = values
        state = float(values[-1])
    return out


def _ratio(acute: FloatArray, chronic: FloatArray, valid_from: int) -> FloatArray:
    """acute / chronic, NaN (never inf) before ``valid_from`` or where chronic is zero."""
    ratio = np.full(acute.size, np.nan)
    usable = chronic > 0.0
    usable[:valid_from] = False
    np.divide(acute, chronic, out=ratio, where=usable)
    return ratio


def _check_windows(acute_days: int, chronic_days: int) -> None:
    """Both windows are whole days and the acute one is not the longer."""
    if not 1 <= acute_days <= chronic_days:
        raise LoadError(
            f"acute_days/chronic_days: {acute_days}/{chronic_days} need 1 <= acute <= chronic"
        )


@dataclass(frozen=True, slots=True, eq=False)
class AcuteChronic:
    """Acute and chronic daily load and their ratio, per day from ``start``.

    A descriptive figure only: it is not an injury predictor (RUN-6; ACWR_CAVEAT).
    ``ratio`` is NaN while the history is shorter than the chronic window or chronic
    load is zero. ``method`` is "rolling" or "ewma".
    """

    start: date
    acute: FloatArray
    chronic: FloatArray
    ratio: FloatArray
    method: str


def acwr_rolling(series: DailyLoad, *, acute_days: int = 7, chronic_days: int = 28) -> AcuteChronic:
    """Rolling-average acute:chronic ratio, coupled (Hulin et al. 2014; Gabbett 2016).

    Acute is the mean daily load of the last 7 days, chronic of the last 28 days, both
    ending on (and including) the day, so the acute week sits inside the chronic one.
    Descriptive only, not an injury predictor (Impellizzeri et al. 2020; RUN-6).
    """
    _check_windows(acute_days, chronic_days)
    acute = _trailing_sums(series.loads, acute_days) / acute_days
    chronic = _trailing_sums(series.loads, chronic_days) / chronic_days
    ratio = _ratio(acute, chronic, chronic_days - 1)
    return AcuteChronic(series.start, _frozen(acute), _frozen(chronic), _frozen(ratio), "rolling")


def _ewma_mean(loads: FloatArray, days: int) -> FloatArray:
    """Williams et al. (2017) EWMA, lambda = 2/(N+1), divided by the weight seen so far.

    Seeded at zero, the recursion's weights over days 0..t sum to 1 - (1-lambda)**(t+1);
    dividing by that sum makes early values a true weighted mean of the days available
    (a flat history reads flat from day one) and changes nothing once history is long.
    """
    decay = 1.0 - 2.0 / (days + 1)
    rate = -math.log(decay) if decay > 0.0 else math.inf
    raw = _ewma(loads, rate)
    seen = 1.0 - decay ** np.arange(1, loads.size + 1, dtype=np.float64)
    return raw / seen


def acwr_ewma(series: DailyLoad, *, acute_days: int = 7, chronic_days: int = 28) -> AcuteChronic:
    """EWMA acute:chronic ratio (Williams et al. 2017), lambda = 2/(N+1) for N = 7 and 28.

    Each average is normalised by the weight of the days seen so far (see _ewma_mean).
    Descriptive only, not an injury predictor (Impellizzeri et al. 2020; RUN-6).
    """
    _check_windows(acute_days, chronic_days)
    acute = _ewma_mean(series.loads, acute_days)
    chronic = _ewma_mean(series.loads, chronic_days)
    ratio = _ratio(acute, chronic, chronic_days - 1)
    return AcuteChronic(series.start, _frozen(acute), _frozen(chronic), _frozen(ratio), "ewma")


@dataclass(frozen=True, slots=True, eq=False)
class MonotonyStrain:
    """Foster (1998) monotony and strain over the 7 days ending on each day from ``start``.

    All arrays are NaN for the first 6 days. When a window's SD is 0 (the same load every
    day, rest weeks included) monotony is undefined and stays NaN, never inf; strain is
    then 0 for a week without load and NaN otherwise. ``sd`` is the population SD.
    """

    start: date
    weekly_load: FloatArray
    mean: FloatArray
    sd: FloatArray
    monotony: FloatArray
    strain: FloatArray


def monotony_strain(series: DailyLoad, *, window_days: int = 7) -> MonotonyStrain:
    """Monotony = mean / SD of daily load in the window; strain = window load x monotony."""
    if window_days < 2:
        raise LoadError(f"window_days: {window_days} must be at least 2")
    size = series.days
    total, mean, sd, monotony, strain = (np.full(size, np.nan) for _ in range(5))
    if size >= window_days:
        windows = sliding_window_view(series.loads, window_days)
        total[window_days - 1 :] = windows.sum(axis=1)
        mean[window_days - 1 :] = total[window_days - 1 :] / window_days
        # Identical values can leave a rounding-sized SD; call them exactly flat instead.
        flat = windows.max(axis=1) == windows.min(axis=1)
        sd[window_days - 1 :] = np.where(flat, 0.0, windows.std(axis=1))
        np.divide(mean, sd, out=monotony, where=sd > 0.0)
        strain = total * monotony
        strain[total == 0.0] = 0.0
    return MonotonyStrain(
        series.start, _frozen(total), _frozen(mean), _frozen(sd), _frozen(monotony), _frozen(strain)
    )


@dataclass(frozen=True, slots=True, eq=False)
class FitnessFatigue:
    """Banister-style fitness, fatigue and form per day from ``start``.

    Form is fitness minus fatigue after that day's load, i.e. going into the next day.
    The time constants are kept so ``project_forward`` can continue the same model.
    """

    start: date
    fitness: FloatArray
    fatigue: FloatArray
    form: FloatArray
    fitness_days: float = 42.0
    fatigue_days: float = 7.0

    @property
    def days(self) -> int:
        """Number of days covered."""
        return int(self.fitness.size)


def _impulse_response(
    start: date, loads: FloatArray, fitness_days: float, fatigue_days: float, initial: FloatArray
) -> FitnessFatigue:
    """Run both exponential components from an initial (fitness, fatigue) state."""
    for name, tau in (("fitness_days", fitness_days), ("fatigue_days", fatigue_days)):
        if not (math.isfinite(tau) and tau > 0.0):
            raise LoadError(f"{name}: {tau!r} must be a positive number of days")
    fitness = _ewma(loads, 1.0 / fitness_days, float(initial[0]))
    fatigue = _ewma(loads, 1.0 / fatigue_days, float(initial[1]))
    form = fitness - fatigue
    return FitnessFatigue(
        start, _frozen(fitness), _frozen(fatigue), _frozen(form), fitness_days, fatigue_days
    )


def fitness_fatigue(
    series: DailyLoad, fitness_days: float = 42.0, fatigue_days: float = 7.0
) -> FitnessFatigue:
    """Fitness and fatigue as exponentially weighted loads (Banister et al. 1975; RUN-6).

    Each follows x_t = x_{t-1} + (load_t - x_{t-1}) * (1 - e**(-1/tau)) from x = 0: the
    impulse response sampled once a day, so a single load decays by e**(-1/tau) per day,
    scaled so a steady daily load L brings x to L. Computed in closed form by blocks of
    cumulative sums, not a day loop.
    """
    return _impulse_response(series.start, series.loads, fitness_days, fatigue_days, np.zeros(2))


def project_forward(state: FitnessFatigue, future_loads: npt.ArrayLike) -> FitnessFatigue:
    """Continue fitness/fatigue from the last day of ``state`` through planned daily loads.

    The result starts the day after ``state`` ends and has one day per planned load.
    """
    loads = _as_loads(future_loads, "future_loads")
    initial = np.zeros(2)
    if state.days:
        initial[:] = (state.fitness[-1], state.fatigue[-1])
    start = state.start + timedelta(days=state.days)
    return _impulse_response(start, loads, state.fitness_days, state.fatigue_days, initial)


def rpe_from_rir(rir: float) -> float:
    """RPE from reps in reserve: 10 - RIR, clamped to 1..10 (Zourdos 2016; Helms 2016)."""
    if math.isnan(rir):
        raise LoadError("rir: NaN is not a number of reps in reserve")
    return float(min(RPE_MAX, max(1.0, 10.0 - rir)))


def _utc_day(moment: datetime) -> date:
    """Calendar date in UTC; a naive timestamp is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(UTC).date()


def weekly_run_volume(
    activities: Iterable[Activity], start: date, end: date
) -> tuple[FloatArray, FloatArray]:
    """Running minutes and kilometres per Monday-based week over start..end inclusive.

    Runs only (Activity.is_run), dated by the UTC date of start_utc; minutes come from
    duration_s, and a run without distance adds minutes but no kilometres. Weeks line up
    with ``weekly_totals`` of a series over the same range.
    """
    days = _span_days(start, end)
    base = start.toordinal()
    runs = [a for a in activities if a.is_run]
    offsets = np.fromiter((_utc_day(a.start_utc).toordinal() - base for a in runs), np.int64)
    minutes = np.fromiter((a.duration_s / 60.0 for a in runs), np.float64, len(runs))
    km = np.fromiter(((a.distance_m or 0.0) / 1000.0 for a in runs), np.float64, len(runs))
    _check_loads(minutes, "duration_s")
    _check_loads(km, "distance_m")
    inside = (offsets >= 0) & (offsets < days)
    weekday = start.weekday()
    daily_min = np.bincount(offsets[inside], weights=minutes[inside], minlength=days)
    daily_km = np.bincount(offsets[inside], weights=km[inside], minlength=days)
    return (
        _frozen(_weekly_sum(daily_min.astype(np.float64), weekday)),
        _frozen(_weekly_sum(daily_km.astype(np.float64), weekday)),
    )


@dataclass(frozen=True, slots=True, eq=False)
class Compliance:
    """Planned against done sessions per Monday-based week from ``first_monday``.

    ``done`` counts planned sessions that were matched, in the planned session's week;
    ``extra`` counts done sessions that matched nothing, in their own week. ``ratio`` is
    matched / planned overall, NaN when nothing was planned. ``first_monday`` is None
    when both lists were empty.
    """

    first_monday: date | None
    planned: IntArray
    done: IntArray
    extra: IntArray
    ratio: float

    @property
    def weekly_ratio(self) -> FloatArray:
        """done / planned per week, NaN for weeks with nothing planned."""
        out = np.full(self.planned.size, np.nan)
        np.divide(self.done, self.planned, out=out, where=self.planned > 0)
        return out


def _sessions(items: Iterable[tuple[date, str]], what: str) -> list[tuple[int, str]]:
    """(day ordinal, kind) pairs, with every kind checked against KINDS."""
    out = [(day.toordinal(), kind) for day, kind in items]
    for _, kind in out:
        if kind not in KINDS:
            raise LoadError(f"{what}: kind {kind!r} must be one of {', '.join(KINDS)}")
    return out


def _per_week(days: Iterable[int], first: int, weeks: int) -> IntArray:
    """Count day ordinals into weeks of 7 from the ordinal ``first``."""
    offsets = np.fromiter(((d - first) // 7 for d in days), np.int64)
    return _frozen(np.bincount(offsets, minlength=weeks).astype(np.int64))


def compliance(planned: Iterable[tuple[date, str]], done: Iterable[tuple[date, str]]) -> Compliance:
    """Match done sessions to planned ones of the same kind and count them per week.

    First every done session is paired with an unmatched planned one of its kind on the
    same day. Then, taking the remaining done sessions in date order, each pairs with an
    unmatched planned one of its kind on the day before, or else the day after. Weeks run
    from the Monday before the earliest date in either list to the week of the latest.
    """
    plan = _sessions(planned, "planned")
    logs = _sessions(done, "done")
    if not plan and not logs:
        nothing = _per_week((), 0, 0)
        return Compliance(None, nothing, nothing, nothing, math.nan)
    open_plan = Counter(plan)
    open_done = Counter(logs)
    matched: Counter[tuple[int, str]] = Counter()
    for key, count in list(open_done.items()):
        pairs = min(count, open_plan[key])
        matched[key] += pairs
        open_plan[key] -= pairs
        open_done[key] -= pairs
    for day, kind in sorted(open_done.elements()):
        for near in (day - 1, day + 1):
            if open_plan[(near, kind)] > 0:
                open_plan[(near, kind)] -= 1
                open_done[(day, kind)] -= 1
                matched[(near, kind)] += 1
                break
    every_day = [d for d, _ in plan] + [d for d, _ in logs]
    first = _monday(date.fromordinal(min(every_day)))
    weeks = (max(every_day) - first.toordinal()) // 7 + 1
    origin = first.toordinal()
    return Compliance(
        first,
        _per_week((d for d, _ in plan), origin, weeks),
        _per_week((d for d, _ in matched.elements()), origin, weeks),
        _per_week((d for d, _ in open_done.elements()), origin, weeks),
        sum(matched.values()) / len(plan) if plan else math.nan,
    )


def rpe_from_rirs(rirs: npt.ArrayLike) -> FloatArray:
    """``rpe_from_rir`` for many sets at once: 10 - RIR, clamped to 1..10 (RUN-7)."""
    values = np.array(rirs, dtype=np.float64)
    if np.isnan(values).any():
        raise LoadError("rir: NaN is not a number of reps in reserve")
    return _frozen(np.clip(10.0 - values, 1.0, RPE_MAX))
