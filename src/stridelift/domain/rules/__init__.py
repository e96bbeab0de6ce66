"""Every rule of COACHING_RULES.md once, by id: its text, its check, its constraint."""

from __future__ import annotations

from stridelift.domain.rules import (  # noqa: F401
    checks_adapt,
    checks_block,
    checks_cycle,
    checks_dose,
    checks_load,
    checks_pace,
    checks_plan,
    checks_recovery,
    checks_strength,
    checks_week,
    checks_workouts,
)
from stridelift.domain.rules.registry import RULES, Rule, Violation, validate

__all__ = ["RULES", "Rule", "Violation", "validate"]
