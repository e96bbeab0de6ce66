"""The demo athlete: a profile with a race, eight weeks of logs, and a stored plan.

`make demo` and the browser tests seed a database with it. The logs come from a
seeded random generator, so the same ``today`` always gives the same athlete: runs on
four days a week, two strength sessions with their sets (loads creeping up), a check-in
every day, and one pain report (a sore left knee three weeks ago).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

from stridelift.domain.activity import Activity, CheckIn, LiftSession, PainReport
from stridelift.errors import UsageError
from stridelift.services import logbook
from stridelift.services.profiles import parse_profile_text
from stridelift.services.replan import monday, replan
from stridelift.services.starter import starter_profile

if TYPE_CHECKING:
    from stridelift.adapters.store.engine import Store
    from stridelift.domain.exercises import ExerciseLibrary

DEMO_NAME = "Demo Runner"
DEMO_WEEKS = 8
RACE_WEEKS_AHEAD = 10
PROGRESSION_WEEKS = 26  # loads creep up for half a year, then start again (long logs)
_SEED = 13  # any fixed number: the demo only needs to be the same on every run

# (weekday, run type, minutes, pace in min/km, RPE): a recreational marathoner's week.
_RUNS = (
    (1, "intervals", 50, 5.4, 7),
    (2, "easy", 40, 6.2, 3),
    (5, "long", 90, 6.3, 5),
    (6, "recovery", 30, 6.8, 2),
)
# (weekday, session, [(exercise, sets, reps or seconds, start load kg or None, kg per week)])
_Dose = tuple[str, int, int, float | None, float]
_LIFTS: tuple[tuple[int, str, tuple[_Dose, ...]], ...] = (
    (0, "A", (
        ("goblet_squat", 3, 8, 16.0, 1.0),
        ("romanian_deadlift", 3, 8, 40.0, 2.5),
        ("push_up", 3, 12, None, 0.0),
        ("plank", 3, 40, None, 0.0),
    )),
    (3, "B", (
        ("split_squat", 3, 8, 12.0, 1.0),
        ("trap_bar_deadlift", 3, 5, 60.0, 2.5),
        ("inverted_row", 3, 8, None, 0.0),
        ("straight_knee_calf_raise", 3, 12, 20.0, 1.0),
    )),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class DemoLogs:
    """What the demo athlete logged, oldest first."""

    runs: tuple[Activity, ...]
    lifts: tuple[LiftSession, ...]
    checkins: tuple[CheckIn, ...]


def demo_profile(today: date) -> str:
    """The demo profile: an intermediate marathoner, the race ten weeks after ``today``."""
    race_day = today + timedelta(weeks=RACE_WEEKS_AHEAD)
    return starter_profile(
        DEMO_NAME, "intermediate", race_day.isoformat(), "marathon", 240, "Lakeside Marathon"
    )


def _run(
    rng: random.Random, day: date, spec: tuple[int, str, int, float, int], tz: tzinfo
) -> Activity:
    _, run_type, minutes, pace, rpe = spec
    actual = minutes + rng.randint(-4, 4)
    entry = logbook.RunEntry(
        day=day,
        run_type=run_type,
        minutes=actual,
        distance_km=round(actual / (pace + rng.uniform(-0.2, 0.2)), 2),
        rpe=rpe + rng.choice((-1, 0, 0, 1)),
        avg_hr=float(130 + 5 * rpe + rng.randint(-4, 4)),
    )
    return logbook.run_activity(entry, day, tz)


def _set_text(exercise: str, reps: int, load_kg: float | None, sets: int) -> str:
    amount = f"{reps}s" if exercise == "plank" else str(reps)
    load = "" if load_kg is None else f"x{load_kg:g}"
    return f"{exercise}:{amount}{load}@2*{sets}"


def _lift(
    week: int, day: date, template: str, exercises: tuple[_Dose, ...], library: ExerciseLibrary
) -> LiftSession:
    texts = tuple(
        _set_text(
            ex, reps, None if load is None else load + step * (week % PROGRESSION_WEEKS), sets
        )
        for ex, sets, reps, load, step in exercises
    )
    entry = logbook.LiftEntry(day=day, sets=texts, template=template, minutes=45, rpe=6)
    return logbook.lift_session(entry, library, day)


def _checkin(rng: random.Random, day: date, pain_day: date) -> CheckIn:
    pain = (PainReport("knee", 3, "left"),) if day == pain_day else ()
    entry = CheckIn(
        day=day,
        sleep_hours=round(rng.uniform(6.2, 8.6), 1),
        sleep_quality=rng.randint(5, 9),
        soreness=rng.randint(2, 6),
        fatigue=rng.randint(2, 6),
        stress=rng.randint(2, 6),
        mood=rng.randint(5, 9),
        motivation=rng.randint(6, 9),
        pain=pain,
    )
    return logbook.check_checkin(entry, day)


def demo_logs(
    today: date, library: ExerciseLibrary, tz: tzinfo = UTC, *, weeks: int = DEMO_WEEKS
) -> DemoLogs:
    """``weeks`` weeks of logs (eight by default) ending yesterday, the same for the same
    ``today``; the web benchmark asks for ten years."""
    rng = random.Random(_SEED)  # noqa: S311 - made-up demo data, not security
    first = monday(today) - timedelta(weeks=weeks)
    pain_day = today - timedelta(weeks=3)
    runs: list[Activity] = []
    lifts: list[LiftSession] = []
    checkins: list[CheckIn] = []
    day = first
    while day < today:
        week = (day - first).days // 7
        runs += [_run(rng, day, s, tz) for s in _RUNS if s[0] == day.weekday()]
        lifts += [_lift(week, day, t, ex, library) for wd, t, ex in _LIFTS if wd == day.weekday()]
        checkins.append(_checkin(rng, day, pain_day))
        day += timedelta(days=1)
    return DemoLogs(tuple(runs), tuple(lifts), tuple(checkins))


def seed_demo(
    store: Store,
    today: date,
    library: ExerciseLibrary,
    *,
    tz: tzinfo = UTC,
    now: datetime,
    weeks: int = DEMO_WEEKS,
) -> str:
    """Store the demo athlete, ``weeks`` weeks of logs and a plan made from them; returns
    the name.

    Raises:
        UsageError: the database holds an athlete already (the demo wants its own).
    """
    text = demo_profile(today)
    parse_profile_text(text, "the demo profile")
    logs = demo_logs(today, library, tz, weeks=weeks)
    with store.transaction() as repo:
        if repo.athletes():
            raise UsageError(f"--db: {store.url} holds athletes already; the demo wants its own")
        who = repo.add_athlete(DEMO_NAME, text, now)
        for run in logs.runs:
            repo.add_activity(who.id, run, now)
        for lift in logs.lifts:
            repo.add_lift_session(who.id, lift, now)
        for checkin in logs.checkins:
            repo.add_checkin(who.id, checkin, now)
    replan(store, DEMO_NAME, today, tz=tz, library=library, now=now)
    _weekly_plans(store, today, library, tz, min(weeks, DEMO_WEEKS))
    return DEMO_NAME


def _weekly_plans(
    store: Store, today: date, library: ExerciseLibrary, tz: tzinfo, weeks: int
) -> None:
    """The plans the demo athlete made each Monday of the weeks logged, stored as made then
    (before today's), so the Plan page can tell the sessions done from the ones missed."""
    for back in range(weeks, -1, -1):
        day = monday(today) - timedelta(weeks=back)
        if day >= today:
            break
        made = replan(store, DEMO_NAME, day, tz=tz, library=library, save=False)
        with store.transaction() as repo:
            repo.add_plan_snapshot(
                made.athlete.id, day, made.inputs_sha256, made.plan_json,
                datetime.combine(day, time(6), UTC),
            )  # fmt: skip
