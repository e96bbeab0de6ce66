"""A race block's running to coach standard: volume baseline (RUN-8), the long run's
curve (RUN-9) and the taper's length by distance (RUN-12)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from typing import Any

from stridelift.domain.rules.blocks import (
    LONG_SHARE_FLOOR,
    LONG_SHARE_MAX,
    PEAK_WEEKS_OUT,
    TWO_RUNS_SHARE,
    Block,
    BlockWeek,
    back_to_back_missing,
    blocks,
    most_built,
    spike_capped,
    taper_days,
    taper_weeks,
    whole_week,
)
from stridelift.domain.rules.registry import Violation, rule
from stridelift.domain.rules.view import PlanView

# RUN-8: a block's peak reaches the usual volume (a step of slack); the off-season holds
# 60-80% of it (SEASON-4's 20-40% cut).
BLOCK_REACHES = 0.90
OFFSEASON_BAND = (0.60, 0.80)
STEP = 5  # runs come in 5-minute steps
# Weeks of under two shortest (20-minute) runs hold one run at most: no volume to judge.
SMALLEST_JUDGED = 40
# RUN-12: a block whose biggest week is under about six short runs swings by a whole run
# (a third of the week) from one week to the next; its taper is not judged by volume.
SMALLEST_HELD = 150
# RUN-12: running holds at least 80% of the block's recent weeks (the more of the last two
# build weeks) until its own taper (less than half of a taper's 40-60% cut: a long run
# eased for the race and the easy runs' caps may move a week that much), and a taper week
# is below 90% of the block's peak.
HOLD_SHARE = 0.80
TAPER_BELOW = 0.90
WHOLE_RUN = 30  # a short run and a step: what one run fewer takes from a small week


def _blocks(view: PlanView) -> list[Block]:
    return list(blocks(view.weeks(), view.races(), str(view.doc.get("today") or "")))


def _usual(view: PlanView) -> float:
    return float(view.athlete.get("weekly_run_minutes", 0) or 0)


@rule(
    "RUN-8",
    "A block starts from the athlete's usual volume, never from the off-season's; the "
    "off-season cut stays within 20-40%.",
    excusable=True,
)
def _run8(view: PlanView) -> Iterator[Violation]:
    usual = _usual(view)
    if usual < SMALLEST_JUDGED:
        return
    today = str(view.doc.get("today") or "")
    lo, hi = OFFSEASON_BAND
    for w in view.weeks():
        if w.get("phase") != "offseason" or not whole_week(w, today) or spike_capped(w):
            continue
        t = view.run_minutes(w, races=False, done=False)
        if t < lo * usual - STEP or t > hi * usual + STEP:
            yield Violation(
                "RUN-8",
                f"off-season week of {t} min is not 60-80% of the usual {usual:g}",
                week=int(w["index"]),
            )
    for b in _blocks(view):
        build = b.build_weeks()
        if not build:
            continue
        top = max(x.minutes for x in build)
        if top < BLOCK_REACHES * usual - STEP:
            yield Violation(
                "RUN-8",
                f"the block for {b.race.get('name')} peaks at {top} min, under the usual {usual:g}",
                week=int(build[-1].week["index"]),
            )


@rule(
    "RUN-9",
    "The long run builds to its distance's peak 3-5 weeks out, within about a third of the "
    "week (of a two-run week, up to three times the other run), comes down in the taper; "
    "ultras run back-to-back weekend days.",
    excusable=True,
)
def _run9(view: PlanView) -> Iterator[Violation]:
    today = str(view.doc.get("today") or "")
    for w in view.weeks():
        if not whole_week(w, today) or spike_capped(w):
            continue  # part of the week is past: its total is not the week's
        _, longest = _week_long(view, w)
        # A B race is its week's running too (its long effort, SEASON-5).
        total = view.run_minutes(w, races=True, done=False)
        share = TWO_RUNS_SHARE if _training_runs(view, w) <= 2 else LONG_SHARE_MAX
        if longest > max(share * total, LONG_SHARE_FLOOR) + STEP:
            yield Violation(
                "RUN-9", f"a {longest}-min long run in a {total}-min week", week=int(w["index"])
            )
    before = view.long_runs_before()
    for b in _blocks(view):
        yield from _long_curve(b, _peak_long_before(b, before))
        for x in back_to_back_missing(b):
            yield Violation(
                "RUN-9", "an ultra week without its back-to-back day", week=int(x.week["index"])
            )


def _training_runs(view: PlanView, w: Mapping[str, Any]) -> int:
    """How many runs the week plans, races aside."""
    return sum(1 for d in view.week_days(w) for r in d.runs() if r.get("run_type") != "race")


def _week_long(view: PlanView, w: Mapping[str, Any]) -> tuple[int, int]:
    """How many long runs the week plans, and the longest."""
    longs = [
        int(r.get("minutes") or 0)
        for d in view.week_days(w)
        for r in d.runs()
        if r.get("run_type") == "long"
    ]
    return (len(longs), max(longs, default=0))


def holds_race(week: Mapping[str, Any]) -> bool:
    """Whether a week holds a race (a B race is that week's long effort, SEASON-5)."""
    return any(s.get("run_type") == "race" for d in week["days"] for s in d["sessions"])


def _peak_long_before(b: Block, before: list[tuple[date, int]]) -> int:
    """The longest long run a continued plan's block ran in its peak weeks (3-5 weeks out)
    before the plan's first week (0: none)."""
    race_day = date.fromisoformat(str(b.race.get("date")))
    lo_out, hi_out = PEAK_WEEKS_OUT
    race_monday = race_day - timedelta(days=race_day.weekday())
    return max(
        (
            m
            for d, m in before
            if lo_out <= (race_monday - (d - timedelta(days=d.weekday()))).days // 7 <= hi_out
        ),
        default=0,
    )


def _long_curve(b: Block, peak_before: int = 0) -> Iterator[Violation]:
    """The peak's size and timing, and the taper's long runs, for one block. A week that
    holds a B race has that race as its long effort (SEASON-5): the curve skips it.
    ``peak_before``: the block's peak-week long run before a continued plan's first week."""
    weeks = [x for x in b.weeks if not holds_race(x.week)]
    lo_out, hi_out = PEAK_WEEKS_OUT
    window = [x for x in weeks if lo_out <= x.weeks_out <= hi_out]
    rng = b.long_range()
    if not window or rng is None:
        return
    top = max(x.long_minutes for x in weeks)
    if top <= SMALLEST_JUDGED:
        return  # a long run of 40 minutes or less has no curve to judge
    name = b.race.get("name")
    last = min(window, key=lambda x: x.weeks_out)
    if top < rng[0] - 2:
        yield Violation(
            "RUN-9",
            f"the longest run before {name} is {top} min, short of {rng[0]}-{rng[1]}",
            week=int(last.week["index"]),
        )
    if top < LONG_SHARE_FLOOR:
        return  # under an hour, 5-minute steps are the curve's noise: no timing to judge
    # A deload week steps back (PROG-4): the peak is judged on the window's other weeks.
    # A week without a long run (a B race on its day) says nothing about the peak's timing.
    held = [x.long_minutes for x in window if not x.week.get("deload") and x.long_minutes]
    held += [peak_before] if peak_before else []
    if not held:
        return
    at_peak = max(held)
    if top > rng[1] + STEP:
        yield Violation(
            "RUN-9", f"a {top}-min long run before {name}", week=int(last.week["index"])
        )
    if at_peak < top - STEP:
        early = next(x for x in weeks if x.long_minutes == top)
        when = f"{early.weeks_out} weeks before {name}"
        if early in window:  # a deload week's long run the longest: the peak weeks fell short
            when = f"in a deload week {when}"
        yield Violation(
            "RUN-9",
            f"the long run peaks at {top} min {when}; the peak weeks (3-5 out) hold {at_peak}",
            week=int(early.week["index"]),
        )
    nearest = min(x.weeks_out for x in window)
    for x in weeks:
        # A long run of the shortest run's length (20 min) has nowhere to come down to.
        if 0 < x.weeks_out < nearest and x.long_minutes >= at_peak > SMALLEST_JUDGED // 2:
            yield Violation(
                "RUN-9", "the long run does not come down in the taper", week=int(x.week["index"])
            )


def _held_volume(build: list[BlockWeek], week: BlockWeek, peak: int) -> int:
    """The running a taper-phase week before its own taper holds: the more of the last two
    build weeks before it (deloads aside), else the block's peak."""
    prior = [b.minutes for b in build if b.weeks_out > week.weeks_out and not b.week.get("deload")]
    return max(prior[-2:], default=peak)


@rule(
    "RUN-12",
    "Taper by distance: about 7-10 days for 5K and 10K, 10-14 for the half, 2-3 weeks for "
    "the marathon and ultra; running holds its volume until then.",
)
def _run12(view: PlanView) -> Iterator[Violation]:
    for b in _blocks(view):
        t = taper_weeks(float(b.race.get("distance_km") or 0), b.race.get("distance"))
        build = b.build_weeks()
        # A block the plan holds no training week of (compressed to its taper, or a plan
        # begun there) has no volume of its own to hold.
        peak = max((x.minutes for x in build), default=0)
        if b.weeks and b.weeks[0].week.get("index") == 1:
            peak = max(peak, view.peak_before())  # a block begun before a continued plan
        if peak < SMALLEST_HELD:
            continue
        race_day = date.fromisoformat(str(b.race.get("date")))
        ran_most = most_built(view.weeks(), b.race)  # the taper comes down from it
        for x in b.weeks:
            if x.week.get("phase") != "taper" or x.capped:
                continue
            # A week whose last days fall inside the longest taper the distance allows
            # (a race early in its week) may begin to taper.
            sunday = date.fromisoformat(str(x.week["start"])) + timedelta(days=6)
            before_taper = (race_day - sunday).days >= taper_days(
                float(b.race.get("distance_km") or 0), b.race.get("distance")
            )
            # A week of a few short runs may also lose one whole run (WHOLE_RUN minutes).
            held = _held_volume(build, x, peak)
            hold = min(HOLD_SHARE * held, held - WHOLE_RUN)
            # A B race is its week's running too (its long effort, SEASON-5).
            ran = view.run_minutes(x.week, races=True, done=False)
            # A week whose days could not hold all its runs says so (RUN-12 among the
            # notice's rules): it holds what they can.
            short = view.excused("RUN-12", int(x.week["index"]))
            if before_taper and ran < hold - STEP and not short:
                yield Violation(
                    "RUN-12",
                    f"running drops to {ran} min {x.weeks_out} weeks before a "
                    f"{b.distance} (its taper is {t} week(s) before race week)",
                    week=int(x.week["index"]),
                )
            if 0 < x.weeks_out <= t and x.minutes > TAPER_BELOW * max(peak, ran_most) + STEP:
                yield Violation(
                    "RUN-12",
                    f"no taper {x.weeks_out} week(s) before a {b.distance}: {x.minutes} of "
                    f"a {peak}-min peak",
                    week=int(x.week["index"]),
                )
