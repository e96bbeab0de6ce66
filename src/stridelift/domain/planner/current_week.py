"""The week in progress (ADAPT-4): what was logged before today stays as logged, and the
runs still to come are what the week holds minus what was run."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from stridelift.domain.adjust import logged_doc
from stridelift.domain.history import LoggedSession
from stridelift.domain.running import HARD_TYPES, RunSpec
from stridelift.domain.season import Notice, WeekFrame
from stridelift.domain.wording import counted


def runs_left(
    runs: tuple[RunSpec, ...], done: Sequence[LoggedSession], past: int
) -> tuple[RunSpec, ...]:
    """ADAPT-4: this week's runs minus what was already run; races stay where they are."""
    if past <= 0:
        return runs
    runs = tuple(r for r in runs if r.fixed_day is None or r.fixed_day >= past)
    logged = [s for s in done if s.kind == "run"]
    left = list(runs)
    long_run = next((r for r in left if r.run_type == "long"), None)
    for s in sorted(logged, key=lambda x: -x.minutes):
        kind = s.run_type or "easy"
        if (
            long_run is not None
            and long_run in left
            and (kind == "long" or s.minutes >= 0.75 * long_run.minutes)
        ):
            left.remove(long_run)
            continue
        pool = HARD_TYPES if kind in HARD_TYPES else frozenset({"easy", "recovery"})
        match = next((r for r in left if r.run_type in pool), None)
        if match is None:
            match = next((r for r in left if r.run_type in ("easy", "recovery")), None)
        if match is not None:
            left.remove(match)
    return tuple(left)


def show_logged(week: dict[str, Any], done: Sequence[LoggedSession], past: int) -> int:
    """Past days of the current week show what was logged; returns the logged run minutes."""
    for day in week["days"][:past]:
        when = date.fromisoformat(day["date"])
        day["logged"] = [logged_doc(s) for s in done if s.day == when]
    return round(sum(s.minutes for s in done if s.kind == "run"))


def current_week_notices(
    frame: WeekFrame,
    done: Sequence[LoggedSession],
    planned: tuple[RunSpec, ...],
    runs: tuple[RunSpec, ...],
    given: bool,
    today: date,
) -> list[Notice]:
    """ADAPT-4: what this week already holds, and that missed work is let go."""
    lifts_done = sum(1 for s in done if s.kind == "strength")
    runs_done = sum(1 for s in done if s.kind == "run")
    missed = len(planned) - len(runs) - runs_done
    if given:
        if runs_done or lifts_done:
            msg = (
                f"{counted(runs_done, 'run')} and {counted(lifts_done, 'strength session')} "
                "logged before today count toward this week; the rest of the week is placed "
                "in the days left"
            )
        else:
            msg = (
                "nothing is logged yet this week before today; the rest of the week is "
                "placed in the days left"
            )
        if missed > 0:
            msg += (
                f", and {counted(missed, 'missed run')} "
                f"{'is' if missed == 1 else 'are'} let go rather than piled onto other days"
            )
    else:
        msg = (
            f"the plan starts today ({today.strftime('%A')} {today.isoformat()}): this week "
            "holds only the days left, and nothing is moved into them from the days before"
        )
    out = [Notice("ADAPT-4", msg + ".", frame.index)]
    # The weekly counts of the rules are met by logged plus planned sessions together.
    out.extend(Notice(r, msg + ".", frame.index) for r in ("FREQ-1", "FREQ-2", "FREQ-3", "FREQ-5"))
    out.append(Notice("RUN-1", msg + ".", frame.index))
    return out
