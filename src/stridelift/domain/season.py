"""Cut the calendar into phases: blocks back from A races, recovery, off-season (SEASON)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from stridelift.domain.athlete import Race
from stridelift.domain.methodology import Methodology

TRAINING_PHASES = frozenset({"general", "offseason", "base", "strength", "race_specific"})
LIGHT_PHASES = frozenset({"taper", "race_week", "recovery"})
# Below this many weeks, a block takes back off-season weeks rather than shrink further.
MIN_BLOCK_KEEPING_OFFSEASON = 6


@dataclass(frozen=True, slots=True)
class Notice:
    """A warning for the athlete, tied to the rule behind it and, if any, to one week."""

    rule: str
    message: str
    week: int | None = None


@dataclass(frozen=True, slots=True)
class WeekFrame:
    """One week of the season before any session is placed."""

    index: int
    start: date
    phase: str
    cycle_week: int
    deload: bool
    phase_week: int
    phase_weeks: int
    target: Race | None
    races: tuple[Race, ...]
    weeks_to_race: int | None
    after_major: bool
    reasons: tuple[str, ...]

    @property
    def end(self) -> date:
        """The Sunday closing this week."""
        return self.start + timedelta(days=6)


@dataclass(frozen=True, slots=True)
class SeasonOutline:
    """The phases of every planned week, and what the athlete should know about them."""

    weeks: tuple[WeekFrame, ...]
    notices: tuple[Notice, ...]


def monday_of(day: date) -> date:
    """The Monday starting the week that holds ``day``."""
    return day - timedelta(days=day.weekday())


def cycle_weeks(length: int) -> list[int]:
    """Number a run of training weeks in 4-week cycles (PROG-1..4), each ending on a deload.

    PROG-5: a cycle keeps its shape, the first one included: the deload never comes after
    only one or two loading weeks. A run that is not a multiple of four puts its spare
    weeks where the lighter week every 3-4 weeks (RUN-2) still holds:
    - one spare week: the first cycle repeats week 3's shape (1, 2, 3, 3, 4), and the full
      cycles after it stay lined up with the end of the run (the block phases);
    - two or three spare weeks and at least as many cycles: each of the first cycles
      takes one repeated week 3 (10 weeks: 1, 2, 3, 3, 4 twice);
    - otherwise (6, 7 or 11 weeks, or fewer than 4): full cycles from the start, and the
      spare weeks load on (1, 2[, 3]) into whatever lighter week follows the run (taper,
      race week, recovery) or the plan's end; a next plan carries the count on.
    """
    q, r = divmod(length, 4)
    if q == 0:
        return list(range(1, length + 1))
    if r <= q:
        return [1, 2, 3, 3, 4] * r + [1, 2, 3, 4] * (q - r)
    return [1, 2, 3, 4] * q + list(range(1, r + 1))


def _compress(available: int, m: Methodology) -> dict[str, int]:
    """How a block shorter than the full one is filled (SEASON-3)."""
    alloc = dict.fromkeys(m.season.block, 0)
    left = available
    for phase, cap in m.season.compression_order:
        take = min(max(cap - alloc[phase], 0), left)
        alloc[phase] += take
        left -= take
    return alloc


def _horizon(races: list[Race], start: date, m: Methodology) -> int:
    future = [r for r in races if r.date >= start]
    if not future:
        return m.season.no_race_weeks
    last = max(future, key=lambda r: (r.date, r.priority == "A"))
    weeks = (monday_of(last.date) - start).days // 7 + 1
    tail = [r for r in future if monday_of(r.date) == monday_of(last.date)]
    after = m.season.recovery_weeks if any(r.priority == "A" for r in tail) else 0
    return weeks + max(after, m.season.after_last_race_weeks)


def build_season(
    races: tuple[Race, ...], today: date, m: Methodology, weeks: int | None = None
) -> SeasonOutline:
    """Phase every week from the Monday of ``today`` to the end of the horizon.

    Args:
        races: the athlete's races (any order; past ones only matter for recovery).
        today: the day the plan is made; week 1 is the week holding it.
        m: the methodology.
        weeks: horizon in weeks; by default to the last race plus its recovery (SEASON-6:
            ``no_race_weeks`` without a race).
    """
    start = monday_of(today)
    ordered = sorted(races, key=lambda r: (r.date, r.priority, r.name))
    n = weeks if weeks is not None else _horizon(ordered, start, m)
    notices: list[Notice] = []
    phase: list[str | None] = [None] * n
    target: list[Race | None] = [None] * n
    soft: list[bool] = [False] * n  # off-season weeks a later block may take (SEASON-4)
    reasons: list[list[str]] = [[] for _ in range(n)]
    last_a: list[tuple[int, bool]] = []  # (race week, major?) of each A race, in order

    def idx(day: date) -> int:
        return (monday_of(day) - start).days // 7

    free = 0
    for race in ordered:
        if race.priority != "A":
            continue
        rw = idx(race.date)
        if rw < -(m.season.recovery_weeks + m.season.offseason_min_weeks):
            continue  # long past: no trace left in this plan
        if rw >= 0 and (rw < free or (rw < n and phase[rw] in ("race_week", "taper"))):
            notices.append(
                Notice(
                    "SEASON-5",
                    f"{race.name} on {race.date} falls inside the "
                    "previous race's block or recovery; it is run as a B race "
                    "without its own taper.",
                    max(rw, 0) + 1,
                )
            )
            continue
        if rw >= 0:
            # SEASON-4: keep the off-season after a major race unless the block would then
            # be too short to hold a taper and some race-specific work.
            soft_until = free
            while soft_until < n and soft[soft_until]:
                soft_until += 1
            full = m.season.block_weeks
            block_start = max(rw - full + 1, soft_until)
            if rw - block_start + 1 < MIN_BLOCK_KEEPING_OFFSEASON and soft_until > free:
                block_start = max(rw - full + 1, free)
                notices.append(
                    Notice(
                        "SEASON-4",
                        f"The off-season after the previous race is "
                        f"cut short by {soft_until - block_start} week(s) so that "
                        f"{race.name} still gets a block.",
                        block_start + 1,
                    )
                )
            available = rw - block_start + 1
            if available >= full:
                alloc = dict(m.season.block)
            else:
                alloc = _compress(available, m)
                parts = ", ".join(f"{k.replace('_', '-')} {v}" for k, v in alloc.items() if v)
                notices.append(
                    Notice(
                        "SEASON-3",
                        f"{race.name} is {available} week(s) away, "
                        f"fewer than the {full}-week block: the block is "
                        f"compressed ({parts}), keeping the taper and some "
                        "race-specific work.",
                        max(block_start, 0) + 1,
                    )
                )
            w = rw - sum(alloc.values()) + 1
            for ph in ("base", "strength", "race_specific", "taper", "race_week"):
                for _ in range(alloc[ph]):
                    if 0 <= w < n:
                        phase[w], target[w], soft[w] = ph, race, False
                        rule = "SEASON-1" if available >= full else "SEASON-3"
                        reasons[w] = [rule]
                    w += 1
        # Recovery after the race, then off-season after a major race (SEASON-1, SEASON-4).
        for k in range(1, m.season.recovery_weeks + 1):
            if 0 <= rw + k < n:
                phase[rw + k], target[rw + k], soft[rw + k] = "recovery", race, False
                reasons[rw + k] = ["SEASON-1", "SEASON-5"]
        free = max(free, rw + m.season.recovery_weeks + 1)
        last_a.append((rw, race.distance_km >= m.season.major_race_min_km))
        if race.distance_km >= m.season.major_race_min_km:
            for k in range(m.season.recovery_weeks + 1, m.season.offseason_min_weeks + 1):
                if 0 <= rw + k < n and phase[rw + k] is None:
                    phase[rw + k], target[rw + k], soft[rw + k] = "offseason", race, True
                    reasons[rw + k] = ["SEASON-4"]

    def after_major_race(w: int) -> bool:
        before = [major for rw, major in last_a if rw < w]
        return bool(before) and before[-1]

    for w in range(n):
        if phase[w] is None:
            after_major = after_major_race(w)
            phase[w] = "offseason" if after_major else "general"
            reasons[w] = (
                ["SEASON-4"]
                if after_major
                else (
                    ["SEASON-2"]
                    if any(r.priority == "A" and r.date >= start for r in ordered)
                    else ["SEASON-6"]
                )
            )

    phases = [p if p is not None else "general" for p in phase]

    cycle = [0] * n
    w = 0
    while w < n:
        if phases[w] in TRAINING_PHASES:
            # PROG-5: consecutive training weeks count as one run, whatever their phase
            # (a short general or off-season stretch merges with the block after it);
            # only recovery, taper and race weeks start the count again.
            end = w
            while end < n and phases[end] in TRAINING_PHASES:
                end += 1
            for k, c in enumerate(cycle_weeks(end - w)):
                cycle[w + k] = c
            w = end
        else:
            end = w
            while end < n and phases[end] == phases[w]:
                end += 1
            for k in range(end - w):
                cycle[w + k] = min(k + 1, 4)
            w = end

    frames: list[WeekFrame] = []
    for w in range(n):
        lo = w
        while lo > 0 and phases[lo - 1] == phases[w]:
            lo -= 1
        hi = w
        while hi + 1 < n and phases[hi + 1] == phases[w]:
            hi += 1
        wk_start = start + timedelta(weeks=w)
        in_week = tuple(r for r in ordered if monday_of(r.date) == wk_start)
        tgt = target[w]
        to_race = idx(tgt.date) - w if tgt is not None and idx(tgt.date) >= w else None
        deload = phases[w] in TRAINING_PHASES and cycle[w] == 4
        why = list(reasons[w])
        if phases[w] in TRAINING_PHASES:
            why.append("PROG-4" if deload else f"PROG-{cycle[w]}")
            if deload:
                why.append("RUN-2")
        if any(r.priority == "B" for r in in_week):
            why.append("SEASON-5")
        frames.append(
            WeekFrame(
                index=w + 1,
                start=wk_start,
                phase=phases[w],
                cycle_week=cycle[w],
                deload=deload,
                phase_week=w - lo + 1,
                phase_weeks=hi - lo + 1,
                target=tgt,
                races=in_week,
                weeks_to_race=to_race,
                after_major=after_major_race(w),
                reasons=tuple(dict.fromkeys(why)),
            )
        )
    return SeasonOutline(weeks=tuple(frames), notices=tuple(notices))
