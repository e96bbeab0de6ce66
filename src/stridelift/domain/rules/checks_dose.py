"""CONTENT-9: every exercise dose is in its own unit and makes sense.

A dose counts reps, seconds (a hold) or metres (a carry, a drill), as ``measure`` says
(reps when it is missing). A rep count read as seconds or metres shows as a number no
coach would write (a 5 m carry, an 8 s plank), a rep-based load note on a carry asks for
a load "you could lift 42 times", and an RPE of 8 on work without an external load asks
for an effort that bodyweight alone does not give.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from stridelift.domain.rules.registry import Violation, rule
from stridelift.domain.rules.view import PlanView, num, whole

MEASURES = ("reps", "seconds", "metres")
# What a dose in each unit can sensibly be: past these ends the number counts another
# unit (reps are bounded by PHASE-4 elsewhere; 30 leaves room for calves and core).
SENSIBLE = {"reps": (1, 30), "seconds": (10, 300), "metres": (10, 400)}
HARD_RPE = 8  # RUN-7: 2 reps in reserve, only reachable with a load
# A load note that counts repetitions ("could lift 12-13 times", "stop 2-3 reps short").
_REP_WORDS = re.compile(r"\b(reps?|times)\b", re.IGNORECASE)


def _problems(ex: Mapping[str, Any]) -> Iterator[str]:
    """What is wrong with one exercise's dose, in plain words."""
    name = ex.get("id") or ex.get("name")
    measure = ex.get("measure") or "reps"
    if measure not in MEASURES:
        yield f"{name}: unit {measure!r} is not one of {', '.join(MEASURES)}"
        return
    lo, hi = whole(ex.get("reps_min"), 1), whole(ex.get("reps_max"), 1)
    if lo > hi:
        yield f"{name}: range {lo}-{hi} runs backwards"
    low_end, high_end = SENSIBLE[measure]
    if lo < low_end or hi > high_end:
        yield f"{name}: {lo}-{hi} {measure} is no sensible dose in {measure}"
    if ex.get("pattern") == "carry" and measure != "metres":
        yield f"{name}: a carry is measured in metres, not {measure}"
    note = str(ex.get("load_note") or "")
    if measure != "reps" and _REP_WORDS.search(note):
        yield f"{name}: a dose in {measure} with a load note in reps ({note!r})"
    external = ex.get("external_load", ex.get("load_kg") is not None)
    if num(ex.get("rpe")) >= HARD_RPE and not external:
        yield f"{name}: RPE {ex.get('rpe')} without an external load to make it that hard"


@rule(
    "CONTENT-9",
    "Every dose is in its own unit and makes sense: reps, seconds or metres as the "
    "exercise is measured; a load or RPE only where it can be loaded or made harder.",
)
def _content9(view: PlanView) -> Iterator[Violation]:
    for day in view.days():
        for s in day.sessions:
            for ex in s.get("exercises", []):
                if not isinstance(ex, Mapping):
                    continue
                for problem in _problems(ex):
                    yield Violation(
                        "CONTENT-9", problem, day.date.isoformat(), whole(day.week.get("index"))
                    )
