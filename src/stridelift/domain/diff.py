"""What changed between two plan documents, session by session, and the rules behind it.

``diff(old, new, since)`` compares the days both plans hold from ``since`` on. A session
is matched first on its own day (same kind and run type or template), then within its
week (a session that *moved*), then with another session of its kind on the same day
(a session whose run type or template *changed*); what is left was *added* or *removed*.
Each change carries its causes: the new doc's ``adaptations`` entries that cover its week
and apply to its kind of session, the load rules of changed loads, and the rules the new
session cites that the old one did not. Pure and deterministic: same documents, same list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from stridelift.domain.units import kg_to_lb

CHANGE_KINDS = ("removed", "moved", "changed", "added")
Value = str | int | float | None

# Which sessions an adaptation's action can have changed (PLAN_SCHEMA "adaptations").
_STRENGTH_KINDS = frozenset({"strength", "core"})
_RUN_KINDS = frozenset({"run", "cross"})
_ACTION_KINDS: dict[str, frozenset[str]] = {
    "cut_strength": _STRENGTH_KINDS,
    "lower_load": _STRENGTH_KINDS,
    "raise_load": _STRENGTH_KINDS,
    "stop": _STRENGTH_KINDS,
    "busy": _STRENGTH_KINDS,  # ADAPT-3 shrinks the strength; running stays as planned
    "cut_running": _RUN_KINDS,
    "soften": _RUN_KINDS,
    "hold": _RUN_KINDS,
    "refer": frozenset(),  # a referral is a message; it changes no session by itself
    "hold_load": frozenset(),  # a held load shows as no change, or as its load rule's
}


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One value of a session that differs: ``field`` of ``subject`` (an exercise id, or None
    for the session itself) went from ``old`` to ``new``."""

    field: str  # minutes, run_type, template, sets, rpe, load_kg, exercise
    old: Value
    new: Value
    subject: str | None = None


@dataclass(frozen=True, slots=True)
class Cause:
    """A rule behind a change, with the signal and what the plan did, when an adaptation."""

    rule: str
    signal: str | None = None  # the adaptation's short label, e.g. "persistent fatigue"
    since: date | None = None
    days: int | None = None
    seen: str | None = None  # what the history showed
    change: str | None = None  # what the plan changed, in plain words


@dataclass(frozen=True, slots=True)
class Change:
    """One session that moved, changed, was added or removed."""

    kind: str  # one of CHANGE_KINDS
    day: date  # where the session is now (where it was, for a removed one)
    session: str  # a label, e.g. "tempo run", "strength A", "core"
    week: int | None  # the new plan's week index holding ``day``
    from_day: date | None = None  # the old day of a moved session
    fields: tuple[FieldChange, ...] = ()
    causes: tuple[Cause, ...] = ()

    @property
    def rules(self) -> tuple[str, ...]:
        """The rule ids behind the change, adaptations first, without repeats."""
        return tuple(dict.fromkeys(c.rule for c in self.causes))


@dataclass(frozen=True, slots=True)
class _Slot:
    day: date
    week: int | None
    position: int
    doc: Mapping[str, Any]

    @property
    def key(self) -> tuple[str, str]:
        return session_key(self.doc)


def session_key(s: Mapping[str, Any]) -> tuple[str, str]:
    """What names a session in a week: its kind and run type, template or activity."""
    kind = str(s.get("kind", "?"))
    if kind == "run":
        return kind, str(s.get("run_type"))
    if kind == "strength":
        return kind, str(s.get("template"))
    if kind == "cross":
        return kind, str(s.get("activity"))
    return kind, ""


def session_label(s: Mapping[str, Any]) -> str:
    """A short name for a session: ``tempo run``, ``strength A``, ``mobility``, ``core``."""
    kind, sub = session_key(s)
    if kind == "run":
        return f"{sub.replace('_', ' ')} run"
    if kind == "strength":
        return "mobility" if sub == "mobility" else f"strength {sub}"
    if kind == "cross":
        return f"{sub} (cross-training)"
    return kind


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _days(doc: Mapping[str, Any]) -> dict[date, tuple[int | None, list[Mapping[str, Any]]]]:
    """Each day of a plan with its week index and sessions; days without a date are skipped
    (a damaged or foreign document compares as far as it can be read)."""
    out: dict[date, tuple[int | None, list[Mapping[str, Any]]]] = {}
    for week in doc.get("weeks") or []:
        if not isinstance(week, Mapping):
            continue
        index = week.get("index")
        for d in week.get("days") or []:
            try:
                day = date.fromisoformat(d["date"])
            except (TypeError, KeyError, ValueError):
                continue
            sessions = [s for s in d.get("sessions") or [] if isinstance(s, Mapping)]
            out[day] = (index if isinstance(index, int) else None, sessions)
    return out


def _slots(
    days: Mapping[date, tuple[int | None, list[Mapping[str, Any]]]], keep: Iterable[date]
) -> list[_Slot]:
    slots: list[_Slot] = []
    for day in sorted(keep):
        week, sessions = days[day]
        slots.extend(_Slot(day, week, i, s) for i, s in enumerate(sessions))
    return slots


def _exercises(s: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return {str(e.get("id") or e.get("name")): e for e in s.get("exercises", [])}


def _total_sets(s: Mapping[str, Any]) -> int:
    return sum(int(e.get("sets") or 0) for e in s.get("exercises", []))


def _top_rpe(s: Mapping[str, Any]) -> Value:
    values = [e["rpe"] for e in s.get("exercises", []) if e.get("rpe") is not None]
    return max(values) if values else None


def field_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[FieldChange, ...]:
    """The values a user would notice differ between two versions of one session."""
    out: list[FieldChange] = []
    kind = new.get("kind")
    if kind == "run" and old.get("run_type") != new.get("run_type"):
        out.append(FieldChange("run_type", old.get("run_type"), new.get("run_type")))
    if kind == "strength" and old.get("template") != new.get("template"):
        out.append(FieldChange("template", old.get("template"), new.get("template")))
    if old.get("minutes") != new.get("minutes"):
        out.append(FieldChange("minutes", old.get("minutes"), new.get("minutes")))
    if kind not in ("strength", "core"):
        return tuple(out)
    if _total_sets(old) != _total_sets(new):
        out.append(FieldChange("sets", _total_sets(old), _total_sets(new)))
    if _top_rpe(old) != _top_rpe(new):
        out.append(FieldChange("rpe", _top_rpe(old), _top_rpe(new)))
    before, after = _exercises(old), _exercises(new)
    for ex_id in sorted(before.keys() - after.keys()):
        out.append(FieldChange("exercise", ex_id, None, ex_id))
    for ex_id in sorted(after.keys() - before.keys()):
        out.append(FieldChange("exercise", None, ex_id, ex_id))
    for ex_id in sorted(before.keys() & after.keys()):
        was, now = before[ex_id].get("load_kg"), after[ex_id].get("load_kg")
        if was != now:
            out.append(FieldChange("load_kg", was, now, ex_id))
    return tuple(out)


def _applies(entry: Mapping[str, Any], week: int | None, docs: Sequence[Mapping[str, Any]]) -> bool:
    """Whether an adaptation covers this week and can have changed these sessions."""
    if week is None or week not in (entry.get("weeks") or []):
        return False
    allowed = _ACTION_KINDS.get(str(entry.get("action")))
    if allowed is not None and not {str(d.get("kind")) for d in docs} & allowed:
        return False
    exercise = entry.get("exercise")
    return exercise is None or any(exercise in _exercises(d) for d in docs)


def _since(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None


def _causes(
    adaptations: Iterable[Mapping[str, Any]],
    week: int | None,
    old: _Slot | None,
    new: Mapping[str, Any] | None,
) -> tuple[Cause, ...]:
    docs = [d for d in (old.doc if old is not None else None, new) if d is not None]
    out: list[Cause] = []
    for entry in adaptations:
        if _applies(entry, week, docs):
            days = entry.get("days")
            out.append(
                Cause(
                    rule=str(entry.get("rule")),
                    signal=entry.get("signal"),
                    since=_since(entry.get("since")),
                    days=days if isinstance(days, int) else None,
                    seen=entry.get("detail"),
                    change=entry.get("change"),
                )
            )
    if new is not None:
        before_loads = {k: e.get("load_kg") for k, e in _exercises(old.doc).items()} if old else {}
        for ex in new.get("exercises", []):
            lc = ex.get("load_change")
            if isinstance(lc, Mapping) and lc.get("rule"):
                out.append(Cause(rule=str(lc["rule"]), signal=ex.get("id"), change=lc.get("why")))
            elif ex.get("load_kg") is not None and before_loads.get(ex.get("id"), 0) is None:
                # A plan without history prescribes no kilograms: a load now comes from
                # the logged sets (LOAD-1).
                out.append(Cause("LOAD-1", ex.get("id"), change="a load from your logged sets"))
        before = set(old.doc.get("reasons", [])) if old is not None else set()
        named = {c.rule for c in out}
        fresh = {str(r) for r in new.get("reasons", []) if r not in before and r not in named}
        out.extend(Cause(rule=r) for r in sorted(fresh))
    unique: dict[tuple[str, str | None, str | None], Cause] = {}
    for c in out:
        unique.setdefault((c.rule, c.signal, c.change), c)
    return tuple(unique.values())


def _pair(
    olds: list[_Slot], news: list[_Slot], same: Callable[[_Slot, _Slot], bool]
) -> tuple[list[tuple[_Slot, _Slot]], list[_Slot], list[_Slot]]:
    """Pair slots for which ``same(old, new)`` holds, each old with the first free new."""
    pairs: list[tuple[_Slot, _Slot]] = []
    free = list(news)
    left: list[_Slot] = []
    for o in olds:
        match = next((n for n in free if same(o, n)), None)
        if match is None:
            left.append(o)
        else:
            free.remove(match)
            pairs.append((o, match))
    return pairs, left, free


def diff(old_doc: Mapping[str, Any], new_doc: Mapping[str, Any], since: date) -> list[Change]:
    """Every session that differs between two plans on the days both hold from ``since`` on.

    Returns:
        Changes ordered by day, then old day, kind (removed, moved, changed, added) and label.
    """
    old_days, new_days = _days(old_doc), _days(new_doc)
    if not old_days or not new_days:
        return []
    first = max(since, min(old_days), min(new_days))
    last = min(max(old_days), max(new_days))
    if first > last:
        return []
    both = [d for d in old_days.keys() & new_days.keys() if first <= d <= last]
    olds, news = _slots(old_days, both), _slots(new_days, both)
    week_of = {day: week for day, (week, _) in new_days.items()}
    adaptations = list(new_doc.get("adaptations") or [])
    # Unchanged-in-place first, then moves within a week, then same-day replacements.
    same_day, olds, news = _pair(olds, news, lambda o, n: o.day == n.day and o.key == n.key)
    moved, olds, news = _pair(
        olds, news, lambda o, n: _monday(o.day) == _monday(n.day) and o.key == n.key
    )
    replaced, olds, news = _pair(olds, news, lambda o, n: o.day == n.day and o.key[0] == n.key[0])
    changes: list[Change] = []
    for o, n in same_day + replaced:
        fields = field_changes(o.doc, n.doc)
        if fields:
            changes.append(
                Change("changed", n.day, session_label(n.doc), n.week, None, fields,
                       _causes(adaptations, n.week, o, n.doc))
            )  # fmt: skip
    for o, n in moved:
        changes.append(
            Change("moved", n.day, session_label(n.doc), n.week, o.day,
                   field_changes(o.doc, n.doc), _causes(adaptations, n.week, o, n.doc))
        )  # fmt: skip
    for o in olds:
        week = week_of.get(o.day)
        changes.append(
            Change("removed", o.day, session_label(o.doc), week, None, (),
                   _causes(adaptations, week, o, None))
        )  # fmt: skip
    for n in news:
        changes.append(
            Change("added", n.day, session_label(n.doc), n.week, None, (),
                   _causes(adaptations, n.week, None, n.doc))
        )  # fmt: skip
    order = {k: i for i, k in enumerate(CHANGE_KINDS)}
    changes = _knock_on(changes)
    changes.sort(key=lambda c: (c.day, c.from_day or c.day, order[c.kind], c.session))
    return changes


def _knock_on(changes: list[Change]) -> list[Change]:
    """A change with no signal of its own on a day another change had one for: the day's
    room moved with that change (a run shortened for a signal leaves room for core), so
    it carries that change's signalled causes after its own rules."""
    by_day: dict[date, list[Cause]] = {}
    for c in changes:
        by_day.setdefault(c.day, []).extend(x for x in c.causes if x.signal)
    out = []
    for c in changes:
        signalled = by_day.get(c.day, [])
        if signalled and not any(x.signal for x in c.causes):
            c = replace(c, causes=(*c.causes, *dict.fromkeys(signalled)))
        out.append(c)
    return out


def describe(f: FieldChange, units: str = "metric") -> str:
    """One field change in plain words, e.g. ``sets 12 -> 8``, ``load squat 20 -> 22.5 kg``."""

    def show(v: Value) -> str:
        if v is None:
            return "none"
        if isinstance(v, float):
            return f"{v:g}"
        return str(v).replace("_", " ") if f.field == "run_type" else str(v)

    if f.field == "exercise":
        return f"+ {f.new}" if f.old is None else f"- {f.old}"
    if f.field == "load_kg":
        unit = "kg"
        was, now = f.old, f.new
        if units == "imperial":
            unit = "lb"
            was = None if was is None else round(kg_to_lb(float(was)), 1)
            now = None if now is None else round(kg_to_lb(float(now)), 1)
        return f"load {f.subject} {show(was)} -> {show(now)} {unit}"
    name = "run type" if f.field == "run_type" else f.field.replace("_", " ")
    return f"{name} {show(f.old)} -> {show(f.new)}"


# Words for people: the CLI's table and the web's diff say the same things ---------------

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def day_text(day: date) -> str:
    """A day as the diff shows it: ``Wed 2026-11-18``."""
    return f"{WEEKDAYS[day.weekday()]} {day.isoformat()}"


def when_text(change: Change) -> str:
    """Where the session is: ``Thu 2026-11-19``, or ``Thu 2026-11-19 -> Wed 2026-11-18``
    for a session that moved."""
    if change.from_day is None:
        return day_text(change.day)
    return f"{day_text(change.from_day)} -> {day_text(change.day)}"


def cause_text(cause: Cause) -> str:
    """One reason in a few words: an adaptation from the log with its signal and since when
    (``ADAPT-1 persistent fatigue since 2026-11-12``), a load rule with what it did in
    brackets, else the bare rule id."""
    if cause.signal is not None and cause.rule.startswith(("ADAPT", "RUN-6")):
        since = f" since {cause.since.isoformat()}" if cause.since else ""
        return f"{cause.rule} {cause.signal}{since}"
    if cause.change:
        return f"{cause.rule} ({cause.change})"
    return cause.rule


def why_text(change: Change) -> str:
    """Every reason of a change in a few words, without repeats (empty: a knock-on effect)."""
    return ", ".join(dict.fromkeys(cause_text(c) for c in change.causes))


def split_by_weeks(
    changes: Sequence[Change], today: date, weeks: int
) -> tuple[list[Change], list[Change]]:
    """The changes of the ``weeks`` weeks from the one holding ``today``, and the later ones."""
    end = _monday(today) + timedelta(days=7 * weeks)
    return [c for c in changes if c.day < end], [c for c in changes if c.day >= end]
