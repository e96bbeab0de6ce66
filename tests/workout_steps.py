"""Structured workouts (RUN-11) added to the hand-written sample plan, for the export tests.

The planner fills a run's ``steps`` itself; these tests build them by hand from
PLAN_SCHEMA.md so that every output is checked against a known workout: a tempo run,
marathon-pace work, a long run with goal-pace segments, hill repeats without paces,
intervals with a jog between, and a race run at its goal pace.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

SAMPLE = Path(__file__).resolve().parent / "fixtures" / "plan_sample.json"


def _step(kind: str, effort: str, pace: int | None = None, **size: int) -> dict[str, Any]:
    step: dict[str, Any] = {"kind": kind, "effort": effort, **size}
    if pace is not None:
        step["pace_s_per_km"] = pace
    return step


INTERVALS_DAY = "2026-12-08"
HILLS_DAY = "2026-12-01"
LONG_DAY = "2026-11-29"
RACE_DAY = "2026-12-12"
TEMPO_DAY = "2026-11-24"
STEPS: dict[str, list[dict[str, Any]]] = {
    TEMPO_DAY: [
        _step("warmup", "easy", 345, duration_s=900),
        _step("work", "threshold", 285, duration_s=1200),
        _step("cooldown", "easy", 345, duration_s=900),
    ],
    "2026-11-26": [
        _step("warmup", "easy", 345, duration_s=1200),
        _step("work", "marathon", 290, distance_m=5000),
        _step("cooldown", "easy", duration_s=600),
    ],
    LONG_DAY: [
        _step("work", "easy", 335, duration_s=2700),
        {
            "repeat": 2,
            "steps": [
                _step("work", "marathon", 290, distance_m=3000),
                _step("recover", "easy", duration_s=300),
            ],
        },
        _step("cooldown", "easy", duration_s=600),
    ],
    HILLS_DAY: [  # effort only: no paces anywhere
        _step("warmup", "easy", duration_s=900),
        {
            "repeat": 6,
            "steps": [
                _step("work", "hill", duration_s=90),
                _step("recover", "easy", duration_s=120),
            ],
        },
        _step("cooldown", "easy", duration_s=600),
    ],
    INTERVALS_DAY: [
        _step("warmup", "easy", 345, duration_s=900),
        {
            "repeat": 5,
            "steps": [
                _step("work", "interval", 255, distance_m=1000),
                _step("recover", "easy", duration_s=150),
            ],
        },
        _step("cooldown", "easy", duration_s=600),
    ],
    RACE_DAY: [_step("work", "race", 250, distance_m=10000)],
}


def sample_with_steps(units: str | None = None) -> dict[str, Any]:
    """The sample plan with the workouts above on its runs (optionally in other units)."""
    doc: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return add_steps(doc, units)


def add_steps(doc: dict[str, Any], units: str | None = None) -> dict[str, Any]:
    """A copy of ``doc`` with STEPS on the first run of each of their days."""
    doc = copy.deepcopy(doc)
    if units is not None:
        doc["athlete"]["units"] = units
    for week in doc["weeks"]:
        for day in week["days"]:
            run = next((s for s in day["sessions"] if s["kind"] == "run"), None)
            if run is not None and day["date"] in STEPS:
                run["steps"] = copy.deepcopy(STEPS[day["date"]])
    return doc


def count_fit_steps(steps: list[dict[str, Any]]) -> int:
    """FIT workout steps for plan steps: one each, plus one repeat step per group."""
    return sum(count_fit_steps(s["steps"]) + 1 if "repeat" in s else 1 for s in steps)
