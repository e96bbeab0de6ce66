"""A fixed week-by-week strength program in the methodology (S1's ten weeks)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from stridelift.domain.errors import MethodologyError
from stridelift.domain.methodology.reader import Reader
from stridelift.domain.methodology.strength import TemplateItem


@dataclass(frozen=True, slots=True)
class ProgramWeek:
    """One week of a fixed program (S1's ten weeks): its focus, movements and dose."""

    week: int
    focus: str
    sets: int
    reps: tuple[int, int]
    rpe: int
    rest_s: int
    extras: str
    items: tuple[TemplateItem, ...]  # each with its own sets and reps (the week's by default)
    overrides: tuple[str, ...] = ()  # rules this week replaces, besides the program's


@dataclass(frozen=True, slots=True)
class Program:
    """A fixed week-by-week strength program that replaces the templates while it runs."""

    weeks: tuple[ProgramWeek, ...]
    overrides: tuple[str, ...]  # rules the program replaces in every one of its weeks
    taper: ProgramWeek | None = None  # taper sessions once the program has run (PHASE-3)

    def week(self, number: int) -> ProgramWeek | None:
        """Week ``number`` (1-based) of the program, or None past its end."""
        return self.weeks[number - 1] if 1 <= number <= len(self.weeks) else None


def _rule_ids(r: Reader, name: str) -> tuple[str, ...]:
    if not r.has(name):
        return ()
    value = r.raw(name)
    ok = isinstance(value, list) and all(
        isinstance(v, str) and v.count("-") == 1 and v.split("-")[1].isdigit() for v in value
    )
    if not ok:
        raise MethodologyError(r.key(name), value, "is not a list of rule ids (like PROG-4)")
    return tuple(str(v) for v in value)


def _program_week(r: Reader, number: int, rpe: int, rest_s: int) -> ProgramWeek:
    sets = r.integer("sets", 1, 5)  # PHASE-4: no bodybuilding volume
    reps = r.range_("reps", 1, 30)
    week_rpe = r.integer("rpe", 1, 9) if r.has("rpe") else rpe
    raw = r.raw("items")
    if not isinstance(raw, list) or not raw:
        raise MethodologyError(r.key("items"), raw, "is not a non-empty list of tables")
    items: list[TemplateItem] = []
    for i, item in enumerate(raw, 1):
        if not isinstance(item, Mapping):
            raise MethodologyError(f"{r.key('items')}[{i}]", item, "is not a table")
        ir = Reader(item, f"{r.key('items')}[{i}].")
        items.append(
            TemplateItem(
                exercise=ir.text("exercise"),
                role="main",
                priority=i,
                sets=ir.integer("sets", 1, 5) if ir.has("sets") else sets,
                reps=ir.range_("reps", 1, 120) if ir.has("reps") else reps,
            )
        )
    return ProgramWeek(
        week=number,
        focus=r.text("focus"),
        sets=sets,
        reps=reps,
        rpe=week_rpe,
        rest_s=r.integer("rest_s", 0, 300) if r.has("rest_s") else rest_s,
        extras=r.text("extras") if r.has("extras") else "",
        items=tuple(items),
        overrides=_rule_ids(r, "overrides"),
    )


def read_program(r: Reader) -> Program:
    """[program]: a fixed week-by-week program (CONTENT-8: S1's ten weeks)."""
    rpe = r.integer("rpe", 1, 9)  # PHASE-4: never to failure
    rest_s = r.integer("rest_s", 0, 300)
    raw = r.raw("week")
    if not isinstance(raw, list) or not raw:
        raise MethodologyError(r.key("week"), raw, "is not a non-empty array of week tables")
    weeks = []
    for i, wk in enumerate(raw, 1):
        if not isinstance(wk, Mapping):
            raise MethodologyError(f"{r.key('week')}[{i}]", wk, "is not a table")
        weeks.append(_program_week(Reader(wk, f"{r.key('week')}[{i}]."), i, rpe, rest_s))
    taper = None
    if r.has("taper"):
        taper = _program_week(r.sub("taper"), 0, rpe, rest_s)
        if taper.overrides:
            raise MethodologyError("program.taper.overrides", taper.overrides, "is not allowed")
    return Program(weeks=tuple(weeks), overrides=_rule_ids(r, "overrides"), taper=taper)
