"""Season, running, adaptation and recovery rules over the whole plan."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from typing import Any

from stridelift.domain.rules.checks_week import KEY_RUNS_APART
from stridelift.domain.rules.registry import Violation, rule
from stridelift.domain.rules.view import EASY_TYPES, QUALITY_TYPES, TRAINING, PlanView

BLOCK_ORDER = ("base", "strength", "race_specific", "taper", "race_week")
LIGHT = frozenset({"taper", "race_week", "recovery"})


def _idx(week: Mapping[str, Any]) -> int:
    return int(week["index"])


def _race_week(view: PlanView, race: Mapping[str, Any]) -> Mapping[str, Any] | None:
    day = date.fromisoformat(str(race["date"]))
    monday = (day - timedelta(days=day.weekday())).isoformat()
    return next((w for w in view.weeks() if w["start"] == monday), None)


def _a_races(view: PlanView) -> list[Mapping[str, Any]]:
    return [r for r in view.races() if r.get("priority") == "A"]


@rule(
    "SEASON-1",
    "Count back 16 weeks from the A race: base 1-4, strength 5-8, race-specific "
    "9-12, taper 13-16, then 2 recovery weeks.",
    excusable=True,
)
def _season1(view: PlanView) -> Iterator[Violation]:
    weeks = view.weeks()
    for race in _a_races(view):
        rw = _race_week(view, race)
        if rw is None or rw.get("phase") != "race_week":
            if rw is not None and not view.excused("SEASON-5", _idx(rw)):
                yield Violation(
                    "SEASON-1", f"{race.get('name')}'s week is not a race week", week=_idx(rw)
                )
            continue
        i = weeks.index(rw)
        seq: list[str] = []
        k = i
        while k >= 0 and weeks[k].get("phase") in BLOCK_ORDER and len(seq) < 16:
            seq.append(weeks[k]["phase"])
            k -= 1
        order = [BLOCK_ORDER.index(p) for p in reversed(seq)]
        if order != sorted(order):
            yield Violation(
                "SEASON-1", f"block phases out of order before {race.get('name')}", week=_idx(rw)
            )
        for j in (1, 2):
            if i + j < len(weeks) and weeks[i + j].get("phase") != "recovery":
                nxt = [r for r in view.races() if _race_week(view, r) is weeks[i + j]]
                if not nxt:
                    yield Violation(
                        "SEASON-1", "no recovery week after the race", week=_idx(weeks[i + j])
                    )


@rule(
    "SEASON-2",
    "A race more than 16 weeks away: train freely (general or off-season) until the block starts.",
)
def _season2(view: PlanView) -> Iterator[Violation]:
    weeks = view.weeks()
    for race in _a_races(view):
        rw = _race_week(view, race)
        if rw is None:
            continue
        i = weeks.index(rw)
        for w in weeks[: max(i - 15, 0)]:
            if w.get("phase") in ("base", "strength", "race_specific", "taper") and not any(
                _race_week(view, r) in weeks[weeks.index(w) : i]
                for r in _a_races(view)
                if r is not race
            ):
                yield Violation(
                    "SEASON-2",
                    f"{w.get('phase')} more than 16 weeks before {race.get('name')}",
                    week=_idx(w),
                )


@rule(
    "SEASON-3",
    "A race nearer than 16 weeks: compress, keep the taper and some race-specific "
    "work, and say so.",
)
def _season3(view: PlanView) -> Iterator[Violation]:
    weeks = view.weeks()
    for race in _a_races(view):
        rw = _race_week(view, race)
        if rw is None or rw.get("phase") != "race_week":
            continue
        i = weeks.index(rw)
        k = i
        while k > 0 and weeks[k - 1].get("phase") in BLOCK_ORDER[:4]:
            k -= 1
        block = weeks[k : i + 1]
        if len(block) < 16:
            said = any(n.get("rule") == "SEASON-3" for n in view.doc.get("notices", []))
            if not said:
                yield Violation("SEASON-3", "compressed block without a warning", week=_idx(rw))
            phases = {w.get("phase") for w in block}
            if len(block) >= 3 and "taper" not in phases:
                yield Violation("SEASON-3", "compressed block without a taper", week=_idx(rw))
            if len(block) >= 5 and "race_specific" not in phases:
                yield Violation(
                    "SEASON-3", "compressed block without race-specific work", week=_idx(rw)
                )


@rule(
    "SEASON-4",
    "After a major race: an off-season of at least a month; running down 20-40%, "
    "lower intensity, strength the priority.",
    excusable=True,
)
def _season4(view: PlanView) -> Iterator[Violation]:
    weeks = view.weeks()
    base = float(view.athlete.get("weekly_run_minutes", 0) or 0)
    for w in weeks:
        if w.get("phase") != "offseason":
            continue
        minutes = view.run_minutes(w)
        if base and minutes > 0.85 * base:
            yield Violation(
                "SEASON-4", f"off-season running of {minutes} min is not reduced", week=_idx(w)
            )
        runs = [s for d in w["days"] for s in d["sessions"] if s.get("kind") == "run"]
        if any(r.get("run_type") == "intervals" for r in runs):
            yield Violation("SEASON-4", "intervals in the off-season", week=_idx(w))


@rule(
    "SEASON-5",
    "After a cycle and at least 2 recovery weeks the cycle restarts; B races are "
    "run inside a block without a full taper.",
)
def _season5(view: PlanView) -> Iterator[Violation]:
    weeks = view.weeks()
    for race in view.races():
        rw = _race_week(view, race)
        if rw is None or race.get("priority") != "B":
            continue
        a_same_week = any(_race_week(view, a) is rw for a in _a_races(view))
        if rw.get("phase") == "race_week" and not a_same_week:
            yield Violation("SEASON-5", f"B race {race.get('name')} got a race week", week=_idx(rw))
    a_dates = [str(r.get("date")) for r in _a_races(view)]
    for w in weeks:
        if w.get("phase") == "taper" and not any(d >= str(w["start"]) for d in a_dates):
            yield Violation("SEASON-5", "taper without an A race", week=_idx(w))


@rule("SEASON-6", "No race: repeating 4-week cycles of general strength and base running.")
def _season6(view: PlanView) -> Iterator[Violation]:
    if view.races():
        return
    for w in view.weeks():
        if w.get("phase") not in ("general", "offseason", "recovery"):
            yield Violation("SEASON-6", f"{w.get('phase')} week without a race", week=_idx(w))
    run = 0
    for w in view.weeks():
        run = 0 if w.get("deload") else run + 1
        if run > 4:
            yield Violation("SEASON-6", "more than 4 weeks without a deload", week=_idx(w))


@rule(
    "RUN-1",
    "Most running easy; quality by phase: base easy, strength phase at least one "
    "speed session, race-specific race pace, taper some intensity.",
    excusable=True,
    constrain=KEY_RUNS_APART,
)
def _run1(view: PlanView) -> Iterator[Violation]:
    prev_key = False
    for day in view.days():
        key = day.has_key()
        if key and prev_key and not any(r.get("run_type") == "race" for r in day.runs()):
            yield Violation(
                "RUN-1",
                "key runs on consecutive days",
                day.date.isoformat(),
                int(day.week["index"]),
            )
        prev_key = key
    for w in view.weeks():
        runs = [s for d in w["days"] for s in d["sessions"] if s.get("kind") == "run"]
        types = [r.get("run_type") for r in runs]
        phase = w.get("phase")
        if phase == "base" and set(types) & QUALITY_TYPES:
            yield Violation("RUN-1", "quality running in the base phase", week=_idx(w))
        if phase == "strength" and not w.get("deload") and not set(types) & QUALITY_TYPES:
            yield Violation("RUN-1", "no speed session in the strength phase", week=_idx(w))
        hard = sum(int(r.get("minutes", 0)) for r in runs if r.get("run_type") in QUALITY_TYPES)
        total = sum(int(r.get("minutes", 0)) for r in runs if r.get("run_type") != "race")
        if total and hard > 0.5 * total:  # whole sessions count, warm-ups included
            yield Violation("RUN-1", f"{hard} of {total} minutes are hard", week=_idx(w))


def _week_minutes(view: PlanView) -> list[int]:
    """Training minutes a week; a race is the goal, not training load to build on."""
    return [view.run_minutes(w, races=False) for w in view.weeks()]


@rule(
    "RUN-2",
    "Weekly volume rises gradually (never over 30% in two weeks), with a lighter week "
    "every 3-4 weeks.",
)
def _run2(view: PlanView) -> Iterator[Violation]:
    base = float(view.athlete.get("weekly_run_minutes", 0) or 0)
    hist = [base] * 4 if base else []
    mins = _week_minutes(view)
    weeks = view.weeks()
    streak = 0
    for i, (w, m) in enumerate(zip(weeks, mins, strict=True)):
        past = hist + mins[:i]
        if len(past) >= 2 and m > 1.3 * past[-2] + 5:
            yield Violation("RUN-2", f"{m} min is over 30% above two weeks before", week=_idx(w))
        if past and m > 1.1 * max(past[-4:]) + 5:
            yield Violation("RUN-2", f"{m} min jumps over 10% above recent weeks", week=_idx(w))
        light = w.get("deload") or w.get("phase") in LIGHT or (past and m < 0.9 * past[-1])
        streak = 0 if light else streak + 1
        if streak > 4:
            yield Violation("RUN-2", "no lighter week in five", week=_idx(w))


@rule("RUN-3", "No planned run longer than 110% of the longest run of the previous 30 days.")
def _run3(view: PlanView) -> Iterator[Violation]:
    history: list[tuple[date, int]] = []
    seed = view.athlete.get("longest_recent_run_minutes")
    days = view.day_list()
    if seed and days:
        history.append((days[0].date - timedelta(days=1), int(seed)))
    for day in days:
        for r in day.runs():
            minutes = int(r.get("minutes", 0))
            recent = [m for d, m in history if (day.date - d).days <= 30]
            if r.get("run_type") != "race" and recent and minutes > 1.1 * max(recent):
                yield Violation(
                    "RUN-3",
                    f"{minutes}-minute run after a longest of {max(recent)}",
                    day.date.isoformat(),
                    int(day.week["index"]),
                )
        for r in day.runs():
            history.append((day.date, int(r.get("minutes", 0))))


@rule("RUN-4", "Taper about two weeks: running volume down roughly 40-60%, intensity kept.")
def _run4(view: PlanView) -> Iterator[Violation]:
    weeks = view.weeks()
    mins = _week_minutes(view)
    for i, w in enumerate(weeks):
        if w.get("phase") != "race_week":
            continue
        peak = max([mins[k] for k in range(i) if weeks[k].get("phase") in TRAINING], default=0)
        if not peak:
            continue
        pre = view.run_minutes(w, races=False)
        if pre > 0.65 * peak:
            yield Violation("RUN-4", f"race week runs {pre} min of a {peak}-min peak", week=_idx(w))
        if i > 0 and weeks[i - 1].get("phase") == "taper" and mins[i - 1] > 0.65 * peak:
            yield Violation(
                "RUN-4", "the last taper week is not cut by 40-60%", week=_idx(weeks[i - 1])
            )


@rule(
    "RUN-5",
    "Paces from a recent race (Daniels/Gilbert VDOT or Riegel); say which and show "
    "predicted times.",
)
def _run5(view: PlanView) -> Iterator[Violation]:
    paces = view.doc.get("paces")
    if not isinstance(paces, Mapping) or not paces.get("source") or not paces.get("predictions"):
        yield Violation("RUN-5", "no paces with their source and predicted times")


@rule(
    "RUN-6",
    "Session RPE is the one load currency; the acute:chronic ratio is descriptive "
    "only, with its caveat.",
)
def _run6(view: PlanView) -> Iterator[Violation]:
    load = view.doc.get("load")
    if isinstance(load, Mapping) and "acwr" in load and not load.get("caveat"):
        yield Violation("RUN-6", "acute:chronic ratio shown without its caveat")


@rule(
    "ADAPT-1",
    "Too much (persistent fatigue, worse running, chronic soreness, dread): cut "
    "strength volume or intensity first.",
)
def _adapt1(view: PlanView) -> Iterator[Violation]:
    for a in view.doc.get("adaptations", []):
        if a.get("rule") == "ADAPT-1" and a.get("first_cut") not in ("strength", None):
            yield Violation("ADAPT-1", "running cut before strength", week=a.get("week"))


@rule(
    "ADAPT-2",
    "First 2-3 weeks of new strength work: lower running intensity a little and add no mileage.",
)
def _adapt2(view: PlanView) -> Iterator[Violation]:
    if not view.athlete.get("new_to_strength"):
        return
    mins = _week_minutes(view)
    for w, m in zip(view.weeks()[1:3], mins[1:3], strict=False):
        if mins and m > mins[0] + 5:
            yield Violation("ADAPT-2", "mileage added while new to strength", week=_idx(w))


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
                "ADAPT-3", "more than two strength sessions in a busy week", week=_idx(w)
            )


@rule("ADAPT-4", "A missed week is fine; the plan resumes, it does not pile up.")
def _adapt4(view: PlanView) -> Iterator[Violation]:
    for w in view.weeks():
        n = len([s for s in view.strength_sessions(w) if s.get("template") != "mobility"])
        if n > 4:
            yield Violation("ADAPT-4", f"{n} strength sessions: missed work piled up", week=_idx(w))


@rule(
    "ADAPT-5",
    "Pain that sharpens set to set stops the exercise; persistent asymmetry "
    "reduces the load and asks for assessment.",
)
def _adapt5(view: PlanView) -> Iterator[Violation]:
    stopped = {
        str(a.get("exercise"))
        for a in view.doc.get("adaptations", [])
        if a.get("rule") == "ADAPT-5" and a.get("action") == "stop"
    }
    for day in view.days():
        for s in day.strength():
            for ex in s.get("exercises", []):
                if str(ex.get("id")) in stopped:
                    yield Violation(
                        "ADAPT-5",
                        f"{ex.get('id')} planned after painful sets",
                        day.date.isoformat(),
                    )


@rule(
    "ADAPT-6",
    "See a professional for the referral signs; the product is not medical advice and says so.",
)
def _adapt6(view: PlanView) -> Iterator[Violation]:
    if view.doc.get("referral") and "not medical advice" not in str(view.doc.get("disclaimer")):
        yield Violation("ADAPT-6", "referral without the medical-advice disclaimer")
    if not view.doc.get("disclaimer"):
        yield Violation("ADAPT-6", "the plan does not say it is not medical advice")


@rule("RECOVER-1", "Sleep 7-9 h, protein 1.4-1.8 g/kg a day, enough calories, easy days easy.")
def _recover1(view: PlanView) -> Iterator[Violation]:
    rec = view.doc.get("recovery")
    if not isinstance(rec, Mapping) or rec.get("sleep_hours") != [7, 9]:
        yield Violation("RECOVER-1", "no recovery guidance (sleep 7-9 h)")
        return
    mass = float(view.athlete.get("body_mass_kg", 0) or 0)
    protein = rec.get("protein_g_per_day")
    if mass and protein != [round(1.4 * mass), round(1.8 * mass)]:
        yield Violation("RECOVER-1", f"protein {protein} does not match 1.4-1.8 g/kg")
    for day in view.days():
        for r in day.runs():
            if r.get("run_type") in EASY_TYPES and r.get("effort") not in (None, "easy"):
                yield Violation("RECOVER-1", "an easy run that is not easy", day.date.isoformat())
