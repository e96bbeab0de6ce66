"""Document stage: the plan document (PLAN_SCHEMA.md) from the season's weeks and notices."""

from __future__ import annotations

from datetime import date
from typing import Any

from stridelift.domain.adjust import adaptations
from stridelift.domain.athlete import WEEKDAYS, Athlete
from stridelift.domain.blockreview import block_notices
from stridelift.domain.exercises import ExerciseLibrary
from stridelift.domain.paces import Paces, predict_time_s, race_doc
from stridelift.domain.planner.context import PlanInputs
from stridelift.domain.planner.state import SeasonState
from stridelift.domain.season import Notice
from stridelift.domain.strength_session import LoadChange

SCHEMA = "stridelift.plan/1"
DISCLAIMER = (
    "Stridelift is a training planner, not medical advice. Pain that sharpens, persists or "
    "changes how you move needs a qualified professional."
)


def _substitute(lib: ExerciseLibrary, athlete: Athlete, exercise_id: str) -> str:
    sub = lib.choose(exercise_id, athlete.equipment, frozenset({exercise_id}))
    return sub.id if sub is not None else ""


def _unique_changes(
    changes: list[tuple[int, str, LoadChange]],
) -> list[tuple[int, str, LoadChange]]:
    seen: dict[str, tuple[int, LoadChange]] = {}
    for week, ex_id, ch in changes:
        seen.setdefault(ex_id, (week, ch))
    return sorted((w, ex_id, ch) for ex_id, (w, ch) in seen.items())


def _group_notices(notices: list[Notice]) -> list[tuple[tuple[str, ...], str, int | None]]:
    """Each message once per week, with every rule it answers for (first raised first)."""
    rules: dict[tuple[str, int | None], list[str]] = {}
    for n in notices:
        said = rules.setdefault((n.message, n.week), [])
        if n.rule not in said:
            said.append(n.rule)
    return [(tuple(r), msg, week) for (msg, week), r in rules.items()]


def _athlete_doc(a: Athlete, longest: int) -> dict[str, Any]:
    return {
        "name": a.name,
        "level": a.level,
        "units": a.units,
        "strategy": a.strategy,
        "body_mass_kg": a.body_mass_kg,
        "weekly_run_minutes": a.weekly_run_minutes,
        "longest_recent_run_minutes": longest,
        "equipment": sorted(a.equipment),
        "session_minutes": a.session_minutes,
        "long_run_day": WEEKDAYS[a.long_run_day],
        "new_to_strength": a.new_to_strength,
        "availability": [
            {"day": WEEKDAYS[i], "run": d.run, "strength": d.strength, "minutes": d.minutes}
            for i, d in enumerate(a.availability)
        ],
        "slot_times": {"am": a.slot_times.am, "pm": a.slot_times.pm},
    }


def _paces_doc(p: Paces) -> dict[str, Any]:
    preds = []
    for label, km in (("5k", 5.0), ("10k", 10.0), ("half", 21.0975), ("marathon", 42.195)):
        t = round(predict_time_s(p.vdot, km))
        preds.append(
            {
                "distance": label,
                "distance_km": km,
                "time_s": t,
                "time": f"{t // 3600}:{t % 3600 // 60:02d}:{t % 60:02d}",
            }
        )
    return {
        "vdot": p.vdot,
        "source": p.source,
        "easy_s_per_km": round(p.easy_s_per_km),
        "marathon_s_per_km": round(p.marathon_s_per_km),
        "threshold_s_per_km": round(p.threshold_s_per_km),
        "interval_s_per_km": round(p.interval_s_per_km),
        "predictions": preds,
    }


def _season_before(state: SeasonState) -> dict[str, Any]:
    """What the season's weeks before a continued plan leave its checks (RUN-2, RUN-4,
    RUN-12, PHASE-3, ADAPT-2, RUN-9): recent volume, the block's peak, the season's first
    week, the strength done so far, the last long runs."""
    strength = state.before_strength
    return {
        "run_minutes": list(state.before_minutes),
        "block_peak_run_minutes": state.before_peak,
        "week1_run_minutes": round(state.week1) if state.continued else 0,
        "exercises_seen": sorted(strength.seen) if strength else [],
        "lifted": bool(strength and strength.lifted),
        "sets_by_template": dict(sorted(strength.sets_before.items())) if strength else {},
        "long_runs": [{"date": d.isoformat(), "minutes": m} for d, m in state.before_long_runs],
    }


def plan_document(ctx: PlanInputs, state: SeasonState, origin: date) -> dict[str, Any]:
    """The whole plan document, once every week is planned."""
    athlete, today, m, lib, adj, avoid = ctx.athlete, ctx.today, ctx.m, ctx.lib, ctx.adj, ctx.avoid
    v = ctx.volume
    changes = adaptations(
        adj,
        len(state.weeks),
        state.busy_weeks,
        {x: _substitute(lib, athlete, x) for x in sorted(avoid)},
        _unique_changes(state.load_changes),
        {e.id: e.name for e in lib},
        (v.recent or 0.0, v.level0) if ctx.given and v.level0 < v.base else None,
    )
    race_docs = [race_doc(r, ctx.paces, m) for r in athlete.races]  # RUN-10
    # RUN-8, RUN-9: what the blocks could not reach, with the numbers.
    review = block_notices(state.weeks, race_docs, today.isoformat(), athlete, m, v.base)
    grouped = _group_notices([*state.notices, *review])
    return {
        "schema": SCHEMA,
        "today": today.isoformat(),
        "season_start": origin.isoformat(),
        # RUN-2 measures the first weeks' rise from the season's weeks before the plan.
        "season_before": _season_before(state),
        "methodology": {"name": m.name, "version": m.version},
        "athlete": _athlete_doc(athlete, v.longest0),
        "races": race_docs,
        "warnings": [
            f"{', '.join(rules)}: {msg}" + (f" (week {week})" if week else "")
            for rules, msg, week in grouped
        ],
        "notices": [
            {"rule": rules[0], "week": week, "message": msg}
            | ({"also": list(rules[1:])} if len(rules) > 1 else {})
            for rules, msg, week in grouped
        ],
        "paces": _paces_doc(ctx.paces),
        "recovery": {
            "sleep_hours": [7, 9],
            "protein_g_per_day": [
                round(1.4 * athlete.body_mass_kg),
                round(1.8 * athlete.body_mass_kg),
            ],
            "note": "Sleep 7-9 hours, eat enough, keep easy days easy (RECOVER-1).",
        },
        "disclaimer": DISCLAIMER,
        "adaptations": changes,
        "referral": list(adj.referral),
        "weeks": state.weeks,
    }
