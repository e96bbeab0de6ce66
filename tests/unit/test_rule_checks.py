"""Every rule of COACHING_RULES.md has a check, and each check catches a breach of its rule.

The plans under test come from the real planner and break no rule. Each case deep-copies
one, makes the smallest realistic change that breaks one rule (the kind of slip a planner
bug or a hand edit would make) and expects the validator to name that rule at that place.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from stridelift.domain.plan import plan
from stridelift.domain.profile import athlete_from_mapping
from stridelift.domain.rules import RULES, Violation, validate
from stridelift.methodologies import default_methodology, load_library
from tests.weekly_replans import weekly_replans

TODAY = date(2026, 11, 23)  # a Monday
Doc = dict[str, Any]
Plans = dict[str, Doc]
SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "plan_sample.json"


def _on(weeks: int, days: int) -> str:
    return (TODAY + timedelta(weeks=weeks, days=days)).isoformat()


# name -> (profile, weeks to plan). Together they hold every phase, a B race, a
# compressed block, short sessions, home equipment and each PLACE-6 variant.
PROFILES: dict[str, tuple[dict[str, Any], int]] = {
    "beginner": (
        {
            "name": "Bea", "level": "beginner", "body_mass_kg": 60, "weekly_run_minutes": 120,
            "equipment": ["dumbbells", "bands", "mat"], "session_minutes": 30,
            "long_run_day": "sat", "strategy": "separate",
        },
        8,
    ),
    "intermediate": (
        {
            "name": "Maya", "level": "intermediate", "body_mass_kg": 62,
            "weekly_run_minutes": 300, "equipment": ["gym"], "session_minutes": 45,
            "long_run_day": "sun",
            "races": [
                {"name": "Spring Marathon", "date": _on(20, 6), "distance": "marathon"},
                {"name": "Winter Half", "date": _on(10, 6), "distance": "half", "priority": "B"},
            ],
        },
        30,
    ),
    "advanced": (
        {
            "name": "Ada", "level": "advanced", "body_mass_kg": 62, "weekly_run_minutes": 425,
            "equipment": ["gym"], "session_minutes": 45, "long_run_day": "sat",
            "races": [{"name": "Coast Marathon", "date": _on(12, 5), "distance": "marathon"}],
        },
        15,
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def plans() -> Plans:
    """The planner's own plans; the breach cases are meaningless unless these are clean."""
    out = {
        name: plan(athlete_from_mapping(p), TODAY, default_methodology(), load_library(), weeks)
        for name, (p, weeks) in PROFILES.items()
    }
    broken = {name: [str(v) for v in validate(doc)] for name, doc in out.items()}
    broken = {name: found for name, found in broken.items() if found}
    if broken:
        pytest.fail(f"planner-made plans break rules: {broken}")
    return out


# --- finding things in a plan ---------------------------------------------------------


def _week(doc: Doc, phase: str, *, deload: bool = False, cycle: int | None = None) -> Doc:
    for w in doc["weeks"]:
        same = w["phase"] == phase and bool(w["deload"]) == deload
        if same and (cycle is None or w["cycle_week"] == cycle):
            return w
    raise LookupError(f"no {phase} week (deload={deload}, cycle={cycle})")


def _days(week: Doc) -> list[Doc]:
    return week["days"]


def _find(week: Doc, pred: Callable[[Doc], bool]) -> tuple[int, Doc]:
    """The first session of the week matching ``pred``, with its day's position."""
    for i, day in enumerate(_days(week)):
        for s in day["sessions"]:
            if pred(s):
                return i, s
    raise LookupError("no such session")


def _lift(week: Doc, template: str) -> tuple[int, Doc]:
    return _find(week, lambda s: s["kind"] == "strength" and s["template"] == template)


def _heavy(week: Doc) -> tuple[int, Doc]:
    return _find(week, lambda s: s["kind"] == "strength" and s["heavy_lower"])


def _runs(week: Doc, *types: str) -> Iterator[tuple[int, Doc]]:
    for i, day in enumerate(_days(week)):
        for s in day["sessions"]:
            if s["kind"] == "run" and (not types or s["run_type"] in types):
                yield i, s


def _date(week: Doc, i: int) -> str:
    return str(week["days"][i]["date"])


def _move(week: Doc, session: Doc, to: int, *, last: bool = True) -> None:
    """Take a session off its day and put it on day ``to`` (after what is there)."""
    for day in _days(week):
        if session in day["sessions"]:
            day["sessions"].remove(session)
    target = week["days"][to]["sessions"]
    session["order"] = len(target) + 1 if last else 1
    target.append(session)


def _exercise(session: Doc, pred: Callable[[Doc], bool]) -> Doc:
    return next(ex for ex in session["exercises"] if pred(ex))


def _main_lower(session: Doc) -> Doc:
    return _exercise(session, lambda ex: ex["main_lift"] and ex["region"] == "lower")


def _drop(session: Doc, pred: Callable[[Doc], bool]) -> None:
    session["exercises"] = [ex for ex in session["exercises"] if not pred(ex)]


def _adapt(doc: Doc, rule: str, action: str, weeks: list[int], **extra: Any) -> None:
    """An adaptation entry in the shape the planner writes (history given)."""
    entry = {
        "rule": rule, "action": action, "weeks": weeks, "signal": extra.pop("signal", None),
        "since": extra.pop("since", None), "days": extra.pop("days", None),
        "detail": extra.pop("detail", None), "change": extra.pop("change", "changed"),
    }  # fmt: skip
    entry.update(extra)
    doc.setdefault("adaptations", []).append(entry)


def _log_past_days(doc: Doc, days: int) -> None:
    """Make the first ``days`` days of week 1 history, as the planner does when today is
    later in the week: no sessions, and ``logged`` holding what was done."""
    for day in doc["weeks"][0]["days"][:days]:
        day["logged"] = [
            {"kind": s["kind"], "minutes": s["minutes"], "run_type": s.get("run_type"),
             "distance_km": s.get("distance_km"), "rpe": 5, "template": s.get("template")}
            for s in day["sessions"]
            if s["kind"] in ("run", "strength")
        ]  # fmt: skip
        day["sessions"] = []


def _scale_runs(week: Doc, factor: float) -> None:
    """Every run of the week but a race, longer or shorter by ``factor``."""
    for _, r in _runs(week):
        if r["run_type"] != "race":
            r["minutes"] = round(r["minutes"] * factor)


def _run_minutes(week: Doc) -> int:
    return sum(r["minutes"] for _, r in _runs(week) if r["run_type"] != "race")


# --- one breach per rule --------------------------------------------------------------


@dataclass(frozen=True)
class Where:
    """Where the violation should point; None fields are not checked."""

    date: str | None = None
    week: int | None = None


Breach = Callable[[Doc, Plans], Where]
BREACHES: dict[str, tuple[str, Breach]] = {}


def breaks(rule_id: str, plan_name: str) -> Callable[[Breach], Breach]:
    """Register the breach of ``rule_id`` made on a copy of the plan ``plan_name``."""

    def wrap(fn: Breach) -> Breach:
        assert rule_id not in BREACHES, rule_id
        BREACHES[rule_id] = (plan_name, fn)
        return fn

    return wrap


# FREQ


@breaks("FREQ-1", "intermediate")
def _one_session_in_a_base_week(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "base")
    day, b = _lift(w, "B")
    w["days"][day]["sessions"].remove(b)
    return Where(week=w["index"])


@breaks("FREQ-2", "beginner")
def _a_third_session_for_a_beginner(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "general", cycle=2)
    _, a = _lift(w, "A")
    rest = next(i for i, d in enumerate(_days(w)) if not d["sessions"])
    w["days"][rest]["sessions"].append(copy.deepcopy(a))
    return Where(week=w["index"])


@breaks("FREQ-3", "intermediate")
def _race_week_mobility_on_the_eve_of_the_race(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "race_week")
    race_day, _ = next(_runs(w, "race"))
    _, mobility = _lift(w, "mobility")
    _move(w, mobility, race_day - 1)
    return Where(date=_date(w, race_day - 1), week=w["index"])


@breaks("FREQ-4", "intermediate")
def _a_75_minute_session(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "base")
    _lift(w, "A")[1]["minutes"] = 75
    return Where(week=w["index"])


@breaks("FREQ-5", "intermediate")
def _stand_alone_core_left_out(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "base")
    for day in _days(w):
        day["sessions"] = [s for s in day["sessions"] if s["kind"] != "core"]
    return Where(week=w["index"])


# SEASON


@breaks("SEASON-1", "intermediate")
def _race_specific_block_before_the_strength_block(doc: Doc, plans: Plans) -> Where:
    swap = {"strength": "race_specific", "race_specific": "strength"}
    for w in doc["weeks"]:
        w["phase"] = swap.get(w["phase"], w["phase"])
    return Where(week=_week(doc, "race_week")["index"])


@breaks("SEASON-2", "intermediate")
def _the_block_starts_21_weeks_out(doc: Doc, plans: Plans) -> Where:
    for w in doc["weeks"]:
        if w["phase"] == "general":
            w["phase"] = "base"
    return Where(week=1)


@breaks("SEASON-3", "advanced")
def _a_compressed_block_without_a_word(doc: Doc, plans: Plans) -> Where:
    doc["notices"] = [n for n in doc["notices"] if n["rule"] != "SEASON-3"]
    doc["warnings"] = [x for x in doc["warnings"] if not x.startswith("SEASON-3")]
    return Where(week=_week(doc, "race_week")["index"])


@breaks("SEASON-4", "intermediate")
def _off_season_running_at_full_volume(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "offseason")
    _scale_runs(w, doc["athlete"]["weekly_run_minutes"] / _run_minutes(w))
    return Where(week=w["index"])


@breaks("SEASON-5", "intermediate")
def _the_b_race_gets_a_full_race_week(doc: Doc, plans: Plans) -> Where:
    b = next(r for r in doc["races"] if r["priority"] == "B")
    w = next(w for w in doc["weeks"] if any(d["date"] == b["date"] for d in w["days"]))
    w["phase"] = "race_week"
    return Where(week=w["index"])


@breaks("SEASON-6", "beginner")
def _a_cycle_without_its_deload(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "general", deload=True)
    w["deload"] = False
    return Where(week=w["index"] + 1)  # the fifth week in a row without a lighter one


# PHASE


@breaks("PHASE-1", "intermediate")
def _plyometrics_in_the_base_phase(doc: Doc, plans: Plans) -> Where:
    src = _lift(_week(doc, "race_specific"), "A")[1]
    plyo = _exercise(src, lambda ex: ex["plyometric"])
    w = _week(doc, "base")
    day, a = _lift(w, "A")
    a["exercises"].insert(0, copy.deepcopy(plyo))
    return Where(date=_date(w, day), week=w["index"])


@breaks("PHASE-2", "intermediate")
def _heavy_deadlifts_beside_the_plyometrics(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "race_specific")
    lift = _main_lower(_lift(w, "A")[1])
    lift.update(sets=4, reps_min=4, reps_max=6, rpe=8, rir=2)
    return Where(week=w["index"])


@breaks("PHASE-3", "intermediate")
def _a_new_exercise_in_the_taper(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "taper")
    done = {
        ex["id"]
        for earlier in doc["weeks"][: w["index"] - 1]
        for d in earlier["days"]
        for s in d["sessions"]
        for ex in s.get("exercises", []) + s.get("warmup", [])
    }
    later = doc["weeks"][w["index"] :]
    new = next(
        ex
        for x in later
        for d in x["days"]
        for s in d["sessions"]
        if s["kind"] == "strength"
        for ex in s["exercises"]
        if ex["id"] not in done
    )
    _find(w, lambda s: s["kind"] == "strength")[1]["exercises"].append(copy.deepcopy(new))
    return Where(week=w["index"])


@breaks("PHASE-4", "intermediate")
def _deadlifts_to_failure(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "base")
    day, a = _lift(w, "A")
    _main_lower(a).update(rpe=10, rir=0)
    return Where(date=_date(w, day))


# PROG


@breaks("PROG-1", "intermediate")
def _week_one_starts_one_rep_from_failure(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "base", cycle=1)
    _main_lower(_lift(w, "A")[1]).update(rpe=9, rir=1)
    return Where(week=w["index"])


@breaks("PROG-2", "intermediate")
def _week_two_adds_a_set(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "base", cycle=2)
    _main_lower(_lift(w, "A")[1])["sets"] += 1
    return Where(week=w["index"])


@breaks("PROG-3", "intermediate")
def _week_three_adds_sets_on_two_lifts(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "base", cycle=3)
    before = _lift(_week(doc, "base", cycle=2), "A")[1]
    now = _lift(w, "A")[1]
    for ex, prev in zip(now["exercises"], before["exercises"], strict=True):
        if ex["main_lift"]:
            ex["sets"] = prev["sets"] + 1
    return Where(week=w["index"])


@breaks("PROG-4", "intermediate")
def _a_deload_week_as_heavy_as_week_two(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "base", deload=True)
    before = _lift(_week(doc, "base", cycle=2), "A")[1]
    now = _lift(w, "A")[1]
    for ex, prev in zip(now["exercises"], before["exercises"], strict=True):
        ex["sets"] = prev["sets"]
    return Where(week=w["index"])


# PLACE


@breaks("PLACE-1", "intermediate")
def _heavy_legs_the_day_before_intervals(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "strength")
    day, _ = next(
        (i, r)
        for i, r in _runs(w, "intervals", "tempo", "quality", "race_pace")
        if i > 0 and not any(s["kind"] == "strength" for s in w["days"][i - 1]["sessions"])
    )
    _, heavy = _heavy(w)
    _move(w, heavy, day - 1)
    return Where(date=_date(w, day - 1), week=w["index"])


@breaks("PLACE-2", "intermediate")
def _heavy_legs_the_day_before_the_long_run(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "strength")
    long_day, _ = next(_runs(w, "long"))
    _, heavy = _heavy(w)
    _move(w, heavy, long_day - 1)
    return Where(date=_date(w, long_day - 1), week=w["index"])


@breaks("PLACE-3", "beginner")
def _strength_on_a_run_day_for_a_separate_days_athlete(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "general")
    _, a = _lift(w, "A")
    day, _ = next(
        (i, r)
        for i, r in _runs(w, "easy")
        if not any(s["kind"] == "strength" for s in w["days"][i]["sessions"])
    )
    _move(w, a, day)
    return Where(date=_date(w, day), week=w["index"])


@breaks("PLACE-4", "intermediate")
def _lifting_before_the_tempo_run_on_the_same_day(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "strength")
    day, run = next(
        (i, r)
        for i, r in _runs(w, "tempo", "intervals")
        if any(s["kind"] == "strength" for s in w["days"][i]["sessions"])
    )
    lift = next(s for s in w["days"][day]["sessions"] if s["kind"] == "strength")
    lift["order"], run["order"] = run["order"], lift["order"]
    lift["slot"], run["slot"] = run["slot"], lift["slot"]
    return Where(date=_date(w, day), week=w["index"])


@breaks("PLACE-5", "intermediate")
def _strength_on_two_days_in_a_row(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "base")
    a_day, _ = _lift(w, "A")
    _, b = _lift(w, "B")
    _move(w, b, a_day + 1)
    return Where(date=_date(w, a_day), week=w["index"])


@breaks("PLACE-6", "intermediate")
def _an_easy_run_on_every_rest_day(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "base")
    _, easy = next(_runs(w, "easy"))
    for day in _days(w):
        if not day["sessions"]:
            day["sessions"].append(dict(copy.deepcopy(easy), minutes=30, order=1))
    return Where(week=w["index"])


@breaks("PLACE-7", "intermediate")
def _heavy_legs_after_the_long_run(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "strength")
    long_day, _ = next(_runs(w, "long"))
    _, heavy = _heavy(w)
    _move(w, heavy, long_day)
    return Where(date=_date(w, long_day), week=w["index"])


@breaks("PLACE-8", "intermediate")
def _off_season_lift_stacked_on_a_run_while_a_day_stays_free(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "offseason")
    days = _days(w)
    weeks = doc["weeks"]
    at = weeks.index(w)
    # Lifting on the days around this week (Sunday before, Monday after), then this week's.
    around = [weeks[at - 1]["days"][-1] if at > 0 else {"sessions": []}, *days]
    around.append(weeks[at + 1]["days"][0] if at + 1 < len(weeks) else {"sessions": []})
    lifts = [any(s["kind"] == "strength" for s in d["sessions"]) for d in around]
    # A lift alone on its day, with no lifting the day before or after: moved onto a day
    # with a run and no lifting, it leaves a free day that could have taken it.
    lift = next(
        s
        for i, d in enumerate(days)
        for s in d["sessions"]
        if s["kind"] == "strength" and len(d["sessions"]) == 1 and not (lifts[i] or lifts[i + 2])
    )
    j = next(
        i
        for i, d in enumerate(days)
        if any(x["kind"] == "run" for x in d["sessions"])
        and not any(x["kind"] == "strength" for x in d["sessions"])
    )
    _move(w, lift, j)
    return Where(date=_date(w, j), week=w["index"])


@breaks("PLACE-9", "intermediate")
def _a_run_without_its_reasons(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "base")
    day, run = next(_runs(w))
    run["reasons"] = []
    return Where(date=_date(w, day), week=w["index"])


# CONTENT


@breaks("CONTENT-1", "intermediate")
def _no_pulling_all_week(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "base")
    for _, s in (_lift(w, "A"), _lift(w, "B")):
        _drop(s, lambda ex: ex["pattern"] == "pull")
    return Where(week=w["index"])


@breaks("CONTENT-2", "intermediate")
def _day_a_without_its_calf_raise(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "base")
    _drop(_lift(w, "A")[1], lambda ex: ex["pattern"] == "calf")
    return Where(week=w["index"])


@breaks("CONTENT-3", "intermediate")
def _day_b_without_its_squat(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "base")
    _drop(_lift(w, "B")[1], lambda ex: ex["pattern"] == "squat")
    return Where(week=w["index"])


@breaks("CONTENT-4", "intermediate")
def _short_session_without_single_leg_work(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "offseason")
    _drop(_lift(w, "short")[1], lambda ex: ex["pattern"] == "lunge")
    return Where(week=w["index"])


@breaks("CONTENT-5", "intermediate")
def _a_week_of_bilateral_work_only(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "base")
    for _, s in (_lift(w, "A"), _lift(w, "B")):
        _drop(s, lambda ex: ex["unilateral"])
    return Where(week=w["index"])


@breaks("CONTENT-6", "intermediate")
def _a_three_minute_warm_up(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "base")
    day, a = _lift(w, "A")
    a["warmup"] = a["warmup"][:1]
    return Where(date=_date(w, day), week=w["index"])


@breaks("CONTENT-7", "beginner")
def _a_trap_bar_deadlift_at_home(doc: Doc, plans: Plans) -> Where:
    gym = _lift(_week(plans["intermediate"], "base"), "A")[1]
    trap_bar = _exercise(gym, lambda ex: "trap_bar" in ex["equipment"])
    w = _week(doc, "general")
    day, b = _lift(w, "B")
    b["exercises"] = [copy.deepcopy(trap_bar) if ex["pattern"] == "hinge" else ex
                      for ex in b["exercises"]]  # fmt: skip
    return Where(date=_date(w, day))


@breaks("CONTENT-8", "beginner")
def _heavy_goblet_squats_for_a_beginner(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "general")
    day, b = _lift(w, "B")
    _main_lower(b).update(sets=4, reps_min=4, reps_max=6, rpe=8, rir=2)
    return Where(date=_date(w, day))


# CONTENT-9 (doses in their own unit): the breach, then its other branches below.


@breaks("CONTENT-9", "intermediate")
def _a_carry_in_metres_with_a_load_note_in_reps(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "base")
    day, a = _lift(w, "A")
    carry = _exercise(a, lambda ex: ex["pattern"] == "carry")
    assert carry["measure"] == "metres"
    carry["load_note"] = "a load you could lift 42-43 times: stop 2-3 reps short (LOAD-1)"
    return Where(date=_date(w, day))


def _unloaded_step_up_at_rpe_8(doc: Doc) -> tuple[Doc, int]:
    w = _week(doc, "strength")
    day, b = _lift(w, "B")
    step = _exercise(b, lambda ex: ex["pattern"] == "lunge" and ex["main_lift"])
    step.update(id="step_up_knee_drive", external_load=False, equipment=[], rpe=8, rir=2)
    return w, day


def _side_plank_backwards(doc: Doc) -> tuple[Doc, int]:
    w = _week(doc, "base")
    day, b = _lift(w, "B")
    _exercise(b, lambda ex: ex["id"] == "side_plank").update(reps_min=30, reps_max=20)
    return w, day


def _a_skips_counted_in_reps_as_metres(doc: Doc) -> tuple[Doc, int]:
    w = _week(doc, "race_specific")
    day, s = _find(w, lambda s: any(ex["plyometric"] for ex in s.get("exercises", [])))
    _exercise(s, lambda ex: ex["plyometric"]).update(measure="metres", reps_min=5, reps_max=6)
    return w, day


def _carry_counted_in_reps(doc: Doc) -> tuple[Doc, int]:
    w = _week(doc, "base")
    day, a = _lift(w, "A")
    _exercise(a, lambda ex: ex["pattern"] == "carry").update(measure="reps")
    return w, day


@pytest.mark.parametrize(
    "breach",
    [_unloaded_step_up_at_rpe_8, _side_plank_backwards, _a_skips_counted_in_reps_as_metres,
     _carry_counted_in_reps],
)  # fmt: skip
def test_content9_catches_each_dose_that_makes_no_sense_in_its_unit(
    plans: Plans, breach: Callable[[Doc], tuple[Doc, int]]
) -> None:
    doc = copy.deepcopy(plans["intermediate"])
    w, day = breach(doc)
    found = [v for v in validate(doc) if v.rule == "CONTENT-9"]
    assert _date(w, day) in {v.date for v in found}, [str(v) for v in validate(doc)]


# LOAD


@breaks("LOAD-1", "intermediate")
def _a_main_lift_with_neither_load_nor_guidance(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "base")
    day, a = _lift(w, "A")
    lift = _main_lower(a)
    assert lift["load_kg"] is None
    del lift["load_note"]
    return Where(date=_date(w, day))


@breaks("LOAD-2", "intermediate")
def _load_kept_after_technique_broke_down(doc: Doc, plans: Plans) -> Where:
    w = doc["weeks"][0]
    day, a = _lift(w, "A")
    lift = _main_lower(a)
    lift["load_kg"] = 80.0
    why = "technique broke down before the end of the range"
    lift["load_change"] = {"rule": "LOAD-2", "pct": 0.0, "from_kg": 80.0, "why": why}
    _adapt(doc, "LOAD-2", "lower_load", [1], exercise=lift["id"], signal="technique")
    return Where(date=_date(w, day))


@breaks("LOAD-3", "intermediate")
def _an_8_percent_raise_after_two_easy_sessions(doc: Doc, plans: Plans) -> Where:
    w = doc["weeks"][0]
    day, a = _lift(w, "A")
    lift = _main_lower(a)
    lift["load_kg"] = 67.5
    why = "all sets very easy two sessions in a row"
    lift["load_change"] = {"rule": "LOAD-3", "pct": 8.0, "from_kg": 62.5, "why": why}
    _adapt(doc, "LOAD-3", "raise_load", [1], exercise=lift["id"], signal="very easy")
    return Where(date=_date(w, day))


# ADAPT


@breaks("ADAPT-1", "intermediate")
def _running_cut_first_for_persistent_fatigue(doc: Doc, plans: Plans) -> Where:
    _scale_runs(doc["weeks"][0], 0.9)
    _adapt(
        doc, "ADAPT-1", "cut_running", [1], first_cut="running", signal="persistent fatigue",
        since=(TODAY - timedelta(days=10)).isoformat(), days=10,
        change="running minutes down 10%",
    )  # fmt: skip
    return Where(week=1)


@breaks("ADAPT-2", "beginner")
def _mileage_added_in_the_second_week_of_new_strength_work(doc: Doc, plans: Plans) -> Where:
    w = doc["weeks"][1]
    for _, r in _runs(w, "easy"):
        r["minutes"] += 10
    return Where(week=w["index"])


@breaks("ADAPT-3", "intermediate")
def _a_busy_week_that_keeps_the_full_schedule(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "base", cycle=2)
    w["busy"] = True
    _adapt(doc, "ADAPT-3", "busy", [w["index"]], signal="busy week")
    return Where(week=w["index"])


@breaks("ADAPT-4", "intermediate")
def _a_missed_week_piled_onto_the_next(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "base", cycle=2)
    rest = [i for i, d in enumerate(_days(w)) if not d["sessions"]]
    for i, (_, s) in zip(rest, (_lift(w, "A"), _lift(w, "B")), strict=False):
        w["days"][i]["sessions"].append(dict(copy.deepcopy(s), order=1))
    _adapt(doc, "ADAPT-4", "resume", [w["index"]], signal="missed week")
    return Where(week=w["index"])


@breaks("ADAPT-5", "intermediate")
def _an_exercise_stopped_for_pain_still_planned(doc: Doc, plans: Plans) -> Where:
    first = next(
        (w, d)
        for w in doc["weeks"]
        for d in w["days"]
        for s in d["sessions"]
        if any(ex["id"] == "split_squat" for ex in s.get("exercises", []))
    )
    _adapt(
        doc, "ADAPT-5", "stop", [w["index"] for w in doc["weeks"]], exercise="split_squat",
        signal="pain sharpening set to set", change="Split Squat stopped",
    )  # fmt: skip
    return Where(date=first[1]["date"], week=first[0]["index"])


@breaks("ADAPT-6", "intermediate")
def _a_referral_the_plan_never_shows(doc: Doc, plans: Plans) -> Where:
    _adapt(
        doc, "ADAPT-6", "refer", [], signal="missed periods",
        detail="cycle notes say missed periods for two months",
        change="see a qualified professional",
    )  # fmt: skip
    doc["referral"] = []
    return Where()


# RECOVER and RUN


@breaks("RECOVER-1", "intermediate")
def _an_easy_run_at_threshold_pace(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "base")
    day, easy = next(_runs(w, "easy"))
    easy["pace_s_per_km"] = doc["paces"]["threshold_s_per_km"]
    return Where(date=_date(w, day), week=w["index"])


@breaks("RUN-1", "intermediate")
def _a_strength_phase_week_without_speed_work(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "strength")
    for _, r in _runs(w, "intervals", "tempo", "quality", "race_pace"):
        r.update(run_type="easy", key=False, pace_s_per_km=doc["paces"]["easy_s_per_km"])
    return Where(week=w["index"])


@breaks("RUN-2", "intermediate")
def _a_week_40_percent_up(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "base", cycle=2)
    _scale_runs(w, 1.4)
    return Where(week=w["index"])


@breaks("RUN-3", "intermediate")
def _a_long_run_30_percent_longer_than_any_in_a_month(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "base", cycle=2)
    day, long_run = next(_runs(w, "long"))
    longest = max(r["minutes"] for x in doc["weeks"][: w["index"]] for _, r in _runs(x))
    long_run["minutes"] = round(longest * 1.3)
    return Where(date=_date(w, day), week=w["index"])


@breaks("RUN-4", "intermediate")
def _the_last_taper_week_barely_cut(doc: Doc, plans: Plans) -> Where:
    taper = [w for w in doc["weeks"] if w["phase"] == "taper"]
    peak = max(_run_minutes(w) for w in doc["weeks"] if w["phase"] in ("base", "strength"))
    last = taper[-1]
    _scale_runs(last, 0.9 * peak / _run_minutes(last))
    return Where(week=last["index"])


@breaks("RUN-5", "intermediate")
def _paces_that_do_not_say_how_they_were_found(doc: Doc, plans: Plans) -> Where:
    doc["paces"]["source"] = "from your recent 10k"
    return Where()


# --- RUN-10 (race paces): the breach and its branches -----------------------------------


@breaks("RUN-10", "intermediate")
def _race_pace_run_at_threshold_pace_in_the_marathon_block(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "race_specific")
    day, run = next(_runs(w, "race_pace"))
    run["pace_s_per_km"] = doc["paces"]["threshold_s_per_km"]
    return Where(date=_date(w, day), week=w["index"])


def _run10(doc: Doc) -> list[str]:
    return [str(v) for v in validate(doc) if v.rule == "RUN-10"]


def test_run10_catches_a_race_without_a_goal_pace(plans: Plans) -> None:
    doc = copy.deepcopy(plans["intermediate"])
    del doc["races"][0]["goal_pace_s_per_km"]
    assert _run10(doc) == ["RUN-10 2027-02-07: Winter Half has no goal pace"]


def test_run10_catches_a_race_run_at_another_races_pace(plans: Plans) -> None:
    doc = copy.deepcopy(plans["intermediate"])
    w, i = _race_day(doc, "Winter Half")
    race = next(s for s in w["days"][i]["sessions"] if s.get("run_type") == "race")
    marathon = doc["races"][1]["goal_pace_s_per_km"]
    race["pace_s_per_km"] = marathon
    half = doc["races"][0]["goal_pace_s_per_km"]
    assert _run10(doc) == [
        f"RUN-10 {w['days'][i]['date']}: race run at {marathon} s/km, not the {half} s/km "
        "goal pace of Winter Half"
    ]


def test_run10_holds_trail_and_ultra_races_to_marathon_pace_unless_the_athlete_set_a_goal(
    plans: Plans,
) -> None:
    doc = copy.deepcopy(plans["intermediate"])
    marathon = doc["paces"]["marathon_s_per_km"]
    half = doc["races"][0]
    half.update(terrain="trail", goal_pace_s_per_km=marathon - 10)
    for _, run in (x for w in doc["weeks"] for x in _runs(w, "race")):
        if run.get("race") == "Winter Half":
            run["pace_s_per_km"] = marathon - 10
    assert _run10(doc) == [
        f"RUN-10 2027-02-07: Winter Half (21.0975 km, trail) is paced at {marathon - 10} "
        f"s/km, faster than the marathon pace of {marathon} s/km"
    ]
    half["goal_time_s"] = round((marathon - 10) * 21.0975)  # the athlete's own goal
    assert _run10(doc) == []


def test_run10_tells_apart_two_races_of_one_name_by_their_dates(plans: Plans) -> None:
    doc = copy.deepcopy(plans["intermediate"])
    w, i = _race_day(doc, "Winter Half")
    for s in w["days"][i]["sessions"]:
        if s.get("race") == "Winter Half":
            s["race"] = "Spring Marathon"
    doc["races"][0]["name"] = "Spring Marathon"  # the B half, now named like the A race
    assert doc["races"][0]["goal_pace_s_per_km"] != doc["races"][1]["goal_pace_s_per_km"]
    assert _run10(doc) == []


@breaks("RUN-6", "intermediate")
def _the_acute_chronic_ratio_read_as_an_injury_forecast(doc: Doc, plans: Plans) -> Where:
    _scale_runs(doc["weeks"][0], 0.85)
    _adapt(
        doc, "RUN-6", "soften", [1], signal="load jump",
        detail="last 7 days at 1.62 times the 28-day load",
        change="this week's running down 15% (acute:chronic 1.62): high injury risk",
    )  # fmt: skip
    return Where(week=1)


@breaks("RUN-7", "intermediate")
def _rpe_8_written_with_3_reps_in_reserve(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "base")
    day, a = _lift(w, "A")
    _main_lower(a).update(rpe=8, rir=3)
    return Where(date=_date(w, day))


# RUN-8, RUN-9, RUN-12: a race block's running to coach standard


def _block_week(doc: Doc, weeks_out: int) -> Doc:
    return next(w for w in doc["weeks"] if w.get("weeks_to_race") == weeks_out)


@breaks("RUN-8", "intermediate")
def _the_block_restarts_from_the_off_season_volume(doc: Doc, plans: Plans) -> Where:
    build = [w for w in doc["weeks"] if w["phase"] in ("base", "strength", "race_specific")]
    for w in build:
        _scale_runs(w, 0.6)
    return Where(week=build[-1]["index"])


@breaks("RUN-9", "intermediate")
def _the_long_run_peaks_seven_weeks_out(doc: Doc, plans: Plans) -> Where:
    w = _block_week(doc, 7)
    _, long_run = next(_runs(w, "long"))
    long_run["minutes"] += 40
    return Where(week=w["index"])


@breaks("RUN-12", "intermediate")
def _running_tapers_three_weeks_before_the_marathon_taper(doc: Doc, plans: Plans) -> Where:
    w = _block_week(doc, 3)
    assert w["phase"] == "taper"
    _scale_runs(w, 0.6)
    return Where(week=w["index"])


# RUN-11 (structured workouts)


@breaks("RUN-11", "intermediate")
def _an_interval_session_of_25_minutes_whose_steps_need_more(doc: Doc, plans: Plans) -> Where:
    w = _week(doc, "strength")
    day, run = next(_runs(w, "intervals"))
    assert run["minutes"] >= 38  # the coach's find: 25 minutes on paper, 38 in the steps
    run["minutes"] = 25
    return Where(date=_date(w, day), week=w["index"])


# RUN-13 (recovery after a race by its distance): its breach here, its branches at the end.


def _day_after(doc: Doc, race_name: str, days: int = 1) -> tuple[Doc, int]:
    """The week and weekday ``days`` days after a race of the plan."""
    race = next(r for r in doc["races"] if r["name"] == race_name)
    when = (date.fromisoformat(race["date"]) + timedelta(days=days)).isoformat()
    for w in doc["weeks"]:
        for i, d in enumerate(w["days"]):
            if d["date"] == when:
                return w, i
    raise LookupError(when)


@breaks("RUN-13", "intermediate")
def _a_leg_session_the_day_after_the_marathon(doc: Doc, plans: Plans) -> Where:
    legs = copy.deepcopy(_lift(_week(doc, "base"), "A")[1])
    w, i = _day_after(doc, "Spring Marathon")
    w["days"][i]["sessions"].append(legs)
    return Where(date=_date(w, i), week=w["index"])


# PLACE-10, RUN-14, PROG-5 (running to coach standard: placement and cycles)


@breaks("PLACE-10", "intermediate")
def _a_leg_session_the_evening_before_a_b_race(doc: Doc, plans: Plans) -> Where:
    race = next(r for r in doc["races"] if r["priority"] == "B")
    w = next(w for w in doc["weeks"] if any(d["date"] == race["date"] for d in w["days"]))
    eve = next(i for i, d in enumerate(w["days"]) if d["date"] == race["date"]) - 1
    _, lift = _lift(w, "A")  # the planner keeps the eve free: A sits on another day
    _move(w, lift, eve)
    return Where(date=_date(w, eve), week=w["index"])


@breaks("RUN-14", "beginner")
def _an_easy_run_left_out_while_a_lift_holds_a_day_alone(doc: Doc, plans: Plans) -> Where:
    w = doc["weeks"][1]
    day, run = next(_runs(w, "easy"))
    w["days"][day]["sessions"].remove(run)
    w["runs_left_out"] = [{"run_type": "easy", "minutes": run["minutes"]}]
    doc["notices"].append(
        {"rule": "RUN-1", "also": ["RUN-14"], "week": w["index"], "message": "no lawful day"}
    )
    lift_day = next(
        i for i, d in enumerate(w["days"]) if {s["kind"] for s in d["sessions"]} == {"strength"}
    )
    return Where(date=_date(w, lift_day), week=w["index"])


@breaks("PROG-5", "intermediate")
def _the_first_cycle_deloads_in_its_second_week(doc: Doc, plans: Plans) -> Where:
    w = doc["weeks"][1]
    assert w["phase"] == "general" and doc["weeks"][0]["cycle_week"] == 1
    w.update(cycle_week=4, deload=True)
    return Where(week=w["index"])


# --- the tests ------------------------------------------------------------------------


def _rule_ids_in(text: str) -> set[str]:
    return set(re.findall(r"^- ([A-Z]+-\d+) ", text, flags=re.MULTILINE))


def test_the_planner_made_plans_hold_every_phase_and_break_no_rule(plans: Plans) -> None:
    phases = {w["phase"] for doc in plans.values() for w in doc["weeks"]}
    assert phases == {
        "general", "offseason", "base", "strength", "race_specific", "taper", "race_week",
        "recovery",
    }  # fmt: skip
    for doc in plans.values():
        assert validate(doc) == []


@pytest.mark.parametrize("rule_id", sorted(BREACHES))
def test_each_check_catches_a_breach_of_its_rule(plans: Plans, rule_id: str) -> None:
    plan_name, make = BREACHES[rule_id]
    doc = copy.deepcopy(plans[plan_name])
    where = make(doc, plans)
    found: list[Violation] = [v for v in validate(doc) if v.rule == rule_id]
    assert found, f"{rule_id} missed: {[str(v) for v in validate(doc)]}"
    if where.date is not None:
        assert where.date in {v.date for v in found}, [str(v) for v in found]
    if where.week is not None:
        assert where.week in {v.week for v in found}, [str(v) for v in found]
    assert plans[plan_name] != doc  # the breach was made on a copy


def test_every_rule_in_coaching_rules_is_registered_and_has_a_breach_case(
    shared_dir: Path,
) -> None:
    written = _rule_ids_in((shared_dir / "COACHING_RULES.md").read_text(encoding="utf-8"))
    assert len(written) >= 50  # the parse found the rule list, not a stray mention
    assert written == set(RULES)
    assert written == set(BREACHES)


def test_every_rule_has_plain_words_text() -> None:
    for rule_id, r in RULES.items():
        assert r.id == rule_id
        words = r.text.split()
        assert len(words) >= 5, rule_id
        assert r.text[0].isupper() and r.text.endswith("."), rule_id
        assert not re.search(r"\b(TODO|TBD|FIXME)\b", r.text), rule_id
        assert rule_id not in r.text, rule_id


def test_a_hand_written_plan_with_null_fields_is_checked_not_crashed() -> None:
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    found = validate(doc)
    assert {v.rule for v in found} <= set(RULES)
    # The sample has no disclaimer: the check reads past its null RPE and RIR to say so.
    assert "ADAPT-6" in {v.rule for v in found}


def test_a_plan_that_is_not_a_plan_gets_schema_problems_not_a_crash(plans: Plans) -> None:
    doc = copy.deepcopy(plans["beginner"])
    doc["weeks"][0]["days"][2]["sessions"].append("strength at 6")
    del doc["weeks"][1]["index"]
    found = validate(doc)
    assert {v.rule for v in found} == {"SCHEMA"}
    assert [v.message for v in found] == [
        "weeks[1].days[3].sessions holds an item that is not an object",
        "weeks[2].index is not a whole number",
    ]


def test_the_sets_by_lift_message_is_in_words_and_the_same_on_every_run(plans: Plans) -> None:
    doc = copy.deepcopy(plans["intermediate"])
    _week_three_adds_sets_on_two_lifts(doc, plans)
    message = next(v.message for v in validate(doc) if v.rule == "PROG-3")
    lifts = re.findall(r"\+1 set on (\w+)", message)
    assert lifts == sorted(lifts) and len(lifts) >= 2
    assert "{" not in message
    assert message.endswith("(expected one more set on one main lift)")


@pytest.mark.parametrize("name", sorted(PROFILES))
@pytest.mark.parametrize("days", [2, 4])
def test_work_logged_on_past_days_counts_and_missing_minimums_are_not_violations(
    plans: Plans, name: str, days: int
) -> None:
    # ADAPT-4: what was done stays as logged and missed work is not made up, so a week
    # that is partly history may fall short of FREQ minimums without breaking a rule.
    doc = copy.deepcopy(plans[name])
    _log_past_days(doc, days)
    assert validate(doc) == []


def test_sessions_planned_on_top_of_logged_ones_are_a_pile_up(plans: Plans) -> None:
    doc = copy.deepcopy(plans["beginner"])
    week = doc["weeks"][0]
    lifts = [
        copy.deepcopy(s) for d in week["days"] for s in d["sessions"] if s["kind"] == "strength"
    ]
    _log_past_days(doc, 3)  # Monday's and Wednesday's lifts done
    free = [i for i, d in enumerate(week["days"]) if i >= 3 and not d["sessions"]]
    week["days"][free[0]]["sessions"].append(lifts[0])  # one of them planned again
    found = {(v.rule, v.week) for v in validate(doc)}
    assert {("FREQ-2", 1), ("ADAPT-4", 1)} <= found


# Rule branches added beside each rule's main breach above.


def _race_day(doc: Doc, name: str) -> tuple[Doc, int]:
    race = next(r for r in doc["races"] if r["name"] == name)
    for w in doc["weeks"]:
        for i, d in enumerate(w["days"]):
            if d["date"] == race["date"]:
                return w, i
    raise LookupError(name)


def test_season5_catches_a_race_left_out_of_the_plan(plans: Plans) -> None:
    doc = copy.deepcopy(plans["intermediate"])
    w, i = _race_day(doc, "Winter Half")
    day = w["days"][i]
    day["sessions"] = [s for s in day["sessions"] if s.get("run_type") != "race"]
    found = [v for v in validate(doc) if v.rule == "SEASON-5"]
    assert day["date"] in {v.date for v in found}, [str(v) for v in found]


def test_place7_catches_any_lifting_on_a_race_day(plans: Plans) -> None:
    doc = copy.deepcopy(plans["intermediate"])
    w, i = _race_day(doc, "Winter Half")
    light = copy.deepcopy(
        next(s for s in (x for d in w["days"] for x in d["sessions"]) if s["kind"] == "strength")
    )
    light["heavy_lower"] = False
    _move(w, light, i)
    found = [v for v in validate(doc) if v.rule == "PLACE-7"]
    assert w["days"][i]["date"] in {v.date for v in found}, [str(v) for v in found]


def test_place5_sees_a_lift_logged_the_day_before(plans: Plans) -> None:
    doc = copy.deepcopy(plans["intermediate"])
    w = _week(doc, "base")
    day, _ = _lift(w, "A")
    assert day > 0 and not any(s["kind"] == "strength" for s in w["days"][day - 1]["sessions"])
    w["days"][day - 1]["logged"] = [{"kind": "strength", "minutes": 45, "rpe": 7}]
    found = [v for v in validate(doc) if v.rule == "PLACE-5"]
    assert _date(w, day - 1) in {v.date for v in found}, [str(v) for v in found]


def test_run11_catches_a_race_without_steps(plans: Plans) -> None:
    doc = copy.deepcopy(plans["intermediate"])
    w, i = _race_day(doc, "Winter Half")
    race = next(s for s in w["days"][i]["sessions"] if s.get("run_type") == "race")
    del race["steps"]
    found = [v for v in validate(doc) if v.rule == "RUN-11"]
    assert w["days"][i]["date"] in {v.date for v in found}, [str(v) for v in found]


def test_run11_catches_a_step_with_neither_duration_nor_distance(plans: Plans) -> None:
    doc = copy.deepcopy(plans["intermediate"])
    w = _week(doc, "strength")
    day, run = next(_runs(w, "tempo"))
    del run["steps"][0]["duration_s"]
    found = [v for v in validate(doc) if v.rule == "RUN-11"]
    assert _date(w, day) in {v.date for v in found}, [str(v) for v in found]


def test_run11_catches_a_workout_that_falls_back_in_a_loading_week(plans: Plans) -> None:
    doc = copy.deepcopy(plans["intermediate"])
    weeks = [w for w in doc["weeks"] if w["phase"] == "race_specific" and not w["deload"]]
    _, first = next(_runs(weeks[0], "long"))
    _, later = next(_runs(weeks[-1], "long"))
    assert later["minutes"] >= first["minutes"]
    later["steps"] = copy.deepcopy(first["steps"])
    later["steps"][1]["duration_s"] = first["steps"][1]["duration_s"] // 2
    later["steps"][0]["duration_s"] += first["steps"][1]["duration_s"] // 2
    found = [v for v in validate(doc) if v.rule == "RUN-11"]
    assert weeks[-1]["index"] in {v.week for v in found}, [str(v) for v in found]


def test_run11_lets_a_workout_fall_back_when_its_session_is_shorter(plans: Plans) -> None:
    doc = copy.deepcopy(plans["intermediate"])
    weeks = [w for w in doc["weeks"] if w["phase"] == "race_specific" and not w["deload"]]
    _, first = next(_runs(weeks[0], "long"))
    _, later = next(_runs(weeks[-1], "long"))
    later.update(minutes=first["minutes"] - 10, steps=copy.deepcopy(first["steps"]))
    later["steps"][1]["duration_s"] = first["steps"][1]["duration_s"] // 2
    later["steps"][0]["duration_s"] -= 600 - first["steps"][1]["duration_s"] // 2
    assert not [str(v) for v in validate(doc) if v.rule == "RUN-11"]


# RUN-13's other branches: quality, the first session back, the day after, the volume.


def _run13(doc: Doc) -> list[Violation]:
    return [v for v in validate(doc) if v.rule == "RUN-13"]


def test_run13_catches_intervals_inside_the_easy_days_after_a_b_half(plans: Plans) -> None:
    # A half (21.1 km) keeps quality away for 13 days; day 9 is inside them.
    doc = copy.deepcopy(plans["intermediate"])
    hard = copy.deepcopy(next(_runs(_week(doc, "strength"), "intervals"))[1])
    w, i = _day_after(doc, "Winter Half", 9)
    w["days"][i]["sessions"] = [hard]
    assert _date(w, i) in {v.date for v in _run13(doc)}, [str(v) for v in _run13(doc)]


def test_run13_catches_a_heavy_first_session_back_after_a_b_half(plans: Plans) -> None:
    doc = copy.deepcopy(plans["intermediate"])
    race = next(r for r in doc["races"] if r["name"] == "Winter Half")
    back = (date.fromisoformat(race["date"]) + timedelta(days=5)).isoformat()
    first = next(
        (d, s)
        for w in doc["weeks"]
        for d in w["days"]
        for s in d["sessions"]
        if d["date"] >= back and s["kind"] == "strength"
    )
    assert "RUN-13" in first[1]["reasons"] and validate(doc) == []
    _main_lower(first[1]).update(rpe=8, rir=2, reps_min=4, reps_max=6)
    assert first[0]["date"] in {v.date for v in _run13(doc)}, [str(v) for v in _run13(doc)]


def test_run13_catches_a_long_easy_run_the_day_after_the_marathon(plans: Plans) -> None:
    doc = copy.deepcopy(plans["intermediate"])
    w, i = _day_after(doc, "Spring Marathon")
    assert w["days"][i]["sessions"] == []  # the planner keeps it for rest
    easy = copy.deepcopy(next(_runs(_week(doc, "base"), "easy"))[1])
    easy["minutes"] = 45
    w["days"][i]["sessions"] = [easy]
    assert _date(w, i) in {v.date for v in _run13(doc)}, [str(v) for v in _run13(doc)]


def test_run13_catches_a_first_recovery_week_at_80_percent_after_a_marathon(
    plans: Plans,
) -> None:
    doc = copy.deepcopy(plans["intermediate"])
    w = _week(doc, "recovery")
    usual = doc["athlete"]["weekly_run_minutes"]
    assert 0.30 * usual - 5 <= _run_minutes(w) <= 0.50 * usual + 5
    _scale_runs(w, 0.8 * usual / _run_minutes(w))
    assert w["index"] in {v.week for v in _run13(doc)}, [str(v) for v in _run13(doc)]


def test_place8_sends_no_lift_to_a_day_run13_keeps_free_after_a_race(plans: Plans) -> None:
    doc = copy.deepcopy(plans["intermediate"])
    w = _week(doc, "offseason")
    kinds = [{s["kind"] for s in d["sessions"]} for d in _days(w)]
    run_day = next(i for i, k in enumerate(kinds) if "run" in k and "strength" not in k)
    lift_day, lift = next(
        (i, s) for i, d in enumerate(_days(w)) for s in d["sessions"]
        if s["kind"] == "strength" and not any(x["kind"] == "run" for x in d["sessions"])
    )  # fmt: skip
    _move(w, lift, run_day)
    assert not w["days"][lift_day]["sessions"]
    moved = [v for v in validate(doc) if v.rule == "PLACE-8"]
    assert any(v.date == _date(w, run_day) for v in moved), [str(v) for v in moved]
    # A 10K the day before the freed day keeps it free of strength (RUN-13): no day to move to.
    race_day = date.fromisoformat(_date(w, lift_day)) - timedelta(days=1)
    doc["races"].append(
        {"name": "Club 10K", "date": race_day.isoformat(), "distance": "10k",
         "distance_km": 10.0, "priority": "B"}
    )  # fmt: skip
    kept = [v for v in validate(doc) if v.rule == "PLACE-8"]
    assert not any(f"while {_date(w, lift_day)} is free" in v.message for v in kept)


# RUN-9's other branch: a continued plan's peak weeks before its first week.


def _replan_four_weeks_before_a_half() -> Doc:
    """A weekly replan begun four weeks before a half, whose 105-min long runs five and
    four weeks out were run before the plan (season_before.long_runs), as the first plan
    of a block that did not yet space its quality runs had it: 75 min four weeks out
    (non-deload) and 100 three weeks out (a deload week)."""
    days = {d: {"run": d in ("mon", "thu", "sun")} for d in
            ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}  # fmt: skip
    race = {"name": "Parkrun", "goal_time": "0:12:35"}
    profile = {
        "name": "Bea", "level": "intermediate", "body_mass_kg": 30, "weekly_run_km": 57.7,
        "equipment": [], "availability": days,
        "races": [race | {"date": "2020-02-17", "distance": "5k"},
                  race | {"date": "2020-02-10", "distance": "half", "goal_time": "0:53:06"}],
    }  # fmt: skip
    _, replans = weekly_replans(athlete_from_mapping(profile), date(2020, 1, 1), 2)
    doc = copy.deepcopy(replans[-1].doc)
    four_out = next(w for w in doc["weeks"] if w["weeks_to_race"] == 4 and not w["deload"])
    _, long_run = next(_runs(four_out, "long"))
    long_run["minutes"] = 75
    long_run.pop("steps", None)  # an easy long run: no goal-pace segments (RUN-11)
    return doc


def test_run9_judges_a_continued_plans_peak_with_the_long_runs_before_it() -> None:
    doc = _replan_four_weeks_before_a_half()
    assert max(x["minutes"] for x in doc["season_before"]["long_runs"]) == 105
    assert validate(doc) == []  # the peak was run before it
    # Run three weeks earlier, seven and eight weeks out, the 105-min runs are no peak-week
    # long runs: the plan's 75 min is then a peak that falls short of its own deload's 100.
    shifted = copy.deepcopy(doc)
    for x in shifted["season_before"]["long_runs"]:
        x["date"] = (date.fromisoformat(x["date"]) - timedelta(weeks=3)).isoformat()
    assert [v.message for v in validate(shifted)] == [
        "the long run peaks at 100 min in a deload week 3 weeks before Parkrun; "
        "the peak weeks (3-5 out) hold 75",
        "the long run does not come down in the taper",
    ]
    doc["season_before"]["long_runs"] = []
    assert [v.rule for v in validate(doc)] == ["RUN-9", "RUN-9"]


def _two_run_week(doc: Doc) -> Doc:
    """The first whole week of a two-run-day plan, with its long run and its easy run."""
    w = doc["weeks"][1]
    assert sorted(r["run_type"] for _, r in _runs(w)) == ["easy", "long"]
    assert not any("RUN-3" in r["reasons"] for _, r in _runs(w))  # no spike guard: judged
    return w


def test_run9_lets_a_two_run_weeks_long_run_take_up_to_three_times_the_other_run() -> None:
    days = {d: {"run": d in ("mon", "sun")} for d in
            ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}  # fmt: skip
    profile = {"name": "Bea", "level": "beginner", "body_mass_kg": 60,
               "weekly_run_minutes": 180, "longest_recent_run_minutes": 120, "equipment": [],
               "new_to_strength": False,
               "availability": days}  # fmt: skip
    doc = plan(athlete_from_mapping(profile), TODAY, default_methodology(), load_library(), 3)
    assert validate(doc) == []
    w = _two_run_week(doc)
    (_, long_run), (_, easy) = next(_runs(w, "long")), next(_runs(w, "easy"))
    total = long_run["minutes"] + easy["minutes"]
    quarter = total // 4
    long_run["minutes"], easy["minutes"] = total - quarter, quarter
    assert validate(doc) == []  # three times the other run: a short workout beside it
    long_run["minutes"], easy["minutes"] = total - quarter + 15, quarter - 15
    assert [v.rule for v in validate(doc)] == ["RUN-9"]
