"""Random training histories never make the planner break a rule.

A random valid athlete (tests/strategies.py) gets a random history: a routine week of
runs, lifts and cross-training repeated for up to ten weeks (as usual, light, missed,
spiking or replaced by another week), sets with loads, reps in reserve, technique
breakdowns and pain, loose entries across the 120 days ``replan`` reads, check-ins with
bad streaks, and busy weeks. The history goes
through ``adjustments()`` into ``plan()``, and the validator must find nothing:

    validate(plan(athlete, today, m, lib, weeks, adjust=adjustments(athlete, log, ...))) == []

Every entry is drawn as a user would log it by hand (``stridelift log run``, ``log lift``,
``checkin``, ``busy``; lifts parsed by the logbook's own SET parser) and turned into the
domain's ``LoggedSession`` the way ``services.replan.training_log`` does, so a failure
prints a case a person can replay: the profile TOML, ``--today``, ``--weeks`` and the
logbook commands. (``stridelift replan`` always plans the whole season; for a case with
``--weeks N`` call ``plan(..., N, adjust=...)`` as this test does.)

The number of cases: the Hypothesis profile's count (tests/conftest.py), divided by
``SCALE_DOWN`` so that the "ci" profile stays near 35 s; see ``MAX_EXAMPLES``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stridelift.domain.activity import PAIN_SIDES, RUN_TYPES, CheckIn, PainReport
from stridelift.domain.adapt import adjustments
from stridelift.domain.history import LoggedSession, TrainingLog
from stridelift.domain.plan import plan
from stridelift.domain.rules.registry import validate
from stridelift.methodologies import default_methodology, load_library
from stridelift.services.replan import HISTORY_DAYS, MINUTES_PER_SET
from stridelift.services.set_syntax import parse_set
from tests.strategies import PlanCase, plan_cases

M = default_methodology()
LIB = load_library()

# A case costs a few plain plans (drawing the history, then planning the season), so half
# of the profile's examples keeps "ci" (2,000 -> 1,000) near 35 s on this machine and the
# whole suite well inside CI's time; "dev" runs 100.
SCALE_DOWN = 2
MAX_EXAMPLES = max(10, settings().max_examples // SCALE_DOWN)

# The lifts the plans prescribe most (so logged loads reach planned sessions), timed holds,
# bodyweight moves, and, now and then, any exercise of the library.
COMMON_LIFTS = (
    "trap_bar_deadlift",
    "split_squat",
    "straight_knee_calf_raise",
    "bent_knee_calf_raise",
    "front_squat",
    "back_squat",
    "romanian_deadlift",
    "dumbbell_romanian_deadlift",
    "goblet_squat",
    "dumbbell_row",
    "nordic_hamstring_curl",
    "step_up_knee_drive",
    "push_up",
    "kettlebell_swing",
    "leg_press",
)
HOLDS = ("plank", "side_plank", "farmers_carry", "wall_sit")
ALL_LIFTS = tuple(sorted(e.id for e in LIB))
PAIN_AREAS = ("knee", "achilles", "hip", "shin", "lower_back", "shoulder", "calf", "foot")
CYCLE_NOTES = ("day 2", "cramps", "missed period", "irregular", "no period this month")


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


# Log entries, as typed into the logbook ------------------------------------------------


@dataclass(frozen=True, slots=True)
class RunLog:
    """``stridelift log run``: whole minutes, km to one decimal, RPE or none."""

    day: date
    run_type: str
    minutes: int
    km: float | None
    rpe: float | None

    def session(self) -> LoggedSession:
        # As services.replan reads a logged run back: duration_s / 60, distance_m / 1000.
        km = None if self.km is None else round(self.km * 1000 / 1000.0, 3)
        return LoggedSession(self.day, "run", float(self.minutes), self.rpe, self.run_type, km)

    def command(self) -> str:
        text = (
            f"stridelift log run --date {self.day} --type {self.run_type} --minutes {self.minutes}"
        )
        if self.km is not None:
            text += f" --km {self.km:g}"
        if self.rpe is not None:
            text += f" --rpe {self.rpe:g}"
        return text


@dataclass(frozen=True, slots=True)
class LiftLog:
    """``stridelift log lift``: SET arguments, maybe a session name, minutes and RPE."""

    day: date
    sets: tuple[str, ...]
    template: str | None
    minutes: int | None
    rpe: float | None

    def session(self) -> LoggedSession:
        parsed = tuple(s for text in self.sets for s in parse_set(text, LIB))
        # services.replan: a lift without its length counts MINUTES_PER_SET a set.
        minutes = float(self.minutes) if self.minutes else round(len(parsed) * MINUTES_PER_SET, 1)
        return LoggedSession(
            self.day, "strength", minutes, self.rpe, sets=parsed, template=self.template
        )

    def command(self) -> str:
        text = f"stridelift log lift --date {self.day}"
        if self.template is not None:
            text += f" --session {self.template}"
        if self.minutes is not None:
            text += f" --minutes {self.minutes}"
        if self.rpe is not None:
            text += f" --rpe {self.rpe:g}"
        return text + " " + " ".join(f"'{s}'" for s in self.sets)


@dataclass(frozen=True, slots=True)
class CrossLog:
    """Cross-training comes in by import only (a ride from a watch, say)."""

    day: date
    minutes: int
    rpe: float | None

    def session(self) -> LoggedSession:
        return LoggedSession(self.day, "cross", float(self.minutes), self.rpe)

    def command(self) -> str:
        rpe = "" if self.rpe is None else f", RPE {self.rpe:g}"
        return f"# imported cross-training (e.g. a ride) on {self.day}: {self.minutes} min{rpe}"


def checkin_command(c: CheckIn) -> str:
    """The ``stridelift checkin`` line that stores this check-in."""
    text = f"stridelift checkin --date {c.day}"
    for flag, value in (
        ("--sleep-hours", c.sleep_hours),
        ("--sleep-quality", c.sleep_quality),
        ("--soreness", c.soreness),
        ("--fatigue", c.fatigue),
        ("--stress", c.stress),
        ("--mood", c.mood),
        ("--motivation", c.motivation),
    ):
        if value is not None:
            text += f" {flag} {value:g}"
    for p in c.pain:
        text += f" --pain {p.area}:{p.level}" + (f":{p.side}" if p.side else "")
    if c.ill:
        text += " --ill"
    if c.cycle_note:
        text += f" --cycle-note '{c.cycle_note}'"
    return text


@dataclass(frozen=True, slots=True)
class History:
    """What the athlete logged, and the Mondays of the weeks they marked busy."""

    runs: tuple[RunLog, ...]
    lifts: tuple[LiftLog, ...]
    cross: tuple[CrossLog, ...]
    checkins: tuple[CheckIn, ...]
    busy: frozenset[date]

    def sessions(self) -> tuple[RunLog | LiftLog | CrossLog, ...]:
        return (*self.runs, *self.lifts, *self.cross)

    def log(self) -> TrainingLog:
        sessions = [e.session() for e in self.sessions()]
        return TrainingLog(
            sessions=tuple(sorted(sessions, key=lambda s: (s.day, s.kind))),
            checkins=tuple(sorted(self.checkins, key=lambda c: c.day)),
            busy_weeks=self.busy,
        )

    def commands(self, today: date) -> list[str]:
        dated = [(e.day, e.command()) for e in self.sessions()]
        dated += [(c.day, checkin_command(c)) for c in self.checkins]
        # A week can be marked busy only while it is not over: mark past ones back then.
        dated += [(w, f"stridelift busy --week {w} --today {min(w, today)}") for w in self.busy]
        return [text for _, text in sorted(dated)]


@dataclass(frozen=True, slots=True)
class HistoryCase:
    """A planner input and the history behind it."""

    plan: PlanCase
    history: History

    def describe(self) -> str:
        lines = self.history.commands(self.plan.today)
        log = "\n".join(lines) if lines else "(nothing logged)"
        return f"{self.plan.describe()}\n# the log ({len(lines)} entries):\n{log}\n"


# Strategies -----------------------------------------------------------------------------
# Built once, at import: a strategy made inside a draw is validated again on every draw,
# which cost more than the planning itself.


def _rarely(strategy: st.SearchStrategy[Any], one_in: int, default: Any) -> st.SearchStrategy[Any]:
    """``strategy`` about once in ``one_in`` draws, else ``default`` (which it shrinks to)."""
    return st.one_of(*([st.just(default)] * (one_in - 1)), strategy)


_rpes = st.none() | st.integers(1, 10).map(float) | st.sampled_from((2.5, 6.5, 8.5))
_scales = st.none() | st.integers(1, 10)
_pain_levels = st.integers(0, 10)
_sides = st.none() | st.sampled_from(PAIN_SIDES)
_areas = st.none() | st.sampled_from(PAIN_AREAS)

# One SET argument: reps or a hold, the load (as a factor of the exercise's usual load, in
# pounds, or a slip of the finger), reps in reserve, a count, +tech, +pain.
_set_parts = {
    easy: st.tuples(
        st.booleans(),
        st.sampled_from((5, 8, 10, 12)) | st.integers(1, 30),
        st.sampled_from((20, 30, 45, 60)) | st.integers(1, 600),
        st.sampled_from((1.0, 1.0, 1.0, 0.9, 1.05, 1.1, "lb", "x0", "x0.05")),
        st.none() | (st.integers(4, 6) if easy else st.integers(0, 10)),
        st.none() | st.integers(1, 5),
        _rarely(st.just("+tech"), 12, ""),
        _rarely(st.tuples(_pain_levels, _sides, _areas), 8, None),
    )
    for easy in (False, True)
}
_lift_exercises = st.lists(
    st.sampled_from(COMMON_LIFTS + HOLDS) | st.sampled_from(ALL_LIFTS), min_size=1, max_size=6
)
_usual_loads = (
    st.none() | st.sampled_from((10.0, 20.0, 40.0, 60.0, 100.0)) | st.integers(1, 250).map(float)
)
_climbs = _rarely(st.tuples(st.integers(1, 6), st.sampled_from(PAIN_SIDES)), 10, None)
_lift_meta = st.tuples(
    st.none() | st.sampled_from(("A", "B", "busy", "short")),
    st.none() | st.sampled_from((30, 40, 45)) | st.integers(1, 600),
    _rpes,
)


def _set_text(exercise: str, usual_kg: float | None, parts: tuple[Any, ...]) -> str:
    hold, reps, seconds, factor, rir, count, tech, pain = parts
    if exercise in HOLDS and hold:
        text = f"{exercise}:{seconds}s"
    else:
        text = f"{exercise}:{reps}"
        if usual_kg is not None:
            if factor == "lb":
                text += f"x{round(usual_kg * 2.2):d}lb"
            elif isinstance(factor, str):
                text += factor
            else:
                text += f"x{round(usual_kg * factor * 2) / 2:g}"
    if rir is not None:
        text += f"@{rir}"
    if count is not None:
        text += f"*{count}"
    text += str(tech)
    if pain is not None:
        level, side, area = pain
        text += f"+pain={level}" + "".join(f":{x}" for x in (side, area) if x)
    return text


@st.composite
def _lift(draw: st.DrawFn, day: date, loads: dict[str, float | None], easy: bool) -> LiftLog:
    """A lift; each exercise keeps its usual load across the history (so LOAD rules bite)."""
    sets: list[str] = []
    for exercise in draw(_lift_exercises):
        if exercise not in loads:
            loads[exercise] = draw(_usual_loads)
        sets.append(_set_text(exercise, loads[exercise], draw(_set_parts[easy])))
        climb = draw(_climbs)
        if climb is not None:  # pain that climbs set to set (ADAPT-5)
            start, side = climb
            sets += [f"{exercise}:8@2+pain={min(start + 2 * k, 10)}:{side}:knee" for k in range(3)]
    template, minutes, rpe = draw(_lift_meta)
    return LiftLog(day, tuple(sets), template, minutes, rpe)


_sleep = st.none() | st.integers(0, 24).map(float) | st.sampled_from((5.5, 7.5))
_pains = st.lists(
    st.builds(PainReport, area=st.sampled_from(PAIN_AREAS), level=_pain_levels, side=_sides),
    max_size=2,
    unique_by=lambda p: (p.area, p.side),
)
# On a bad day fatigue, and often soreness or mood, tip over ADAPT-1's lines.
_checkin_parts = {
    bad: st.tuples(
        _sleep,
        _scales,
        (st.integers(7, 10) | _scales) if bad else _scales,
        st.integers(7, 10) if bad else _scales,
        _scales,
        (st.integers(1, 3) | _scales) if bad else _scales,
        (st.integers(1, 3) | _scales) if bad else _scales,
        _pains,
        _rarely(st.just(True), 16, False),
        _rarely(st.sampled_from(CYCLE_NOTES), 4, None),
    )
    for bad in (False, True)
}


def _checkin(day: date, parts: tuple[Any, ...]) -> CheckIn:
    sleep, quality, soreness, fatigue, stress, mood, motivation, pains, ill, note = parts
    c = CheckIn(
        day, sleep, quality, soreness, fatigue, stress, mood, motivation, tuple(pains), ill, note
    )
    values = (sleep, quality, soreness, fatigue, stress, mood, motivation, note)
    if all(v is None for v in values) and not (pains or ill):
        return CheckIn(day=day, fatigue=5)  # the logbook wants at least one value
    return c


WEEK_KINDS = ("usual", "usual", "usual", "light", "missed", "spike", "other")
WEEK_SCALE = {"usual": 1.0, "light": 0.5, "spike": 1.8, "other": 1.0}
MAX_WEEKS_BACK = 10  # full weeks before this one (loads look back six, the 28-day load four)
_weeks_back = st.integers(0, MAX_WEEKS_BACK)
_volumes = st.sampled_from((0.3, 0.6, 1.0, 1.0, 1.3))  # logged volume against the profile's
_week_kinds = st.sampled_from(WEEK_KINDS)
_effort_shifts = st.sampled_from((0.0, 0.0, 0.0, 1.0, 2.0, -1.0))  # RPE up or down that week
_run = st.tuples(
    st.sampled_from((0.6, 1.0, 1.6)),  # a short, usual or long run for the week
    st.sampled_from((4.5, 5.5, 6.5, 8.0, None)),  # min/km; None: no distance logged
    st.sampled_from(("easy", "easy", "long", "tempo")) | st.sampled_from(RUN_TYPES),
    _rpes,
)
_run_weeks = st.dictionaries(st.integers(0, 6), _run)  # weekday -> run
_lift_days = st.sets(st.integers(0, 6), max_size=3)
_cross = st.none() | st.tuples(st.integers(0, 6), st.integers(10, 180), _rpes)
_days_back = st.integers(0, HISTORY_DAYS)
_loose_runs = st.lists(
    st.tuples(_days_back, st.sampled_from(RUN_TYPES), st.integers(1, 300), _rpes), max_size=3
)
_loose_lifts = st.lists(_days_back, max_size=2)
_checkin_days = st.sets(st.integers(0, 7 * MAX_WEEKS_BACK + 6), max_size=21)
_streaks = st.none() | st.tuples(st.integers(0, 7 * MAX_WEEKS_BACK + 6), st.integers(2, 16))
_mostly = st.integers(0, 3)
_busy = st.frozensets(st.integers(-8, 20), max_size=4)


def _shifted(rpe: float | None, shift: float) -> float | None:
    return None if rpe is None else min(max(rpe + shift, 1.0), 10.0)


@st.composite
def histories(draw: st.DrawFn, today: date, weekly_minutes: int) -> History:
    """A routine week repeated up to ``today`` (as usual, light, missed, spiking, or another
    week altogether, its efforts shifted), loose entries anywhere in the 120 days ``replan``
    reads, check-ins on some days with now and then a bad streak, and busy weeks."""
    this_monday = _monday(today)
    weeks_back = draw(_weeks_back)
    volume = weekly_minutes * draw(_volumes)
    easy_lifter = draw(st.booleans())  # sets at 4-6 reps in reserve: LOAD-3 raises
    loads: dict[str, float | None] = {}  # each exercise's usual load, kept across the log
    routine_runs = draw(_run_weeks)
    routine_lifts = {d: draw(_lift(this_monday, loads, easy_lifter)) for d in draw(_lift_days)}
    routine_cross = draw(_cross)
    runs: list[RunLog] = []
    lifts: list[LiftLog] = []
    cross: list[CrossLog] = []
    for w in range(weeks_back, -1, -1):
        monday = this_monday - timedelta(weeks=w)
        kind = draw(_week_kinds)
        if kind == "missed":
            continue
        week_runs, week_lifts, week_cross = routine_runs, routine_lifts, routine_cross
        if kind == "other":
            week_runs = draw(_run_weeks)
            week_lifts = {d: draw(_lift(monday, loads, easy_lifter)) for d in draw(_lift_days)}
            week_cross = draw(_cross)
        shift = draw(_effort_shifts)
        per_run = volume * WEEK_SCALE[kind] / max(len(week_runs), 1)
        for d, (factor, pace, run_type, rpe) in sorted(week_runs.items()):
            minutes = max(1, min(600, round(per_run * factor)))
            km = round(minutes / pace, 1) if pace is not None else None
            day = monday + timedelta(days=d)
            runs.append(RunLog(day, run_type, minutes, km or None, _shifted(rpe, shift)))
        for d, lift in sorted(week_lifts.items()):
            day = monday + timedelta(days=d)
            lifts.append(LiftLog(day, lift.sets, lift.template, lift.minutes, lift.rpe))
        if week_cross is not None:
            d, minutes, rpe = week_cross
            cross.append(CrossLog(monday + timedelta(days=d), minutes, _shifted(rpe, shift)))
    # Nothing after today: the week in progress holds only the days gone by and today.
    runs = [r for r in runs if r.day <= today]
    lifts = [x for x in lifts if x.day <= today]
    cross = [c for c in cross if c.day <= today]
    # Loose entries anywhere in the window replan reads, its oldest days included.
    for back, run_type, minutes, rpe in draw(_loose_runs):
        runs.append(RunLog(today - timedelta(days=back), run_type, minutes, None, rpe))
    for back in draw(_loose_lifts):
        lifts.append(draw(_lift(today - timedelta(days=back), loads, easy_lifter)))
    # Check-ins on some days of those weeks, and now and then a bad streak.
    first = this_monday - timedelta(weeks=weeks_back)
    span = (today - first).days
    streak = draw(_streaks)
    bad_days: set[int] = set()
    if streak is not None and streak[0] <= span:
        bad_days = set(range(streak[0], min(streak[0] + streak[1], span + 1)))
    days = {k for k in draw(_checkin_days) if k <= span}
    days |= {k for k in sorted(bad_days) if draw(_mostly)}  # most days of the streak
    checkins = [
        _checkin(first + timedelta(days=k), draw(_checkin_parts[k in bad_days]))
        for k in sorted(days)
    ]
    busy = frozenset(this_monday + timedelta(weeks=w) for w in draw(_busy))
    return History(tuple(runs), tuple(lifts), tuple(cross), tuple(checkins), busy)


@st.composite
def history_cases(draw: st.DrawFn) -> HistoryCase:
    """A valid athlete, today, a horizon, and a history logged up to today."""
    case = draw(plan_cases())
    return HistoryCase(case, draw(histories(case.today, case.athlete.weekly_run_minutes)))


# The property ---------------------------------------------------------------------------


@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(history_cases())
def test_plans_made_with_a_random_history_break_no_rule(case: HistoryCase) -> None:
    athlete, today = case.plan.athlete, case.plan.today
    try:
        adjust = adjustments(athlete, case.history.log(), today, M, LIB)
        doc: dict[str, Any] = plan(athlete, today, M, LIB, case.plan.weeks, adjust=adjust)
    except Exception as exc:
        raise AssertionError(f"planning raised {exc!r} for\n{case.describe()}") from exc
    violations = [str(v) for v in validate(doc)]
    assert violations == [], "\n".join(violations) + f"\nfor {case.describe()}"
