"""Why a session is in the plan, in a few plain words for the terminal's "why" column.

The plan document gives each session the ids of the rules behind it (a strength session has
a dozen). The column shows the one or two that say most about that session, in words, with
their ids after and a count of the rest; ``stridelift explain DATE`` spells out every one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stridelift.services.planning import rule_text

# Short words per rule, most telling first: a session's reasons are shown in this order.
SHORT: dict[str, str] = {
    "RUN-13": "recovering from a race",
    "ADAPT-3": "busy week: fewer, shorter lifts",
    "ADAPT-2": "new to lifting, so running eases off",
    "RUN-4": "taper: less running, same intensity",
    "RUN-12": "taper timed to the race distance",
    "SEASON-4": "off-season after a major race",
    "SEASON-5": "a new cycle after recovery",
    "SEASON-1": "the phase, counted back from the race",
    "RUN-8": "the block starts from your usual volume",
    "RUN-11": "a workout in steps",
    "RUN-5": "paces from your race times",
    "PLACE-2": "no heavy legs the day before",
    "PLACE-6": "a rest day nearby",
    "PROG-1": "week 1: easy loads, learn the moves",
    "PROG-2": "week 2: a little more load",
    "PROG-3": "week 3: one more set on one lift",
    "PROG-4": "deload: less volume",
    "CONTENT-8": "beginner: light loads",
    "CONTENT-4": "short on time: the essentials",
    "CONTENT-2": "day A: force and control",
    "CONTENT-3": "day B: single leg and stiffness",
    "PHASE-3": "race preparation: nothing new",
    "PHASE-2": "no jumps with heavy lifting at peak mileage",
    "PHASE-1": "no jumps yet in base",
    "PLACE-5": "the heavier session then easy",
    "PLACE-8": "off-season: lift on non-running days",
    "PLACE-1": "not the day before a hard run",
    "PLACE-7": "away from the hardest runs",
    "PLACE-4": "run first, then lift",
    "PLACE-3": "your placement strategy",
    "FREQ-5": "short core, 3-4 times a week",
    "FREQ-1": "two strength sessions a week",
    "FREQ-2": "sessions for your level",
    "FREQ-3": "sessions for the phase",
    "FREQ-4": "30-60 minute sessions",
    "PHASE-4": "sets end 1-3 reps short of failure",
    "CONTENT-5": "single-leg work",
    "CONTENT-6": "a warm-up first",
    "CONTENT-7": "exercises for your equipment",
    "RUN-1": "most running easy",
    "RUN-2": "volume builds gradually",
}
_ORDER = {rule: i for i, rule in enumerate(SHORT)}
SHOWN = 2  # reasons in words per session; the rest are counted

SLOT_WORDS = {"am": "AM", "pm": "PM", "any": "any time"}


def slot_words(session: Mapping[str, Any]) -> str:
    """When in the day: ``AM``, ``PM`` or ``any time`` (the planner left the hour to you)."""
    slot = str(session.get("slot") or "any")
    return SLOT_WORDS.get(slot, slot)


def session_why(session: Mapping[str, Any]) -> str:
    """``most running easy; volume builds gradually (RUN-1, RUN-2)``: words, then ids."""
    reasons = list(dict.fromkeys(str(r) for r in session.get("reasons", [])))
    if not reasons:
        return ""
    ranked = sorted(reasons, key=lambda r: _ORDER.get(r, len(_ORDER)))
    shown = ranked[:SHOWN]
    words = "; ".join(SHORT.get(r) or _first_words(rule_text(r)) for r in shown)
    rest = len(reasons) - len(shown)
    more = f"; +{rest} more" if rest else ""
    return f"{words} ({', '.join(shown)}{more})"


def _first_words(text: str) -> str:
    """A rule's text up to its first colon or semicolon, lower-cased: its gist."""
    gist = text.split(":")[0].split(";")[0].rstrip(".")
    return gist[:1].lower() + gist[1:]
