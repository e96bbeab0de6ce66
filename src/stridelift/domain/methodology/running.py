"""The methodology's running numbers: run weeks, volume, the long run, quality, predictions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from stridelift.domain.athlete import LEVELS
from stridelift.domain.errors import MethodologyError
from stridelift.domain.methodology.reader import Reader
from stridelift.domain.methodology.season import PHASES

# Target-race keys of per-distance tables; "none" serves weeks with no race ahead.
RACE_KEYS = ("5k", "10k", "half", "marathon", "ultra", "none")


@dataclass(frozen=True, slots=True)
class QualityPlan:
    """Quality sessions a week by level for one phase, and their run types in order."""

    count: tuple[int, ...]
    types: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Volume:
    """Running volume multipliers and guards (RUN-2, RUN-3, RUN-4)."""

    peak: tuple[float, ...]
    build_step: float
    deload: float
    general_cap: float
    offseason: float
    offseason_floor: float
    taper: tuple[float, ...]
    race_week: float
    two_week_rise_max: float
    week_rise_max: float
    single_run_spike: float
    resume_below: float
    resume_floor: float


@dataclass(frozen=True, slots=True)
class LongRun:
    """The long run's curve through a block (RUN-9)."""

    max_share: float
    few_runs_share: float  # the same in a week of three runs or fewer (optional: max_share)
    share_floor_minutes: int
    peak_weeks_out: tuple[int, int]
    ramp_growth: float
    deload: float
    taper: tuple[float, ...]
    hold: float
    ultra_long_km: float
    ultra_long_minutes: int
    back_to_back: float
    peak: Mapping[str, tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class RacePrediction:
    """How ultra, trail and hilly races are predicted from the marathon (RUN-10)."""

    riegel_exponent: float  # beyond the marathon: T2 = T1 (D2/D1)^exponent (Riegel 1981)
    climb_km_per_100m: float  # effort km one 100 m of climbing adds (ITRA's km-effort: 1)
    trail_factor: float  # trail time over road time at the same effort distance


@dataclass(frozen=True, slots=True)
class Running:
    """Run-week structure: how many runs, long-run share, quality and easy minutes."""

    run_days: tuple[int, ...]
    long_share: Mapping[int, float]
    long_run: LongRun
    taper_weeks: Mapping[str, int]
    quality_minutes: tuple[int, ...]
    quality_growth: float
    quality_growth_max: float
    recovery_minutes: int
    min_run_minutes: int
    round_to: int
    easy_weight_before_long: float
    easy_weight_with_strength: float
    easy_max_share: float
    max_hard_share: float
    preferred_quality_days: tuple[int, ...]
    race_prediction: RacePrediction
    volume: Volume
    quality: Mapping[str, QualityPlan]


def _per_level(r: Reader, name: str, lo: float, hi: float) -> tuple[float, ...]:
    return r.numbers(name, lo, hi, len(LEVELS))


def read_running(r: Reader) -> Running:
    """[running]: run weeks, volume, the long run and quality (RUN rules)."""
    share_r = r.sub("long_share")
    long_share = {n: share_r.number(str(n), 0.1, 0.6) for n in range(3, 8)}
    taper_r = r.sub("taper_weeks")
    taper_weeks = {k: taper_r.integer(k, 0, 3) for k in RACE_KEYS[:-1]}
    v = r.sub("volume")
    q = r.sub("quality")
    quality: dict[str, QualityPlan] = {}
    for p in PHASES:
        qp = q.sub(p)
        types = qp.raw("types")
        if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
            raise MethodologyError(qp.key("types"), types, "is not a list of run types")
        counts = qp.integers("count", 0, 4, len(LEVELS))
        if max(counts) > len(types):
            raise MethodologyError(qp.key("types"), types, "has fewer types than sessions")
        quality[p] = QualityPlan(counts, tuple(types))
    days = r.integers("preferred_quality_days", 0, 6)
    return Running(
        run_days=r.integers("run_days", 1, 7, len(LEVELS)),
        long_share=long_share,
        long_run=_long_run(r.sub("long_run")),
        taper_weeks=taper_weeks,
        quality_minutes=r.integers("quality_minutes", 20, 180, len(LEVELS)),
        quality_growth=r.number("quality_growth", 0.0, 0.3),
        quality_growth_max=r.number("quality_growth_max", 0.0, 1.0),
        recovery_minutes=r.integer("recovery_minutes", 10, 90),
        min_run_minutes=r.integer("min_run_minutes", 10, 60),
        round_to=r.integer("round_to", 1, 15),
        easy_weight_before_long=r.number("easy_weight_before_long", 0.3, 1.0),
        easy_weight_with_strength=r.number("easy_weight_with_strength", 0.3, 1.0),
        easy_max_share=r.number("easy_max_share", 0.1, 0.5),
        max_hard_share=r.number("max_hard_share", 0.1, 0.5),
        preferred_quality_days=days,
        race_prediction=_race_prediction(r.sub("race_prediction")),
        volume=Volume(
            peak=_per_level(v, "peak", 1.0, 3.0),
            build_step=v.number("build_step", 1.0, 1.2),
            deload=v.number("deload", 0.4, 1.0),
            general_cap=v.number("general_cap", 0.5, 2.0),
            offseason=v.number("offseason", 0.3, 1.0),
            offseason_floor=v.number("offseason_floor", 0.3, 1.0),
            taper=v.numbers("taper", 0.1, 1.0),
            race_week=v.number("race_week", 0.1, 1.0),
            two_week_rise_max=v.number("two_week_rise_max", 1.0, 1.3),
            week_rise_max=v.number("week_rise_max", 1.0, 1.1),
            single_run_spike=v.number("single_run_spike", 1.0, 1.1),
            resume_below=v.number("resume_below", 0.1, 1.0),
            resume_floor=v.number("resume_floor", 0.1, 1.0),
        ),
        quality=quality,
    )


def _long_run(r: Reader) -> LongRun:
    """[running.long_run] (RUN-9)."""
    weeks_out = r.integers("peak_weeks_out", 1, 8, 2)
    if weeks_out[0] > weeks_out[1]:
        raise MethodologyError(
            r.key("peak_weeks_out"), list(weeks_out), "is not [nearest, furthest]"
        )
    peak = r.sub("peak")
    max_share = r.number("max_share", 0.2, 0.6)
    few = r.number("few_runs_share", max_share, 0.6) if r.has("few_runs_share") else max_share
    return LongRun(
        max_share=max_share,
        few_runs_share=few,
        share_floor_minutes=r.integer("share_floor_minutes", 20, 180),
        peak_weeks_out=(weeks_out[0], weeks_out[1]),
        ramp_growth=r.number("ramp_growth", 1.0, 1.1),
        deload=r.number("deload", 0.4, 1.0),
        taper=r.numbers("taper", 0.3, 1.0),
        hold=r.number("hold", 0.5, 1.0),
        ultra_long_km=r.number("ultra_long_km", 42.2, 500.0),
        ultra_long_minutes=r.integer("ultra_long_minutes", 60, 600),
        back_to_back=r.number("back_to_back", 0.0, 1.0),
        peak={k: peak.integers(k, 20, 600, len(LEVELS)) for k in RACE_KEYS},
    )


def _race_prediction(r: Reader) -> RacePrediction:
    """[running.race_prediction]: the RUN-10 model for ultra, trail and hilly races."""
    return RacePrediction(
        riegel_exponent=r.number("riegel_exponent", 1.0, 1.2),
        climb_km_per_100m=r.number("climb_km_per_100m", 0.0, 2.0),
        trail_factor=r.number("trail_factor", 1.0, 1.5),
    )
