"""Cut the calendar into phases: blocks back from A races, recovery, off-season (SEASON)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from stridelift.domain.athlete import Race
from stridelift.domain.methodology import Methodology

TRAINING_PHASES = frozenset({"general", "offseason", "base", "strength", "race_specific"})
LIGHT_PHASES = frozenset({"taper", "race_week", "recovery"})
# Below this many weeks, a block takes back off-season weeks rather than shrink further.
MIN_BLOCK_KEEPING_OFFSEASON = 6
# A replan replays the season's weeks from its origin. While the origin is at most this
# many weeks back, it stays, so the replay is the first plan's weeks exactly; past that,
# it moves on to the start of the block under way, which bounds the replay's length (the
# volume, long-run and strength memory then carries on from that block's first week).
REPLAY_WEEKS = 12


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
    season_index: int = 0  # 1-based from the season's origin (``index`` counts from today)

    @property
    def end(self) -> date:
        """The Sunday closing this week."""
        return self.start + timedelta(days=6)


@dataclass(frozen=True, slots=True)
class SeasonOutline:
    """The phases of every planned week, and what the athlete should know about them."""

    weeks: tuple[WeekFrame, ...]
    notices: tuple[Notice, ...]
    origin: date  # the day the season's phases and cycles are counted from (its week's Monday)
    # The season's weeks before today's, numbered from the origin (empty without one).
    before: tuple[WeekFrame, ...] = ()
    laid_from: date | None = None  # the origin this plan was laid from (None: today)


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


@dataclass(frozen=True, slots=True)
class _Calendar:
    """The planned weeks: the Monday of week 1 and how many weeks follow it."""

    start: date
    n: int

    def week_of(self, day: date) -> int:
        """The 0-based week holding ``day`` (negative before the plan)."""
        return (monday_of(day) - self.start).days // 7


@dataclass(slots=True)
class _Grid:
    """The season as it is laid out, week by week (a phase of None: not decided yet)."""

    phase: list[str | None]
    target: list[Race | None]
    soft: list[bool]  # off-season weeks a later block may take (SEASON-4)
    reasons: list[list[str]]

    @classmethod
    def empty(cls, n: int) -> _Grid:
        return cls([None] * n, [None] * n, [False] * n, [[] for _ in range(n)])

    def holds(self, w: int) -> bool:
        return 0 <= w < len(self.phase)

    def put(self, w: int, phase: str, race: Race, soft: bool, reasons: list[str]) -> None:
        self.phase[w], self.target[w], self.soft[w] = phase, race, soft
        self.reasons[w] = reasons


@dataclass(frozen=True, slots=True)
class _ARace:
    """An A race kept as one: the week it falls in and whether it is a major race."""

    week: int
    major: bool


def _after_major_race(a_races: list[_ARace], w: int) -> bool:
    """Whether the last A race before week ``w`` was a major one (SEASON-4)."""
    before = [a.major for a in a_races if a.week < w]
    return bool(before) and before[-1]


def _place_a_races(
    ordered: list[Race], cal: _Calendar, grid: _Grid, m: Methodology
) -> tuple[list[_ARace], list[Notice]]:
    """Lay each A race's block, recovery and off-season into the grid, in date order."""
    notices: list[Notice] = []
    a_races: list[_ARace] = []
    # The first week no earlier A race holds, counted from the oldest race that still
    # leaves a trace. A race before the plan's first week counts too: one run inside an
    # earlier race's recovery was a B race when the season was first laid, and stays one
    # when a replan lays the season from a later week.
    oldest = -(m.season.recovery_weeks + m.season.offseason_min_weeks)
    free = oldest
    for race in ordered:
        if race.priority != "A":
            continue
        rw = cal.week_of(race.date)
        if rw < oldest:
            continue  # long past: no trace left in this plan
        if rw < free or (0 <= rw < cal.n and grid.phase[rw] in ("race_week", "taper")):
            if rw >= 0:
                notices.append(_inside_block_notice(race, rw))
            continue
        if rw >= 0:
            notices.extend(_lay_block(race, rw, max(free, 0), grid, m))
        _lay_recovery(race, rw, grid, m)
        free = max(free, rw + m.season.recovery_weeks + 1)
        a_races.append(_ARace(rw, race.distance_km >= m.season.major_race_min_km))
    return a_races, notices


def _inside_block_notice(race: Race, rw: int) -> Notice:
    """SEASON-5: an A race inside the previous one's block or recovery is run as a B race."""
    return Notice(
        "SEASON-5",
        f"{race.name} on {race.date} falls inside the "
        "previous race's block or recovery; it is run as a B race "
        "without its own taper.",
        max(rw, 0) + 1,
    )


def _lay_block(race: Race, rw: int, free: int, grid: _Grid, m: Methodology) -> list[Notice]:
    """Lay the block back from an A race in week ``rw``; say so where it is cut short."""
    block_start, notices = _block_start(race, rw, free, grid, m)
    available = rw - block_start + 1
    full = m.season.block_weeks
    if available >= full:
        alloc = dict(m.season.block)
    else:
        alloc = _compress(available, m)
        notices.append(_compressed_notice(race, available, alloc, block_start, m))
    w = rw - sum(alloc.values()) + 1
    for ph in ("base", "strength", "race_specific", "taper", "race_week"):
        for _ in range(alloc[ph]):
            if grid.holds(w):
                rule = "SEASON-1" if available >= full else "SEASON-3"
                grid.put(w, ph, race, False, [rule])
            w += 1
    return notices


def _block_start(
    race: Race, rw: int, free: int, grid: _Grid, m: Methodology
) -> tuple[int, list[Notice]]:
    """The first week of the block for an A race in week ``rw``, after ``free``."""
    # SEASON-4: keep the off-season after a major race unless the block would then
    # be too short to hold a taper and some race-specific work.
    n = len(grid.soft)
    soft_until = free
    while soft_until < n and grid.soft[soft_until]:
        soft_until += 1
    full = m.season.block_weeks
    block_start = max(rw - full + 1, soft_until)
    if rw - block_start + 1 < MIN_BLOCK_KEEPING_OFFSEASON and soft_until > free:
        block_start = max(rw - full + 1, free)
        cut = Notice(
            "SEASON-4",
            f"The off-season after the previous race is "
            f"cut short by {soft_until - block_start} week(s) so that "
            f"{race.name} still gets a block.",
            block_start + 1,
        )
        return block_start, [cut]
    return block_start, []


def _compressed_notice(
    race: Race, available: int, alloc: dict[str, int], block_start: int, m: Methodology
) -> Notice:
    """SEASON-3: the block is shorter than the full one; name the weeks each phase kept."""
    parts = ", ".join(f"{k.replace('_', '-')} {v}" for k, v in alloc.items() if v)
    return Notice(
        "SEASON-3",
        f"{race.name} is {available} week(s) away, "
        f"fewer than the {m.season.block_weeks}-week block: the block is "
        f"compressed ({parts}), keeping the taper and some "
        "race-specific work.",
        max(block_start, 0) + 1,
    )


def _lay_recovery(race: Race, rw: int, grid: _Grid, m: Methodology) -> None:
    """Lay the weeks after an A race in week ``rw``."""
    # Recovery after the race, then off-season after a major race (SEASON-1, SEASON-4).
    for k in range(1, m.season.recovery_weeks + 1):
        if grid.holds(rw + k):
            grid.put(rw + k, "recovery", race, False, ["SEASON-1", "SEASON-5"])
    if race.distance_km >= m.season.major_race_min_km:
        for k in range(m.season.recovery_weeks + 1, m.season.offseason_min_weeks + 1):
            if grid.holds(rw + k) and grid.phase[rw + k] is None:
                grid.put(rw + k, "offseason", race, True, ["SEASON-4"])


def _fill_rest(grid: _Grid, a_races: list[_ARace], a_race_ahead: bool) -> list[str]:
    """Phase the weeks no A race claimed; returns every week's phase."""
    for w, ph in enumerate(grid.phase):
        if ph is not None:
            continue
        after_major = _after_major_race(a_races, w)
        grid.phase[w] = "offseason" if after_major else "general"
        if after_major:
            grid.reasons[w] = ["SEASON-4"]
        else:
            grid.reasons[w] = ["SEASON-2"] if a_race_ahead else ["SEASON-6"]
    return [p if p is not None else "general" for p in grid.phase]


def _cycle_numbers(phases: list[str]) -> list[int]:
    """Every week's place in its cycle (PROG-1..5), or in its run of lighter weeks."""
    n = len(phases)
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
            # A run still open at the plan's end counts plain cycles from its start, so a
            # later plan that reaches further numbers the same weeks the same way.
            counted = cycle_weeks(end - w) if end < n else [k % 4 + 1 for k in range(end - w)]
            for k, c in enumerate(counted):
                cycle[w + k] = c
            w = end
        else:
            end = w
            while end < n and phases[end] == phases[w]:
                end += 1
            for k in range(end - w):
                cycle[w + k] = min(k + 1, 4)
            w = end
    return cycle


@dataclass(frozen=True, slots=True)
class _Laid:
    """The season once every week has its phase: what each week's frame reads."""

    cal: _Calendar
    skip: int  # the weeks between the season's origin and the plan's first week
    races: list[Race]
    phases: list[str]
    cycle: list[int]
    targets: list[Race | None]
    reasons: list[list[str]]
    a_races: list[_ARace]


def _phase_span(phases: list[str], w: int) -> tuple[int, int]:
    """The first and last week of the phase holding week ``w``."""
    lo = w
    while lo > 0 and phases[lo - 1] == phases[w]:
        lo -= 1
    hi = w
    while hi + 1 < len(phases) and phases[hi + 1] == phases[w]:
        hi += 1
    return lo, hi


def _frame(s: _Laid, w: int) -> WeekFrame:
    """Week ``w`` (0-based) as the planner sees it."""
    lo, hi = _phase_span(s.phases, w)
    wk_start = s.cal.start + timedelta(weeks=w)
    in_week = tuple(r for r in s.races if monday_of(r.date) == wk_start)
    tgt = s.targets[w]
    to_race = None
    if tgt is not None and s.cal.week_of(tgt.date) >= w:
        to_race = s.cal.week_of(tgt.date) - w
    deload = s.phases[w] in TRAINING_PHASES and s.cycle[w] == 4
    return WeekFrame(
        index=w - s.skip + 1,
        start=wk_start,
        phase=s.phases[w],
        cycle_week=s.cycle[w],
        deload=deload,
        phase_week=w - lo + 1,
        phase_weeks=hi - lo + 1,
        target=tgt,
        races=in_week,
        weeks_to_race=to_race,
        after_major=_after_major_race(s.a_races, w),
        reasons=_frame_reasons(s, w, deload, in_week),
        season_index=w + 1,
    )


def _frame_reasons(s: _Laid, w: int, deload: bool, in_week: tuple[Race, ...]) -> tuple[str, ...]:
    """The rules behind week ``w``'s phase, its place in the cycle and its B races."""
    why = list(s.reasons[w])
    if s.phases[w] in TRAINING_PHASES:
        why.append("PROG-4" if deload else f"PROG-{s.cycle[w]}")
        if deload:
            why.append("RUN-2")
    if any(r.priority == "B" for r in in_week):
        why.append("SEASON-5")
    return tuple(dict.fromkeys(why))


def build_season(
    races: tuple[Race, ...],
    today: date,
    m: Methodology,
    weeks: int | None = None,
    origin: date | None = None,
) -> SeasonOutline:
    """Phase every week from the Monday of ``today`` to the end of the horizon.

    Args:
        races: the athlete's races (any order; past ones only matter for recovery).
        today: the day the plan is made; week 1 is the week holding it.
        m: the methodology.
        weeks: horizon in weeks from today's week; by default to the last race plus its
            recovery (SEASON-6: ``no_race_weeks`` without a race).
        origin: the day the athlete's season began (their first plan of it), when before
            today: the season is laid out from there, so a replan inside a block continues
            it (same phases, cycle weeks and deloads on the same dates) and a block counts
            as compressed only if that first plan started late. Only weeks from today's on
            are returned.
    """
    first_day = origin if origin is not None and origin < today else today
    start = monday_of(first_day)
    skip = (monday_of(today) - start).days // 7
    ordered = sorted(races, key=lambda r: (r.date, r.priority, r.name))
    if weeks is not None:
        n = weeks + skip
    else:  # to the last race's recovery as the first plan saw it, or as today sees it
        n = max(_horizon(ordered, start, m), skip + _horizon(ordered, monday_of(today), m))
    cal = _Calendar(start, n)
    grid = _Grid.empty(n)
    a_races, notices = _place_a_races(ordered, cal, grid, m)
    a_race_ahead = any(r.priority == "A" and r.date >= monday_of(today) for r in ordered)
    phases = _fill_rest(grid, a_races, a_race_ahead)
    cycle = _cycle_numbers(phases)
    laid = _Laid(cal, skip, ordered, phases, cycle, grid.target, grid.reasons, a_races)
    frames = tuple(_frame(laid, w) for w in range(skip, n))
    from_origin = replace(laid, skip=0)
    return SeasonOutline(
        weeks=frames,
        notices=tuple(_shifted(x, skip) for x in notices),
        origin=_origin_day(first_day, start, _carried(laid, min(skip, n - 1), REPLAY_WEEKS)),
        before=tuple(_frame(from_origin, w) for w in range(min(skip, n))),
        laid_from=first_day if skip else None,
    )


def _origin_day(first_day: date, start: date, carried: int) -> date:
    """The day a later plan lays the season from: the season's first day while the season
    still needs its first week, else the Monday of the first week it needs."""
    return first_day if carried == 0 else start + timedelta(weeks=carried)


def _carried(s: _Laid, today_week: int, keep: int) -> int:
    """The week a later plan is laid from: the origin's (0) while ``today_week`` is at
    most ``keep`` weeks past it, else the earliest week from which the season from
    ``today_week`` on looks the same: the start of the run of weeks holding it (a run of
    training weeks counts its cycles from there) and of the block of every race whose
    block, recovery or off-season is still ahead or under way (the volume carries on from
    it). Weeks before it are history, so a season replanned weekly never grows without
    bound from its origin."""
    if today_week <= keep:
        return 0
    lo = today_week
    training = s.phases[lo] in TRAINING_PHASES
    while lo > 0 and (
        s.phases[lo - 1] in TRAINING_PHASES if training else s.phases[lo - 1] == s.phases[lo]
    ):
        lo -= 1
    ahead = {id(r) for r in s.targets[today_week:] if r is not None}
    firsts = (w for w, r in enumerate(s.targets) if r is not None and id(r) in ahead)
    return min(lo, next(firsts, lo))


def _shifted(notice: Notice, skip: int) -> Notice:
    """A season notice with its week counted from the plan's first week (at least 1)."""
    if notice.week is None or not skip:
        return notice
    return Notice(notice.rule, notice.message, max(notice.week - skip, 1))
