"""The methodology's thresholds for reading the history ([adapt]): ADAPT, LOAD, pain."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from stridelift.domain.athlete import UNITS
from stridelift.domain.errors import MISSING, MethodologyError
from stridelift.domain.methodology.reader import Reader, checked_number


@dataclass(frozen=True, slots=True)
class LoadLadder:
    """The loads one kind of equipment allows, in the athlete's unit (kg or lb).

    Each tier is (from, step): from that load upward, loads go up by ``step`` until the
    next tier begins. The first tier's ``from`` is the lightest load there is.
    """

    tiers: tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class LoadSettings:
    """LOAD-1..3 numbers, and the load steps each kind of equipment allows ([adapt.loads])."""

    lookback_days: int
    technique_cut_pct: float
    easy_rir: int
    easy_rpe: float
    rir_cap: int
    steps: Mapping[str, Mapping[str, LoadLadder]]  # kind -> units -> ladder; "default" too


@dataclass(frozen=True, slots=True)
class TooMuchSettings:
    """ADAPT-1: when check-ins and runs say the athlete is doing too much, and the cut."""

    window_days: int
    last_checkins: int
    flagged_needed: int
    fatigue_at_least: int
    soreness_at_least: int
    low_mood_at_most: int
    streak_ends_after: int
    easy_run_rpe_rise: float
    easy_pace_drop_pct: float
    run_recent_days: int
    run_baseline_days: int
    run_min_runs: int
    similar_minutes_pct: float
    severe_days: int
    strength_sets_factor: float
    strength_rpe_drop: int
    running_factor: float
    downshift_weeks: int
    severe_downshift_weeks: int


@dataclass(frozen=True, slots=True)
class PainSettings:
    """ADAPT-5 guardrails and ADAPT-6 referral thresholds."""

    recent_days: int
    sharpen_rise: int
    stop_at: int
    noticeable: int
    asymmetry_days: int
    asymmetry_factor: float
    lower_body_areas: tuple[str, ...]
    sharp: int
    persistent_days: int
    worsening_reports: int
    fatigue_referral_days: int
    poor_sleep_hours: float
    cycle_days: int
    cycle_words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AdaptSettings:
    """Every threshold ``domain.adapt`` uses to read the history ([adapt])."""

    acwr_soften_above: float
    soften_factor: float
    acwr_min_history_days: int
    longest_run_days: int
    recent_weeks: int
    new_strength_weeks: int
    new_strength_prior_days: int
    new_strength_few_sessions: int
    too_much: TooMuchSettings
    pain: PainSettings
    loads: LoadSettings


def _words(r: Reader, name: str) -> tuple[str, ...]:
    value = r.raw(name)
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise MethodologyError(r.key(name), value, "is not a list of words")
    return tuple(str(v).casefold() for v in value)


def _ladder(r: Reader, units: str) -> LoadLadder:
    raw = r.raw(units)
    tiers: list[tuple[float, float]] = []
    if not isinstance(raw, list) or not raw:
        raise MethodologyError(r.key(units), raw, "is not a list of [from, step] pairs")
    for i, pair in enumerate(raw, 1):
        key = f"{r.key(units)}[{i}]"
        if not isinstance(pair, list) or len(pair) != 2:
            raise MethodologyError(key, pair, "is not a [from, step] pair")
        start, step = (
            checked_number(key, pair[0], 0.0, 1000.0),
            checked_number(key, pair[1], 0.1, 100.0),
        )
        if tiers and start <= tiers[-1][0]:
            raise MethodologyError(key, pair, "does not start above the tier before it")
        tiers.append((start, step))
    if tiers[0][0] <= 0.0:
        tiers[0] = (tiers[0][1], tiers[0][1])  # a ladder from 0 starts at its first step
    return LoadLadder(tuple(tiers))


def _load_settings(r: Reader) -> LoadSettings:
    steps_r = r.sub("steps")
    steps: dict[str, dict[str, LoadLadder]] = {}
    for kind in steps_r.names():
        kr = steps_r.sub(kind)
        steps[kind] = {u: _ladder(kr, u) for u in UNITS}
    if "default" not in steps:
        raise MethodologyError(steps_r.key("default"), MISSING, "is required")
    return LoadSettings(
        lookback_days=r.integer("lookback_days", 7, 365),
        technique_cut_pct=r.number("technique_cut_pct", 2.5, 30.0),
        easy_rir=r.integer("easy_rir", 2, 10),
        easy_rpe=r.number("easy_rpe", 1.0, 8.0),
        rir_cap=r.integer("rir_cap", 0, 10),
        steps=steps,
    )


def _too_much(r: Reader) -> TooMuchSettings:
    last = r.integer("last_checkins", 1, 30)
    return TooMuchSettings(
        window_days=r.integer("window_days", 1, 60),
        last_checkins=last,
        flagged_needed=r.integer("flagged_needed", 1, last),
        fatigue_at_least=r.integer("fatigue_at_least", 1, 10),
        soreness_at_least=r.integer("soreness_at_least", 1, 10),
        low_mood_at_most=r.integer("low_mood_at_most", 1, 10),
        streak_ends_after=r.integer("streak_ends_after", 1, 10),
        easy_run_rpe_rise=r.number("easy_run_rpe_rise", 0.5, 5.0),
        easy_pace_drop_pct=r.number("easy_pace_drop_pct", 1.0, 30.0),
        run_recent_days=r.integer("run_recent_days", 3, 60),
        run_baseline_days=r.integer("run_baseline_days", 7, 120),
        run_min_runs=r.integer("run_min_runs", 1, 10),
        similar_minutes_pct=r.number("similar_minutes_pct", 0.0, 50.0),
        severe_days=r.integer("severe_days", 2, 90),
        strength_sets_factor=r.number("strength_sets_factor", 0.3, 1.0),
        strength_rpe_drop=r.integer("strength_rpe_drop", 0, 3),
        running_factor=r.number("running_factor", 0.5, 1.0),
        downshift_weeks=r.integer("downshift_weeks", 1, 4),
        severe_downshift_weeks=r.integer("severe_downshift_weeks", 1, 4),
    )


def _pain(r: Reader) -> PainSettings:
    return PainSettings(
        recent_days=r.integer("recent_days", 1, 60),
        sharpen_rise=r.integer("sharpen_rise", 1, 10),
        stop_at=r.integer("stop_at", 1, 10),
        noticeable=r.integer("noticeable", 1, 10),
        asymmetry_days=r.integer("asymmetry_days", 2, 30),
        asymmetry_factor=r.number("asymmetry_factor", 0.5, 1.0),
        lower_body_areas=_words(r, "lower_body_areas"),
        sharp=r.integer("sharp", 1, 10),
        persistent_days=r.integer("persistent_days", 2, 30),
        worsening_reports=r.integer("worsening_reports", 2, 10),
        fatigue_referral_days=r.integer("fatigue_referral_days", 2, 120),
        poor_sleep_hours=r.number("poor_sleep_hours", 3.0, 9.0),
        cycle_days=r.integer("cycle_days", 7, 120),
        cycle_words=_words(r, "cycle_words"),
    )


def read_adapt(r: Reader) -> AdaptSettings:
    """[adapt]: how the history is read (ADAPT-1..6, LOAD-1..3, RUN-3, RUN-6)."""
    fresh = r.sub("new_strength")
    return AdaptSettings(
        acwr_soften_above=r.number("acwr_soften_above", 1.0, 3.0),
        soften_factor=r.number("soften_factor", 0.5, 1.0),
        acwr_min_history_days=r.integer("acwr_min_history_days", 28, 365),
        longest_run_days=r.integer("longest_run_days", 7, 90),
        recent_weeks=r.integer("recent_weeks", 1, 12),
        new_strength_weeks=fresh.integer("weeks", 1, 6),
        new_strength_prior_days=fresh.integer("prior_log_days", 0, 120),
        new_strength_few_sessions=fresh.integer("few_sessions", 0, 30),
        too_much=_too_much(r.sub("too_much")),
        pain=_pain(r.sub("pain")),
        loads=_load_settings(r.sub("loads")),
    )
