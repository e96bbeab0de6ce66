"""What `today` shows, as one document: the day's sessions, warnings and referrals.

Built from a plan document (stored or fresh), so the text and JSON forms of `today`
read the same plan. Pure: no store, no clock; ``day`` is an argument.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from stridelift.domain.rules.view import notice_rules
from stridelift.errors import UsageError

TODAY_SCHEMA = "stridelift.today/1"


def find_day(doc: dict[str, Any], day: date) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The week and the day of ``doc`` holding ``day``, or None."""
    for week in doc.get("weeks", []):
        for d in week.get("days", []):
            if d.get("date") == day.isoformat():
                return week, d
    return None


def week_warnings(doc: dict[str, Any], index: int) -> dict[str, list[str]]:
    """The week's notices, each message once with every rule that raised it."""
    found: dict[str, list[str]] = {}
    for n in doc.get("notices") or []:
        if n.get("week") == index:
            rules = found.setdefault(str(n.get("message")), [])
            for rule_id in notice_rules(n):
                if rule_id not in rules:
                    rules.append(rule_id)
    return found


def week_adaptations(doc: dict[str, Any], index: int | None = None) -> list[dict[str, Any]]:
    """The plan's adaptations; with ``index``, those active in that week."""
    entries = list(doc.get("adaptations") or [])
    if index is None:
        return entries
    return [a for a in entries if index in (a.get("weeks") or [])]


def today_doc(
    athlete: str, doc: dict[str, Any], day: date, stored_for: date | None
) -> dict[str, Any]:
    """The day of the plan as `today --json` prints it (docs/replan.md, "today --json").

    Raises:
        UsageError: ``day`` is not inside the plan.
    """
    found = find_day(doc, day)
    if found is None:
        raise UsageError(f"--today: {day.isoformat()} is not inside {athlete}'s plan")
    week, entry = found
    sessions = sorted(entry.get("sessions") or [], key=lambda s: s.get("order", 0))
    logged = list(entry.get("logged") or [])
    return {
        "schema": TODAY_SCHEMA,
        "athlete": athlete,
        "date": day.isoformat(),
        "units": doc.get("athlete", {}).get("units", "metric"),
        "week": {
            "index": week["index"],
            "start": week.get("start"),
            "phase": week.get("phase"),
            "busy": bool(week.get("busy")),
        },
        "plan_stored_for": stored_for.isoformat() if stored_for is not None else None,
        "referral": list(doc.get("referral") or []),
        "adaptations": week_adaptations(doc, week["index"]),
        "warnings": [
            {"rules": rules, "message": message}
            for message, rules in week_warnings(doc, week["index"]).items()
        ],
        "logged": logged,
        "sessions": sessions,
        "rest_day": not sessions and not logged,
        "disclaimer": doc.get("disclaimer", ""),
    }
