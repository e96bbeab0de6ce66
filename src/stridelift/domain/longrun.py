"""The long run's curve through a block (RUN-9) and the ultra's back-to-back day."""

from __future__ import annotations

from stridelift.domain.athlete import Race
from stridelift.domain.methodology import Methodology, per_level
from stridelift.domain.running.spec import round_to
from stridelift.domain.season import WeekFrame

# Phases of a block in which the long run follows the curve toward its peak (RUN-9).
CURVE_PHASES = frozenset({"base", "strength", "race_specific", "taper"})
# Ultra blocks run back-to-back weekend days in these phases, outside deload weeks (Koop).
BACK_TO_BACK_PHASES = frozenset({"strength", "race_specific"})


def long_peak_minutes(race: Race | None, level: str, m: Methodology) -> float:
    """The long run's peak for a target race, by distance and level (RUN-9)."""
    lr = m.running.long_run
    key = race.distance if race is not None else "none"
    peak = per_level(lr.peak.get(key, lr.peak["none"]), level)
    if race is not None and race.distance == "ultra" and race.distance_km >= lr.ultra_long_km:
        peak = max(peak, lr.ultra_long_minutes)  # at least 4 h from 60 km up
    return float(peak)


def long_run_minutes(
    frame: WeekFrame,
    level: str,
    m: Methodology,
    target: float,
    share: float,
    peak_week: float,
    day_minutes: float = float("inf"),
    longest_recent: float = float("inf"),
    peak_long: float = 0.0,
    most_share: float = 0.0,
) -> float:
    """This week's long run before rounding: the block's curve, within the week (RUN-9).

    Outside a block the long run is its share of the week, up to the no-race peak. Inside
    one it ramps up to the race distance's peak, reached ``peak_weeks_out`` weeks before
    the race, and comes down in the last two weeks; it is never more than ``max_share`` of
    the week once it is longer than ``share_floor_minutes`` (Daniels). ``peak_week``: the
    block's biggest week so far, which the taper's long runs come down from;
    ``day_minutes``: what the long run's day holds, so the taper comes down from the peak
    the athlete can run, not from one the day cannot hold; ``most_share``: the share of
    the week its runs let the long run take (0: ``max_share``; a week of three runs or
    fewer may take more), not in a deload week, whose long run steps back.
    """
    lr = m.running.long_run
    by_share = share * max(target, 0.0)
    most = most_share if most_share and not frame.deload else lr.max_share
    cap = max(most * max(target, 0.0), float(lr.share_floor_minutes))
    k = frame.weeks_to_race
    if frame.target is None or k is None or frame.phase not in CURVE_PHASES:
        return min(by_share, long_peak_minutes(None, level, m), cap)
    peak = min(long_peak_minutes(frame.target, level, m), day_minutes)
    near, far = lr.peak_weeks_out
    if k < near:
        # Down from what the peak weeks held: a little while the running volume holds
        # (RUN-12), then by the taper's own factors.
        peak_cap = max(lr.max_share * max(peak_week, target), float(lr.share_floor_minutes))
        tapering = k <= taper_weeks(frame, m)
        factor = lr.taper[max(len(lr.taper) - k, 0)] if tapering else lr.hold
        # Never more than the week's usual share: a plan begun in the taper has no peak.
        # ...and from what the block ran: a block that never reached its peak comes down
        # from its own longest run of the last 30 days.
        down = min(min(peak_cap, peak, longest_recent) * factor, by_share)
        # ...and below the peak weeks' long run once rounded: a long run the week's share
        # held to the peak's length would otherwise round back up to it.
        step = m.running.round_to
        if peak_long > step and round_to(down, step) >= peak_long:
            down = min(down, peak_long - step)
        return down
    ramp = peak if k <= far else peak / lr.ramp_growth ** (k - far)
    if frame.deload:
        # A deload week steps back (PROG-4): its share of the smaller week, or the ramp's
        # step back where the ramp is the longer (a share of the usual week's long run
        # would step back twice); never past the long runs of the last 30 days.
        ramp *= lr.deload
    # Far from the race the ramp may sit below the athlete's usual long run: keep that.
    want = min(max(ramp, min(by_share, peak)), cap, peak)
    return min(want, longest_recent) if frame.deload else want


def taper_weeks(frame: WeekFrame, m: Methodology) -> int:
    """Weeks of running taper before the race week, by the target race's distance (RUN-12)."""
    if frame.target is None:
        return len(m.running.volume.taper)
    return m.running.taper_weeks.get(frame.target.distance, len(m.running.volume.taper))


def back_to_back_day(frame: WeekFrame, long_day: int, run_days: tuple[int, ...]) -> int | None:
    """The weekend day beside the long run that takes the back-to-back run, if any."""
    race = frame.target
    if race is None or race.distance != "ultra" or frame.deload:
        return None
    if frame.phase not in BACK_TO_BACK_PHASES:
        return None
    for day in (long_day + 1, long_day - 1):
        if day in (5, 6) and day in run_days:
            return day
    return None
