"""The shape of the 4-week strength cycles across a season (PROG-5)."""

from __future__ import annotations

from collections.abc import Iterator

from stridelift.domain.rules.registry import Violation, rule
from stridelift.domain.rules.view import TRAINING, PlanView, whole

# PROG-5: a deload needs at least this many loading weeks before it in its cycle.
LOADING_WEEKS_BEFORE_DELOAD = 3


@rule(
    "PROG-5",
    "Every 4-week cycle keeps its shape, the first included: when the calendar cuts a "
    "cycle short, the lighter week still comes after at least three loading weeks (the "
    "short cycle merges with the next). Recovery, taper and race weeks start the count again.",
)
def _prog5(view: PlanView) -> Iterator[Violation]:
    weeks = view.weeks()
    loading = 0
    if view.weeks_before() and weeks and weeks[0].get("phase") in TRAINING:
        # A replan inside a season: the cycle began before the plan's first week.
        loading = max(whole(weeks[0].get("cycle_week"), 1) - 1, 0)
    for w in weeks:
        index = whole(w.get("index"), 0)
        if w.get("phase") not in TRAINING:
            loading = 0  # recovery, taper and race weeks start the count again
            continue
        cycle = whole(w.get("cycle_week"), 0)
        if not 1 <= cycle <= 4:
            yield Violation("PROG-5", f"cycle week {cycle} is not 1-4", week=index)
        if not w.get("deload"):
            loading += 1
            continue
        if loading < LOADING_WEEKS_BEFORE_DELOAD:
            yield Violation(
                "PROG-5",
                f"deload after only {loading} loading week(s); a cycle cut short "
                f"merges with the next so the deload follows at least "
                f"{LOADING_WEEKS_BEFORE_DELOAD}",
                week=index,
            )
        loading = 0
