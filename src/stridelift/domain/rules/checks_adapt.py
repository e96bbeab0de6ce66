"""The adaptation rules (ADAPT-1..6) over the whole plan: what the log changed, and how."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from stridelift.domain.rules.checks_plan import (
    SHORTEST_WEEK,
    adaptation_weeks,
    adaptations,
    first_week,
    reference_minutes,
    training_minutes,
    week_index,
    week_minutes,
)
from stridelift.domain.rules.checks_strength import PHASE_RANGE
from stridelift.domain.rules.registry import Violation, rule
from stridelift.domain.rules.view import PlanView, logged, num, whole

# ADAPT-3 (S4): one full-body session of 35-45 min, one short one of calves, split squat
# (lunge pattern) and hinge.
BUSY_FULL_MAX_MINUTES = 45
BUSY_SHORT_PATTERNS = frozenset({"calf", "lunge", "hinge"})


@rule(
    "ADAPT-1",
    "Too much (persistent fatigue, worse running, chronic soreness, dread): cut "
    "strength volume or intensity first.",
)
def _adapt1(view: PlanView) -> Iterator[Violation]:
    entries = [a for a in adaptations(view) if a.get("rule") == "ADAPT-1"]
    cut_strength = {
        w for a in entries if a.get("action") == "cut_strength" for w in adaptation_weeks(a)
    }
    for a in entries:
        if a.get("first_cut") != "strength":
            yield Violation(
                "ADAPT-1",
                f"first cut is {a.get('first_cut')!r}, not strength",
                week=first_week(a),
            )
        elif a.get("action") == "cut_running" and not set(adaptation_weeks(a)) <= cut_strength:
            yield Violation(
                "ADAPT-1", "running cut in a week where strength was not", week=first_week(a)
            )


@rule(
    "ADAPT-2",
    "First 2-3 weeks of new strength work: lower running intensity a little and add no mileage.",
)
def _adapt2(view: PlanView) -> Iterator[Violation]:
    # The season's weeks 2 and 3 (a plan that continues a season counts from its start).
    before = view.weeks_before()
    held = {k - before for k in (2, 3)} if view.athlete.get("new_to_strength") else set()
    for a in adaptations(view):
        if a.get("rule") == "ADAPT-2":
            held.update(adaptation_weeks(a))
    base = float(view.athlete.get("weekly_run_minutes", 0) or 0)
    mins = week_minutes(view)
    first = reference_minutes(view, [base] if base else [], mins)[0] if mins else 0.0
    season = view.season_before()
    if season.get("week1_run_minutes"):
        first = num(season.get("week1_run_minutes"))  # the season's own first week
    trained = training_minutes(view)
    for w, m in zip(view.weeks(), trained, strict=True):
        if (
            (week_index(w) > 1 or before)
            and week_index(w) in held
            and m > max(first + 5, SHORTEST_WEEK)
        ):
            yield Violation(
                "ADAPT-2",
                f"mileage added while new to strength: {m} min after {first:g}",
                week=week_index(w),
            )


@rule(
    "ADAPT-3",
    "Busy week: one full-body session (35-45 min) and one short one; drop accessories first.",
)
def _adapt3(view: PlanView) -> Iterator[Violation]:
    for w in view.weeks():
        if not w.get("busy"):
            continue
        sessions = view.strength_sessions(w)
        if len(sessions) > 2:
            yield Violation(
                "ADAPT-3", "more than two strength sessions in a busy week", week=week_index(w)
            )
            continue
        by_length = sorted(sessions, key=lambda s: whole(s.get("minutes")), reverse=True)
        if by_length and whole(by_length[0].get("minutes")) > BUSY_FULL_MAX_MINUTES:
            yield Violation(
                "ADAPT-3",
                f"a {by_length[0].get('minutes')}-minute session in a busy week (35-45)",
                week=week_index(w),
            )
        if len(by_length) == 2:
            full, short = by_length
            if whole(short.get("minutes")) >= whole(full.get("minutes")):
                yield Violation(
                    "ADAPT-3", "a busy week keeps two full-length sessions", week=week_index(w)
                )
            patterns = {str(ex.get("pattern")) for ex in short.get("exercises", [])}
            missing = sorted(BUSY_SHORT_PATTERNS - patterns)
            if missing:
                yield Violation(
                    "ADAPT-3", f"the busy week's short session lacks {missing}", week=week_index(w)
                )


@rule("ADAPT-4", "A missed week is fine; the plan resumes, it does not pile up.")
def _adapt4(view: PlanView) -> Iterator[Violation]:
    weeks = view.weeks()
    counts = [_lifts(w) for w in weeks]
    planned = [_lifts(w, done=False) for w in weeks]
    # Missed work can pile up only where the history reaches: weeks holding logged
    # sessions, and weeks an ADAPT-4 adaptation resumes.
    resumed = {
        w for a in adaptations(view) if a.get("rule") == "ADAPT-4" for w in adaptation_weeks(a)
    }
    for i, w in enumerate(weeks):
        n = counts[i]
        usual = max(
            (c for k, c in enumerate(counts) if k != i and _same_kind(weeks[k], w)), default=None
        )
        history = week_index(w) in resumed or any(logged(d) for d in w["days"])
        # Piling up is the plan's doing: planned sessions beyond what the week has room
        # for after what was logged (the athlete may log more than the plan asked); a
        # week at the phase's minimum dose (FREQ-3) has piled nothing up.
        floor = PHASE_RANGE.get(str(w.get("phase")), (0, 4))[0]
        asked = w.get("strength_asked")  # what the methodology asked of the week, if said
        if isinstance(asked, int) and not isinstance(asked, bool):
            floor = max(floor, asked)
        if planned[i] > 4 or (
            history and usual is not None and planned[i] and n > max(usual, n - planned[i], floor)
        ):
            more = f" where other {w.get('phase')} weeks hold {usual}" if usual is not None else ""
            yield Violation(
                "ADAPT-4",
                f"{n} strength sessions{more}: missed work piled up",
                week=week_index(w),
            )


def _lifts(week: Mapping[str, Any], done: bool = True) -> int:
    """Strength sessions of a week, planned and (``done``) already logged (mobility
    excluded)."""
    planned = [
        s
        for d in week["days"]
        for s in d["sessions"]
        if s.get("kind") == "strength" and s.get("template") != "mobility"
    ]
    if not done:
        return len(planned)
    logged_lifts = [x for d in week["days"] for x in logged(d) if x.get("kind") == "strength"]
    return len(planned) + len(logged_lifts)


def _same_kind(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Weeks whose strength dose the methodology sets alike: same phase, both (not) deloads."""
    return a.get("phase") == b.get("phase") and bool(a.get("deload")) == bool(b.get("deload"))


@rule(
    "ADAPT-5",
    "Pain that sharpens set to set stops the exercise; persistent asymmetry "
    "reduces the load and asks for assessment.",
)
def _adapt5(view: PlanView) -> Iterator[Violation]:
    stopped = {
        str(a.get("exercise"))
        for a in adaptations(view)
        if a.get("rule") == "ADAPT-5" and a.get("action") == "stop"
    }
    for day in view.days():
        for s in day.sessions:
            for ex in s.get("exercises", []):
                if str(ex.get("id")) in stopped:
                    yield Violation(
                        "ADAPT-5",
                        f"{ex.get('id')} planned after painful sets",
                        day.date.isoformat(),
                        week_index(day.week),
                    )
                change = ex.get("load_change")
                if (
                    isinstance(change, Mapping)
                    and change.get("rule") == "ADAPT-5"
                    and num(change.get("pct")) >= 0
                ):
                    yield Violation(
                        "ADAPT-5",
                        f"{ex.get('id')}: load not reduced for an asymmetry",
                        day.date.isoformat(),
                        week_index(day.week),
                    )


@rule(
    "ADAPT-6",
    "See a professional for the referral signs; the product is not medical advice and says so.",
)
def _adapt6(view: PlanView) -> Iterator[Violation]:
    if "not medical advice" not in str(view.doc.get("disclaimer") or "").lower():
        yield Violation("ADAPT-6", "the plan does not say it is not medical advice")
    referral = view.doc.get("referral")
    said = isinstance(referral, list) and any(str(m).strip() for m in referral)
    for a in adaptations(view):
        if a.get("action") == "refer" and not said:
            yield Violation(
                "ADAPT-6",
                f"{a.get('rule')} refers to a professional but the plan shows no referral",
                week=first_week(a),
            )
