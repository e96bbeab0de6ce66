"""The rule registry and the validator that runs every rule's check over a plan document."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from stridelift.domain.rules.view import PlanView


@dataclass(frozen=True, slots=True)
class Violation:
    """One place where a plan breaks a rule."""

    rule: str
    message: str
    date: str | None = None
    week: int | None = None

    def __str__(self) -> str:
        where = self.date or (f"week {self.week}" if self.week is not None else "plan")
        return f"{self.rule} {where}: {self.message}"


Check = Callable[[PlanView], Iterable[Violation]]
Constrain = Callable[[Any], None]


@dataclass(frozen=True, slots=True)
class Rule:
    """A coaching rule: id, plain-words text, a check on plans, and optionally a constraint
    the week scheduler adds to its model (so both sides share one definition)."""

    id: str
    text: str
    check: Check
    constrain: Constrain | None = None
    excusable: bool = False


RULES: dict[str, Rule] = {}


def rule(
    rule_id: str, text: str, *, excusable: bool = False, constrain: Constrain | None = None
) -> Callable[[Check], Check]:
    """Register a check under a rule id (each id exactly once)."""

    def wrap(fn: Check) -> Check:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} registered twice")
        RULES[rule_id] = Rule(rule_id, text, fn, constrain, excusable)
        return fn

    return wrap


def validate(doc: Mapping[str, Any]) -> list[Violation]:
    """Check a plan document against every rule; violations sorted by rule and place.

    A rule marked excusable does not count where the plan itself carries a notice for that
    rule and week (the planner could not meet it and said so: "never silently").
    """
    view = PlanView(doc)
    problems = view.schema_problems()
    if problems:
        return [Violation("SCHEMA", p) for p in problems]
    found: list[Violation] = []
    for r in RULES.values():
        for v in r.check(view):
            if r.excusable and view.excused(r.id, v.week):
                continue
            if view.overridden(r.id, v.week):  # the named methodology's program week
                continue
            found.append(v)
    return sorted(found, key=lambda v: (v.rule, v.date or "", v.week or 0, v.message))
