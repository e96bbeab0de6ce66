"""The running side of a week: volume, long run, quality sessions and easy minutes (RUN)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from stridelift.domain.athlete import Athlete, Race
from stridelift.domain.longrun import back_to_back_day, long_run_minutes, taper_weeks
from stridelift.domain.methodology import Methodology, per_level
from stridelift.domain.recovery import (
    NO_RECOVERY,
    WeekRecovery,
    quality_room,
    recovery_runs,
    recovery_share,
)
from stridelift.domain.season import Notice, WeekFrame

HARD_TYPES = frozenset({"quality", "intervals", "tempo", "race_pace"})  # quality running
KEY_RUN_TYPES = HARD_TYPES | {"long", "race"}
BUILD_PHASES = frozenset({"general", "base", "strength", "race_specific"})  # volume builds
SHAKEOUT_MINUTES = 20  # the easy run on the eve of a race (RUN-4)


@dataclass(frozen=True, slots=True)
class RunSpec:
    """A run to be placed in the week: its type, length and any fixed day."""

    run_type: str
    minutes: int
    fixed_day: int | None = None
    race: Race | None = None
    reasons: tuple[str, ...] = ()
    note: str = ""
    window: tuple[int, ...] = ()  # the days it may go on (empty: any run day)
    back_to_back: bool = False  # RUN-9: an ultra's second weekend day, sized on its own

    @property
    def key(self) -> bool:
        """Key runs are the ones lifting must never spoil (PLACE-1)."""
        return self.run_type in KEY_RUN_TYPES


@dataclass(slots=True)
class VolumeState:
    """What the volume model remembers from week to week."""

    base_minutes: float
    level: float
    peak: float
    history: list[float] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RunWeek:
    """The runs of one week before placement, and the volume they add up to."""

    target_minutes: int
    runs: tuple[RunSpec, ...]
    cross_minutes: int
    notices: tuple[Notice, ...]
    reasons: tuple[str, ...]


def round_to(value: float, step: int) -> int:
    """Round to the nearest multiple of ``step`` (half away from zero)."""
    return int(step * int(value / step + 0.5))


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
        target = base * recovery_share(frame, m.race_recovery)
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


def _quality_types(frame: WeekFrame, athlete: Athlete, m: Methodology) -> list[str]:
    plan = m.running.quality[frame.phase]
    count = int(per_level(plan.count, athlete.level))
    if frame.deload:
        count = min(count, 1)
    if any(r.priority == "B" for r in frame.races):
        count = max(count - 1, 0)
    return list(plan.types[:count])


def run_week(
    frame: WeekFrame,
    athlete: Athlete,
    m: Methodology,
    target: float,
    run_days_available: Sequence[int],
    race_time_s: dict[date, float],
    soften_quality: bool,
    race_next_monday: bool = False,
    day_minutes: Sequence[int] = (),
    peak_minutes: float = 0.0,
    recovery: WeekRecovery = NO_RECOVERY,
) -> RunWeek:
    """Decide the week's runs (type and minutes) before they are placed on days.

    Args:
        race_next_monday: a race falls on the Monday after this week, so Sunday is its eve.
        day_minutes: minutes free on each weekday; runs are sized to fit them.
        peak_minutes: the block's peak week so far; the taper's long runs come down from it.
        recovery: the days races before this week keep free (RUN-13).
    """
    r = m.running
    lvl = athlete.level
    notices: list[Notice] = []
    reasons = ["RUN-1"]
    runs: list[RunSpec] = []
    run_days_usual = run_days_available
    run_days_available = [d for d in run_days_available if recovery.may_run(d)]  # RUN-13
    n = min(int(per_level(r.run_days, lvl)), len(run_days_available))
    cross = 0
    if frame.phase == "recovery":
        n = recovery_runs(n, recovery_share(frame, m.race_recovery))  # RUN-13
    races_here = [x for x in frame.races if x.date >= frame.start]
    race_days = {(x.date - frame.start).days for x in races_here}
    for race in races_here:
        day = (race.date - frame.start).days
        minutes = round(race_time_s.get(race.date, 60 * 60) / 60)
        runs.append(
            RunSpec(
                "race",
                minutes,
                fixed_day=day,
                race=race,
                reasons=("SEASON-1" if race.priority == "A" else "SEASON-5",),
                note=f"{race.name} ({race.distance_km:g} km)",
            )
        )
    eves = {d - 1 for d in race_days if d > 0} | ({6} if race_next_monday else set())
    shakeout_room = target
    for day in sorted((eves - race_days) & set(run_days_available)):
        if shakeout_room < SHAKEOUT_MINUTES:
            break  # a week this small keeps its minutes for the race
        shakeout_room -= SHAKEOUT_MINUTES
        runs.append(
            RunSpec(
                "shakeout",
                SHAKEOUT_MINUTES,
                fixed_day=day,
                reasons=("RUN-4",),
                note=f"{SHAKEOUT_MINUTES} easy minutes with a few strides, the day before the race",
            )
        )
    a_race_week = frame.phase == "race_week"
    before_race: tuple[int, ...] = ()
    if a_race_week:
        # The goal race ends the block: the week's other runs come before it (the days
        # after it are rest; recovery weeks follow), none on the eve (the shakeout's day).
        race_day = min(race_days) if race_days else 7
        before_race = tuple(d for d in run_days_available if d < race_day - 1)
        n = min(n, len(before_race) + len(runs))
        # RUN-4: keep some intensity: one short race-pace session early in the week, where
        # the week's minutes leave room for it.
        qm = max(round_to(per_level(r.quality_minutes, lvl) * 0.6, r.round_to), r.min_run_minutes)
        room = target - sum(x.minutes for x in runs if x.run_type != "race")
        reminder_days = tuple(d for d in before_race if d not in recovery.no_quality)  # RUN-13
        if race_day >= 4 and reminder_days and room >= qm:
            runs.append(
                RunSpec(
                    "race_pace",
                    qm,
                    reasons=("RUN-4",),
                    note="short race-pace reminder, early in race week",
                    window=reminder_days,
                )
            )
    long_day = athlete.long_run_day
    near = race_days | ({7} if race_next_monday else set())
    blocked_long = any(abs(d - long_day) <= 1 for d in near) or a_race_week
    blocked_long = blocked_long or not recovery.may_run(long_day)  # RUN-13: a rest day
    light_week = frame.phase in ("recovery",)
    fixed_minutes = sum(x.minutes for x in runs if x.run_type != "race")
    budget = target - fixed_minutes
    if not a_race_week:
        # A race inside a training week is that week's long effort: it takes its minutes
        # out of the budget instead of pushing them onto the easy runs.
        budget -= sum(x.minutes for x in runs if x.run_type == "race")
    quality = [] if light_week or a_race_week else _quality_types(frame, athlete, m)
    quality_days = recovery.quality_window(run_days_available)
    held = False  # RUN-13 took quality sessions out of this week
    if recovery.no_quality:
        # RUN-13: no quality running in the days after a race; what the other days cannot
        # hold (apart from each other and from the long run or a race) stays easy.
        keys = near | ({long_day} if not blocked_long and not light_week else set())
        room = quality_room(quality_days, keys)
        held = len(quality) > room
        quality = quality[:room]
        reasons.append("RUN-13")
    qmin = per_level(r.quality_minutes, lvl)
    if frame.phase in ("strength", "race_specific") and not frame.deload:
        # RUN-11: the session grows through its phase, so its workout can progress.
        grow = min(r.quality_growth * (frame.phase_week - 1), r.quality_growth_max)
        qmin *= 1 + grow
    if frame.deload or frame.phase == "taper":
        qmin *= 0.8
    if soften_quality:
        qmin *= 0.8
    # Quality shrinks with the week: at most 22% of it, and never over 40% in a small week.
    floor = max(float(r.min_run_minutes), min(30.0, r.max_hard_share * max(target, 1)))
    qmin = min(qmin, max(floor, 0.22 * max(target, 1)))
    has_long = not blocked_long and not light_week and budget >= r.min_run_minutes
    runs_left = n - len(runs)
    slots = runs_left
    has_recovery = (
        lvl in ("advanced", "ultra")
        and runs_left >= 6
        and has_long
        and not light_week
        and budget >= 2 * r.min_run_minutes + r.recovery_minutes  # room beside long and easy
    )
    if has_recovery:
        reasons.append("PLACE-6")
    share = r.long_share[max(3, min(7, max(runs_left, 3)))]
    long_min = 0.0
    if has_long:
        long_min = max(
            long_run_minutes(
                frame,
                lvl,
                m,
                target,
                share,
                peak_minutes,
                day_minutes[long_day] if day_minutes else float("inf"),
            ),
            r.min_run_minutes,
        )
        # RUN-9 within RUN-1: the long run leaves the week's other runs their minutes.
        others = max(runs_left - 1 - (1 if has_recovery else 0), 0)
        reserve = others * r.min_run_minutes + len(quality) * max(qmin - r.min_run_minutes, 0)
        long_min = max(min(long_min, budget - reserve), float(r.min_run_minutes))
        b2b = _back_to_back(frame, athlete, m, long_min, run_days_available, race_days | eves)
        if b2b is not None and runs_left - (1 if has_recovery else 0) >= 3:
            runs.append(b2b)  # Koop: time on feet on the next weekend day
            budget -= b2b.minutes
            fixed_minutes += b2b.minutes
            runs_left -= 1
    quality = quality[: max(runs_left - (1 if has_long else 0) - (1 if has_recovery else 0), 0)]
    while len(quality) > 1 and qmin * len(quality) > r.max_hard_share * max(target, 1.0):
        quality.pop()  # RUN-1: most running stays easy, even in a small week
    while True:
        n_easy = runs_left - len(quality) - (1 if has_long else 0) - (1 if has_recovery else 0)
        easy_total = (
            budget - long_min - qmin * len(quality) - (r.recovery_minutes if has_recovery else 0)
        )
        if n_easy > 0 and easy_total / n_easy < r.min_run_minutes:
            runs_left -= 1
            continue
        if n_easy <= 0 and easy_total < 0 and quality:
            quality.pop()
            continue
        break
    n_easy = max(n_easy, 0)
    if (
        not (has_long or quality or n_easy or a_race_week)
        and not any(x.run_type != "race" for x in runs)
        and frame.phase != "taper"
        and slots > 0
        and target >= r.min_run_minutes / 2
    ):
        n_easy = 1  # a week too small for any run gets the nearest real one, not none
    if has_long:
        # The long run keeps its day unless that day has no room for a run at all.
        roomy = not day_minutes or day_minutes[long_day] >= r.min_run_minutes
        runs.append(
            RunSpec(
                "long",
                round_to(long_min, r.round_to),
                fixed_day=long_day if roomy else None,
                reasons=("RUN-1",),
                note="steady, conversational effort",
            )
        )
    for q in quality:
        runs.append(
            RunSpec(
                q,
                max(round_to(qmin, r.round_to), r.min_run_minutes),
                reasons=("RUN-1", "ADAPT-2") if soften_quality else ("RUN-1",),
                window=quality_days,
            )
        )
    if has_recovery:
        runs.append(
            RunSpec(
                "recovery",
                r.recovery_minutes,
                reasons=("PLACE-6",),
                note="very easy; the day with nothing hard in it",
            )
        )
    easy_each = max(easy_total / n_easy, r.min_run_minutes) if n_easy else 0.0
    # The easy runs take what the rounded long and quality runs leave of the target.
    rounded = sum(x.minutes for x in runs if x.run_type not in ("race",)) - fixed_minutes
    easy_sum = max(budget - rounded, n_easy * r.min_run_minutes)
    easy_cap = max(r.easy_max_share * target, 0.75 * long_min, r.min_run_minutes)
    if light_week and n_easy:
        easy_cap = max(easy_cap, budget / n_easy)  # RUN-13: a recovery week is all easy runs
    easy_sum = min(easy_sum, n_easy * easy_cap)
    shares = split_easy_minutes(round_to(easy_sum, r.round_to), [1.0] * n_easy, r.round_to)
    for minutes in shares:
        runs.append(
            RunSpec("easy", max(minutes, r.min_run_minutes), reasons=("RUN-1",), window=before_race)
        )
    if day_minutes:
        runs, cut = fit_to_days(
            runs, run_days_available, day_minutes, r.min_run_minutes, r.round_to
        )
        if cut:
            notices.append(
                Notice(
                    "RUN-2",
                    f"the free minutes of your run days hold {cut} min less than this week's "
                    "running; the runs are shortened to fit.",
                    frame.index,
                )
            )
    runs = within_target(runs, target, r.min_run_minutes, r.round_to)
    keep_one = frame.phase in ("strength", "race_specific") and not frame.deload
    runs = mostly_easy(runs, r.min_run_minutes, r.round_to, keep_one)
    if keep_one and not any(x.run_type in HARD_TYPES for x in runs):
        kind = "speed" if frame.phase == "strength" else "race-pace"
        msg = (
            f"a {round(target)}-minute week has no room for a {kind} session beside "
            f"mostly easy running ({r.min_run_minutes}-minute runs at the least); "
            "it stays easy."
        )
        if held:
            msg = (
                f"no {kind} session this week: the days after the race keep quality running "
                "away (RUN-13), and the days left cannot hold one apart from the long run."
            )
        notices.append(Notice("RUN-1", msg, frame.index))
    if frame.phase == "offseason" and n_easy >= 2:
        # SEASON-4: one easy run's day goes to cross-training, on top of the running: the
        # other easy runs keep the week's running minutes (RUN-8: the cut stays 20-40%).
        runs = _spread_last_easy(runs, r.round_to)
        cross = round_to(easy_each, r.round_to)
        reasons.append("SEASON-4")
    if len(run_days_usual) < int(per_level(r.run_days, lvl)) and frame.phase != "recovery":
        notices.append(
            Notice(
                "RUN-1",
                f"Only {len(run_days_usual)} run day(s) available; "
                f"{lvl} runners usually run {int(per_level(r.run_days, lvl))} days.",
                frame.index,
            )
        )
    return RunWeek(
        target_minutes=round(target),
        runs=tuple(runs),
        cross_minutes=cross,
        notices=tuple(notices),
        reasons=tuple(dict.fromkeys(reasons)),
    )


def _spread_last_easy(runs: list[RunSpec], step: int) -> list[RunSpec]:
    """The runs without the last one (an easy run), its minutes shared by the other easy
    runs in whole steps, so the week's running stays the same."""
    last, rest = runs[-1], list(runs[:-1])
    easy = [i for i, x in enumerate(rest) if x.run_type == "easy" and not x.back_to_back]
    shares = split_easy_minutes(round_to(last.minutes, step), [1.0] * len(easy), step)
    for i, extra in zip(easy, shares, strict=True):
        rest[i] = replace(rest[i], minutes=rest[i].minutes + extra)
    return rest


def _back_to_back(
    frame: WeekFrame,
    athlete: Athlete,
    m: Methodology,
    long_minutes: float,
    run_days: Sequence[int],
    race_or_eve: set[int],
) -> RunSpec | None:
    """RUN-9: an ultra block's easy run on the weekend day beside the long run."""
    day = back_to_back_day(frame, athlete.long_run_day, tuple(run_days))
    r = m.running
    minutes = round_to(long_minutes * r.long_run.back_to_back, r.round_to)
    if day is None or day in race_or_eve or minutes < r.min_run_minutes:
        return None
    return RunSpec(
        "easy",
        minutes,
        fixed_day=day,
        reasons=("RUN-9",),
        note="back-to-back: easy time on feet beside the long run",
        back_to_back=True,
    )


def within_target(runs: list[RunSpec], target: float, min_run: int, step: int) -> list[RunSpec]:
    """RUN-2: rounding and minimum run lengths never add more than one step to the week.

    The longest easy run gives up a step at a time (not below ``min_run``) until the
    week's running is within one step of its target.
    """
    out = list(runs)
    limit = target + step
    while True:
        total = sum(x.minutes for x in out if x.run_type != "race")
        easy = [
            i
            for i, x in enumerate(out)
            if x.run_type in ("easy", "recovery") and x.minutes > min_run
        ]
        if total <= limit or not easy:
            return out
        i = max(easy, key=lambda k: (out[k].minutes, -k))
        out[i] = replace(out[i], minutes=max(out[i].minutes - step, min_run))


def mostly_easy(runs: list[RunSpec], min_run: int, step: int, keep_one: bool) -> list[RunSpec]:
    """RUN-1: at most half the week's running minutes hard, whatever the week's size.

    In a small week the quality runs are shortened (not below ``min_run``), then the last
    ones become easy runs; ``keep_one`` keeps one quality run (the strength phase's speed
    session, the race-specific phase's race pace) at its shortest.
    """
    out = list(runs)

    def over() -> int:
        hard = sum(x.minutes for x in out if x.run_type in HARD_TYPES)
        total = sum(x.minutes for x in out if x.run_type != "race")
        return hard - total // 2

    hard_at = [i for i, x in enumerate(out) if x.run_type in HARD_TYPES]
    for i in reversed(hard_at):
        excess = over()
        if excess <= 0:
            break
        x = out[i]
        # Shortening a hard run shrinks the total too: cut twice the excess, in whole steps.
        shorter = max(x.minutes - step * -(-2 * excess // step), min_run)
        out[i] = replace(x, minutes=shorter)
    for i in reversed(hard_at):
        if over() <= 0 or (keep_one and sum(x.run_type in HARD_TYPES for x in out) <= 1):
            break
        out[i] = replace(out[i], run_type="easy", reasons=("RUN-1",), note="")
    return out


def fit_to_days(
    runs: list[RunSpec],
    run_days: Sequence[int],
    day_minutes: Sequence[int],
    min_run: int,
    step: int,
) -> tuple[list[RunSpec], int]:
    """Shorten runs that no free day could hold; returns the runs and the minutes cut.

    A day holds one run (PLACE), so the runs fit when the longest flexible run fits the
    roomiest free day, the second the second, and so on: each run is cut to its partner
    day's minutes (in whole steps). Races keep their length; a run on a fixed day is cut to
    that day; a run no day can hold at min_run minutes is left for the scheduler to drop.
    """
    fixed = {x.fixed_day for x in runs if x.fixed_day is not None}
    free = sorted((day_minutes[d] for d in run_days if d not in fixed), reverse=True)
    out: list[RunSpec] = []
    cut = 0
    flexible = sorted(
        (i for i, x in enumerate(runs) if x.fixed_day is None), key=lambda i: (-runs[i].minutes, i)
    )
    room = {i: free[k] if k < len(free) else 0 for k, i in enumerate(flexible)}
    for i, x in enumerate(runs):
        if x.run_type == "race":
            out.append(x)
            continue
        cap = day_minutes[x.fixed_day] if x.fixed_day is not None else room[i]
        if x.minutes > cap >= min_run:
            fit = max(step * (cap // step), min_run)
            cut += x.minutes - fit
            x = replace(x, minutes=fit)
        out.append(x)
    return out, cut


def split_easy_minutes(total: int, weights: Sequence[float], step: int) -> list[int]:
    """Share easy minutes across runs by weight, in whole steps (largest remainder).

    Ties in the remainder go to the lighter-weighted run, so a short run before the long
    run is not cut to nothing by rounding.
    """
    if not weights:
        return []
    units = round(total / step)
    raw = [units * w / sum(weights) for w in weights]
    base = [int(x) for x in raw]
    left = units - sum(base)
    order = sorted(range(len(raw)), key=lambda i: (-(round(raw[i] - base[i], 9)), weights[i], i))
    for i in order[:left]:
        base[i] += 1
    return [b * step for b in base]
