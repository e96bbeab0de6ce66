"""Read a plan document (schema stridelift.plan/1) into typed values, checking what exporters use.

Only the fields PLAN_SCHEMA.md requires are relied on; extra fields (``athlete.units``,
``athlete.slot_times``, run ``pace_s_per_km``, ``description`` and ``steps``, week
``focus``) are read when present. Every problem raises ExportError naming the field by its
path in the document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from stridelift.adapters.exporters import _fields as read
from stridelift.adapters.exporters._base import UNITS, ExportError, ExportOptions
from stridelift.adapters.exporters.workout import WorkoutStep, read_steps

SCHEMA = "stridelift.plan/1"
KINDS = ("run", "strength", "cross", "core")
RUN_TYPES = (
    "easy",
    "recovery",
    "long",
    "quality",
    "intervals",
    "tempo",
    "race_pace",
    "race",
    "shakeout",
)
SLOTS = ("am", "pm", "any")
MEASURES = ("reps", "seconds", "metres")  # what reps_min/reps_max count
DEFAULT_AM = dt.time(7, 0)
DEFAULT_PM = dt.time(18, 0)


@dataclass(frozen=True, slots=True)
class WarmupItem:
    """One warm-up line: a name and, when given, its minutes."""

    name: str
    minutes: float | None


@dataclass(frozen=True, slots=True)
class Exercise:
    """One prescribed exercise of a strength or core session."""

    id: str
    name: str
    sets: int
    reps_min: int
    reps_max: int
    measure: str  # "reps", "seconds" (a hold) or "metres" (a carry, bounds)
    rpe: float | None
    rir: float | None
    rest_s: float | None
    load_kg: float | None
    load_note: str | None
    pattern: str | None
    region: str | None
    plyometric: bool
    unilateral: bool = False  # one side at a time: the dose is per side (CONTENT-9)


@dataclass(frozen=True, slots=True)
class Session:
    """One planned session with its place in the day.

    ``kind_index`` is its 1-based rank among sessions of the same kind that day (in
    ``order``); with the athlete's name, the date and the kind it makes the session's
    stable identity in calendars and file names.
    """

    kind: str
    minutes: float
    slot: str
    order: int
    kind_index: int
    reasons: tuple[str, ...]
    title: str | None = None
    run_type: str | None = None
    key: bool | None = None
    distance_km: float | None = None
    pace_s_per_km: float | None = None
    description: str | None = None
    race_name: str | None = None
    steps: tuple[WorkoutStep, ...] = ()  # RUN-11: the structured workout, when planned
    template: str | None = None
    heavy_lower: bool | None = None
    activity: str | None = None
    warmup: tuple[WarmupItem, ...] = ()
    exercises: tuple[Exercise, ...] = ()


@dataclass(frozen=True, slots=True)
class Day:
    """One calendar day and its sessions, in order (empty: a rest day)."""

    date: dt.date
    sessions: tuple[Session, ...]


@dataclass(frozen=True, slots=True)
class Week:
    """One Monday-to-Sunday week of the plan."""

    index: int
    start: dt.date
    phase: str
    cycle_week: int
    deload: bool
    focus: str | None
    days: tuple[Day, ...]
    position: int  # where the week sits in the document's ``weeks`` list

    @property
    def sessions(self) -> tuple[Session, ...]:
        """Every session of the week, day by day."""
        return tuple(s for d in self.days for s in d.sessions)


@dataclass(frozen=True, slots=True)
class Race:
    """A race on the athlete's calendar."""

    name: str
    date: dt.date
    distance_km: float | None
    priority: str


@dataclass(frozen=True, slots=True)
class Plan:
    """A checked plan document, limited to the weeks selected by the export options."""

    doc: Mapping[str, Any]
    today: dt.date
    athlete_name: str
    athlete_level: str
    units: str
    am_time: dt.time
    pm_time: dt.time
    races: tuple[Race, ...]
    warnings: tuple[str, ...]
    weeks: tuple[Week, ...]

    @property
    def sessions(self) -> tuple[Session, ...]:
        """Every selected session, in date order."""
        return tuple(s for w in self.weeks for s in w.sessions)

    @property
    def first_day(self) -> dt.date | None:
        """Monday of the first selected week."""
        return self.weeks[0].start if self.weeks else None

    @property
    def last_day(self) -> dt.date | None:
        """Sunday of the last selected week."""
        return self.weeks[-1].start + dt.timedelta(days=6) if self.weeks else None


def load_plan(doc: Mapping[str, Any], options: ExportOptions) -> Plan:
    """Check a plan document and select the weeks the options ask for."""
    if not isinstance(doc, Mapping):
        raise ExportError("plan document: expected a JSON object at the top level")
    schema = doc.get("schema")
    if schema != SCHEMA:
        raise ExportError(f"plan document: schema: {schema!r} is not {SCHEMA!r}")
    today = read.date(doc, "today", "today")
    athlete = read.mapping(doc, "athlete", "athlete")
    name = read.text(athlete, "name", "athlete.name")
    level = read.text(athlete, "level", "athlete.level")
    units = _units(athlete, options)
    am_time, pm_time = _slot_times(athlete, options)
    races = tuple(_race(r, f"races[{i}]") for i, r in enumerate(read.items(doc, "races", "races")))
    notes = read.items(doc, "warnings", "warnings")
    warnings = tuple(read.as_text(w, f"warnings[{i}]") for i, w in enumerate(notes))
    weeks = read.items(doc, "weeks", "weeks")
    all_weeks = [_week(w, f"weeks[{i}]", i) for i, w in enumerate(weeks)]
    all_weeks.sort(key=lambda w: w.start)
    return Plan(
        doc=doc,
        today=today,
        athlete_name=name,
        athlete_level=level,
        units=units,
        am_time=am_time,
        pm_time=pm_time,
        races=races,
        warnings=warnings,
        weeks=_select(all_weeks, options),
    )


def session_times(day: Day, plan: Plan) -> list[tuple[Session, dt.datetime, dt.datetime]]:
    """Start and end of each session of a day as local (floating) date-times.

    AM sessions start at the AM time and PM ones at the PM time; "any" means PM for strength
    and AM for the rest (runs, cross-training, core after a run). Sessions sharing a slot
    are laid end to end in ``order``.
    """
    next_free: dict[str, dt.datetime] = {}
    timed = []
    for session in day.sessions:
        slot = session.slot
        if slot == "any":
            slot = "pm" if session.kind == "strength" else "am"
        clock = plan.am_time if slot == "am" else plan.pm_time
        start = next_free.get(slot, dt.datetime.combine(day.date, clock))
        end = start + dt.timedelta(minutes=session.minutes)
        next_free[slot] = end
        timed.append((session, start, end))
    return timed


def _select(weeks: list[Week], options: ExportOptions) -> tuple[Week, ...]:
    """The weeks from the one containing ``options.start``, at most ``options.weeks`` of them."""
    if options.weeks is not None and (isinstance(options.weeks, bool) or options.weeks < 1):
        raise ExportError(f"export option weeks: {options.weeks!r} is not a positive whole number")
    chosen = weeks
    if options.start is not None and weeks:
        monday = options.start - dt.timedelta(days=options.start.weekday())
        chosen = [w for w in weeks if w.start >= monday]
        if not chosen:
            last = weeks[-1].start + dt.timedelta(days=6)
            raise ExportError(
                f"export option start: {options.start.isoformat()} is after the plan's last day "
                f"({last.isoformat()})"
            )
    if options.weeks is not None:
        chosen = chosen[: options.weeks]
    return tuple(chosen)


def _units(athlete: Mapping[str, Any], options: ExportOptions) -> str:
    if options.units is not None:
        if options.units not in UNITS:
            raise ExportError(f"export option units: {options.units!r} is not metric or imperial")
        return options.units
    units = athlete.get("units")
    if units is None:
        return "metric"
    if units not in UNITS:
        raise ExportError(f"plan document: athlete.units: {units!r} is not metric or imperial")
    return str(units)


def _slot_times(athlete: Mapping[str, Any], options: ExportOptions) -> tuple[dt.time, dt.time]:
    given = athlete.get("slot_times")
    if given is not None and not isinstance(given, Mapping):
        raise ExportError("plan document: athlete.slot_times: expected an object with am and pm")
    given = given or {}
    am = options.am_time or _clock(given.get("am"), "athlete.slot_times.am") or DEFAULT_AM
    pm = options.pm_time or _clock(given.get("pm"), "athlete.slot_times.pm") or DEFAULT_PM
    return am, pm


def _clock(value: object, path: str) -> dt.time | None:
    if value is None:
        return None
    try:
        if not isinstance(value, str):
            raise ValueError
        return dt.time.fromisoformat(value)
    except ValueError:
        raise ExportError(f"plan document: {path}: {value!r} is not a clock time (HH:MM)") from None


def _race(value: object, path: str) -> Race:
    race = read.as_mapping(value, path)
    return Race(
        name=read.text(race, "name", f"{path}.name"),
        date=read.date(race, "date", f"{path}.date"),
        distance_km=read.optional_number(race, "distance_km", f"{path}.distance_km"),
        priority=str(race.get("priority", "")),
    )


def _week(value: object, path: str, position: int) -> Week:
    week = read.as_mapping(value, path)
    start = read.date(week, "start", f"{path}.start")
    if start.weekday() != 0:
        raise ExportError(f"plan document: {path}.start: {start.isoformat()} is not a Monday")
    days = []
    seen: set[dt.date] = set()
    for i, raw_day in enumerate(read.items(week, "days", f"{path}.days")):
        day = _day(raw_day, f"{path}.days[{i}]", start)
        if day.date in seen:
            raise ExportError(
                f"plan document: {path}.days[{i}].date: {day.date.isoformat()} appears twice"
            )
        seen.add(day.date)
        days.append(day)
    days.sort(key=lambda d: d.date)
    focus = week.get("focus")
    return Week(
        index=read.integer(week, "index", f"{path}.index"),
        start=start,
        phase=read.text(week, "phase", f"{path}.phase"),
        cycle_week=read.integer(week, "cycle_week", f"{path}.cycle_week"),
        deload=read.flag(week, "deload", f"{path}.deload"),
        focus=str(focus) if focus else None,
        days=tuple(days),
        position=position,
    )


def _day(value: object, path: str, monday: dt.date) -> Day:
    day = read.as_mapping(value, path)
    date = read.date(day, "date", f"{path}.date")
    if not monday <= date <= monday + dt.timedelta(days=6):
        raise ExportError(
            f"plan document: {path}.date: {date.isoformat()} is outside the week of "
            f"{monday.isoformat()}"
        )
    raw = read.items(day, "sessions", f"{path}.sessions")
    parsed = [(_session_values(s, f"{path}.sessions[{i}]", i), i) for i, s in enumerate(raw)]
    parsed.sort(key=lambda pair: (pair[0]["order"], pair[1]))
    per_kind: dict[str, int] = {}
    sessions = []
    for values, _ in parsed:
        per_kind[values["kind"]] = per_kind.get(values["kind"], 0) + 1
        sessions.append(Session(kind_index=per_kind[values["kind"]], **values))
    return Day(date=date, sessions=tuple(sessions))


def _session_values(value: object, path: str, position: int) -> dict[str, Any]:
    """The typed fields of one session (everything but its rank among its kind)."""
    session = read.as_mapping(value, path)
    kind = session.get("kind")
    if kind not in KINDS:
        raise read.fail(f"{path}.kind", kind, f"is not one of {', '.join(KINDS)}")
    slot = session.get("slot", "any")
    if slot not in SLOTS:
        raise read.fail(f"{path}.slot", slot, "is not am, pm or any")
    order = position + 1
    if session.get("order") is not None:
        order = read.integer(session, "order", f"{path}.order")
    reasons = read.items(session, "reasons", f"{path}.reasons")
    values: dict[str, Any] = {
        "kind": kind,
        "minutes": read.number(session, "minutes", f"{path}.minutes"),
        "slot": slot,
        "order": order,
        "reasons": tuple(read.as_text(r, f"{path}.reasons[{i}]") for i, r in enumerate(reasons)),
        "title": _optional_text(session, "title"),
    }
    if kind == "run":
        run_type = session.get("run_type")
        if run_type not in RUN_TYPES:
            raise read.fail(f"{path}.run_type", run_type, f"is not one of {', '.join(RUN_TYPES)}")
        values.update(
            run_type=run_type,
            key=bool(session.get("key", False)),
            distance_km=read.optional_number(session, "distance_km", f"{path}.distance_km"),
            pace_s_per_km=read.optional_number(session, "pace_s_per_km", f"{path}.pace_s_per_km"),
            description=_optional_text(session, "description"),
            race_name=_optional_text(session, "race"),
            steps=read_steps(session.get("steps"), f"{path}.steps"),
        )
    elif kind == "strength":
        values.update(
            template=read.text(session, "template", f"{path}.template"),
            heavy_lower=bool(session.get("heavy_lower", False)),
            warmup=_warmup(session, path),
            exercises=_exercises(session, path),
        )
    elif kind == "core":
        values.update(
            template="core", warmup=_warmup(session, path), exercises=_exercises(session, path)
        )
    else:
        values["activity"] = read.text(session, "activity", f"{path}.activity")
    return values


def _optional_text(parent: Mapping[str, Any], key: str) -> str | None:
    """An extra text field: its text when present and not empty, else None."""
    value = parent.get(key)
    return str(value) if value not in (None, "") else None


def _warmup(session: Mapping[str, Any], path: str) -> tuple[WarmupItem, ...]:
    items = []
    raw = session.get("warmup") or []
    if not isinstance(raw, list | tuple):
        raise read.fail(f"{path}.warmup", raw, "is not a list")
    for i, item in enumerate(raw):
        item_path = f"{path}.warmup[{i}]"
        if isinstance(item, str):
            items.append(WarmupItem(item, None))
        else:
            entry = read.as_mapping(item, item_path)
            minutes = read.optional_number(entry, "minutes", f"{item_path}.minutes")
            items.append(WarmupItem(read.text(entry, "name", f"{item_path}.name"), minutes))
    return tuple(items)


def _exercises(session: Mapping[str, Any], path: str) -> tuple[Exercise, ...]:
    exercises = []
    for i, item in enumerate(read.items(session, "exercises", f"{path}.exercises")):
        p = f"{path}.exercises[{i}]"
        raw = read.as_mapping(item, p)
        name = read.text(raw, "name", f"{p}.name")
        measure = raw.get("measure") or "reps"
        if measure not in MEASURES:
            raise read.fail(f"{p}.measure", measure, f"is not one of {', '.join(MEASURES)}")
        exercises.append(
            Exercise(
                id=str(raw.get("id") or name),
                name=name,
                sets=read.integer(raw, "sets", f"{p}.sets"),
                reps_min=read.integer(raw, "reps_min", f"{p}.reps_min"),
                reps_max=read.integer(raw, "reps_max", f"{p}.reps_max"),
                measure=measure,
                rpe=read.optional_number(raw, "rpe", f"{p}.rpe"),
                rir=read.optional_number(raw, "rir", f"{p}.rir"),
                rest_s=read.optional_number(raw, "rest_s", f"{p}.rest_s"),
                load_kg=read.optional_number(raw, "load_kg", f"{p}.load_kg"),
                load_note=_optional_text(raw, "load_note"),
                pattern=_optional_text(raw, "pattern"),
                region=_optional_text(raw, "region"),
                plyometric=bool(raw.get("plyometric", False)),
                unilateral=bool(raw.get("unilateral", False)),
            )
        )
    return tuple(exercises)
