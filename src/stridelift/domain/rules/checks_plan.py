"""Season, running and recovery rules over the whole plan (adaptations: checks_adapt)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from typing import Any

from stridelift.domain.rules.blocks import taper_weeks, targets
from stridelift.domain.rules.checks_week import KEY_RUNS_APART
from stridelift.domain.rules.registry import Violation, rule
from stridelift.domain.rules.view import (
    EASY_TYPES,
    QUALITY_TYPES,
    TRAINING,
    PlanView,
    num,
    whole,
)

# RUN-5: the methods a pace source may name (Daniels/Gilbert VDOT, Riegel).
PACE_METHODS = ("vdot", "daniels", "riegel")
# RUN-6: a sentence that quotes the acute:chronic ratio must deny it predicts injury.
ACWR_WORDS = re.compile(r"acute\s*:\s*chronic|\bacwr\b", re.IGNORECASE)
ACWR_CAVEAT = re.compile(r"\b(not|never|no|nor)\b[^.;]{0,40}\bpredict", re.IGNORECASE)
# RECOVER-1: an easy run may be a few seconds per km quicker than the easy pace (rounding).
EASY_PACE_SLACK_S = 5
# RUN-2: a week of one 20-minute run (the shortest real run) is never a spike.
SHORTEST_WEEK = 20
BLOCK_ORDER = ("base", "strength", "race_specific", "taper", "race_week")
LIGHT = frozenset({"taper", "race_week", "recovery"})


def week_index(week: Mapping[str, Any]) -> int:
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
            if rw is not None and not view.excused("SEASON-5", week_index(rw)):
                yield Violation(
                    "SEASON-1", f"{race.get('name')}'s week is not a race week", week=week_index(rw)
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
                "SEASON-1",
                f"block phases out of order before {race.get('name')}",
                week=week_index(rw),
            )
        for j in (1, 2):
            if i + j < len(weeks) and weeks[i + j].get("phase") != "recovery":
                nxt = [r for r in view.races() if _race_week(view, r) is weeks[i + j]]
                if not nxt:
                    yield Violation(
                        "SEASON-1", "no recovery week after the race", week=week_index(weeks[i + j])
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
                    week=week_index(w),
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
        # A replan inside a season: the block may have begun before the plan's first week.
        before = view.weeks_before() if k == 0 else 0
        if len(block) + before < 16:
            if not view.said("SEASON-3"):
                yield Violation(
                    "SEASON-3", "compressed block without a warning", week=week_index(rw)
                )
            phases = {w.get("phase") for w in block}
            if len(block) >= 3 and "taper" not in phases:
                yield Violation("SEASON-3", "compressed block without a taper", week=week_index(rw))
            if len(block) >= 5 and "race_specific" not in phases:
                yield Violation(
                    "SEASON-3", "compressed block without race-specific work", week=week_index(rw)
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
        minutes = view.run_minutes(w, races=False)  # a race's length is the calendar's
        if base and minutes > 0.85 * base:
            yield Violation(
                "SEASON-4",
                f"off-season running of {minutes} min is not reduced",
                week=week_index(w),
            )
        runs = [s for d in w["days"] for s in d["sessions"] if s.get("kind") == "run"]
        if any(r.get("run_type") == "intervals" for r in runs):
            yield Violation("SEASON-4", "intervals in the off-season", week=week_index(w))


@rule(
    "SEASON-5",
    "After a cycle and at least 2 recovery weeks the cycle restarts; B races are "
    "run inside a block without a full taper.",
)
def _season5(view: PlanView) -> Iterator[Violation]:
    weeks = view.weeks()
    for race in view.races():
        rw = _race_week(view, race)
        on_day = [d for d in view.days() if d.date.isoformat() == race.get("date")]
        past = str(race.get("date")) < str(view.doc.get("today", ""))
        if on_day and not past and not any(r.get("run_type") == "race" for r in on_day[0].runs()):
            yield Violation(
                "SEASON-5",
                f"{race.get('name')} on {race.get('date')} is missing from the plan",
                str(race.get("date")),
                week_index(on_day[0].week),
            )
        if rw is None or race.get("priority") != "B":
            continue
        a_same_week = any(_race_week(view, a) is rw for a in _a_races(view))
        if rw.get("phase") == "race_week" and not a_same_week:
            yield Violation(
                "SEASON-5", f"B race {race.get('name')} got a race week", week=week_index(rw)
            )
    a_dates = [str(r.get("date")) for r in _a_races(view)]
    for w in weeks:
        if w.get("phase") == "taper" and not any(d >= str(w["start"]) for d in a_dates):
            yield Violation("SEASON-5", "taper without an A race", week=week_index(w))


@rule("SEASON-6", "No race: repeating 4-week cycles of general strength and base running.")
def _season6(view: PlanView) -> Iterator[Violation]:
    if view.races():
        return
    for w in view.weeks():
        if w.get("phase") not in ("general", "offseason", "recovery"):
            yield Violation("SEASON-6", f"{w.get('phase')} week without a race", week=week_index(w))
    run = 0
    for w in view.weeks():
        run = 0 if w.get("deload") else run + 1
        if run > 4:
            yield Violation("SEASON-6", "more than 4 weeks without a deload", week=week_index(w))


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
            yield Violation("RUN-1", "quality running in the base phase", week=week_index(w))
        if phase == "strength" and not w.get("deload") and not set(types) & QUALITY_TYPES:
            yield Violation("RUN-1", "no speed session in the strength phase", week=week_index(w))
        if (
            phase == "race_specific"
            and not w.get("deload")
            and not {"race_pace", "race"} & set(types)
        ):
            yield Violation(
                "RUN-1", "no race-pace work in the race-specific phase", week=week_index(w)
            )
        hard = sum(whole(r.get("minutes"), 0) for r in runs if r.get("run_type") in QUALITY_TYPES)
        total = sum(whole(r.get("minutes"), 0) for r in runs if r.get("run_type") != "race")
        # Whole sessions count, warm-ups included; a week of a single short run (a race
        # week's reminder, a run the spike guard cut) has no "most" to judge.
        if total > SHORTEST_WEEK and hard > 0.5 * total:
            yield Violation("RUN-1", f"{hard} of {total} minutes are hard", week=week_index(w))


def week_minutes(view: PlanView) -> list[int]:
    """Running minutes a week, races included: a B race is its training week's long effort,
    and the goal race is most of its race week. The volume guards measure rises from these."""
    return [view.run_minutes(w, races=True) for w in view.weeks()]


def reference_minutes(view: PlanView, hist: list[float], mins: list[int]) -> list[float]:
    """The volume later weeks are measured from. A race week is short by design (taper,
    race, rest), and a week begun before today (the plan's start, or days logged) is only
    partly planned: neither lowers it, so the weeks after can go on normally. A week RUN-6
    eased after a load jump counts as what it would have run (``run_minutes_uneased``)."""
    ref = [float(x) for x in mins]
    for k, w in enumerate(view.weeks()):
        before = (hist + ref[:k])[-4:]
        uneased = w.get("run_minutes_uneased")
        if isinstance(uneased, int | float):
            ref[k] = max(ref[k], float(uneased))
        if w.get("phase") == "race_week" or view.started(w):
            ref[k] = max(ref[k], ref[k - 1] if k else (hist or [0.0])[-1])
        elif before and view.run_minutes(w, races=False) < mins[k]:
            # A B race far longer than the training raises no floor: the week counts as
            # far as RUN-2 lets a week rise (10% and a 5-minute step).
            ref[k] = min(ref[k], 1.1 * max(before) + 5)
    return ref


def training_minutes(view: PlanView) -> list[int]:
    """Running minutes a week without races, and without what was logged before today:
    what the plan chose, and what a volume guard judges (a race's length is the
    calendar's, and a logged run the athlete's, not the plan's)."""
    return [view.run_minutes(w, races=False, done=False) for w in view.weeks()]


def _minutes_before(view: PlanView) -> list[float]:
    """The weekly run minutes before the plan: the season's own weeks when the plan
    continues one (``season_before``), else the profile's usual volume."""
    seen = view.season_before().get("run_minutes")
    if isinstance(seen, list) and seen:
        return [num(x) for x in seen[-4:]]
    base = float(view.athlete.get("weekly_run_minutes", 0) or 0)
    return [base] * 4 if base else []


@rule(
    "RUN-2",
    "Weekly volume rises gradually (never over 30% in two weeks), with a lighter week "
    "every 3-4 weeks.",
)
def _run2(view: PlanView) -> Iterator[Violation]:
    hist = _minutes_before(view)
    mins = week_minutes(view)
    trained = training_minutes(view)
    weeks = view.weeks()
    ref = reference_minutes(view, hist, mins)
    streak = 0
    for i, (w, m) in enumerate(zip(weeks, mins, strict=True)):
        past = hist + ref[:i]
        t = trained[i]
        if len(past) >= 2 and t > max(1.3 * past[-2] + 5, SHORTEST_WEEK):
            yield Violation(
                "RUN-2", f"{t} min is over 30% above two weeks before", week=week_index(w)
            )
        if past and t > max(1.1 * max(past[-4:]) + 5, SHORTEST_WEEK):
            yield Violation(
                "RUN-2", f"{t} min jumps over 10% above recent weeks", week=week_index(w)
            )
        light = w.get("deload") or w.get("phase") in LIGHT or (past and m < 0.9 * past[-1])
        streak = 0 if light else streak + 1
        if streak > 4:
            yield Violation("RUN-2", "no lighter week in five", week=week_index(w))


def _is_run(item: Mapping[str, Any]) -> bool:
    return item.get("kind") == "run"


@rule("RUN-3", "No planned run longer than 110% of the longest run of the previous 30 days.")
def _run3(view: PlanView) -> Iterator[Violation]:
    history: list[tuple[date, int]] = []
    seed = view.athlete.get("longest_recent_run_minutes")
    days = view.day_list()
    if seed and days:
        history.append((days[0].date - timedelta(days=1), whole(seed)))
    for day in days:
        history.extend((day.date, whole(x.get("minutes"))) for x in day.done if _is_run(x))
        for r in day.runs():
            minutes = whole(r.get("minutes"), 0)
            recent = [m for d, m in history if (day.date - d).days <= 30]
            # A 20-minute run, the shortest real run (RUN-1), is never a spike.
            limit = max(1.1 * max(recent), SHORTEST_WEEK) if recent else None
            if r.get("run_type") != "race" and limit is not None and minutes > limit:
                yield Violation(
                    "RUN-3",
                    f"{minutes}-minute run after a longest of {max(recent)}",
                    day.date.isoformat(),
                    int(day.week["index"]),
                )
        for r in day.runs():
            history.append((day.date, whole(r.get("minutes"), 0)))


@rule("RUN-4", "Taper about two weeks: running volume down roughly 40-60%, intensity kept.")
def _run4(view: PlanView) -> Iterator[Violation]:
    weeks = view.weeks()
    mins = week_minutes(view)
    for i, w in enumerate(weeks):
        if w.get("phase") != "race_week":
            continue
        # The peak of whole training weeks (a week begun before today is only part
        # planned), the plan's earlier blocks included, and of the block under way when a
        # continued plan begins: a weekly replan judges a week as the first plan did. A
        # plan that starts in its taper has the athlete's usual volume.
        whole_weeks = [
            mins[k]
            for k in range(i)
            if weeks[k].get("phase") in TRAINING and not view.started(weeks[k])
        ]
        whole_weeks += [view.peak_before()] if view.peak_before() else []
        usual = float(view.athlete.get("weekly_run_minutes", 0) or 0)
        peak = max(whole_weeks, default=usual)
        if not peak:
            continue
        pre = view.run_minutes(w, races=False, done=False)
        if pre > 0.65 * peak + 5:  # runs come in 5-minute steps
            yield Violation(
                "RUN-4", f"race week runs {pre} min of a {peak}-min peak", week=week_index(w)
            )
        before = view.run_minutes(weeks[i - 1], races=False, done=False) if i > 0 else 0
        race = next((r for r in view.races() if targets(w, r, 0)), {})
        # RUN-12: a 5K or 10K tapers in its race week alone; longer races the week before too.
        tapers = taper_weeks(num(race.get("distance_km"), 42.195), race.get("distance")) > 0
        if tapers and i > 0 and weeks[i - 1].get("phase") == "taper" and before > 0.65 * peak + 5:
            yield Violation(
                "RUN-4", "the last taper week is not cut by 40-60%", week=week_index(weeks[i - 1])
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
        return
    source = str(paces.get("source")).lower()
    if not any(method in source for method in PACE_METHODS):
        yield Violation("RUN-5", f"the pace source does not name its method: {source!r}")


@rule(
    "RUN-6",
    "Session RPE is the one load currency; the acute:chronic ratio is descriptive "
    "only, with its caveat.",
)
def _run6(view: PlanView) -> Iterator[Violation]:
    load = view.doc.get("load")
    if isinstance(load, Mapping) and "acwr" in load and not load.get("caveat"):
        yield Violation("RUN-6", "acute:chronic ratio shown without its caveat")
    for a in adaptations(view):
        text = " ".join(str(a.get(k) or "") for k in ("signal", "detail", "change"))
        if ACWR_WORDS.search(text) and not ACWR_CAVEAT.search(text):
            yield Violation(
                "RUN-6",
                f"{a.get('rule')} quotes the acute:chronic ratio without saying it does not "
                "predict injury",
                week=first_week(a),
            )


def adaptations(view: PlanView) -> list[Mapping[str, Any]]:
    items = view.doc.get("adaptations")
    return [a for a in items if isinstance(a, Mapping)] if isinstance(items, list) else []


def adaptation_weeks(adaptation: Mapping[str, Any]) -> list[int]:
    weeks = adaptation.get("weeks")
    if not isinstance(weeks, list):
        return []
    return [int(w) for w in weeks if isinstance(w, int) and not isinstance(w, bool)]


def first_week(adaptation: Mapping[str, Any]) -> int | None:
    weeks = adaptation_weeks(adaptation)
    return min(weeks) if weeks else None


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
    paces = view.doc.get("paces")
    easy_pace = num(paces.get("easy_s_per_km")) if isinstance(paces, Mapping) else 0.0
    for day in view.days():
        for r in day.runs():
            if r.get("run_type") not in EASY_TYPES:
                continue
            pace = num(r.get("pace_s_per_km"))
            if r.get("effort") not in (None, "easy"):
                yield Violation("RECOVER-1", "an easy run that is not easy", day.date.isoformat())
            elif easy_pace and pace and pace < easy_pace - EASY_PACE_SLACK_S:
                yield Violation(
                    "RECOVER-1",
                    f"{r.get('run_type')} run at {pace:.0f} s/km, faster than the easy "
                    f"pace of {easy_pace:.0f} s/km",
                    day.date.isoformat(),
                    week_index(day.week),
                )
