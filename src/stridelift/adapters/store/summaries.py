"""Column reads for the statistics: every session of a log without decoding its sets.

The Progress page and ``stridelift stats`` need each session's day, kind, minutes, RPE
and distance over the whole log (fitness needs months, the counts cover everything), but
of its sets only how many there were and the mean RPE of those with reps in reserve
(RUN-7). Reading those as aggregates keeps a ten-year log's 12,500 sets in the database
(docs/web.md, "Benchmark").
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from stridelift.adapters.store.tables import (
    ActivityEffortRow,
    ActivityRow,
    LiftSessionRow,
    StrengthSetRow,
)

# rpe_from_rir (domain.load) per set: 10 - RIR, clamped to 1..10 (RIR is 0-10 in the table).
_RIR_RPE = case((StrengthSetRow.rir >= 9, 1.0), else_=10.0 - StrengthSetRow.rir)


def _set_aggregates(parent: Any, owners: Any) -> Any:
    """Per parent (activity or lift session) among ``owners`` (a select of the athlete's
    parent ids): sets, and the sum and count of RIR RPEs. Limited to the athlete's own
    parents inside the subquery: PostgreSQL does not push the outer join's athlete into a
    GROUP BY, and would otherwise count every athlete's sets on each call (a roster of
    thirty athletes over 1,500 stored took seconds)."""
    return (
        select(
            parent.label("parent"),
            func.count().label("sets"),
            func.sum(case((StrengthSetRow.rir.is_not(None), _RIR_RPE))).label("rir_sum"),
            func.count(StrengthSetRow.rir).label("rir_n"),
        )
        .where(parent.in_(owners))
        .group_by(parent)
        .subquery()
    )


def _rir_mean(total: float | None, count: int | None) -> float:
    return float(total) / count if count and total is not None else float("nan")


ActivityColumns = tuple[
    datetime, str, float, float | None, str | None, float | None, int, float, str, str | None, int
]


def activity_fields(
    session: Session, athlete_id: int, until_utc: datetime
) -> list[ActivityColumns]:
    """Every activity starting before ``until_utc``, oldest first: start, sport, duration,
    RPE, run type, distance, number of sets, mean RIR RPE (NaN: none), source, name and id.

    Read through the connection, not the ORM: thousands of rows, no objects needed.
    """
    mine = (ActivityRow.athlete_id == athlete_id, ActivityRow.start_utc < until_utc)
    sets = _set_aggregates(StrengthSetRow.activity_id, select(ActivityRow.id).where(*mine))
    rows = (
        session.connection()
        .execute(
            select(
                ActivityRow.start_utc,
                ActivityRow.sport,
                ActivityRow.duration_s,
                ActivityRow.rpe,
                ActivityRow.run_type,
                ActivityRow.distance_m,
                sets.c.sets,
                sets.c.rir_sum,
                sets.c.rir_n,
                ActivityRow.source,
                ActivityRow.name,
                ActivityRow.id,
            )
            .outerjoin(sets, sets.c.parent == ActivityRow.id)
            .where(*mine)
            .order_by(ActivityRow.start_utc, ActivityRow.id)
        )
        .all()
    )
    return [
        (r[0], r[1], r[2], r[3], r[4], r[5], r[6] or 0, _rir_mean(r[7], r[8]), r[9], r[10], r[11])
        for r in rows
    ]


def lift_fields(
    session: Session, athlete_id: int, until: date
) -> list[tuple[int, float | None, float | None, int, float]]:
    """Every lift session on or before ``until``, oldest first: day ordinal, minutes, RPE,
    number of sets and mean RIR RPE (NaN: none)."""
    mine = (LiftSessionRow.athlete_id == athlete_id, LiftSessionRow.day <= until)
    sets = _set_aggregates(StrengthSetRow.lift_session_id, select(LiftSessionRow.id).where(*mine))
    rows = (
        session.connection()
        .execute(
            select(
                LiftSessionRow.day,
                LiftSessionRow.minutes,
                LiftSessionRow.rpe,
                sets.c.sets,
                sets.c.rir_sum,
                sets.c.rir_n,
            )
            .outerjoin(sets, sets.c.parent == LiftSessionRow.id)
            .where(*mine)
            .order_by(LiftSessionRow.day, LiftSessionRow.id)
        )
        .all()
    )
    return [(r[0].toordinal(), r[1], r[2], r[3] or 0, _rir_mean(r[4], r[5])) for r in rows]


def stored_efforts(
    session: Session, athlete_id: int, until_utc: datetime
) -> dict[int, list[tuple[float, float]]]:
    """The best efforts stored with an athlete's activities (0004), (metres, seconds) by
    activity id."""
    rows = (
        session.connection()
        .execute(
            select(
                ActivityEffortRow.activity_id,
                ActivityEffortRow.distance_m,
                ActivityEffortRow.time_s,
            )
            .join(ActivityRow, ActivityEffortRow.activity_id == ActivityRow.id)
            .where(ActivityRow.athlete_id == athlete_id, ActivityRow.start_utc < until_utc)
            .order_by(ActivityEffortRow.activity_id, ActivityEffortRow.distance_m)
        )
        .all()
    )
    found: dict[int, list[tuple[float, float]]] = {}
    for activity_id, metres, seconds in rows:
        found.setdefault(activity_id, []).append((metres, seconds))
    return found
