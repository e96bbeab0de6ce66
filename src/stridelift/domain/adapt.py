"""Turn the athlete's history into Adjustments for the planner (ADAPT, LOAD, RUN-3, RUN-6).

Pure and deterministic: ``today`` is an argument, nothing reads the clock or a file.
"""

from __future__ import annotations

from datetime import date, timedelta

from stridelift.domain.athlete import Athlete
from stridelift.domain.exercises import ExerciseLibrary
from stridelift.domain.history import Adjustments, LoggedSession, TrainingLog
from stridelift.domain.methodology import Methodology


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def adjustments(
    athlete: Athlete,
    log: TrainingLog,
    today: date,
    m: Methodology,
    lib: ExerciseLibrary,
) -> Adjustments:
    """Everything the planner changes because of ``log``, each change with its signal.

    Sessions and check-ins dated after ``today`` are ignored.
    """
    del athlete, m, lib  # used by the rules filled in next
    sessions = tuple(s for s in log.sessions if s.day <= today)
    monday = _monday(today)
    done: tuple[LoggedSession, ...] = tuple(
        sorted(
            (s for s in sessions if monday <= s.day < today),
            key=lambda s: (s.day, s.kind),
        )
    )
    runs_30d = [s.minutes for s in sessions if s.kind == "run" and s.day > today - timedelta(30)]
    return Adjustments(
        busy_weeks=frozenset(_monday(d) for d in log.busy_weeks),
        longest_run_30d=round(max(runs_30d)) if runs_30d else None,
        done_this_week=done,
    )
