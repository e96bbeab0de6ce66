"""Every rule of COACHING_RULES.md once, by id: its text, its check, its constraint."""

from __future__ import annotations

from stridelift.domain.rules import (  # noqa: F401
    checks_cycle,
    checks_plan,
    checks_strength,
    checks_week,
)
from stridelift.domain.rules.registry import RULES, Rule, Violation, validate

__all__ = ["RULES", "Rule", "Violation", "validate"]
