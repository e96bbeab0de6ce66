"""A coach's roster and board: every athlete who granted the coach, their week at a glance.

Read from what is stored, never planned again on the way (a coach with thirty athletes
opens it often): the week's sessions and statuses from the stored plans and the log
(``plan_calendar.stored_calendar``, the Plan page's statuses), the load ratio the
Progress page shows (``stats.acwr_ewma_on``), check-in flags by the methodology's
ADAPT-1 and ADAPT-5/6 thresholds, the stored plan's referral and next race.
Only the coach's active grants are read: a coach sees nobody else, a non-coach nobody.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from stridelift.adapters.store.roster_reads import data_fingerprints
from stridelift.domain.guardrails import low_mood
from stridelift.errors import UsageError
from stridelift.services.athletes import resolve_athlete
from stridelift.services.plan_calendar import CalendarSession, stored_calendar
from stridelift.services.replan import monday
from stridelift.services.stats import COMPLIANCE_KINDS, acwr_ewma_on
from stridelift.services.stats_reading import read_log

if TYPE_CHECKING:
    from stridelift.adapters.store.engine import Store
    from stridelift.adapters.store.grants_repo import GrantRecord
    from stridelift.adapters.store.repository import Repository
    from stridelift.domain.activity import CheckIn
    from stridelift.domain.methodology import Methodology
    from stridelift.services.accounts import User

ON_TRACK, BEHIND = 0.8, 0.5  # share of the sessions due that were done: green, amber, red
DUE = ("done", "partly", "missed")  # a planned session counts once its day has come
ROWS_KEPT = 8192  # rows kept per process (a row is small: a week of sessions, a few flags)


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One coached athlete's week at a glance."""

    athlete: str
    access: str  # the coach's grant: view or edit
    week_start: date
    sessions: tuple[CalendarSession, ...]  # the week's, planned and logged (the board)
    due: int  # planned sessions of the week whose day has come (or done early)
    done: int
    compliance: str  # on-track, behind, off, none (nothing due yet, or no stored plan)
    load_ratio: float | None  # the EWMA acute:chronic ratio on today (the Progress page's)
    flags: tuple[str, ...]  # check-in signs, pain first
    pain: bool
    referral: tuple[str, ...]
    race: str | None
    race_date: date | None
    has_plan: bool

    @property
    def attention(self) -> bool:
        """Pain or a referral: the rows a coach reads first."""
        return self.pain or bool(self.referral)

    @property
    def share(self) -> float | None:
        """Done over due, None when nothing is due."""
        return self.done / self.due if self.due else None

    def weeks_to_go(self, today: date) -> int | None:
        """Whole weeks from ``today`` to the next race (0 in its own week)."""
        return None if self.race_date is None else (self.race_date - today).days // 7


def check_week(value: str | None, today: date) -> date:
    """The Monday of the week asked for (YYYY-MM-DD, any day of it); this week by default.

    Raises:
        UsageError: naming ``week`` when the value is no date.
    """
    if not value:
        return monday(today)
    try:
        return monday(date.fromisoformat(value))
    except ValueError:
        raise UsageError(f"week: expected a date as YYYY-MM-DD, got {value!r}") from None


def roster(
    store: Store,
    coach: User,
    *,
    today: date,
    methodology: Methodology,
    week: date | None = None,
    tz: tzinfo = UTC,
) -> list[RosterRow]:
    """The athletes who granted ``coach`` (active grants only), each with the week from
    ``week`` (a Monday; this week by default), by name; [] for a non-coach."""
    if coach.role != "coach" or coach.disabled:
        return []
    start = monday(week or today)
    with store.reading() as repo:
        grants = repo.grants.active_grants(coach_user_id=coach.id)
        prints = data_fingerprints(repo.session, [g.athlete_id for g in grants])
        rows = []
        for g in grants:
            key = (str(store.url), g.athlete_id, prints[g.athlete_id], today, start, str(tz),
                   methodology.name, methodology.version)  # fmt: skip
            row = _ROWS.get(key)
            if row is None:
                row = _ROWS.put(key, _row(repo, g, start, today, methodology, tz))
            rows.append(replace(row, access=g.access))  # the grant as of now, never kept
        return rows


class _RowCache:
    """Rows made for an athlete's stored data as it was (its fingerprint in the key): a
    coach opens the roster and board often, and an athlete's data changes seldom. Only
    rows are kept, never the grants: who may see whom is read on every request."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.rows: OrderedDict[tuple[Any, ...], RosterRow] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> RosterRow | None:
        with self.lock:
            row = self.rows.get(key)
            if row is not None:
                self.rows.move_to_end(key)
            return row

    def put(self, key: tuple[Any, ...], row: RosterRow) -> RosterRow:
        with self.lock:
            self.rows[key] = row
            while len(self.rows) > self.size:
                self.rows.popitem(last=False)
        return row


_ROWS = _RowCache(ROWS_KEPT)


def _row(
    repo: Repository,
    grant: GrantRecord,
    start: date,
    today: date,
    methodology: Methodology,
    tz: tzinfo,
) -> RosterRow:
    who = resolve_athlete(repo, grant.athlete_name)
    cal, doc = stored_calendar(repo, who.id, start, start + timedelta(days=6), today, tz)
    planned = [s for s in cal.sessions if s.order is not None and s.kind in COMPLIANCE_KINDS]
    due = [s for s in planned if s.status in DUE]
    done = sum(1 for s in due if s.status == "done")
    checkins = repo.checkins_between(who.id, today - timedelta(days=_lookback(methodology)), today)
    flags, pain = checkin_flags(checkins, today, methodology)
    race = _next_race(doc, today)
    return RosterRow(
        athlete=who.name, access=grant.access, week_start=start, sessions=cal.sessions,
        due=len(due), done=done, compliance=_colour(done, len(due)),
        load_ratio=acwr_ewma_on(read_log(repo, who, today, tz, methodology), today),
        flags=flags, pain=pain, referral=tuple(str(r) for r in doc.get("referral") or []),
        race=race[0] if race else None, race_date=race[1] if race else None,
        has_plan=bool(doc),
    )  # fmt: skip


def _colour(done: int, due: int) -> str:
    if not due:
        return "none"
    share = done / due
    return "on-track" if share >= ON_TRACK else "behind" if share >= BEHIND else "off"


def _lookback(m: Methodology) -> int:
    """Days of check-ins the flags read: the pain window and ADAPT-1's, whichever is longer."""
    return max(m.adapt.pain.recent_days, m.adapt.too_much.window_days)


def checkin_flags(
    checkins: Sequence[CheckIn], today: date, m: Methodology
) -> tuple[tuple[str, ...], bool]:
    """The check-in signs a coach should see, and whether one is pain: pain of the last
    ``pain.recent_days`` at ``pain.noticeable`` or more (each area's latest report, ADAPT-5);
    then from the latest check-in of ADAPT-1's window, soreness and fatigue at their
    thresholds, illness, low mood or motivation, and sleep under ``poor_sleep_hours``."""
    t, p = m.adapt.too_much, m.adapt.pain
    pains: dict[tuple[str, str | None], int] = {}
    for c in checkins:
        if c.day > today - timedelta(days=p.recent_days):
            for r in c.pain:
                pains[(r.area, r.side)] = r.level  # oldest first: the latest report wins
    flags = [
        f"pain: {(side + ' ') if side else ''}{area.replace('_', ' ')} {level}/10"
        for (area, side), level in sorted(pains.items(), key=lambda kv: (-kv[1], kv[0][0]))
        if level >= p.noticeable
    ]
    pain = bool(flags)
    recent = [c for c in checkins if today - timedelta(days=t.window_days) < c.day <= today]
    if recent:
        flags.extend(_latest_signs(recent[-1], m))
    return tuple(flags), pain


def _latest_signs(c: CheckIn, m: Methodology) -> list[str]:
    """The signs of one check-in (a value left out is no sign)."""
    t, p = m.adapt.too_much, m.adapt.pain
    signs = []
    if c.soreness is not None and c.soreness >= t.soreness_at_least:
        signs.append(f"soreness {c.soreness}/10")
    if c.fatigue is not None and c.fatigue >= t.fatigue_at_least:
        signs.append(f"fatigue {c.fatigue}/10")
    if c.ill:
        signs.append("ill")
    if low_mood(c, t.low_mood_at_most):
        signs.append("low mood or motivation")
    if c.sleep_hours is not None and c.sleep_hours < p.poor_sleep_hours:
        signs.append(f"slept {c.sleep_hours:g} h")
    return signs


def _next_race(doc: dict[str, Any], today: date) -> tuple[str, date] | None:
    """The stored plan's next race on or after today: its name and date."""
    found = []
    for r in doc.get("races") or []:
        try:
            day = date.fromisoformat(str(r.get("date")))
        except ValueError:
            continue
        if day >= today:
            found.append((day, str(r.get("name") or r.get("distance") or "race")))
    return (min(found)[1], min(found)[0]) if found else None


# Sorting ----------------------------------------------------------------------------

_LAST = math.inf


def _race_key(row: RosterRow) -> float:
    return _LAST if row.race_date is None else row.race_date.toordinal()


SORTS: dict[str, Callable[[RosterRow], Any]] = {
    "athlete": lambda r: r.athlete.casefold(),
    "compliance": lambda r: _LAST if r.share is None else r.share,
    "load": lambda r: _LAST if r.load_ratio is None else r.load_ratio,
    "flags": lambda r: (not r.attention, -len(r.flags)),
    "race": _race_key,
    "access": lambda r: r.access,
}
DEFAULT_SORT = "attention"


def sorted_roster(rows: Sequence[RosterRow], sort: str | None, descending: bool) -> list[RosterRow]:
    """The rows by column ``sort`` (``SORTS``), name breaking ties; by default pain and
    referrals first, then by name. Empty values (no plan, no race) stay last either way.

    Raises:
        UsageError: naming ``sort`` when it is no column.
    """
    by_name = sorted(rows, key=lambda r: r.athlete.casefold())
    if sort in (None, "", DEFAULT_SORT):
        return sorted(by_name, key=lambda r: not r.attention)
    key = SORTS.get(str(sort))
    if key is None:
        raise UsageError(f"sort: {sort!r} is not one of {', '.join([DEFAULT_SORT, *SORTS])}")
    known = [r for r in by_name if key(r) != _LAST]
    empty = [r for r in by_name if key(r) == _LAST]
    return sorted(known, key=key, reverse=descending) + empty
