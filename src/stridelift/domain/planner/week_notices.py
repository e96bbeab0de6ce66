"""Notices about a built week: patterns short sessions cannot hold (CONTENT-1..4) and
sessions the strategy could not have where it wants them (PLACE-3)."""

from __future__ import annotations

from typing import Any

from stridelift.domain.athlete import Athlete
from stridelift.domain.rules.checks_strength import TEMPLATE_PATTERNS
from stridelift.domain.rules.view import FULL_TEMPLATES, follows_strategy
from stridelift.domain.season import TRAINING_PHASES, Notice, WeekFrame
from stridelift.domain.strength_session import StrengthSession

COVERED = ("squat", "hinge", "lunge", "push", "pull", "core", "lateral_hip")


def coverage_notices(frame: WeekFrame, sessions: list[StrengthSession]) -> list[Notice]:
    """CONTENT-1..4: say so when short sessions cannot hold the patterns they should."""
    full = [s for s in sessions if s.template in FULL_TEMPLATES]
    if frame.phase not in TRAINING_PHASES:
        return []
    out: list[Notice] = []
    for s in full:
        rule_id, need = TEMPLATE_PATTERNS[s.template]
        lacking = sorted(need - {e.pattern for e in s.exercises})
        if lacking:
            out.append(
                Notice(
                    rule_id,
                    f"the {s.minutes}-minute session {s.template} has no room for "
                    f"{', '.join(lacking)} work; longer sessions (session_minutes) hold it.",
                    frame.index,
                )
            )
    if len(full) < 2:
        return out
    have = {e.pattern for s in full for e in s.exercises}
    missing = [p for p in COVERED if p not in have]
    if not missing:
        return out
    minutes = full[0].minutes
    return [
        *out,
        Notice(
            "CONTENT-1",
            f"{minutes}-minute sessions leave out {', '.join(missing)}; "
            "longer sessions (session_minutes) would cover every pattern.",
            frame.index,
        ),
    ]


STRATEGY_WORDS = {
    "separate": "on days without running",
    "easy_days": "on easy-run days",
    "stack": "on quality-run days (or light)",
}


def strategy_notices(frame: WeekFrame, athlete: Athlete, week: dict[str, Any]) -> list[Notice]:
    """PLACE-3: say so when a strength session could not sit where the strategy wants it."""
    strategy = athlete.strategy
    if strategy not in STRATEGY_WORDS or frame.phase == "offseason":
        return []
    off: list[str] = []
    for day in week["days"]:
        types = {s.get("run_type") for s in day["sessions"] if s["kind"] == "run"}
        for s in day["sessions"]:
            if s["kind"] != "strength" or s.get("template") == "mobility":
                continue
            if not follows_strategy(strategy, types, s):
                off.append(f"{s.get('template')} on {day['date']}")
    if not off:
        return []
    return [
        Notice(
            "PLACE-3",
            f"the '{strategy}' strategy wants strength {STRATEGY_WORDS[strategy]}, but the "
            f"available days leave no lawful such day for {', '.join(off)}; "
            "the closest lawful placement is kept.",
            frame.index,
        )
    ]
