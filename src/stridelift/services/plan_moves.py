"""Moving a planned session to another day of its week (the Plan page's drag and its
"Move to" form), checked against the rules and kept with a replan, or refused with why.

A move is stored (``session_moves``) and the plan made again in one transaction. The
planner pins the session to its new day and solves the week under the placement rules
(domain.planner.moves); the plan's own checks then run on the new plan. When the
session did not land on its day, or the new plan breaks a rule the current one kept,
the transaction is rolled back: nothing is stored, and the answer says which rules and
why. Moving a session back to its planned day takes the move back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from stridelift.domain.diff import Change, session_key, session_label
from stridelift.domain.history import SessionMove
from stridelift.errors import UsageError
from stridelift.services.athletes import resolve_athlete
from stridelift.services.planning import check_plan, rule_text
from stridelift.services.replan import (
    ReplanResult,
    current_plan,
    gather,
    monday,
    replanned,
    saved,
)
from stridelift.services.today import find_day

if TYPE_CHECKING:
    from stridelift.adapters.store.engine import Store

MOVABLE = ("run", "strength")


@dataclass(frozen=True, slots=True)
class MoveResult:
    """A move kept (with the replan's changes) or refused (with the reason and rules)."""

    move: SessionMove
    session: str  # the session's label, e.g. "tempo run", "strength A"
    kept: bool
    reason: str = ""
    rules: tuple[tuple[str, str], ...] = ()  # (rule id, its text) behind a refusal
    changes: tuple[Change, ...] = ()


class _Refused(Exception):
    """Rolls the move's transaction back; carries the refusal out of it."""

    def __init__(self, result: MoveResult) -> None:
        super().__init__(result.reason)
        self.result = result


def planned_session(doc: dict[str, Any], day: date, order: int) -> dict[str, Any]:
    """The session ``order`` of ``day`` in the plan.

    Raises:
        UsageError: the plan holds no such session.
    """
    found = find_day(doc, day)
    for s in (found[1].get("sessions") or []) if found else []:
        if s.get("order") == order:
            return dict(s)
    raise UsageError(f"order: no session {order} is planned on {day.isoformat()}")


def _move_of(session: dict[str, Any], day: date, to: date, today: date) -> SessionMove:
    """The move asked for, or a one-line refusal naming the field."""
    kind = str(session.get("kind"))
    if kind not in MOVABLE:
        raise UsageError(f"order: a {kind} session follows the runs and lifts; move those")
    if session.get("run_type") == "race":
        raise UsageError("order: a race stays on its date")
    if to < today:
        raise UsageError(f"to: {to.isoformat()} has gone; pick today or a later day")
    if monday(to) != monday(day):
        end = monday(day) + timedelta(days=6)
        raise UsageError(
            f"to: a session moves within its week ({monday(day).isoformat()} to "
            f"{end.isoformat()}); its week's volume and phase belong to it"
        )
    return SessionMove(day, to, *session_key(session))


def move_session(
    store: Store,
    athlete: str,
    day: date,
    order: int,
    to: date,
    *,
    today: date,
    tz: tzinfo = UTC,
    now: datetime | None = None,
) -> MoveResult:
    """Move session ``order`` of ``day`` to ``to`` and store the new plan, or refuse.

    Raises:
        UsageError: the athlete is unknown, there is no such session, it cannot move (a
            race, core, a day gone) or ``to`` is outside its week.
    """
    if day < today:
        raise UsageError(f"day: {day.isoformat()} has gone; only sessions from today on move")
    _who, doc, _snapshot = current_plan(store, athlete, today, tz=tz)
    session = planned_session(doc, day, order)
    move = _move_of(session, day, to, today)
    label = session_label(session)
    if to == day:
        return MoveResult(move, label, True)
    try:
        with store.transaction() as repo:
            who = resolve_athlete(repo, athlete)
            repo.put_session_move(who.id, move, now or datetime.now(UTC))
            result = replanned(gather(repo, athlete, today, tz), today, tz)
            _refuse_unless_kept(move, label, doc, result)
            if result.stored:
                result = saved(repo, result, now)
    except _Refused as refused:
        return refused.result
    return MoveResult(move, label, True, changes=result.changes)


def _refuse_unless_kept(
    move: SessionMove, label: str, before: dict[str, Any], result: ReplanResult
) -> None:
    """Raise _Refused when the session is not on its new day or the plan breaks a rule."""
    outcome = _outcome(result.doc, move)
    if outcome is not None and not outcome.get("kept"):
        rules = tuple((r, rule_text(r)) for r in outcome.get("rules") or [])
        raise _Refused(MoveResult(move, label, False, str(outcome.get("reason")), rules))
    if not _on_day(result.doc, move):
        raise _Refused(MoveResult(move, label, False, "the plan could not keep it there"))
    was = {(v.rule, v.message) for v in check_plan(before)}
    broken = [v for v in check_plan(result.doc) if (v.rule, v.message) not in was]
    if broken:
        reason = "; ".join(f"{v.rule}: {v.message}" for v in broken)
        rules = tuple(dict.fromkeys((v.rule, rule_text(v.rule)) for v in broken))
        raise _Refused(MoveResult(move, label, False, reason, rules))


def _outcome(doc: dict[str, Any], move: SessionMove) -> dict[str, Any] | None:
    """The plan's record of this move (by the session and the day it was moved to)."""
    for week in doc.get("weeks") or []:
        for m in week.get("moves") or []:
            if (m.get("to"), m.get("kind"), m.get("name")) == (
                move.to_day.isoformat(), move.kind, move.name,
            ):  # fmt: skip
                return dict(m)
    return None


def _on_day(doc: dict[str, Any], move: SessionMove) -> bool:
    found = find_day(doc, move.to_day)
    sessions = (found[1].get("sessions") or []) if found else []
    return any(session_key(s) == (move.kind, move.name) for s in sessions)
