"""The week's running minutes: the volume model and its memory from week to week (RUN-2, RUN-4)."""

from __future__ import annotations

from dataclasses import dataclass, field

from stridelift.domain.athlete import Athlete
from stridelift.domain.longrun import taper_weeks
from stridelift.domain.methodology import Methodology, per_level
from stridelift.domain.recovery import recovery_share
from stridelift.domain.running.spec import BUILD_PHASES
from stridelift.domain.season import WeekFrame


@dataclass(slots=True)
class VolumeState:
    """What the volume model remembers from week to week."""

    base_minutes: float
    level: float
    peak: float
    history: list[float] = field(default_factory=list)


def week_target(
    frame: WeekFrame,
    athlete: Athlete,
    m: Methodology,
    state: VolumeState,
    first: bool,
    hold: bool,
) -> tuple[float, list[str]]:
    """This week's running minutes by phase, smoothed against the weeks before (RUN-2, RUN-4).

    Args:
        first: the plan's first week starts at the athlete's current volume.
        hold: new to strength (ADAPT-2): add no mileage in the first weeks.
    """
    v = m.running.volume
    base = state.base_minutes
    peak = base * per_level(v.peak, athlete.level)
    why: list[str] = []
    grow = 1.0 if first or hold else v.build_step
    p = frame.phase
    if p in BUILD_PHASES and not (first or hold or frame.deload) and 0 < state.level < base:
        # RUN-8: back to the usual volume after an off-season or recovery, at RUN-2's
        # fastest rate, before the block builds on it.
        grow = max(grow, min(v.week_rise_max, base / state.level))
        why.append("RUN-8")
    running_taper = taper_weeks(frame, m)
    if p in BUILD_PHASES:
        cap = {"general": base * v.general_cap, "base": (base + peak) / 2}.get(p, peak)
        if frame.deload:
            target = state.level * v.deload
        else:
            state.level = min(state.level * grow, max(cap, base))
            target = state.level
        why.append("RUN-2")
        if hold and not first:
            why.append("ADAPT-2")
    elif p == "offseason":
        # SEASON-4 (RUN-8): 20-40% down, a deload week included.
        factor = max(v.offseason * (v.deload if frame.deload else 1.0), v.offseason_floor)
        target = base * factor
        state.level = base * v.offseason
        why.append("SEASON-4")
    elif p == "taper" and (frame.weeks_to_race or 0) > running_taper:
        # RUN-12: strength tapers here (S0), running holds its volume until its own taper.
        target = state.level
        why.append("RUN-12")
    elif p == "taper":
        factors = v.taper[-running_taper:] if running_taper <= len(v.taper) else v.taper
        k = min(running_taper - (frame.weeks_to_race or 1), len(factors) - 1)
        target = state.peak * factors[max(k, 0)]
        why.extend(("RUN-4", "RUN-12"))
    elif p == "race_week":
        target = state.peak * v.race_week
        why.append("RUN-4")
    else:  # recovery: the share of the usual volume follows the race's distance (RUN-13)
        target = base * recovery_share(frame, m.race_recovery, athlete.races)
        state.level = target
        why.extend(("SEASON-1", "RUN-13"))
    # Never more than a modest rise over recent weeks (Nielsen 2014; RUN-2).
    hist = state.history
    if len(hist) >= 2:
        target = min(target, hist[-2] * v.two_week_rise_max)
    if hist:
        target = min(target, max(hist[-4:]) * v.week_rise_max)
    if p in ("general", "base", "strength", "race_specific") and not frame.deload:
        state.level = min(state.level, target)
    return target, why
