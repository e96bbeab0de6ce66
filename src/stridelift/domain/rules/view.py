"""Read-only helpers over a plan document (PLAN_SCHEMA.md), shared by all checks."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

KEY_TYPES = frozenset({"quality", "intervals", "tempo", "race_pace", "long", "race"})
QUALITY_TYPES = frozenset({"quality", "intervals", "tempo", "race_pace"})
EASY_TYPES = frozenset({"easy", "recovery", "shakeout"})
TRAINING = frozenset({"general", "offseason", "base", "strength", "race_specific"})
FULL_TEMPLATES = frozenset({"A", "B", "short"})


def logged(day: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """What was done on a past day of the plan's first week (not checked as planned work)."""
    items = day.get("logged")
    return [x for x in items if isinstance(x, Mapping)] if isinstance(items, list) else []


@dataclass(frozen=True, slots=True)
class Day:
    """One day of the plan with its week."""

    week: Mapping[str, Any]
    date: date
    sessions: list[Mapping[str, Any]]
    done: tuple[Mapping[str, Any], ...] = ()  # logged on a past day (history), not planned

    def runs(self) -> list[Mapping[str, Any]]:
        return [s for s in self.sessions if s.get("kind") == "run"]

    def strength(self) -> list[Mapping[str, Any]]:
        return [s for s in self.sessions if s.get("kind") == "strength"]

    def has_key(self) -> bool:
        return any(is_key(s) for s in self.runs())

    def heavy(self) -> bool:
        return any(is_heavy(s) for s in self.strength())

    def lifted(self) -> bool:
        """A strength session logged on this (past) day."""
        return any(x.get("kind") == "strength" for x in self.done)


def notice_rules(notice: Mapping[str, Any]) -> list[str]:
    """Every rule a notice answers for: its ``rule``, then those in ``also``."""
    return [str(r) for r in [notice.get("rule"), *(notice.get("also") or [])]]


def num(value: object, default: float = 0.0) -> float:
    """A number field of a plan, or ``default`` when it is missing, null or not a number.

    Hand-written plans (PLAN_SCHEMA lets tools add fields) may hold nulls: a check must
    report on what it can read, never crash on it.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return default
    return float(value)


def whole(value: object, default: int = 0) -> int:
    """A whole-number field of a plan (sets, reps, RPE, minutes), or ``default``."""
    return int(num(value, default))


def is_key(run: Mapping[str, Any]) -> bool:
    """Key runs by type (the ``key`` flag is trusted only if it agrees)."""
    return bool(run.get("key")) or run.get("run_type") in KEY_TYPES


def is_heavy(session: Mapping[str, Any]) -> bool:
    """Heavy lower-body work, recomputed from the exercises (PLAN_SCHEMA's definition)."""
    if session.get("heavy_lower"):
        return True
    for ex in session.get("exercises", []):
        external = ex.get("external_load", ex.get("load_kg") is not None)
        hard = num(ex.get("rpe")) >= 8 or num(ex.get("reps_max"), 99) <= 6
        if ex.get("region") == "lower" and ex.get("main_lift") and external and hard:
            return True
    return False


class PlanView:
    """A plan document with typed accessors; never mutates it."""

    def __init__(self, doc: Mapping[str, Any]) -> None:
        self.doc = doc

    def schema_problems(self) -> list[str]:
        """Structural problems that make rule checks meaningless."""
        out: list[str] = []
        if self.doc.get("schema") != "stridelift.plan/1":
            out.append(f"schema is {self.doc.get('schema')!r}, expected 'stridelift.plan/1'")
        weeks = self.doc.get("weeks")
        if not isinstance(weeks, list):
            return [*out, "weeks is missing or not a list"]
        for i, w in enumerate(weeks, 1):
            if not isinstance(w, Mapping):
                out.append(f"weeks[{i}] is not an object")
                continue
            if isinstance(w.get("index"), bool) or not isinstance(w.get("index"), int):
                out.append(f"weeks[{i}].index is not a whole number")
            days = w.get("days")
            if not isinstance(days, list) or len(days) != 7:
                out.append(f"weeks[{i}] does not hold 7 days")
                continue
            try:
                start = date.fromisoformat(str(w.get("start")))
            except ValueError:
                out.append(f"weeks[{i}].start is not a date")
                continue
            if start.weekday() != 0:
                out.append(f"weeks[{i}].start {start} is not a Monday")
            for k, d in enumerate(days):
                where = f"weeks[{i}].days[{k + 1}]"
                if not isinstance(d, Mapping):
                    out.append(f"{where} is not an object")
                    continue
                if str(d.get("date")) != (start + timedelta(days=k)).isoformat():
                    out.append(f"{where}.date is out of sequence")
                sessions = d.get("sessions")
                if not isinstance(sessions, list):
                    out.append(f"{where}.sessions is not a list")
                elif not all(isinstance(s, Mapping) for s in sessions):
                    out.append(f"{where}.sessions holds an item that is not an object")
        return out

    @property
    def athlete(self) -> Mapping[str, Any]:
        athlete: Mapping[str, Any] = self.doc.get("athlete", {})
        return athlete

    @property
    def level(self) -> str:
        return str(self.athlete.get("level", "intermediate"))

    def weeks(self) -> list[Mapping[str, Any]]:
        return list(self.doc["weeks"])

    def weeks_before(self) -> int:
        """The season's weeks before the plan's first one: a replan continues a season
        begun at ``season_start`` (0 for a plan that starts its own, or says nothing)."""
        weeks = self.doc.get("weeks") or []
        try:
            origin = date.fromisoformat(str(self.doc.get("season_start")))
            first = date.fromisoformat(str(weeks[0].get("start")))
        except (ValueError, IndexError, AttributeError):
            return 0
        return max((first - origin).days + origin.weekday(), 0) // 7

    def season_before(self) -> Mapping[str, Any]:
        """What the season's weeks before a continued plan left its checks
        (``season_before``); empty for a plan that starts its own season."""
        before = self.doc.get("season_before")
        if not self.weeks_before() or not isinstance(before, Mapping):
            return {}
        return before

    def peak_before(self) -> int:
        """The peak week of the block under way when a continued plan begins (0: none)."""
        return whole(self.season_before().get("block_peak_run_minutes"), 0)

    def long_runs_before(self) -> list[tuple[date, int]]:
        """The last long runs before a continued plan's first week, (day, minutes)."""
        out: list[tuple[date, int]] = []
        for x in self.season_before().get("long_runs") or []:
            try:
                out.append((date.fromisoformat(str(x["date"])), whole(x["minutes"], 0)))
            except (ValueError, KeyError, TypeError):
                continue
        return out

    def days(self) -> Iterator[Day]:
        for w in self.doc["weeks"]:
            for d in w["days"]:
                yield Day(w, date.fromisoformat(d["date"]), list(d["sessions"]), tuple(logged(d)))

    def day_list(self) -> list[Day]:
        return list(self.days())

    def week_days(self, week: Mapping[str, Any]) -> list[Day]:
        return [
            Day(week, date.fromisoformat(d["date"]), list(d["sessions"]), tuple(logged(d)))
            for d in week["days"]
        ]

    def excused(self, rule_id: str, week: int | None) -> bool:
        for n in self.doc.get("notices", []):
            if rule_id in notice_rules(n) and (n.get("week") is None or n.get("week") == week):
                return True
        return False

    def overridden(self, rule_id: str, week: int | None) -> bool:
        """Whether the methodology the plan names replaces ``rule_id`` in this week: a
        program week (S1's ten weeks, CONTENT-8) lists the rules its own progression takes
        the place of, and counts only under the methodology it was made with."""
        named = self.doc.get("methodology")
        name = named.get("name") if isinstance(named, Mapping) else None
        for w in self.weeks():
            prog = w.get("program")
            if w.get("index") != week or not isinstance(prog, Mapping):
                continue
            rules = prog.get("overrides")
            return (
                name is not None
                and prog.get("methodology") == name
                and isinstance(rules, list)
                and rule_id in rules
            )
        return False

    def said(self, rule_id: str) -> bool:
        """Whether some notice of the plan, for any week, answers for ``rule_id``."""
        return any(rule_id in notice_rules(n) for n in self.doc.get("notices", []))

    def run_minutes(self, week: Mapping[str, Any], *, races: bool = True, done: bool = True) -> int:
        """Running minutes of a week: planned runs plus (``done``) runs already logged on
        its past days (with history, days before ``today`` hold ``logged``)."""
        return sum(
            whole(s.get("minutes"))
            for d in week["days"]
            for s in [*d["sessions"], *(logged(d) if done else [])]
            if s.get("kind") == "run" and (races or s.get("run_type") != "race")
        )

    def started(self, week: Mapping[str, Any]) -> bool:
        """Whether some days of the week are already past (history given: they hold
        ``logged``); work missed there is not made up (ADAPT-4), so minimums do not bind."""
        return any(isinstance(d, Mapping) and "logged" in d for d in week["days"])

    def lifts_done(self, week: Mapping[str, Any]) -> int:
        """Strength sessions logged on the week's past days."""
        return sum(1 for d in week["days"] for x in logged(d) if x.get("kind") == "strength")

    def strength_sessions(self, week: Mapping[str, Any]) -> list[Mapping[str, Any]]:
        return [s for d in week["days"] for s in d["sessions"] if s.get("kind") == "strength"]

    def races(self) -> list[Mapping[str, Any]]:
        return list(self.doc.get("races", []))


def follows_strategy(strategy: str, run_types: set[Any], session: Mapping[str, Any]) -> bool:
    """PLACE-3: does a strength session sit where the athlete's strategy wants it, given the
    run types of its day? "auto" (and any other value) accepts every placement."""
    return {
        "separate": not run_types,
        "easy_days": bool(run_types & EASY_TYPES),
        "stack": bool(run_types & QUALITY_TYPES) or not is_heavy(session),
    }.get(strategy, True)
