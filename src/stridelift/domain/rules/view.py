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


@dataclass(frozen=True, slots=True)
class Day:
    """One day of the plan with its week."""

    week: Mapping[str, Any]
    date: date
    sessions: list[Mapping[str, Any]]

    def runs(self) -> list[Mapping[str, Any]]:
        return [s for s in self.sessions if s.get("kind") == "run"]

    def strength(self) -> list[Mapping[str, Any]]:
        return [s for s in self.sessions if s.get("kind") == "strength"]

    def has_key(self) -> bool:
        return any(is_key(s) for s in self.runs())

    def heavy(self) -> bool:
        return any(is_heavy(s) for s in self.strength())


def is_key(run: Mapping[str, Any]) -> bool:
    """Key runs by type (the ``key`` flag is trusted only if it agrees)."""
    return bool(run.get("key")) or run.get("run_type") in KEY_TYPES


def is_heavy(session: Mapping[str, Any]) -> bool:
    """Heavy lower-body work, recomputed from the exercises (PLAN_SCHEMA's definition)."""
    if session.get("heavy_lower"):
        return True
    for ex in session.get("exercises", []):
        external = ex.get("external_load", ex.get("load_kg") is not None)
        hard = (ex.get("rpe") or 0) >= 8 or (ex.get("reps_max") or 99) <= 6
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
            days = w.get("days") if isinstance(w, Mapping) else None
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
                if str(d.get("date")) != (start + timedelta(days=k)).isoformat():
                    out.append(f"weeks[{i}].days[{k + 1}].date is out of sequence")
                if not isinstance(d.get("sessions"), list):
                    out.append(f"weeks[{i}].days[{k + 1}].sessions is not a list")
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

    def days(self) -> Iterator[Day]:
        for w in self.doc["weeks"]:
            for d in w["days"]:
                yield Day(w, date.fromisoformat(d["date"]), list(d["sessions"]))

    def day_list(self) -> list[Day]:
        return list(self.days())

    def week_days(self, week: Mapping[str, Any]) -> list[Day]:
        return [Day(week, date.fromisoformat(d["date"]), list(d["sessions"])) for d in week["days"]]

    def excused(self, rule_id: str, week: int | None) -> bool:
        for n in self.doc.get("notices", []):
            if n.get("rule") == rule_id and (n.get("week") is None or n.get("week") == week):
                return True
        return False

    def run_minutes(self, week: Mapping[str, Any], *, races: bool = True) -> int:
        return sum(
            int(s.get("minutes", 0))
            for d in week["days"]
            for s in d["sessions"]
            if s.get("kind") == "run" and (races or s.get("run_type") != "race")
        )

    def strength_sessions(self, week: Mapping[str, Any]) -> list[Mapping[str, Any]]:
        return [s for d in week["days"] for s in d["sessions"] if s.get("kind") == "strength"]

    def races(self) -> list[Mapping[str, Any]]:
        return list(self.doc.get("races", []))
