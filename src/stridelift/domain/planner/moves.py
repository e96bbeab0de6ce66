"""The athlete's moves: a session dragged to another day of its week (the Plan page).

A move pins the session the plan puts on ``from_day`` to ``to_day`` and solves the week
again under the same placement rules (PLACEMENT_RULES, as hard constraints). The move is
kept when the session lands on its new day and the week leaves out nothing more than it
did; otherwise the week stays as planned and its document says why: the rules that clash
(each one, relaxed alone, would let the week hold everything) or the day's own limits.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from stridelift.domain.blockreview import DAY_NAMES
from stridelift.domain.history import SessionMove
from stridelift.domain.planner.solving import diagnose, drops, solve
from stridelift.domain.schedule import Placement, WeekInput


@dataclass(frozen=True, slots=True)
class MoveOutcome:
    """What became of one move: kept, or not with the reason and the rules behind it."""

    move: SessionMove
    kept: bool
    reason: str = ""
    rules: tuple[str, ...] = ()

    def doc(self) -> dict[str, Any]:
        """The move as the week's document lists it (``weeks[].moves``)."""
        out: dict[str, Any] = {
            "from": self.move.from_day.isoformat(),
            "to": self.move.to_day.isoformat(),
            "kind": self.move.kind,
            "name": self.move.name,
            "kept": self.kept,
        }
        if not self.kept:
            out["reason"] = self.reason
            out["rules"] = list(self.rules)
        return out


def week_moves(moves: tuple[SessionMove, ...], monday: date) -> tuple[SessionMove, ...]:
    """The moves whose session the plan puts in the week starting ``monday``."""
    return tuple(m for m in moves if 0 <= (m.from_day - monday).days < 7)


def apply_moves(
    spec: WeekInput, placed: Placement, moves: tuple[SessionMove, ...], monday: date, past: int
) -> tuple[WeekInput, Placement, tuple[MoveOutcome, ...]]:
    """The week with each move in turn pinned and solved, where the rules allow it."""
    outcomes = []
    for move in moves:
        spec, placed, outcome = _apply(spec, placed, move, monday, past)
        outcomes.append(outcome)
    return spec, placed, tuple(outcomes)


def _apply(
    spec: WeekInput, placed: Placement, move: SessionMove, monday: date, past: int
) -> tuple[WeekInput, Placement, MoveOutcome]:
    to = (move.to_day - monday).days
    if not 0 <= to < 7:
        return spec, placed, MoveOutcome(move, False, "a session moves within its own week")
    if to < past:
        return spec, placed, MoveOutcome(move, False, f"{DAY_NAMES[to]} has gone")
    pinned = _pinned(spec, placed, move, (move.from_day - monday).days, to)
    if isinstance(pinned, str):
        return spec, placed, MoveOutcome(move, False, pinned)
    spec_to, where = pinned
    # The other sessions keep their days if they can; else the week is placed anew.
    for candidate in (_others_stay(spec_to, placed, move.kind, where), spec_to):
        trial = solve(candidate)
        landed = (trial.run_days if move.kind == "run" else trial.lift_days)[where] == to
        if landed and drops(trial) <= drops(placed):
            return candidate, trial, MoveOutcome(move, True)
    rules = tuple(diagnose(spec_to, trial))
    minutes = (spec_to.runs if move.kind == "run" else spec_to.lifts)[where].minutes
    return spec, placed, MoveOutcome(move, False, _why_not(spec_to, to, minutes, rules), rules)


def _pinned(
    spec: WeekInput, placed: Placement, move: SessionMove, at: int, to: int
) -> tuple[WeekInput, int] | str:
    """The week with the moved session held to day ``to``, and its index; or why not."""
    day = DAY_NAMES[to]
    if move.kind == "run":
        i = next(
            (i for i, r in enumerate(spec.runs)
             if r.run_type == move.name and placed.run_days[i] == at),
            None,
        )  # fmt: skip
        if i is None:
            return f"the plan holds no {move.name} run on {DAY_NAMES[at]} any more"
        run = spec.runs[i]
        if run.run_type == "race":
            return "a race stays on its date"
        if not spec.days[to].run:
            return f"{day} is not one of your run days this week (your profile's days)"
        pin = replace(run, fixed_day=to, window=()) if run.fixed_day is not None else (
            replace(run, window=(to,))
        )  # fmt: skip
        runs = (*spec.runs[:i], pin, *spec.runs[i + 1 :])
        return replace(spec, runs=runs), i
    j = next(
        (j for j, lf in enumerate(spec.lifts)
         if lf.kind == move.kind and lf.name == move.name and placed.lift_days[j] == at),
        None,
    )  # fmt: skip
    if j is None:
        return f"the plan holds no strength {move.name} on {DAY_NAMES[at]} any more"
    if not spec.days[to].strength:
        return f"{day} is not open to strength this week (your profile's days)"
    lifts = (*spec.lifts[:j], replace(spec.lifts[j], window=(to,)), *spec.lifts[j + 1 :])
    return replace(spec, lifts=lifts), j


def _others_stay(spec: WeekInput, placed: Placement, kind: str, moved: int) -> WeekInput:
    """The week with every session but the moved one held to the day it has."""
    runs = tuple(
        r if d is None or (kind == "run" and i == moved) or r.fixed_day is not None
        else replace(r, window=(d,))
        for i, (r, d) in enumerate(zip(spec.runs, placed.run_days, strict=True))
    )  # fmt: skip
    lifts = tuple(
        lf if d is None or (kind != "run" and j == moved) else replace(lf, window=(d,))
        for j, (lf, d) in enumerate(zip(spec.lifts, placed.lift_days, strict=True))
    )
    return replace(spec, runs=runs, lifts=lifts)


def _why_not(spec: WeekInput, to: int, minutes: int, rules: tuple[str, ...]) -> str:
    """The reason a pinned session did not fit, in plain words."""
    if rules:
        return f"on {DAY_NAMES[to]} it would break {', '.join(rules)}"
    return (
        f"{DAY_NAMES[to]} has no room for its {minutes} min beside what the day holds "
        f"({spec.days[to].minutes} min that day in your profile)"
    )
