"""Fitting the runs to the week's target, to mostly easy running and to the free days (RUN)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import permutations

from stridelift.domain.methodology import Methodology
from stridelift.domain.running.spec import HARD_TYPES, RunSpec, round_to


def spread_last_easy(runs: list[RunSpec], step: int, cap: int) -> list[RunSpec]:
    """The runs without the last one (an easy run), its minutes shared by the other easy
    runs in whole steps, so the week's running stays the same; no run grows past ``cap``
    (the longest free day: a run longer than any day would be left out)."""
    last, rest = runs[-1], list(runs[:-1])
    easy = [i for i, x in enumerate(rest) if x.run_type == "easy" and not x.back_to_back]
    shares = split_easy_minutes(round_to(last.minutes, step), [1.0] * len(easy), step)
    for i, extra in zip(easy, shares, strict=True):
        room = max(cap - cap % step, rest[i].minutes)
        rest[i] = replace(rest[i], minutes=min(rest[i].minutes + extra, room))
    return rest


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
    key_days: frozenset[int] = frozenset(),
) -> tuple[list[RunSpec], int]:
    """Shorten runs that no free day could hold; returns the runs and the minutes cut.

    A day holds one run (PLACE), so the runs fit when the longest flexible run fits the
    roomiest free day, the second the second, and so on: each run is cut to its partner
    day's minutes (in whole steps). Races keep their length; a run on a fixed day is cut to
    that day; a run no day can hold at min_run minutes is left for the scheduler to drop.
    ``key_days``: the days of the week's fixed key runs (the long run, races; -1 for last
    Sunday's, 7 for next Monday's), which a quality run may not sit beside (PLACE-2).
    """
    fixed = {x.fixed_day for x in runs if x.fixed_day is not None}
    free = sorted((d for d in run_days if d not in fixed), key=lambda d: (-day_minutes[d], d))
    flexible = sorted(
        (i for i, x in enumerate(runs) if x.fixed_day is None), key=lambda i: (-runs[i].minutes, i)
    )
    partner = _partner_days(runs, flexible, free, day_minutes, key_days)
    out: list[RunSpec] = []
    cut = 0
    for i, x in enumerate(runs):
        if x.run_type == "race":
            out.append(x)
            continue
        day = x.fixed_day if x.fixed_day is not None else partner[i]
        cap = day_minutes[day] if day is not None else 0
        if x.minutes > cap >= min_run:
            fit = max(step * (cap // step), min_run)
            cut += x.minutes - fit
            x = replace(x, minutes=fit)
        out.append(x)
    return out, cut


def _partner_days(
    runs: list[RunSpec],
    flexible: list[int],
    free: list[int],
    day_minutes: Sequence[int],
    key_days: frozenset[int],
) -> dict[int, int | None]:
    """Each flexible run's day: by size (the longest run the roomiest day), unless that
    puts a quality run where PLACE-2 will not place it (beside a key run or another quality
    run, or outside its window). Then each quality run takes a day it may go to, and the
    other runs pair by size with the days left, the choice that cuts the fewest minutes
    (a 125-min easy run paired with Wednesday and the workout with the Monday after the
    long run would lose the easy run: the workout cannot take Monday, Monday cannot hold
    the easy run)."""
    by_size = _by_size(flexible, free)
    if _quality_days_ok(runs, by_size, key_days):
        return by_size
    hard = [i for i in flexible if runs[i].run_type in HARD_TYPES]
    best, least = by_size, None  # no day suits the quality runs: the scheduler decides
    for days in permutations(free, len(hard)):
        pairs: dict[int, int | None] = dict(zip(hard, days, strict=True))
        if not _quality_days_ok(runs, pairs, key_days):
            continue
        left = [d for d in free if d not in days]
        pairs |= _by_size([i for i in flexible if i not in pairs], left)
        lost = _minutes_lost(runs, pairs, day_minutes)
        if least is None or lost < least:  # the first of equals: nearest by size
            best, least = pairs, lost
    return best


def _by_size(flexible: list[int], free: list[int]) -> dict[int, int | None]:
    """The longest run with the roomiest day, the second with the second...; runs past
    the free days get none."""
    return {i: free[k] if k < len(free) else None for k, i in enumerate(flexible)}


def _quality_days_ok(
    runs: list[RunSpec], pairs: dict[int, int | None], key_days: frozenset[int]
) -> bool:
    """PLACE-2: no quality run beside a key run or another quality run, none outside its
    window (RUN-13)."""
    hard = {i: d for i, d in pairs.items() if runs[i].run_type in HARD_TYPES and d is not None}
    for i, d in hard.items():
        near = key_days | {e for j, e in hard.items() if j != i}
        if any(abs(d - k) <= 1 for k in near) or (runs[i].window and d not in runs[i].window):
            return False
    return True


def _minutes_lost(
    runs: list[RunSpec], pairs: dict[int, int | None], day_minutes: Sequence[int]
) -> int:
    """The minutes the pairing's days cannot hold."""
    return sum(
        max(runs[i].minutes - (day_minutes[d] if d is not None else 0), 0) for i, d in pairs.items()
    )


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


def split_within(total: int, weights: Sequence[float], caps: Sequence[int], step: int) -> list[int]:
    """``split_easy_minutes`` with no share over its day's ``caps`` (each a whole number of
    steps): a share that would pass its cap stops there and the others share what it could
    not hold, so a short day beside a long one does not lose the week's minutes."""
    out = [0] * len(weights)
    open_ = list(range(len(weights)))
    left = total
    while open_:
        shares = split_easy_minutes(left, [weights[i] for i in open_], step)
        over = [i for i, x in zip(open_, shares, strict=True) if x > caps[i]]
        if not over:
            for i, x in zip(open_, shares, strict=True):
                out[i] = x
            return out
        for i in over:
            out[i] = caps[i]
            left -= caps[i]
        open_ = [i for i in open_ if i not in over]
    return out


FEW_RUNS = 3  # RUN-9: a week of this many runs or fewer takes the long run's few_runs_share
# RUN-9: in a week of two runs the long run is the longer of the two, up to three times the
# other (a 30-min workout beside it): three quarters of the week, whatever a share for more
# runs says (40% would make the other run the longer; two thirds would tie the long run to
# twice the workout, and a week held small by RUN-2 would shorten both, week after week).
TWO_RUNS_SHARE = 3 / 4


def share_for(n_runs: int, m: Methodology) -> float:
    """RUN-9: the share of a week of ``n_runs`` runs the long run may take: about a third,
    a little more in a week of three runs or fewer (each of its runs is near a third), up to
    three times the other run in a week of two."""
    lr = m.running.long_run
    if n_runs <= 2:
        return max(TWO_RUNS_SHARE, lr.few_runs_share)
    return lr.few_runs_share if n_runs <= FEW_RUNS else lr.max_share


def long_share(runs: Sequence[RunSpec], m: Methodology) -> float:
    """RUN-9: the share of the week the long run may take, by the week's runs (races aside)."""
    return share_for(sum(1 for x in runs if x.run_type != "race"), m)


def long_within_week(runs: list[RunSpec], m: Methodology, hold: float = 0.0) -> list[RunSpec]:
    """RUN-9: the long run within about a third of the week's running as the runs came out
    (days too short for the easy runs leave a week smaller than its target), once it is
    over an hour; never below the shortest run. ``hold``: in the peak weeks, the block's
    longest long run so far, which the long run keeps if a step over the share allows it
    (a week with a short workout in an easy run's place would otherwise peak it early)."""
    lr, step = m.running.long_run, m.running.round_to
    share = long_share(runs, m)
    total = sum(x.minutes for x in runs if x.run_type != "race")
    out = list(runs)
    for i, x in enumerate(out):
        if x.run_type != "long":
            continue
        others = total - x.minutes
        # The cap holds for the week with the long run at its new length: L <= s (O + L).
        cap = max(share * others / (1 - share), float(lr.share_floor_minutes))
        if hold > cap:  # "about a third": within one step of it, L <= s (O + L) + step
            cap = max(cap, min(hold, (share * others + step) / (1 - share)))
        if x.minutes > cap:
            shorter = max(int(cap) // step * step, m.running.min_run_minutes)
            out[i] = replace(x, minutes=shorter)
    return out


def long_is_longest(runs: list[RunSpec], m: Methodology, curve: float) -> list[RunSpec]:
    """RUN-9: the long run the week's longest run where its curve allows. When the share
    held it under an easy run (few run days, a short workout in an easy run's place), the
    longest easy run gives it a step at a time, the week's total unchanged, while it stays
    within ``curve`` (the block's long run for the week, so the peak stays 3-5 weeks out)
    and about a third of the week (one step over its share)."""
    lr, step = m.running.long_run, m.running.round_to
    out = list(runs)
    at = next((i for i, x in enumerate(out) if x.run_type == "long"), None)
    easy = [i for i, x in enumerate(out) if x.run_type == "easy" and not x.back_to_back]
    if at is None or not easy:
        return out
    total = sum(x.minutes for x in out if x.run_type != "race")
    cap = min(max(long_share(runs, m) * total + step, float(lr.share_floor_minutes)), curve)
    while True:
        i = max(easy, key=lambda k: (out[k].minutes, -k))
        long_run, x = out[at], out[i]
        if x.minutes <= long_run.minutes or long_run.minutes + step > cap:
            return out
        out[at] = replace(long_run, minutes=long_run.minutes + step)
        out[i] = replace(x, minutes=x.minutes - step)
