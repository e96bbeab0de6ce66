"""Re-planning: the plan again from today with the athlete's history, what changed, busy weeks.

``replan`` reads the stored athlete and the recent history, asks ``domain.adapt`` what it
changes, plans, compares with the last stored plan (``domain.diff``) and stores the new
plan. Same profile, history, day and methodology: the same plan, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

from stridelift.domain.activity import Activity, LiftSession
from stridelift.domain.adapt import adjustments
from stridelift.domain.diff import Change, diff
from stridelift.domain.exercises import ExerciseLibrary
from stridelift.domain.history import Adjustments, LoggedSession, SessionMove, TrainingLog
from stridelift.domain.methodology import Methodology
from stridelift.domain.plan import plan
from stridelift.methodologies import load_library, load_methodology
from stridelift.services.athletes import StoredAthlete, resolve_athlete
from stridelift.services.logbook import History, history_in

if TYPE_CHECKING:  # annotations only: the CLI loads the store only in commands that open it
    from stridelift.adapters.store.engine import Store
    from stridelift.adapters.store.repository import PlanSnapshot, Repository

# How far back the history is read. domain.adapt looks back six weeks at most (loads: 42
# days; the 28-day chronic load; easy runs: 10 days against the 28 before them; cycle
# notes: 35 days); 120 days covers them with room to spare, and years of logs stay fast.
HISTORY_DAYS = 120
# A lift logged without its length counts this long per set (work plus rest) for the
# session-RPE load (RUN-6); the planned sessions rest 60-150 s between sets.
MINUTES_PER_SET = 2.5
STRENGTH_SPORT = "strength_training"


def monday(day: date) -> date:
    """The Monday of the week holding ``day``."""
    return day - timedelta(days=day.weekday())


# History -> TrainingLog -----------------------------------------------------------


def _activity_session(a: Activity, tz: tzinfo) -> LoggedSession:
    seconds = a.moving_s if a.moving_s else a.duration_s
    kind = "run" if a.is_run else ("strength" if a.sport == STRENGTH_SPORT else "cross")
    return LoggedSession(
        day=a.start_utc.astimezone(tz).date(),
        kind=kind,
        minutes=round(seconds / 60.0, 1),
        rpe=a.rpe,
        run_type=a.run_type if kind == "run" else None,
        distance_km=None if a.distance_m is None else round(a.distance_m / 1000.0, 3),
        sets=a.sets if kind == "strength" else (),
    )


def _lift_session(lift: LiftSession, watch: LoggedSession | None = None) -> LoggedSession:
    """A logged lift; its length and effort from the watch's copy when the log has none."""
    if lift.minutes:
        minutes = float(lift.minutes)
    elif watch is not None:
        minutes = watch.minutes
    else:
        minutes = round(len(lift.sets) * MINUTES_PER_SET, 1)
    rpe = lift.rpe if lift.rpe is not None or watch is None else watch.rpe
    return LoggedSession(
        day=lift.day,
        kind="strength",
        minutes=minutes,
        rpe=rpe,
        sets=lift.sets,
        template=lift.template,
    )


def same_strength_session(lift: LiftSession, watch: LoggedSession) -> bool:
    """True only when a logged lift and a watch's strength activity are clearly one session.

    Same local day, the same number of sets, and wherever both name the exercise of a set
    the names agree (at least one set named on both sides). A watch activity without sets,
    or with a different count, stays a session of its own.
    """
    if watch.kind != "strength" or watch.day != lift.day or not lift.sets:
        return False
    if len(watch.sets) != len(lift.sets):
        return False
    named = [
        (a.exercise_id, b.exercise_id)
        for a, b in zip(lift.sets, watch.sets, strict=True)
        if a.exercise_id is not None and b.exercise_id is not None
    ]
    return bool(named) and all(a == b for a, b in named)


def training_log(
    history: History,
    tz: tzinfo,
    busy_weeks: Iterable[date] = (),
    moves: Iterable[SessionMove] = (),
) -> TrainingLog:
    """The history as the domain reads it: sessions on local dates, check-ins, busy weeks,
    the sessions the athlete moved.

    Runs and cross-training come from activities (their UTC start on the athlete's local
    date); strength sessions from logged lifts and from strength activities, a watch's
    copy of a logged lift counted once (``same_strength_session``).
    """
    from_activities = [_activity_session(a, tz) for a in history.activities]
    watch_lifts: dict[date, list[int]] = {}
    for i, s in enumerate(from_activities):
        if s.kind == "strength":
            watch_lifts.setdefault(s.day, []).append(i)
    keyed: list[tuple[date, int, int, LoggedSession]] = []
    used: set[int] = set()
    for j, lift in enumerate(history.lift_sessions):
        same = (
            i
            for i in watch_lifts.get(lift.day, [])
            if i not in used and same_strength_session(lift, from_activities[i])
        )
        watch_index = next(same, None)
        watch = None
        if watch_index is not None:
            used.add(watch_index)
            watch = from_activities[watch_index]
        keyed.append((lift.day, 1, j, _lift_session(lift, watch)))
    for i, s in enumerate(from_activities):
        if i not in used:
            keyed.append((s.day, 0, i, s))
    keyed.sort(key=lambda t: (t[0], t[1], t[2]))
    return TrainingLog(
        sessions=tuple(s for *_, s in keyed),
        checkins=tuple(sorted(history.checkins, key=lambda c: c.day)),
        busy_weeks=frozenset(busy_weeks),
        moves=tuple(moves),
    )


# Plan text ----------------------------------------------------------------------------


def _encode(value: object, indent: str) -> str:
    """``json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False)``, about twice as fast:
    the standard library falls back to its pure-Python encoder whenever it indents."""
    if isinstance(value, str):
        return encode_basestring(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = indent + "  "
        body = (",\n" + inner).join(
            [encode_basestring(k) + ": " + _encode(v, inner) for k, v in sorted(value.items())]
        )
        return "{\n" + inner + body + "\n" + indent + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = indent + "  "
        body = (",\n" + inner).join([_encode(v, inner) for v in value])
        return "[\n" + inner + body + "\n" + indent + "]"
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if value != value:
            return "NaN"
        if value in (math.inf, -math.inf):
            return "Infinity" if value > 0 else "-Infinity"
        return float.__repr__(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def plan_text(doc: dict[str, Any]) -> str:
    """The plan's canonical text, byte for byte ``services.planning.plan_json(doc)``."""
    return _encode(doc, "") + "\n"


# Replan ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReplanResult:
    """A new plan with what it changed against the last stored one."""

    athlete: StoredAthlete
    today: date
    doc: dict[str, Any]
    plan_json: str
    inputs_sha256: str
    adjustments: Adjustments
    changes: tuple[Change, ...]
    previous: PlanSnapshot | None  # the stored plan compared against, if any
    snapshot: PlanSnapshot | None  # the new plan as stored (None when not saved)
    stored: bool  # False when not saved, or when the last stored plan is this very plan


def inputs_sha256(profile_text: str, log: TrainingLog, today: date, m: Methodology) -> str:
    """The hash of everything a plan is made from: profile text, log, today, methodology.

    The log and methodology enter as their ``repr`` (frozen dataclasses of tuples, dates and
    numbers, stable from run to run); busy weeks sorted, as a set has no stable order.
    """
    digest = hashlib.sha256()
    for part in (
        profile_text,
        today.isoformat(),
        repr(m),
        repr(log.sessions),
        repr(log.checkins),
        repr(sorted(log.busy_weeks)),
        repr(log.moves),
    ):
        digest.update(part.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


_Loaded = tuple[StoredAthlete, History, list[date], list[SessionMove], "PlanSnapshot | None"]


def gather(repo: Repository, athlete_name: str | None, today: date, tz: tzinfo) -> _Loaded:
    start = today - timedelta(days=HISTORY_DAYS)
    who = resolve_athlete(repo, athlete_name)
    history = history_in(repo, who, start, today, tz)
    busy = repo.busy_weeks(who.id, since=monday(start))
    moves = repo.session_moves(who.id, since=monday(start))
    return who, history, busy, moves, repo.latest_plan_snapshot(who.id)


def _load(store: Store, athlete_name: str | None, today: date, tz: tzinfo) -> _Loaded:
    with store.reading() as repo:
        return gather(repo, athlete_name, today, tz)


def replan(
    store: Store,
    athlete_name: str | None,
    today: date,
    *,
    tz: tzinfo = UTC,
    methodology: Methodology | None = None,
    library: ExerciseLibrary | None = None,
    save: bool = True,
    now: datetime | None = None,
) -> ReplanResult:
    """Plan again from ``today`` with the stored history; store the plan unless ``save`` is off.

    A plan identical to the last stored one (same day, same inputs, same text) is not
    stored twice.

    Raises:
        UsageError: the athlete is unknown or ambiguous, or the stored profile is invalid.
    """
    result = replanned(_load(store, athlete_name, today, tz), today, tz, methodology, library)
    if not save:
        return replace(result, snapshot=None, stored=False)
    if not result.stored:
        return result
    with store.transaction() as repo:
        return saved(repo, result, now)


def replanned(
    loaded: _Loaded,
    today: date,
    tz: tzinfo,
    methodology: Methodology | None = None,
    library: ExerciseLibrary | None = None,
) -> ReplanResult:
    """The new plan, not yet stored; ``stored`` says whether it differs from the last one."""
    who, history, busy, moves, previous = loaded
    lib = library or load_library()
    m = methodology or load_methodology(
        None, who.athlete.methodology, f"the stored profile of {who.name}", who.coach_copy
    )
    log = training_log(history, tz, busy, moves)
    adjust = adjustments(who.athlete, log, today, m, lib)
    doc = plan(who.athlete, today, m, lib, adjust=adjust, origin=season_origin(previous, today))
    text = plan_text(doc)
    changes: tuple[Change, ...] = ()
    if previous is not None:
        changes = tuple(diff(stored_doc(previous), doc, today))
    sha = inputs_sha256(who.profile_text, log, today, m)
    if _same_plan(previous, today, sha, text):  # the same inputs made the same plan: one copy
        return ReplanResult(who, today, doc, text, sha, adjust, changes, previous, previous, False)
    return ReplanResult(who, today, doc, text, sha, adjust, changes, previous, None, True)


def saved(repo: Repository, result: ReplanResult, now: datetime | None) -> ReplanResult:
    """``result`` with its plan added to the snapshots in ``repo``'s transaction."""
    snapshot = repo.add_plan_snapshot(
        result.athlete.id,
        result.today,
        result.inputs_sha256,
        result.plan_json,
        now or datetime.now(UTC),
    )
    return replace(result, snapshot=snapshot, stored=True)


@dataclass(frozen=True, slots=True)
class Accepted:
    """What accepting a previewed replan did."""

    result: ReplanResult  # the plan as of now; its ``stored`` says whether this call stored it
    stale: bool  # the inputs changed since the preview: nothing was stored


def accept_replan(
    store: Store,
    athlete_name: str | None,
    today: date,
    expected_sha: str,
    *,
    tz: tzinfo = UTC,
    now: datetime | None = None,
) -> Accepted:
    """Store the plan a preview (``replan(..., save=False)``) showed, in one transaction,
    but only while its inputs are still the previewed ones (``expected_sha``): a plan made
    from the same inputs is the same plan, byte for byte. When anything was logged, marked
    or changed since, nothing is stored and the plan as of now comes back, ``stale``.

    Raises:
        UsageError: the athlete is unknown, or the stored profile is invalid.
    """
    with store.transaction() as repo:
        result = replanned(gather(repo, athlete_name, today, tz), today, tz)
        if result.inputs_sha256 != expected_sha:
            return Accepted(replace(result, snapshot=None, stored=False), stale=True)
        if result.stored:
            result = saved(repo, result, now)
    return Accepted(result, stale=False)


def season_origin(previous: PlanSnapshot | None, today: date) -> date | None:
    """The day the athlete's current season began: the stored plan's own origin, while
    that plan still reaches ``today``'s week (a replan continues its season); else None,
    and the new plan starts a season of its own."""
    if previous is None:
        return None
    doc = stored_doc(previous)
    weeks = doc.get("weeks")
    if not isinstance(weeks, list) or not weeks or not isinstance(weeks[-1], dict):
        return None
    try:
        last = date.fromisoformat(str(weeks[-1].get("start")))
        origin = date.fromisoformat(str(doc.get("season_start", weeks[0].get("start"))))
    except (ValueError, AttributeError):
        return None  # a damaged stored plan: start afresh
    return origin if origin <= today and monday(today) <= last else None


def _same_plan(previous: PlanSnapshot | None, today: date, sha: str, text: str) -> bool:
    return (
        previous is not None
        and previous.today == today
        and previous.inputs_sha256 == sha
        and previous.plan_json == text
    )


def stored_doc(snapshot: PlanSnapshot) -> dict[str, Any]:
    """A stored plan's document; {} for a damaged one (nothing to compare with or show)."""
    try:
        doc = json.loads(snapshot.plan_json)
    except json.JSONDecodeError:
        return {}  # a damaged stored plan: nothing to compare with
    return doc if isinstance(doc, dict) else {}


def current_plan(
    store: Store,
    athlete_name: str | None,
    today: date,
    *,
    tz: tzinfo = UTC,
) -> tuple[StoredAthlete, dict[str, Any], PlanSnapshot | None]:
    """The plan for today's week: the last stored one if it was made this week (on or before
    ``today``) and nothing was logged, marked or changed in the profile since; else a fresh
    plan from the history (not stored).

    Returns:
        The athlete, the plan document, and the snapshot it came from (None when fresh).
    """
    with store.reading() as repo:
        who = resolve_athlete(repo, athlete_name)
        latest = repo.latest_plan_snapshot(who.id)
        changed_at = repo.last_logged_at(who.id)
        busy = set(repo.busy_weeks(who.id, since=monday(today)))
    if (
        latest is not None
        and monday(latest.today) == monday(today)
        and latest.today <= today
        and (changed_at is None or changed_at <= latest.created_at)
    ):
        doc = stored_doc(latest)
        if doc.get("weeks") and _busy_in(doc, monday(today)) == {
            w for w in busy if w.isoformat() in _week_starts(doc)
        }:
            return who, doc, latest
    fresh = replan(store, who.name, today, tz=tz, save=False)
    return who, fresh.doc, None


def _week_starts(doc: dict[str, Any]) -> set[str]:
    return {str(w.get("start")) for w in doc.get("weeks", [])}


def _busy_in(doc: dict[str, Any], since: date) -> set[date]:
    """The busy weeks a plan document holds, from ``since`` on."""
    found = {date.fromisoformat(str(w["start"])) for w in doc["weeks"] if w.get("busy")}
    return {w for w in found if w >= since}
