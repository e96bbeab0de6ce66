"""Read what the statistics need from the store: the whole log as columns, sets only for
the weeks shown.

``load_history`` over a ten-year log decodes every set and check-in (about 340 ms of a
Progress page, docs/web.md); the statistics need of the whole log only each session's
day, kind, minutes, RPE, distance, set count and RIR-based RPE, which
adapters/store/summaries.py reads as aggregates, and the sets themselves (e1RM) only for
the weeks on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

from stridelift.adapters.store import summaries
from stridelift.domain.activity import RUN_SPORTS
from stridelift.domain.methodology import Methodology
from stridelift.services.athletes import resolve_athlete
from stridelift.services.logbook import history_in
from stridelift.services.stats import StatsInputs
from stridelift.services.stats_running import IMPORTED_SOURCES, ImportedRun
from stridelift.services.stats_sessions import estimate_sessions, session_columns

if TYPE_CHECKING:
    from stridelift.adapters.store.engine import Store
    from stridelift.adapters.store.repository import PlanSnapshot, Repository
    from stridelift.services.athletes import StoredAthlete
    from stridelift.services.stats_sessions import SessionLog


@dataclass(frozen=True, slots=True)
class StatsRead:
    """The statistics' inputs and the latest stored plan."""

    inputs: StatsInputs
    snapshot: PlanSnapshot | None


def _end_utc(today: date, tz: tzinfo) -> datetime:
    """The instant the local day after ``today`` begins, in UTC."""
    return datetime.combine(today + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)


def read_stats(
    store: Store,
    athlete: str | None,
    *,
    window_start: date,
    today: date,
    tz: tzinfo,
    methodology: Methodology,
) -> StatsRead:
    """Everything logged up to ``today`` as columns, the sets from ``window_start`` on.

    Raises:
        UsageError: the athlete is unknown.
    """
    until = _end_utc(today, tz)
    with store.reading() as repo:
        who = resolve_athlete(repo, athlete)
        acts = summaries.activity_fields(repo.session, who.id, until)
        lifts = summaries.lift_fields(repo.session, who.id, today)
        window = history_in(repo, who, min(window_start, today), today, tz, checkins=False)
        snapshot = repo.latest_plan_snapshot(who.id)
        efforts = summaries.stored_efforts(repo.session, who.id, until)
    log = _log(acts, lifts, tz, methodology, float(who.athlete.session_minutes))
    imported = tuple(
        ImportedRun(start, distance, duration, name, tuple(efforts.get(key, ())))
        for start, sport, duration, _, _, distance, _, _, source, name, key in acts
        if sport in RUN_SPORTS and source in IMPORTED_SOURCES and distance and duration > 0
    )
    return StatsRead(StatsInputs(who, log, window, imported), snapshot)


def _log(
    acts: list[summaries.ActivityColumns],
    lifts: list[tuple[int, float | None, float | None, int, float]],
    tz: tzinfo,
    methodology: Methodology,
    lift_minutes: float,
) -> SessionLog:
    return estimate_sessions(
        session_columns([a[:8] for a in acts], lifts, tz), methodology, lift_minutes
    )


def read_log(
    repo: Repository, who: StoredAthlete, today: date, tz: tzinfo, methodology: Methodology
) -> SessionLog:
    """Every session logged up to ``today`` as columns (what the load figures read),
    inside the caller's transaction: the coach's roster reads many athletes in one."""
    acts = summaries.activity_fields(repo.session, who.id, _end_utc(today, tz))
    lifts = summaries.lift_fields(repo.session, who.id, today)
    return _log(acts, lifts, tz, methodology, float(who.athlete.session_minutes))
