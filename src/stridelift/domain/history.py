"""The contract between what the athlete logged and the planner.

``TrainingLog`` is the history as the domain sees it: sessions on local dates (the service
layer converts UTC activity starts with the athlete's time zone), daily check-ins, and the
weeks the athlete marked busy. ``Adjustments`` is what ``domain.adapt`` makes of that log:
every change the planner applies, each with the rule and the signal behind it. ``plan()``
reads only ``Adjustments``; it never looks at raw logs itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from stridelift.domain.activity import CheckIn, StrengthSet

SESSION_KINDS = ("run", "strength", "cross")


@dataclass(frozen=True, slots=True)
class LoggedSession:
    """One session the athlete did, on its local date."""

    day: date
    kind: str  # one of SESSION_KINDS
    minutes: float
    rpe: float | None = None
    run_type: str | None = None  # activity.RUN_TYPES, for runs when known
    distance_km: float | None = None
    sets: tuple[StrengthSet, ...] = ()
    template: str | None = None  # the planned template a logged lift followed, when known


@dataclass(frozen=True, slots=True)
class TrainingLog:
    """Everything logged up to (and including) the plan's today, oldest first."""

    sessions: tuple[LoggedSession, ...] = ()
    checkins: tuple[CheckIn, ...] = ()
    busy_weeks: frozenset[date] = frozenset()  # Mondays of weeks marked busy (ADAPT-3)
    moves: tuple[SessionMove, ...] = ()  # sessions the athlete moved to another day


@dataclass(frozen=True, slots=True)
class SessionMove:
    """A planned session the athlete moved to another day of its week (the Plan page's
    drag): the session of ``kind`` and ``name`` (a run's type, a strength template) that
    the plan puts on ``from_day`` goes on ``to_day`` instead, where the placement rules
    allow it (planner.moves)."""

    from_day: date
    to_day: date
    kind: str  # "run" or "strength"
    name: str  # the run type (easy, long, tempo, ...) or the template (A, B, ...)


@dataclass(frozen=True, slots=True)
class Signal:
    """Something the history shows, in plain words: which rule it feeds, since when."""

    rule: str  # e.g. "ADAPT-1", "ADAPT-5", "RUN-6", "LOAD-2"
    name: str  # short label, e.g. "persistent fatigue"
    since: date  # first day the signal showed
    days: int  # how long it has lasted, in days
    detail: str  # one sentence: what was seen


@dataclass(frozen=True, slots=True)
class LoadAdvice:
    """The next working load for one exercise, from its logged sets (LOAD rules)."""

    exercise_id: str
    load_kg: float  # next working load for ``reps``, rounded to what the equipment allows
    reps: int  # the rep count that load is for (the last logged working reps)
    e1rm_kg: float | None  # estimated 1RM (RUN-7), to derive loads for other rep targets
    rule: str  # "LOAD-1" (start/hold), "LOAD-2" (cut), "LOAD-3" (raise), "ADAPT-5" (asymmetry)
    pct: float  # change from the last logged working load, percent (0 when held)
    from_kg: float | None  # the last logged working load
    why: str
    logged_on: date | None = None  # the day of that last loaded session
    step_kg: float | None = None  # PROG-2's next step up (+2.5-5%), if the equipment has one


@dataclass(frozen=True, slots=True)
class AreaHold:
    """A painful body area referred to a professional (ADAPT-5, ADAPT-6): the exercises
    that load it get no load increase until the athlete logs it settled."""

    area: str
    exercise_ids: tuple[str, ...]
    signal: Signal  # the referral's signal


@dataclass(frozen=True, slots=True)
class Adjustments:
    """What the planner changes because of the history. Neutral by default (no history).

    Week counts are counted from the plan's first week (the week holding ``today``).
    """

    signals: tuple[Signal, ...] = ()
    # ADAPT-1 downshift: strength first (fewer sets, lower effort), running only if severe.
    downshift_weeks: int = 0
    strength_sets_factor: float = 1.0
    strength_rpe_drop: int = 0
    running_factor: float = 1.0
    # RUN-6: an acute:chronic spike softens the first week's running (a description, with
    # its caveat, never an injury prediction).
    soften_factor: float = 1.0
    acwr: float | None = None
    # ADAPT-2: new strength work holds running volume and softens intensity.
    hold_weeks: int = 0
    first_lift: date | None = None  # the first strength session the log holds
    lift_days: tuple[date, ...] = ()  # RUN-13: every day the log holds a strength session
    # ADAPT-3: busy weeks (Mondays) get the minimum effective dose.
    busy_weeks: frozenset[date] = frozenset()
    moves: tuple[SessionMove, ...] = ()  # the athlete's moves, oldest first
    # ADAPT-5: exercises stopped (id -> reason) and load factors for asymmetry (id -> factor).
    stopped: tuple[tuple[str, str], ...] = ()
    asymmetry: tuple[tuple[str, float], ...] = ()
    # ADAPT-6: referral messages, shown prominently, one per condition; and the signal
    # each comes from, in the same order.
    referral: tuple[str, ...] = ()
    referral_signals: tuple[Signal, ...] = ()
    # ADAPT-5, ADAPT-6: areas whose exercises hold their loads until logged settled.
    holds: tuple[AreaHold, ...] = ()
    # LOAD-1..3: next loads per exercise id.
    loads: tuple[LoadAdvice, ...] = ()
    # RUN-3 and volume from the log.
    longest_run_30d: int | None = None  # minutes, longest logged run in the last 30 days
    # Whether the log reaches back over those 30 days; if not, the days before it are
    # the profile's to speak for (a log begun with the plan knows only the plan's runs).
    longest_run_window_logged: bool = True
    recent_week_minutes: float | None = None  # mean run minutes of the last 4 full weeks
    # ADAPT-4: sessions already logged in the current week (before today), kept as logged.
    done_this_week: tuple[LoggedSession, ...] = field(default=())
