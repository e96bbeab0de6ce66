"""How the pages show a plan diff (``domain.diff.Change``): days, what changed, and why.

Template filters over the same words as the CLI's diff table (``domain.diff``), with the
rules spelled out (``services.planning.rule_text``) and each adaptation's signal: what the
log showed and what the plan changed. ``partials/plan_diff.html`` uses them; any page that
shows a diff includes that partial with ``changes``, ``units`` and ``diff_title``.
"""

from __future__ import annotations

from dataclasses import dataclass

from stridelift.domain.diff import Cause, Change, FieldChange, day_text, describe
from stridelift.services.planning import rule_text

ARROW = " → "


@dataclass(frozen=True, slots=True)
class Reason:
    """One rule behind a change, in words: the rule, and for an adaptation its signal."""

    rule: str  # the rule id, e.g. "ADAPT-1"
    words: str  # the rule in plain words
    signal: str | None  # e.g. "persistent fatigue since 2026-11-12", or an exercise's name
    seen: str | None  # what the log showed
    change: str | None  # what the plan changed


def when(change: Change) -> str:
    """``Thu 2026-11-19``, or ``Thu 2026-11-19 → Wed 2026-11-18`` for a moved session."""
    if change.from_day is None:
        return day_text(change.day)
    return day_text(change.from_day) + ARROW + day_text(change.day)


def field_text(f: FieldChange, units: str) -> str:
    """One changed value in words, e.g. ``sets 18 → 11`` or ``+ dumbbell reverse lunge``."""
    return describe(f, units).replace(" -> ", ARROW).replace("_", " ")


def _signal(c: Cause) -> str | None:
    if c.signal is None:
        return None
    since = f" since {c.since.isoformat()}" if c.since else ""
    return c.signal.replace("_", " ") + since


def _repeats(c: Cause, causes: tuple[Cause, ...]) -> bool:
    """A load rule's own note that its adaptation entry says already (and more fully)."""
    return c.seen is None and any(
        o is not c and o.rule == c.rule and o.seen and c.change and c.change in (o.change or "")
        for o in causes
    )


def reasons(change: Change) -> list[Reason]:
    """The rules behind a change, adaptations first, each once (empty: a knock-on effect of
    another change in its week)."""
    found: dict[tuple[str, str | None, str | None], Reason] = {}
    for c in change.causes:
        if _repeats(c, change.causes):
            continue
        reason = Reason(c.rule, rule_text(c.rule), _signal(c), c.seen, c.change)
        found.setdefault((c.rule, reason.seen, reason.change), reason)
    return list(found.values())


# Named diff_* so that they cannot clash with another page's filters.
DIFF_FILTERS = {"diff_when": when, "diff_field": field_text, "diff_reasons": reasons}
