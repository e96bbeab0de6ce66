"""Logging runs, lifts and check-ins, and reading the history back; every write is one transaction.

Values arrive already typed (the CLI or the web parse text); this module checks
their ranges and names the flag of any bad one in a ``UsageError`` (exit 2).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from stridelift.domain import plausible as bounds
from stridelift.domain.activity import (
    PAIN_SIDES,
    RUN_TYPES,
    Activity,
    CheckIn,
    LiftSession,
    PainReport,
    StrengthSet,
)
from stridelift.domain.units import km_to_miles
from stridelift.errors import UsageError
from stridelift.services.athletes import StoredAthlete, resolve_athlete
from stridelift.services.set_syntax import (
    NAME_RE,
    PAIN_MAX,
    PAIN_MIN,
    SET_SYNTAX,
    ExerciseCatalog,
    parse_set,
)

if TYPE_CHECKING:  # annotations only: importing the store costs the plan command ~0.3 s
    from stridelift.adapters.store.engine import Store
    from stridelift.adapters.store.repository import PlanSnapshot, Repository

# A manual log without a clock time starts at noon local time, so that its UTC
# timestamp falls on the same calendar day in every time zone near the athlete's.
DEFAULT_START = time(12, 0)
SCALE_MIN, SCALE_MAX = 1, 10
_TEMPLATE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,29}$")


def _range(flag: str, value: float | None, lo: float, hi: float, what: str = "") -> None:
    if value is None:
        return
    if not lo <= value <= hi:
        shown = f"{value:g}"
        raise UsageError(f"{flag}: {shown} is out of range (expected {what}{lo:g}-{hi:g})")


def _not_future(day: date, today: date) -> None:
    if day > today:
        raise UsageError(
            f"--date: {day.isoformat()} is in the future (today is {today.isoformat()})"
        )


def _clean_text(flag: str, text: str | None, limit: int = 2000) -> str | None:
    if text is None:
        return None
    stripped = text.strip()
    if "\x00" in stripped:
        raise UsageError(f"{flag}: the text holds a NUL character (expected plain text)")
    if len(stripped) > limit:
        raise UsageError(f"{flag}: text is longer than {limit} characters")
    return stripped or None


def local_start_utc(day: date, start: time | None, tz: tzinfo) -> datetime:
    """The UTC start of a session logged for a local day and (optional) clock time."""
    return datetime.combine(day, start or DEFAULT_START, tzinfo=tz).astimezone(UTC)


# Runs -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RunEntry:
    """A run as a user logs it by hand; distances in km, whatever the display units."""

    day: date
    run_type: str
    minutes: float
    distance_km: float | None = None
    rpe: float | None = None
    avg_hr: float | None = None
    notes: str | None = None
    start: time | None = None
    distance_flag: str = "--km"  # the flag the distance came from, for error messages


def run_activity(entry: RunEntry, today: date, tz: tzinfo) -> Activity:
    """Check a hand-logged run and turn it into an Activity (stored metric, start in UTC).

    Raises:
        UsageError: naming the flag of the first bad value.
    """
    _not_future(entry.day, today)
    if entry.run_type not in RUN_TYPES:
        raise UsageError(f"--type: {entry.run_type!r} is not a run type (expected one of "
                         f"{', '.join(RUN_TYPES)})")  # fmt: skip
    if not 0 < entry.minutes <= bounds.DURATION_MIN_MAX:
        raise UsageError(
            f"--minutes: {entry.minutes:g} is out of range (expected 1-{bounds.DURATION_MIN_MAX})"
        )
    if entry.distance_km is not None and not 0 < entry.distance_km <= bounds.DISTANCE_KM_MAX:
        raise UsageError(
            f"{entry.distance_flag}: the distance is out of range (expected more than 0, "
            f"up to {bounds.DISTANCE_KM_MAX:g} km / {km_to_miles(bounds.DISTANCE_KM_MAX):.0f} mi)"
        )
    _range("--rpe", entry.rpe, *bounds.RPE)
    _range("--avg-hr", entry.avg_hr, *bounds.HEART_RATE_BPM, "beats per minute ")
    return Activity(
        start_utc=local_start_utc(entry.day, entry.start, tz),
        sport="running",
        duration_s=entry.minutes * 60,
        moving_s=None,
        distance_m=None if entry.distance_km is None else entry.distance_km * 1000,
        avg_hr=entry.avg_hr,
        run_type=entry.run_type,
        rpe=entry.rpe,
        notes=_clean_text("--notes", entry.notes),
        source="manual",
    )


def log_run(
    store: Store,
    athlete: str | None,
    entry: RunEntry,
    *,
    today: date,
    tz: tzinfo = UTC,
    now: datetime | None = None,
) -> Activity:
    """Store a hand-logged run for an athlete, in one transaction; returns what was stored."""
    activity = run_activity(entry, today, tz)
    with store.transaction() as repo:
        who = resolve_athlete(repo, athlete)
        repo.add_activity(who.id, activity, now or datetime.now(UTC))
    return activity


# Lifts ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LiftEntry:
    """A strength session as a user logs it by hand."""

    day: date
    sets: tuple[str, ...]
    template: str | None = None
    minutes: int | None = None
    rpe: float | None = None
    notes: str | None = None


def lift_session(entry: LiftEntry, exercises: ExerciseCatalog, today: date) -> LiftSession:
    """Check a hand-logged lift and turn it into a LiftSession.

    Raises:
        UsageError: naming the flag (or the SET) of the first bad value.
    """
    _not_future(entry.day, today)
    if not entry.sets:
        raise UsageError(f"SET: give at least one set, as {SET_SYNTAX}")
    if entry.template is not None and not _TEMPLATE_RE.match(entry.template):
        raise UsageError(
            f"--session: {entry.template!r} is not a session name (expected e.g. A, B, short)"
        )
    if entry.minutes is not None and not 1 <= entry.minutes <= bounds.LIFT_MINUTES_MAX:
        raise UsageError(
            f"--minutes: {entry.minutes} is out of range (expected 1-{bounds.LIFT_MINUTES_MAX})"
        )
    _range("--rpe", entry.rpe, *bounds.RPE)
    sets = [s for text in entry.sets for s in parse_set(text, exercises)]
    return LiftSession(
        day=entry.day,
        sets=tuple(sets),
        template=entry.template,
        minutes=entry.minutes,
        rpe=entry.rpe,
        notes=_clean_text("--notes", entry.notes),
        source="manual",
    )


def log_lift(
    store: Store,
    athlete: str | None,
    entry: LiftEntry,
    exercises: ExerciseCatalog,
    *,
    today: date,
    now: datetime | None = None,
) -> LiftSession:
    """Store a hand-logged strength session, sets included, in one transaction."""
    lift = lift_session(entry, exercises, today)
    with store.transaction() as repo:
        who = resolve_athlete(repo, athlete)
        repo.add_lift_session(who.id, lift, now or datetime.now(UTC))
    return lift


# Check-ins --------------------------------------------------------------------


def parse_pain(text: str) -> PainReport:
    """Parse a ``--pain AREA:LEVEL[:SIDE]`` value, e.g. ``knee:3:left`` or ``achilles:2``.

    Raises:
        UsageError: naming --pain and the expected form.
    """
    parts = text.strip().split(":")
    expected = "expected AREA:LEVEL[:SIDE], e.g. knee:3:left"
    if len(parts) not in (2, 3) or not NAME_RE.match(parts[0]):
        raise UsageError(f"--pain: {text!r} is not a pain report ({expected})")
    if not parts[1].isdigit() or not PAIN_MIN <= int(parts[1]) <= PAIN_MAX:
        raise UsageError(f"--pain: {text!r}: level {parts[1]!r} is not 0-10 ({expected})")
    side = parts[2] if len(parts) == 3 else None
    if side is not None and side not in PAIN_SIDES:
        raise UsageError(f"--pain: {text!r}: side {side!r} is not one of {', '.join(PAIN_SIDES)}")
    return PainReport(area=parts[0], level=int(parts[1]), side=side)


def check_checkin(checkin: CheckIn, today: date) -> CheckIn:
    """Check a check-in's scales (1-10, sleep 0-24 h) and return it with its notes trimmed.

    Raises:
        UsageError: naming the flag of the first bad value.
    """
    _not_future(checkin.day, today)
    _range("--sleep-hours", checkin.sleep_hours, 0, 24, "hours ")
    for flag, value in (
        ("--sleep-quality", checkin.sleep_quality),
        ("--soreness", checkin.soreness),
        ("--fatigue", checkin.fatigue),
        ("--stress", checkin.stress),
        ("--mood", checkin.mood),
        ("--motivation", checkin.motivation),
    ):
        _range(flag, value, SCALE_MIN, SCALE_MAX)
    areas = [(p.area, p.side) for p in checkin.pain]
    if len(set(areas)) != len(areas):
        raise UsageError("--pain: the same area and side is given twice")
    values = (
        checkin.sleep_hours, checkin.sleep_quality, checkin.soreness, checkin.fatigue,
        checkin.stress, checkin.mood, checkin.motivation, checkin.cycle_note,
    )  # fmt: skip
    if all(v is None for v in values) and not checkin.pain and not checkin.ill:
        raise UsageError("checkin: give at least one value (e.g. --sleep-hours 7.5 --fatigue 4)")
    return CheckIn(
        day=checkin.day,
        sleep_hours=checkin.sleep_hours,
        sleep_quality=checkin.sleep_quality,
        soreness=checkin.soreness,
        fatigue=checkin.fatigue,
        stress=checkin.stress,
        mood=checkin.mood,
        motivation=checkin.motivation,
        pain=checkin.pain,
        ill=checkin.ill,
        cycle_note=_clean_text("--cycle-note", checkin.cycle_note, 500),
    )


def log_checkin(
    store: Store,
    athlete: str | None,
    checkin: CheckIn,
    *,
    today: date,
    replace: bool = False,
    now: datetime | None = None,
) -> CheckIn:
    """Store a day's check-in; one per day, replaced only when asked.

    Raises:
        UsageError: a bad value, or a check-in exists for that day and ``replace`` is False.
    """
    checked = check_checkin(checkin, today)
    with store.transaction() as repo:
        who = resolve_athlete(repo, athlete)
        # Two check-ins of one day at once on PostgreSQL: the second waits for the first
        # and then finds its row, instead of failing on the unique index.
        repo.lock_athlete(who.id)
        if repo.checkin_on(who.id, checked.day) is not None:
            if not replace:
                raise UsageError(
                    f"--date: {who.name} checked in on {checked.day.isoformat()} already "
                    "(add --replace to overwrite it)"
                )
            repo.delete_checkin(who.id, checked.day)
        repo.add_checkin(who.id, checked, now or datetime.now(UTC))
    return checked


# Reading history --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class History:
    """What an athlete did between two local dates (inclusive), oldest first."""

    athlete: StoredAthlete
    start: date
    end: date
    activities: tuple[Activity, ...]
    lift_sessions: tuple[LiftSession, ...]
    checkins: tuple[CheckIn, ...]


def history_in(
    repo: Repository,
    athlete: StoredAthlete,
    start: date,
    end: date,
    tz: tzinfo = UTC,
    *,
    checkins: bool = True,
) -> History:
    """The history of ``athlete`` between local dates ``start`` and ``end`` (inclusive).

    Activities are selected by their start converted to local time in ``tz``. With
    ``checkins`` false the check-ins are not read (the statistics never use them).
    """
    start_utc = datetime.combine(start, time(0), tzinfo=tz).astimezone(UTC)
    end_utc = datetime.combine(end + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)
    return History(
        athlete=athlete,
        start=start,
        end=end,
        activities=tuple(repo.activities_between(athlete.id, start_utc, end_utc)),
        lift_sessions=tuple(repo.lift_sessions_between(athlete.id, start, end)),
        checkins=tuple(repo.checkins_between(athlete.id, start, end)) if checkins else (),
    )


def load_history(
    store: Store, athlete: str | None, start: date, end: date, tz: tzinfo = UTC
) -> History:
    """Everything an athlete logged or imported between two local dates (inclusive)."""
    if end < start:
        raise UsageError(f"--since: {start.isoformat()} is after {end.isoformat()}")
    with store.reading() as repo:
        who = resolve_athlete(repo, athlete)
        return history_in(repo, who, start, end, tz)


def save_plan_snapshot(
    store: Store,
    athlete_id: int,
    today: date,
    inputs_sha256: str,
    plan_json: str,
    *,
    now: datetime | None = None,
) -> PlanSnapshot:
    """Store a plan as made for ``today`` (its JSON text and the hash of its inputs)."""
    with store.transaction() as repo:
        return repo.add_plan_snapshot(
            athlete_id, today, inputs_sha256, plan_json, now or datetime.now(UTC)
        )


def latest_plan_snapshot(store: Store, athlete_id: int) -> PlanSnapshot | None:
    """The most recently stored plan of an athlete, if any."""
    with store.reading() as repo:
        return repo.latest_plan_snapshot(athlete_id)


def history_entries(history: History, tz: tzinfo = UTC) -> list[dict[str, object]]:
    """The history as JSON-ready entries, sorted by date, kind and content (stable output)."""
    entries: list[dict[str, object]] = []
    for a in history.activities:
        entries.append({
            "date": a.start_utc.astimezone(tz).date().isoformat(),
            "kind": "run" if a.is_run else "cross_training",
            "start_utc": a.start_utc.isoformat().replace("+00:00", "Z"),
            "sport": a.sport, "sub_sport": a.sub_sport, "run_type": a.run_type,
            "duration_s": a.duration_s, "moving_s": a.moving_s, "distance_m": a.distance_m,
            "avg_hr": a.avg_hr, "max_hr": a.max_hr, "elevation_gain_m": a.elevation_gain_m,
            "name": a.name, "rpe": a.rpe, "notes": a.notes, "source": a.source,
            "source_file": a.source_file, "sets": [_set_json(s) for s in a.sets],
        })  # fmt: skip
    for lift in history.lift_sessions:
        entries.append({
            "date": lift.day.isoformat(), "kind": "lift", "template": lift.template,
            "minutes": lift.minutes, "rpe": lift.rpe, "notes": lift.notes,
            "source": lift.source, "sets": [_set_json(s) for s in lift.sets],
        })  # fmt: skip
    for c in history.checkins:
        entries.append({
            "date": c.day.isoformat(), "kind": "checkin", "sleep_hours": c.sleep_hours,
            "sleep_quality": c.sleep_quality, "soreness": c.soreness, "fatigue": c.fatigue,
            "stress": c.stress, "mood": c.mood, "motivation": c.motivation, "ill": c.ill,
            "cycle_note": c.cycle_note,
            "pain": [{"area": p.area, "level": p.level, "side": p.side} for p in c.pain],
        })  # fmt: skip
    kind_order = {"checkin": 0, "run": 1, "cross_training": 2, "lift": 3}
    entries.sort(key=lambda e: (e["date"], kind_order[str(e["kind"])], repr(sorted(e.items()))))
    return entries


def _set_json(s: StrengthSet) -> dict[str, object]:
    return {
        "exercise_id": s.exercise_id, "source_name": s.source_name, "reps": s.reps,
        "load_kg": s.load_kg, "rir": s.rir, "technique_breakdown": s.technique_breakdown,
        "pain": s.pain, "pain_side": s.pain_side, "pain_area": s.pain_area,
        "duration_s": s.duration_s, "distance_m": s.distance_m,
    }  # fmt: skip


# Backup and restore -------------------------------------------------------------


def write_backup(store: Store, path: Path, *, now: datetime | None = None) -> dict[str, int]:
    """Write the whole database to one JSON document at ``path``; returns rows per table.

    The rows are read in one transaction (a consistent snapshot); the file is written
    beside its target and renamed into place, so a crash never leaves half a backup.
    """
    from stridelift.adapters.store.backup import backup_document
    from stridelift.adapters.store.backup_file import check_target, write_backup_file

    check_target(path)  # before the database is read: a wrong target costs nothing
    with store.reading() as repo:
        document = backup_document(repo.session, store.current_revision(), now or datetime.now(UTC))
    text = json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    write_backup_file(path, text)
    tables = document["tables"]
    return {name: len(rows) for name, rows in tables.items()}


def restore_backup(store: Store, path: Path) -> dict[str, int]:
    """Load a backup document into an EMPTY database, in one transaction.

    Raises:
        UsageError: the file cannot be read or is not JSON, or the database holds data.
        BackupError: the document is not a backup this version can read.
    """
    from stridelift.adapters.store.backup import restore_document

    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UsageError(f"FILE: {path} not found") from exc
    except OSError as exc:
        raise UsageError(f"FILE: cannot read {path} ({exc.strerror})") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"FILE: {path} is not a JSON backup ({exc})") from exc
    except RecursionError:
        raise UsageError(f"FILE: {path} is not a backup (JSON nested too deeply)") from None
    except ValueError as exc:  # e.g. an integer of more digits than Python converts
        raise UsageError(f"FILE: {path} is not a backup ({exc})") from None
    with store.transaction() as repo:
        counts = {k: v for k, v in repo.row_counts().items() if v}
        if counts:
            held = ", ".join(f"{n} {t}" for t, n in sorted(counts.items()))
            raise UsageError(
                f"restore: the database {store.url} is not empty ({held}); "
                "restore only into an empty database"
            )
        return restore_document(repo.session, document)
