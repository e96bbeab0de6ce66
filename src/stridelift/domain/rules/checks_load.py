"""Load rules: a starting load or its guidance, load changes from the log, and RPE with RIR."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from stridelift.domain.rules.registry import Violation, rule
from stridelift.domain.rules.view import PlanView, num


@rule("LOAD-1", "Starting load: one the athlete could lift 2-3 more reps than the target.")
def _load1(view: PlanView) -> Iterator[Violation]:
    for day in view.days():
        for s in day.strength():
            for ex in s.get("exercises", []):
                if ex.get("main_lift") and ex.get("load_kg") is None and not ex.get("load_note"):
                    yield Violation(
                        "LOAD-1",
                        f"{ex.get('id')} has neither load nor guidance",
                        day.date.isoformat(),
                    )


def _load_changes(
    view: PlanView, reason: str
) -> Iterator[tuple[str, Mapping[str, Any], Mapping[str, Any]]]:
    for day in view.days():
        for s in day.strength():
            for ex in s.get("exercises", []):
                change = ex.get("load_change")
                if isinstance(change, Mapping) and change.get("rule") == reason:
                    yield day.date.isoformat(), ex, change


def _moved(ex: Mapping[str, Any], change: Mapping[str, Any]) -> float | None:
    """Prescribed load minus the last logged one, when the plan gives both."""
    now, before = num(ex.get("load_kg"), -1), num(change.get("from_kg"), -1)
    return now - before if now >= 0 and before >= 0 else None


@rule("LOAD-2", "Technique breaks down before the range ends: reduce the load at once.")
def _load2(view: PlanView) -> Iterator[Violation]:
    for when, ex, change in _load_changes(view, "LOAD-2"):
        moved = _moved(ex, change)
        if num(change.get("pct")) >= 0 or (moved is not None and moved >= 0):
            yield Violation(
                "LOAD-2", f"{ex.get('id')}: load not reduced after a technique breakdown", when
            )


@rule("LOAD-3", "All sets very easy two sessions in a row: +2.5-5%.")
def _load3(view: PlanView) -> Iterator[Violation]:
    for when, ex, change in _load_changes(view, "LOAD-3"):
        moved = _moved(ex, change)
        if not 2.5 <= num(change.get("pct")) <= 5.0:
            yield Violation("LOAD-3", f"{ex.get('id')}: load raised by {change.get('pct')}%", when)
        elif moved is not None and moved <= 0:
            yield Violation("LOAD-3", f"{ex.get('id')}: a raise that does not raise the load", when)


@rule("RUN-7", "Loads from reps in reserve: RPE 10 = 0 RIR, 9 = 1, 8 = 2, 7 = 3.")
def _run7(view: PlanView) -> Iterator[Violation]:
    for day in view.days():
        for s in day.sessions:
            for ex in s.get("exercises", []):
                rpe, rir = num(ex.get("rpe"), -1), num(ex.get("rir"), -1)
                if rpe >= 0 and rir >= 0 and int(rir) != max(10 - int(rpe), 0):
                    yield Violation(
                        "RUN-7",
                        f"{ex.get('id')}: RPE {ex['rpe']} with RIR {ex['rir']}",
                        day.date.isoformat(),
                    )
