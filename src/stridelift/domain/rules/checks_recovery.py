"""Recovery after a race by its distance (RUN-13), over the whole plan."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from typing import Any

from stridelift.domain.rules.blocks import spike_capped
from stridelift.domain.rules.registry import Violation, rule
from stridelift.domain.rules.view import QUALITY_TYPES, Day, PlanView, is_heavy, num, whole

# RUN-13, as COACHING_RULES.md states it.
KM_PER_EASY_DAY = 1.6  # no quality running for about one day per 1.6 km raced...
EASY_DAYS_MAX = 28  # ...capped at 3-4 weeks (four weeks at the most)
STRENGTH_DAYS_OFF = {"5k": 2, "10k": 2, "half": 4, "marathon": 7, "ultra": 10}
# The same by distance where a plan gives no known distance name (the nominal lengths).
KM_TIERS = ((42.2, "ultra"), (42.0, "marathon"), (21.0, "half"), (0.0, "10k"))
DAY_AFTER_MINUTES = 30  # the day after a half or longer: rest, or one very easy short run
DAY_AFTER_TYPES = frozenset({"easy", "recovery"})
LIGHT_RPE_MAX = 6  # the first strength session back is light: no heavy lift, RPE 6 at most
# Recovery-week running as a share of the usual volume (the profile's weekly_run_minutes):
# after a 5K or 10K each recovery week stays near it, at least 70%; after a marathon or an
# ultra the first one starts near 30-50%. Runs come in 5-minute steps: one step of slack.
NEAR_USUAL_MIN = 0.70
LONG_RACE_FIRST_WEEK = (0.30, 0.50)
STEP_MINUTES = 5


def _distance(race: Mapping[str, Any]) -> str:
    name = str(race.get("distance", ""))
    if name in STRENGTH_DAYS_OFF:
        return name
    km = num(race.get("distance_km"))
    return next(label for floor, label in KM_TIERS if km >= floor)


def no_strength_dates(view: PlanView) -> set[date]:
    """The days RUN-13 keeps free of strength after the plan's races (other rules that
    look for a free day to lift on skip them)."""
    out: set[date] = set()
    for race in view.races():
        try:
            when = date.fromisoformat(str(race.get("date")))
        except ValueError:
            continue
        off = STRENGTH_DAYS_OFF[_distance(race)]
        out.update(when + timedelta(days=k) for k in range(1, off + 1))
    return out


def _strength(day: Day) -> list[Mapping[str, Any]]:
    """The strength sessions that RUN-13 keeps away (race-week mobility is not one)."""
    return [s for s in day.strength() if s.get("template") != "mobility"]


def _is_light(session: Mapping[str, Any]) -> bool:
    exercises = session.get("exercises", [])
    return not is_heavy(session) and all(
        whole(ex.get("rpe"), 0) <= LIGHT_RPE_MAX and not ex.get("plyometric") for ex in exercises
    )


def _days_after(
    race_day: date, by_date: Mapping[date, Day], first: int, last: int
) -> Iterator[Day]:
    for k in range(first, last + 1):
        day = by_date.get(race_day + timedelta(days=k))
        if day is not None:
            yield day


def _where(day: Day) -> tuple[str, int | None]:
    idx = day.week.get("index")
    return day.date.isoformat(), int(idx) if isinstance(idx, int) else None


def _after_one(
    view: PlanView, race: Mapping[str, Any], by_date: Mapping[date, Day]
) -> Iterator[Violation]:
    """The days after one race: quality, strength, the first session back, the day after."""
    when = date.fromisoformat(str(race["date"]))
    dist = _distance(race)
    km = num(race.get("distance_km"))
    name = race.get("name", "the race")
    races = {date.fromisoformat(str(r["date"])) for r in view.races() if r.get("date")}
    easy_days = min(round(km / KM_PER_EASY_DAY), EASY_DAYS_MAX)
    for day in _days_after(when, by_date, 1, easy_days):
        hard = [r for r in day.runs() if r.get("run_type") in QUALITY_TYPES]
        if hard:
            k = (day.date - when).days
            msg = f"{hard[0].get('run_type')} run {k} day(s) after {name} ({km:g} km)"
            yield Violation("RUN-13", f"{msg}, inside its {easy_days} easy days", *_where(day))
    off = STRENGTH_DAYS_OFF[dist]
    for day in _days_after(when, by_date, 1, off):
        if _strength(day):
            k = (day.date - when).days
            yield Violation(
                "RUN-13",
                f"strength {k} day(s) after {name} ({dist}): none for {off} days",
                *_where(day),
            )
    start = min(by_date, default=when)
    back = when + timedelta(days=off + 1)
    if back >= start:
        # The first strength session back (one logged on a past day counts) is light.
        later = (by_date[d] for d in sorted(by_date) if d >= back)
        first = next((d for d in later if _strength(d) or d.lifted()), None)
        if first is not None and not first.lifted() and not all(map(_is_light, _strength(first))):
            yield Violation(
                "RUN-13", f"the first strength session after {name} is not light", *_where(first)
            )
    after = by_date.get(when + timedelta(days=1))
    if dist in ("half", "marathon", "ultra") and after is not None and after.date not in races:
        runs = after.runs()
        easy = len(runs) == 1 and runs[0].get("run_type") in DAY_AFTER_TYPES
        short = easy and whole(runs[0].get("minutes"), 0) <= DAY_AFTER_MINUTES
        if len(after.sessions) > len(runs) or (runs and not short):
            yield Violation(
                "RUN-13",
                f"the day after {name} ({dist}) is neither rest nor one easy run of "
                f"{DAY_AFTER_MINUTES} min at most",
                *_where(after),
            )


SMALLEST_JUDGED = 40
RECOVERY_WEEKS = 2  # SEASON-1, SEASON-5: the recovery weeks after an A race


def _recovery_volume(view: PlanView, race: Mapping[str, Any]) -> Iterator[Violation]:
    """An A race's recovery weeks: volume by the race's distance."""
    usual = num(view.athlete.get("weekly_run_minutes"))
    when = date.fromisoformat(str(race["date"]))
    dist = _distance(race)
    # The rule sets no band after a half; a usual week of under two shortest (20-minute)
    # runs holds one run at most, which no share can be judged on.
    if usual < SMALLEST_JUDGED or dist == "half" or _inside_longer_recovery(view, race):
        return
    today = str(view.doc.get("today", ""))
    monday = when - timedelta(days=when.weekday())
    for k, w in enumerate(view.weeks()):
        start = str(w.get("start"))
        weeks_after = (date.fromisoformat(start) - monday).days // 7
        if weeks_after < 1:
            continue
        if w.get("phase") != "recovery" or (weeks_after > 1 and dist in ("marathon", "ultra")):
            return  # past the recovery weeks; after a marathon the band is the first week's
        if weeks_after > RECOVERY_WEEKS:
            return  # a later race's recovery (a replan begun after this race's own weeks)
        minutes = view.run_minutes(w, races=True, done=False)  # a race is running too
        whole_week = start >= today and not view.started(w)
        if not whole_week or spike_capped(w) or view.excused("RUN-13", _idx(w, k)):
            continue  # begun before today, or the plan says why it runs less
        lo, hi = (NEAR_USUAL_MIN, None) if dist in ("5k", "10k") else LONG_RACE_FIRST_WEEK
        under = minutes < round(lo * usual) - STEP_MINUTES  # whole minutes, one step
        # A race the athlete entered in the week is theirs to run: the ceiling is training's.
        training = view.run_minutes(w, races=False, done=False)
        over = hi is not None and training > hi * usual + STEP_MINUTES
        if under or over:
            band = f"{lo:.0%}" + (f"-{hi:.0%}" if hi is not None else " or more")
            yield Violation(
                "RUN-13",
                f"recovery week after {race.get('name')} ({dist}) runs {minutes} min: "
                f"{band} of the usual {usual:g} min is the rule",
                week=_idx(w, k),
            )


def _inside_longer_recovery(view: PlanView, race: Mapping[str, Any]) -> bool:
    """True when the race falls within a longer race's easy days, before or after it:
    that race's recovery governs the weeks after both (a 5K the day before or after a
    marathon recovers as the marathon says)."""
    when = date.fromisoformat(str(race["date"]))
    km = num(race.get("distance_km"))
    for other in view.races():
        other_km = num(other.get("distance_km"))
        if other_km <= km:
            continue  # A or B: the harder race's recovery governs (the planner's too)
        try:
            other_day = date.fromisoformat(str(other.get("date")))
        except ValueError:
            continue
        easy_days = min(round(other_km / KM_PER_EASY_DAY), EASY_DAYS_MAX)
        if abs((when - other_day).days) <= easy_days:
            return True
    return False


def _idx(week: Mapping[str, Any], k: int) -> int:
    idx = week.get("index")
    return idx if isinstance(idx, int) and not isinstance(idx, bool) else k + 1


@rule(
    "RUN-13",
    "After a race, recovery follows the distance: the day after a half or longer is rest "
    "or a very easy short run; no quality running for about a day per 1.6 km raced (at "
    "most 4 weeks); no strength for 2 days after a 5K or 10K, 4 after a half, 7 after a "
    "marathon, 10 after an ultra, and the first session back light; recovery weeks near "
    "the usual volume after a 5K or 10K, starting at 30-50% of it after a marathon.",
)
def _run13(view: PlanView) -> Iterator[Violation]:
    """RUN-13 over every race of the plan, A or B, in the plan's days or before them.

    Bounds: no quality run (quality, intervals, tempo, race pace) on days 1..round(km/1.6)
    after the race (at most 28); no strength session (race-week mobility aside) on days
    1..2 (5K, 10K), 1..4 (half), 1..7 (marathon), 1..10 (ultra); the first strength session
    after those days (if the plan holds it and no logged one came first) has no heavy lower
    lift, no plyometrics and RPE 6 at most; the day after a half or longer holds nothing
    but, at most, one easy or recovery run of 30 minutes or less. An A race's recovery
    weeks (whole weeks, planned from today) run, against the profile's weekly_run_minutes,
    at least 70% each after a 5K or 10K, and 30-50% in the first one after a marathon or
    ultra (5 minutes of slack either way, one rounding step; a race in the week counts
    toward the floor, not the ceiling); a race within (before or after) a longer race's
    easy days is judged by that race's band alone, as the planner follows the harder
    race; a RUN-13 notice for the week (the planner could not give it the volume, and
    said so) excuses the volume alone.
    """
    by_date = {d.date: d for d in view.days()}
    for race in view.races():
        try:
            date.fromisoformat(str(race.get("date")))
        except ValueError:
            continue  # SEASON-5 reports a race the plan cannot place
        yield from _after_one(view, race, by_date)
        if race.get("priority") == "A":
            yield from _recovery_volume(view, race)
