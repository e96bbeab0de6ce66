"""Strength rules: frequency, phase doses, progression and content (loads: checks_load.py)."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any

from stridelift.domain.rules.registry import Violation, rule
from stridelift.domain.rules.view import (
    FULL_TEMPLATES,
    TRAINING,
    PlanView,
    is_heavy,
    whole,
)
from stridelift.domain.wording import with_article

# FREQ-3: sessions a week by phase (the ranges of the sources, both ends allowed).
PHASE_RANGE = {
    "offseason": (2, 4),
    "general": (2, 3),
    "base": (2, 3),
    "strength": (2, 2),
    "race_specific": (1, 2),
    "taper": (1, 2),
    "race_week": (0, 1),
    "recovery": (0, 1),
}
LEVEL_RANGE = {
    "beginner": (1, 2),
    "recreational": (1, 3),
    "intermediate": (1, 4),
    "advanced": (1, 4),
    "ultra": (1, 4),
}
HIGH_REP_OK = frozenset({"calf", "core", "plyometric", "mobility", "carry", "lateral_hip"})
# Full-body sessions, with a methodology's program sessions (S1's ten weeks, CONTENT-8):
# CONTENT-1 and CONTENT-5 count them; a program week names the rules it replaces.
WHOLE_BODY = FULL_TEMPLATES | {"program"}


def _counted(view: PlanView, week: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [s for s in view.strength_sessions(week) if s.get("template") != "mobility"]


def _idx(week: Mapping[str, Any]) -> int:
    return int(week["index"])


@rule("FREQ-1", "Default: 2 strength sessions a week for most runners.", excusable=True)
def _freq1(view: PlanView) -> Iterator[Violation]:
    for w in view.weeks():
        n = len(_counted(view, w)) + view.lifts_done(w)
        if w.get("phase") in ("base", "strength", "general") and n < 2 and not view.started(w):
            yield Violation("FREQ-1", "fewer than 2 strength sessions", week=_idx(w))


@rule(
    "FREQ-2",
    "Sessions by runner type: beginner 2; recreational 2-3; marathon/ultra 1-2; advanced 2-3.",
    excusable=True,
)
def _freq2(view: PlanView) -> Iterator[Violation]:
    lo, hi = LEVEL_RANGE.get(view.level, (1, 4))
    for w in view.weeks():
        if w.get("phase") not in TRAINING:
            continue
        n = len(_counted(view, w)) + view.lifts_done(w)
        cap = 3 if w.get("phase") == "offseason" and view.level == "beginner" else hi
        if view.level == "ultra" and w.get("phase") in ("strength", "race_specific"):
            cap = 2
        if n > cap or (n < lo and not view.started(w)):
            yield Violation(
                "FREQ-2",
                f"{n} strength sessions for {with_article(view.level)} runner",
                week=_idx(w),
            )


@rule(
    "FREQ-3",
    "Sessions by phase: off-season 2-4, base 2-3, build 2, race-specific 1-2, "
    "taper 1-2, race week 0-1 early and light, recovery 1 light.",
    excusable=True,
)
def _freq3(view: PlanView) -> Iterator[Violation]:
    for w in view.weeks():
        lo, hi = PHASE_RANGE.get(str(w.get("phase")), (0, 4))
        n = len(view.strength_sessions(w)) + view.lifts_done(w)
        if n > hi or (n < lo and not view.started(w)):
            yield Violation(
                "FREQ-3", f"{n} strength sessions in a {w.get('phase')} week", week=_idx(w)
            )
        if w.get("phase") == "race_week":
            for day in view.week_days(w):
                race_day = any(r.get("run_type") == "race" for r in day.runs())
                if day.strength() and (day.date.weekday() > 2 or race_day):
                    yield Violation(
                        "FREQ-3",
                        "race-week strength is not early in the week",
                        day.date.isoformat(),
                        _idx(w),
                    )


@rule(
    "FREQ-4",
    "Sessions of 30-45 min; full-body sessions of 40-60 min twice a week, shorter "
    "ones up to three times.",
)
def _freq4(view: PlanView) -> Iterator[Violation]:
    for w in view.weeks():
        sessions = _counted(view, w)
        for s in sessions:
            if not 15 <= whole(s.get("minutes"), 0) <= 60:
                yield Violation(
                    "FREQ-4", f"a {s.get('minutes')}-minute strength session", week=_idx(w)
                )
        if len(sessions) >= 3 and any(whole(s.get("minutes"), 0) >= 40 for s in sessions):
            yield Violation(
                "FREQ-4", "three or more sessions of 40 minutes or longer", week=_idx(w)
            )


@rule(
    "FREQ-5",
    "Core work 3-4 times a week, short; inside strength sessions or on its own.",
    excusable=True,
)
def _freq5(view: PlanView) -> Iterator[Violation]:
    for w in view.weeks():
        if w.get("phase") in ("race_week", "recovery"):
            continue
        core_days = 0
        for day in view.week_days(w):
            if any(
                ex.get("region") == "core" or ex.get("pattern") == "core"
                for s in day.sessions
                for ex in s.get("exercises", [])
            ):
                core_days += 1
        # ADAPT-3: a busy week keeps its minimum dose and adds no core session for this.
        few = core_days < 3 and not view.started(w) and not w.get("busy")
        if core_days > 4 or few:
            yield Violation("FREQ-5", f"core work on {core_days} days", week=_idx(w))


@rule("PHASE-1", "No plyometrics in the early (base) phase; they need a base.")
def _phase1(view: PlanView) -> Iterator[Violation]:
    for day in view.days():
        if day.week.get("phase") in ("base", "general", "offseason", "recovery"):
            for s in day.sessions:
                if any(ex.get("plyometric") for ex in s.get("exercises", [])):
                    yield Violation(
                        "PHASE-1",
                        f"plyometrics in a {day.week.get('phase')} week",
                        day.date.isoformat(),
                        int(day.week["index"]),
                    )


@rule("PHASE-2", "Never add plyometrics and heavy lifting at once during peak mileage.")
def _phase2(view: PlanView) -> Iterator[Violation]:
    for w in view.weeks():
        sessions = view.strength_sessions(w)
        plyo = any(ex.get("plyometric") for s in sessions for ex in s.get("exercises", []))
        if plyo and any(is_heavy(s) for s in sessions):
            yield Violation(
                "PHASE-2", "plyometrics and heavy lifting in the same week", week=_idx(w)
            )


@rule("PHASE-3", "In race preparation: no new exercises, no added volume.")
def _phase3(view: PlanView) -> Iterator[Violation]:
    seen: set[str] = set()  # every exercise done so far: lifts, warm-ups, core sessions
    lifted = False  # a plan that starts in race preparation has no "before" to compare with
    last_sets: dict[str, int] = {}  # sets per template in the latest normal week
    first = True
    before = view.season_before()
    if before:  # a continued season
        seen.update(str(x) for x in before.get("exercises_seen") or [])
        lifted = bool(before.get("lifted"))
        first = not lifted
        sets = before.get("sets_by_template")
        last_sets.update((str(k), whole(v, 0)) for k, v in (sets or {}).items())
    for w in view.weeks():
        sessions = view.strength_sessions(w)
        prep = w.get("phase") in ("taper", "race_week")
        if not prep:  # a session seen only in race preparation (mobility) starts afresh
            last_sets.pop("mobility", None)
        for s in sessions:
            ids = {str(ex.get("id")) for ex in s.get("exercises", [])}
            if prep and not first and lifted:
                new = sorted(ids - seen)
                if new:
                    yield Violation(
                        "PHASE-3", f"new exercises in race preparation: {new}", week=_idx(w)
                    )
            tpl = str(s.get("template"))
            sets = sum(whole(ex.get("sets"), 0) for ex in s.get("exercises", []))
            if prep and tpl in last_sets and sets > last_sets[tpl]:
                yield Violation(
                    "PHASE-3", f"volume added to session {tpl} in race preparation", week=_idx(w)
                )
            if not w.get("deload") and not _adjusted(w, s):
                last_sets[tpl] = sets  # compare with normal weeks, not a deload
        # Training before race preparation is what "new" is measured against: a plan
        # that has only had race-week mobility or recovery sessions has none yet.
        lifted = lifted or any(s.get("template") in FULL_TEMPLATES for s in sessions)
        for s in (s for d in w["days"] for s in d["sessions"]):  # core sessions too
            seen.update(str(ex.get("id")) for ex in s.get("exercises", []))
            seen.update(str(x.get("id")) for x in s.get("warmup", []) if isinstance(x, Mapping))
        first = False


@rule(
    "PHASE-4",
    "Most sets end 1-3 reps short of failure; reps mostly 6-12, never 1-3 or 15+ "
    "except calves and core; no bodybuilding volume.",
)
def _phase4(view: PlanView) -> Iterator[Violation]:
    for day in view.days():
        for s in day.sessions:
            for ex in s.get("exercises", []):
                where = day.date.isoformat()
                if whole(ex.get("rir"), 3) < 1:
                    yield Violation("PHASE-4", f"{ex.get('id')} to failure", where)
                if ex.get("pattern") in HIGH_REP_OK or ex.get("measure", "reps") != "reps":
                    continue
                lo, hi = whole(ex.get("reps_min"), 6), whole(ex.get("reps_max"), 12)
                taper = day.week.get("phase") == "taper"
                if (lo <= 3 and not (taper and lo == 3)) or hi >= 15:
                    yield Violation("PHASE-4", f"{ex.get('id')} at {lo}-{hi} reps", where)
                if whole(ex.get("sets"), 0) > 5:
                    yield Violation("PHASE-4", f"{ex.get('id')}: {ex.get('sets')} sets", where)


def _adjusted(week: Mapping[str, Any], session: Mapping[str, Any]) -> bool:
    """Sessions the history reshaped (a downshift, a busy week), the light variant placed
    before a key run (PLACE-5) and a session shortened for a run (RUN-14) step outside the
    4-week progression: PROG and PHASE-3 compare only sessions that follow it."""
    reasons = session.get("reasons", [])
    # Light, busy, shortened (RUN-14) or first-back (RUN-13) sessions step outside.
    adjusted = {"ADAPT-1", "PLACE-5", "RUN-13", "RUN-14"}
    return bool(week.get("busy")) or bool(adjusted & set(reasons))


def _by_template(view: PlanView, week: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return {
        str(s.get("template")): s for s in view.strength_sessions(week) if not _adjusted(week, s)
    }


def _sets(session: Mapping[str, Any], main_only: bool = False) -> dict[str, int]:
    return {
        str(ex.get("id")): whole(ex.get("sets"))
        for ex in session.get("exercises", [])
        if ex.get("main_lift") or not main_only
    }


def _previous(
    view: PlanView, week: Mapping[str, Any], cycles: tuple[int, ...]
) -> Mapping[str, Any] | None:
    weeks = view.weeks()
    i = weeks.index(week)
    for prev in reversed(weeks[:i]):
        if prev.get("phase") != week.get("phase"):
            return None
        if whole(prev.get("cycle_week"), 0) in cycles:
            found: Mapping[str, Any] = prev
            return found
    return None


@rule("PROG-1", "Week 1: conservative baseline loads; learn the movements.")
def _prog1(view: PlanView) -> Iterator[Violation]:
    for w in view.weeks():
        if w.get("phase") in TRAINING and whole(w.get("cycle_week"), 0) == 1:
            for s in view.strength_sessions(w):
                for ex in s.get("exercises", []):
                    if ex.get("main_lift") and whole(ex.get("rir"), 0) < 2:
                        yield Violation(
                            "PROG-1", f"{ex.get('id')} not conservative in week 1", week=_idx(w)
                        )


@rule("PROG-2", "Week 2: +2.5-5% on main lifts when form and recovery are stable; sets unchanged.")
def _prog2(view: PlanView) -> Iterator[Violation]:
    for w in view.weeks():
        if w.get("phase") not in TRAINING or whole(w.get("cycle_week"), 0) != 2:
            continue
        prev = _previous(view, w, (1,))
        if prev is None:
            continue
        before = _by_template(view, prev)
        for tpl, s in _by_template(view, w).items():
            if tpl in before and _sets(before[tpl], True) != _sets(s, True):
                yield Violation("PROG-2", f"sets changed in session {tpl} in week 2", week=_idx(w))


@rule("PROG-3", "Week 3: one more set on one primary lift only.")
def _prog3(view: PlanView) -> Iterator[Violation]:
    for w in view.weeks():
        if w.get("phase") not in TRAINING or whole(w.get("cycle_week"), 0) != 3:
            continue
        prev = _previous(view, w, (2,))
        if prev is None:
            continue
        before = _by_template(view, prev)
        for tpl, s in _by_template(view, w).items():
            if tpl not in before or tpl not in FULL_TEMPLATES:
                continue
            a, b = _sets(before[tpl], True), _sets(s, True)
            diff = {k: b.get(k, 0) - a.get(k, 0) for k in sorted(set(a) | set(b))}
            if sorted(v for v in diff.values() if v) != [1]:
                yield Violation("PROG-3", _prog3_message(tpl, diff), week=_idx(w))


def _prog3_message(template: str, diff: Mapping[str, int]) -> str:
    """What week 3 did to a session's main lifts, in words (lifts in id order)."""
    changes = [
        f"{change:+d} {'set' if abs(change) == 1 else 'sets'} on {lift}"
        for lift, change in diff.items()
        if change
    ]
    done = ", ".join(changes) if changes else "no change in sets"
    return f"session {template} in week 3: {done} (expected one more set on one main lift)"


@rule("PROG-4", "Week 4: deload, volume down 30-40%, same movements.")
def _prog4(view: PlanView) -> Iterator[Violation]:
    for w in view.weeks():
        if not w.get("deload"):
            continue
        prev = _previous(view, w, (1, 2))
        if prev is None:
            continue
        before = _by_template(view, prev)
        for tpl, s in _by_template(view, w).items():
            if tpl not in before:
                continue
            total = sum(_sets(before[tpl]).values())
            now = sum(_sets(s).values())
            lo, hi = math.ceil(0.6 * total), math.floor(0.7 * total)
            ok = (
                lo <= now <= hi
                if lo <= hi
                else now in (math.floor(0.65 * total), math.ceil(0.65 * total))
            )
            if not ok:
                yield Violation(
                    "PROG-4", f"deload of session {tpl}: {now} of {total} sets", week=_idx(w)
                )
            if set(_sets(s)) != set(_sets(before[tpl])):
                yield Violation(
                    "PROG-4", f"deload of session {tpl} changes the movements", week=_idx(w)
                )


def _patterns(s: Mapping[str, Any]) -> set[str]:
    return {str(ex.get("pattern")) for ex in s.get("exercises", [])}


@rule(
    "CONTENT-1",
    "Cover the movement patterns: squat, hinge, lunge, push, pull, carry, plus "
    "core and lateral hip work.",
    excusable=True,
)
def _content1(view: PlanView) -> Iterator[Violation]:
    need = {"squat", "hinge", "lunge", "push", "pull", "core", "lateral_hip"}
    for w in view.weeks():
        full = [s for s in view.strength_sessions(w) if s.get("template") in WHOLE_BODY]
        if w.get("phase") not in TRAINING or len(full) < 2:
            continue
        have: set[str] = set().union(*(_patterns(s) for s in full))
        missing = sorted(need - have)
        if missing:
            yield Violation("CONTENT-1", f"patterns missing this week: {missing}", week=_idx(w))


def _template_check(rule_id: str, template: str, need: set[str]) -> Any:
    def check(view: PlanView) -> Iterator[Violation]:
        for w in view.weeks():
            if w.get("phase") not in TRAINING:
                continue
            for s in view.strength_sessions(w):
                if s.get("template") == template:
                    missing = sorted(need - _patterns(s) - set(s.get("dropped_patterns", [])))
                    if missing:
                        yield Violation(rule_id, f"Day {template} lacks {missing}", week=_idx(w))

    return check


# The movement patterns each session template must hold, and the rule that says so.
TEMPLATE_PATTERNS: dict[str, tuple[str, frozenset[str]]] = {
    "A": ("CONTENT-2", frozenset({"hinge", "lunge", "calf"})),
    "B": ("CONTENT-3", frozenset({"squat", "lunge", "hinge"})),
    "short": ("CONTENT-4", frozenset({"squat", "lunge"})),
}
rule(
    "CONTENT-2",
    "Day A, force and control: deadlift, split squat, straight-knee calf raise, "
    "hamstring curl, Pallof press.",
    excusable=True,
)(_template_check("CONTENT-2", "A", set(TEMPLATE_PATTERNS["A"][1])))
rule(
    "CONTENT-3",
    "Day B, single leg and stiffness: front or goblet squat, step-up with knee "
    "drive, Romanian deadlift, bent-knee calf raise, lateral hip.",
    excusable=True,
)(_template_check("CONTENT-3", "B", set(TEMPLATE_PATTERNS["B"][1])))
rule(
    "CONTENT-4",
    "Short on time: 1 bilateral leg, 1 single leg, 1 push, 1 pull, 2 core, 1 lateral.",
    excusable=True,
)(_template_check("CONTENT-4", "short", set(TEMPLATE_PATTERNS["short"][1])))


@rule("CONTENT-5", "Unilateral work in every phase.")
def _content5(view: PlanView) -> Iterator[Violation]:
    for w in view.weeks():
        sessions = view.strength_sessions(w)
        full = [s for s in sessions if s.get("template") in WHOLE_BODY]
        # A busy week's short session (split squat, hinge, calves: ADAPT-3) counts too.
        lifts = [s for s in sessions if s.get("template") != "mobility"]
        if full and not any(ex.get("unilateral") for s in lifts for ex in s.get("exercises", [])):
            yield Violation("CONTENT-5", "no unilateral exercise this week", week=_idx(w))


@rule("CONTENT-6", "Warm-up of 8-12 minutes before gym sessions, ending in ramp-up sets.")
def _content6(view: PlanView) -> Iterator[Violation]:
    for day in view.days():
        for s in day.strength():
            if s.get("template") in ("mobility",):
                continue
            total = sum(
                whole(x.get("minutes"), 0) for x in s.get("warmup", []) if isinstance(x, Mapping)
            )
            if not 8 <= total <= 12:
                yield Violation(
                    "CONTENT-6",
                    f"warm-up of {total} minutes",
                    day.date.isoformat(),
                    int(day.week["index"]),
                )


@rule("CONTENT-7", "Equipment decides the exercise; every exercise has substitutes.")
def _content7(view: PlanView) -> Iterator[Violation]:
    owned = view.athlete.get("equipment")
    for day in view.days():
        for s in day.sessions:
            for ex in s.get("exercises", []):
                needs = ex.get("equipment")
                if isinstance(owned, list) and isinstance(needs, list):
                    missing = sorted(set(needs) - set(owned))
                    if missing:
                        yield Violation(
                            "CONTENT-7", f"{ex.get('id')} needs {missing}", day.date.isoformat()
                        )
                if "substitutes" in ex and not ex.get("substitutes"):
                    yield Violation(
                        "CONTENT-7", f"{ex.get('id')} has no substitute", day.date.isoformat()
                    )


@rule("CONTENT-8", "Beginners start with bodyweight or light loads.")
def _content8(view: PlanView) -> Iterator[Violation]:
    if view.level != "beginner":
        return
    for day in view.days():
        for s in day.strength():
            if is_heavy(s) or any(whole(ex.get("rpe"), 0) > 7 for ex in s.get("exercises", [])):
                yield Violation(
                    "CONTENT-8", "heavy or hard lifting for a beginner", day.date.isoformat()
                )
