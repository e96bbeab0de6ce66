"""Busy weeks (ADAPT-3): marking a week busy, or clearing the mark, and the plan it makes.

A busy week shrinks the strength to one full-body session and one short one; running
stays as planned. Marking and the replan it causes are one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from stridelift.errors import UsageError
from stridelift.services.athletes import StoredAthlete, resolve_athlete
from stridelift.services.replan import ReplanResult, gather, monday, replanned, saved

if TYPE_CHECKING:
    from stridelift.adapters.store.engine import Store
    from stridelift.adapters.store.repository import Repository


@dataclass(frozen=True, slots=True)
class BusyMark:
    """The outcome of marking (or clearing) a busy week."""

    athlete: StoredAthlete
    week: date  # the week's Monday
    busy: bool  # whether the week is busy now
    changed: bool  # False when it already was as asked


def _open_week(week_date: date, today: date) -> date:
    """The Monday of ``week_date``'s week, refused when that week ended before ``today``."""
    week = monday(week_date)
    if week + timedelta(days=6) < today:
        raise UsageError(
            f"--week: the week of {week.isoformat()} is over (today is {today.isoformat()}); "
            "mark this week or a later one"
        )
    return week


def _mark(repo: Repository, who: StoredAthlete, week: date, clear: bool, now: datetime) -> bool:
    if clear:
        return repo.remove_busy_week(who.id, week)
    return repo.add_busy_week(who.id, week, now)


def mark_busy(
    store: Store,
    athlete_name: str | None,
    week_date: date,
    *,
    today: date,
    clear: bool = False,
    now: datetime | None = None,
) -> BusyMark:
    """Mark the week holding ``week_date`` busy (or clear the mark), in one transaction.

    Raises:
        UsageError: the week ended before ``today``, or the athlete is unknown.
    """
    week = _open_week(week_date, today)
    with store.transaction() as repo:
        who = resolve_athlete(repo, athlete_name)
        changed = _mark(repo, who, week, clear, now or datetime.now(UTC))
    return BusyMark(athlete=who, week=week, busy=not clear, changed=changed)


def mark_busy_and_replan(
    store: Store,
    athlete_name: str | None,
    week_date: date,
    *,
    today: date,
    clear: bool = False,
    tz: tzinfo = UTC,
    now: datetime | None = None,
) -> tuple[BusyMark, ReplanResult]:
    """Mark (or clear) a busy week and store the plan it makes, in one transaction: a replan
    that fails, or a process killed before the end, leaves the week as it was.

    Raises:
        UsageError: the week ended before ``today``, the athlete is unknown, or the plan
            cannot be made.
    """
    week = _open_week(week_date, today)
    when = now or datetime.now(UTC)
    with store.transaction() as repo:
        who = resolve_athlete(repo, athlete_name)
        changed = _mark(repo, who, week, clear, when)
        result = replanned(gather(repo, who.name, today, tz), today, tz)
        if result.stored:
            result = saved(repo, result, when)
    return BusyMark(athlete=who, week=week, busy=not clear, changed=changed), result


def busy_weeks(store: Store, athlete_name: str | None, since: date | None = None) -> list[date]:
    """The Mondays of an athlete's busy weeks, from ``since`` on."""
    with store.reading() as repo:
        who = resolve_athlete(repo, athlete_name)
        return repo.busy_weeks(who.id, since=since)
