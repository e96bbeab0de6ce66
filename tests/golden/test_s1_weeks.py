"""Golden: S1's ten weeks as the plan gives them (focus and sets x reps), week by week."""

from __future__ import annotations

from datetime import date

from stridelift.domain.plan import plan
from stridelift.domain.profile import athlete_from_mapping
from stridelift.methodologies import load_library, shipped_methodology

# S1's table: week, focus, sets, reps (low, high).
GOLDEN = [
    (1, "Stability and bodyweight control", 2, [12, 12]),
    (2, "Lower-body foundation", 3, [10, 10]),
    (3, "Posterior chain", 3, [8, 10]),
    (4, "Upper body and core", 3, [12, 12]),
    (5, "Single-leg strength", 3, [8, 8]),
    (6, "Power and plyometric preparation", 3, [6, 8]),
    (7, "Strength endurance", 4, [10, 10]),
    (8, "Integrated movement", 3, [8, 10]),
    (9, "Peak strength and coordination", 3, [6, 8]),
    (10, "Deload and recovery", 2, [10, 12]),
]
PROFILE = {
    "name": "Bea", "level": "beginner", "body_mass_kg": 60, "weekly_run_minutes": 120,
    "equipment": ["dumbbells", "kettlebell", "bands", "mini_bands", "stability_ball", "box"],
}  # fmt: skip


def test_the_ten_program_weeks_hold_s1s_focus_and_sets_x_reps() -> None:
    doc = plan(
        athlete_from_mapping(PROFILE),
        date(2027, 1, 4),
        shipped_methodology("s1-ten-week"),
        load_library(),
        10,
    )
    got = [
        (w["program"]["week"], w["program"]["focus"], w["program"]["sets"], w["program"]["reps"])
        for w in doc["weeks"]
    ]
    assert got == GOLDEN
    for week, (_, _, sets, reps) in zip(doc["weeks"], GOLDEN, strict=True):
        lifts = [s for d in week["days"] for s in d["sessions"] if s.get("template") == "program"]
        assert lifts
        for s in lifts:
            rep_counted = [e for e in s["exercises"] if e["measure"] == "reps"]
            assert rep_counted
            assert {(e["sets"], e["reps_min"], e["reps_max"]) for e in rep_counted} == {
                (sets, reps[0], reps[1])
            }
