"""Placement rules (PLACE): each check reads a plan, each constraint shapes the week model."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from typing import Any

from stridelift.domain.rules.checks_recovery import no_strength_dates
from stridelift.domain.rules.registry import Violation, rule
from stridelift.domain.rules.view import (
    EASY_TYPES,
    Day,
    PlanView,
    follows_strategy,
    is_heavy,
    whole,
)

# --- constraints: the scheduler calls these with its WeekModel -----------------------


def _no_heavy_before_key(wm: Any) -> None:
    for d in range(6):
        wm.at_most_one(wm.heavy_on(d), wm.key_on(d + 1))
    if wm.spec.next_monday_key:
        wm.none(wm.heavy_on(6))
    if wm.spec.prev_sunday_heavy:
        wm.none(wm.key_on(0))


def _no_heavy_before_most_important(wm: Any) -> None:
    for (i, d), placed in wm.run_at.items():
        # A long run without its usual day (no room there) is guarded wherever it lands.
        if wm.spec.runs[i].run_type in ("race", "long") and d > 0:
            wm.at_most_one(wm.heavy_on(d - 1), [placed])


def _heavy_then_easy(wm: Any) -> None:
    for d in range(6):
        wm.at_most_one(wm.strength_on(d), wm.strength_on(d + 1))
        wm.at_most_one(wm.heavy_on(d), wm.key_on(d + 1))
    if wm.spec.prev_sunday_strength:
        wm.none(wm.strength_on(0))
    for d in wm.spec.logged_lift_days:  # lifted yesterday (logged): no strength today
        if d < 6:
            wm.none(wm.strength_on(d + 1))


def _rest_day(wm: Any) -> None:
    m = wm.model
    if wm.spec.level in ("beginner", "recreational", "intermediate"):
        rest = []
        for d in range(7):
            r = m.new_bool_var(f"rest{d}")
            wm.none(wm.anything_on(d), when=r)
            rest.append(r)
        wm.at_least_one(rest)
    else:
        calm = []
        for d in range(7):
            c = m.new_bool_var(f"calm{d}")
            cross = [wm.cross_at[d]] if d in wm.cross_at else []
            wm.none(wm.key_on(d), wm.strength_on(d), cross, when=c)
            calm.append(c)
        wm.at_least_one(calm)


def _heavy_not_on_hardest_run(wm: Any) -> None:
    for (i, d), placed in wm.run_at.items():
        run_type = wm.spec.runs[i].run_type
        if run_type == "long":
            wm.at_most_one(wm.heavy_on(d), [placed])
        elif run_type == "race":
            wm.at_most_one(wm.strength_on(d), [placed])  # race day is for the race alone


def _key_runs_apart(wm: Any) -> None:
    # Races are fixed by the calendar: two on consecutive days stand, and a race is never
    # dropped for the key run the day before; the runs around a race give way instead.
    race_days = {r.fixed_day for r in wm.spec.runs if r.run_type == "race"}
    for d in range(6):
        if d not in race_days or d + 1 not in race_days:
            wm.at_most_one(wm.key_on(d), wm.key_on(d + 1))
    if wm.spec.prev_sunday_key and 0 not in race_days:
        wm.none(wm.key_on(0))
    if wm.spec.next_monday_key and 6 not in race_days:
        wm.none(wm.key_on(6))


# PLACE-10: no heavy lower body this many days before a race, by priority (the rule's
# numbers: 3 days before a B race, 10 before an A race). None lifts the day before any race.
HEAVY_FREE_DAYS_BEFORE = {"A": 10, "B": 3}


def _heavy_free_days(priority: object) -> int:
    return HEAVY_FREE_DAYS_BEFORE.get(str(priority), HEAVY_FREE_DAYS_BEFORE["B"])


def _no_strength_before_race(wm: Any) -> None:
    # PLACE-10: the day before a race holds no strength session (mobility included here),
    # and the days before it no heavy lower body: the light variant or another day.
    for offset, priority in wm.spec.races_ahead:
        if 1 <= offset <= 7:
            wm.none(wm.strength_on(offset - 1))
        for d in range(max(offset - _heavy_free_days(priority), 0), min(offset, 7)):
            wm.none(wm.heavy_on(d))


# --- checks ----------------------------------------------------------------------------


def _pairs(view: PlanView) -> Iterator[tuple[Day, Day]]:
    days = view.day_list()
    yield from itertools.pairwise(days)


def _wk(day: Day) -> int | None:
    idx = day.week.get("index")
    return int(idx) if idx is not None else None


@rule(
    "PLACE-1",
    "No heavy lower-body strength on the day before intervals, a quality session or the long run.",
    constrain=_no_heavy_before_key,
)
def _place1(view: PlanView) -> Iterator[Violation]:
    for a, b in _pairs(view):
        if a.heavy() and b.has_key():
            yield Violation(
                "PLACE-1",
                "heavy lower-body strength the day before a key run",
                a.date.isoformat(),
                _wk(a),
            )


@rule(
    "PLACE-2",
    "No heavy lower-body strength immediately before the week's most important run.",
    constrain=_no_heavy_before_most_important,
)
def _place2(view: PlanView) -> Iterator[Violation]:
    days = view.day_list()
    for i, day in enumerate(days):
        top = [s for s in day.runs() if s.get("run_type") in ("race", "long")]
        if not top:
            continue
        order = min(whole(s.get("order"), 1) for s in top)
        if any(is_heavy(s) and whole(s.get("order"), 1) < order for s in day.strength()):
            yield Violation(
                "PLACE-2",
                "heavy strength earlier on the day of the most important run",
                day.date.isoformat(),
                _wk(day),
            )
        if i > 0 and days[i - 1].heavy():
            yield Violation(
                "PLACE-2",
                "heavy strength the day before the most important run",
                days[i - 1].date.isoformat(),
                _wk(days[i - 1]),
            )


@rule(
    "PLACE-3",
    "Three strategies: stack hard on hard, strength on easy-run days, or strength "
    "on its own days; the athlete may pick one.",
    excusable=True,
)
def _place3(view: PlanView) -> Iterator[Violation]:
    strategy = view.athlete.get("strategy", "auto")
    for day in view.days():
        runs = day.runs()
        for s in day.strength():
            if s.get("template") == "mobility" or day.week.get("phase") == "offseason":
                continue
            if not follows_strategy(str(strategy), {r.get("run_type") for r in runs}, s):
                yield Violation(
                    "PLACE-3",
                    f"strength does not follow the '{strategy}' strategy",
                    day.date.isoformat(),
                    _wk(day),
                )


@rule(
    "PLACE-4",
    "Same day: run first when running is the priority; lift first only on a "
    "strength-focus day; strength just before an easy run is acceptable.",
)
def _place4(view: PlanView) -> Iterator[Violation]:
    for day in view.days():
        for s in day.strength():
            for r in day.runs():
                before = whole(s.get("order"), 0) < whole(r.get("order"), 0)
                focus = day.week.get("phase") == "offseason"
                if before and r.get("run_type") not in EASY_TYPES and not focus:
                    yield Violation(
                        "PLACE-4",
                        "strength scheduled before a key run on the same day",
                        day.date.isoformat(),
                        _wk(day),
                    )


@rule(
    "PLACE-5",
    "With two sessions, the heavier is followed by an easy run or rest; the "
    "lighter may precede a workout.",
    constrain=_heavy_then_easy,
)
def _place5(view: PlanView) -> Iterator[Violation]:
    for a, b in _pairs(view):
        if (a.strength() or a.lifted()) and b.strength():
            yield Violation("PLACE-5", "strength on two days in a row", a.date.isoformat(), _wk(a))
        if a.heavy() and (b.has_key() or b.heavy()):
            yield Violation(
                "PLACE-5",
                "the day after heavy strength is not easy or rest",
                b.date.isoformat(),
                _wk(b),
            )


@rule(
    "PLACE-6",
    "At least one full rest day a week for beginner to intermediate runners; "
    "advanced and ultra runners keep one day with nothing but an easy or recovery run.",
    constrain=_rest_day,
)
def _place6(view: PlanView) -> Iterator[Violation]:
    for week in view.weeks():
        days = view.week_days(week)
        if view.level in ("beginner", "recreational", "intermediate"):
            if not any(not d.sessions for d in days):
                yield Violation("PLACE-6", "no full rest day", week=int(week["index"]))
        elif not any(_calm(d) for d in days):
            yield Violation(
                "PLACE-6", "no day with only an easy run or rest", week=int(week["index"])
            )


@rule(
    "PLACE-7",
    "Hardest strength days opposite the hardest run days: never heavy lifting on "
    "the long-run day, and no lifting at all on a race day.",
    constrain=_heavy_not_on_hardest_run,
)
def _place7(view: PlanView) -> Iterator[Violation]:
    for day in view.days():
        types = {r.get("run_type") for r in day.runs()}
        if day.heavy() and types & {"long", "race"}:
            yield Violation(
                "PLACE-7",
                "heavy strength on the long-run or race day",
                day.date.isoformat(),
                _wk(day),
            )
        elif "race" in types and day.strength():
            yield Violation("PLACE-7", "strength on a race day", day.date.isoformat(), _wk(day))


@rule("PLACE-8", "Off-season: lift on non-running days where possible.", excusable=True)
def _place8(view: PlanView) -> Iterator[Violation]:
    avail = view.athlete.get("availability")
    weeks = view.weeks()
    kept = no_strength_dates(view)  # RUN-13: no day to move a lift to after a race
    for w, week in enumerate(weeks):
        if week.get("phase") != "offseason" or not isinstance(avail, list):
            continue
        if week.get("busy"):
            continue  # ADAPT-3: a busy week's sessions keep the days the usual week gives them
        days = view.week_days(week)
        lift_days = {i for i, d in enumerate(days) if d.strength()}
        # Lifting on the Sunday before or the Monday after counts as a neighbour too.
        if w > 0 and view.week_days(weeks[w - 1])[-1].strength():
            lift_days.add(-1)
        if w + 1 < len(weeks) and view.week_days(weeks[w + 1])[0].strength():
            lift_days.add(7)
        for k, day in enumerate(days):
            if not (day.strength() and day.runs()):
                continue
            # A day this session could move to: empty, open to strength, next to no other
            # lifting day (PLACE-5), the session's own day aside, and not the day PLACE-6
            # keeps quiet.
            others = lift_days - {k}
            need = sum(whole(s.get("minutes")) for s in day.strength())
            free = [
                i
                for i, d in enumerate(days)
                if not d.sessions
                and d.date not in kept
                and _open_for(avail, i, need)
                and not ({i - 1, i + 1} & others)
                and _quiet_day_left(view, days, i)
            ]
            if free:
                yield Violation(
                    "PLACE-8",
                    f"off-season strength on a run day while {days[free[0]].date} is free",
                    day.date.isoformat(),
                    int(week["index"]),
                )


def _open_for(avail: list[Any], i: int, minutes: int) -> bool:
    """Whether the athlete can lift on weekday ``i`` for ``minutes``."""
    day = avail[i] if i < len(avail) else None
    if not isinstance(day, Mapping) or not day.get("strength"):
        return False
    return whole(day.get("minutes"), 24 * 60) >= minutes


def _quiet_day_left(view: PlanView, days: list[Day], taken: int) -> bool:
    """Whether the week keeps its PLACE-6 day once ``days[taken]`` holds a lift."""
    rest_levels = ("beginner", "recreational", "intermediate")
    for i, d in enumerate(days):
        if i == taken:
            continue
        if view.level in rest_levels and not d.sessions:
            return True
        if view.level not in rest_levels and _calm(d):
            return True
    return False


def _calm(d: Day) -> bool:
    """A day with nothing but an easy or recovery run (or rest, or short core work)."""
    return (
        not d.has_key()
        and not d.strength()
        and all(s.get("kind") in ("run", "core") for s in d.sessions)
    )


@rule(
    "PLACE-10",
    "No strength on the day before any race (A or B), and no heavy lower body in the 3 "
    "days before a B race or the 10 days before an A race.",
    constrain=_no_strength_before_race,
)
def _place10(view: PlanView) -> Iterator[Violation]:
    days = {d.date: d for d in view.days()}
    for race in view.races():
        try:
            race_day = date.fromisoformat(str(race.get("date")))
        except ValueError:
            continue
        name, priority = race.get("name"), race.get("priority", "A")
        eve = days.get(race_day - timedelta(days=1))
        if eve is not None and any(s.get("template") != "mobility" for s in eve.strength()):
            yield Violation(
                "PLACE-10", f"strength the day before {name}", eve.date.isoformat(), _wk(eve)
            )
        span = _heavy_free_days(priority)
        for k in range(2, span + 1):
            day = days.get(race_day - timedelta(days=k))
            if day is not None and day.heavy():
                yield Violation(
                    "PLACE-10",
                    f"heavy lower body {k} days before {name} ({priority} race: none in "
                    f"the {span} days before it)",
                    day.date.isoformat(),
                    _wk(day),
                )


@rule(
    "RUN-14",
    "Running first: when a day cannot hold both a run and a lift, the lift moves or "
    "shortens before the run does; a run is left out only when no day of the week can "
    "hold it, and a notice says so. The off-season is the exception.",
)
def _run14(view: PlanView) -> Iterator[Violation]:
    avail = view.athlete.get("availability")
    for week in view.weeks():
        left = [x for x in week.get("runs_left_out") or [] if isinstance(x, Mapping)]
        if not left:
            continue
        index = _wk(view.week_days(week)[0])
        if not view.excused("RUN-14", index):
            yield Violation("RUN-14", "a run left out without a notice", week=index)
        if week.get("phase") == "offseason" or not isinstance(avail, list):
            continue  # SEASON-4, PLACE-8: strength is the priority there
        days = view.week_days(week)
        if any(r.get("run_type") == "race" for d in days for r in d.runs()):
            continue  # race weeks keep their runs to the days the race leaves
        for run in left:
            if run.get("run_type") not in ("easy", "recovery"):
                continue  # key runs have their own spacing rules: not judged here
            minutes = whole(run.get("minutes"))
            for k, day in enumerate(days):
                if _lift_took_the_run_day(avail, k, day, minutes):
                    yield Violation(
                        "RUN-14",
                        f"a {minutes}-min {run.get('run_type')} run was left out while "
                        "this day held only a lift",
                        day.date.isoformat(),
                        index,
                    )
                    break


def _lift_took_the_run_day(avail: list[Any], k: int, day: Day, minutes: int) -> bool:
    """Whether weekday ``k`` is open for a run of ``minutes`` and holds only a lift."""
    slot = avail[k] if k < len(avail) else None
    if not isinstance(slot, Mapping) or not slot.get("run") or day.done:
        return False
    if whole(slot.get("minutes"), 24 * 60) < minutes:
        return False
    kinds = {s.get("kind") for s in day.sessions}
    return bool(day.strength()) and kinds <= {"strength", "core"}


@rule("PLACE-9", "Every placement carries its reason (rule ids) for the user to see.")
def _place9(view: PlanView) -> Iterator[Violation]:
    from stridelift.domain.rules.registry import RULES

    for day in view.days():
        for s in day.sessions:
            reasons = s.get("reasons") or []
            if not reasons:
                yield Violation(
                    "PLACE-9",
                    f"a {s.get('kind')} session has no reasons",
                    day.date.isoformat(),
                    _wk(day),
                )
            unknown = [r for r in reasons if r not in RULES]
            if unknown:
                yield Violation(
                    "PLACE-9", f"unknown rule ids {unknown}", day.date.isoformat(), _wk(day)
                )


KEY_RUNS_APART = _key_runs_apart
