"""Apply what the history says (an ``Adjustments``) to the weeks being planned.

``domain.adapt`` reads the log and decides; this module only carries the decisions into
sessions and into the plan document's ``adaptations`` list, so every change is shown with
its rule and signal (ADAPT-1..6, LOAD-1..3, RUN-3, RUN-6).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from copy import copy
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from stridelift.domain.history import Adjustments, LoadAdvice, LoggedSession, Signal
from stridelift.domain.season import TRAINING_PHASES, WeekFrame
from stridelift.domain.strength_session import ExerciseDose, LoadChange, StrengthSession

MIN_RPE = 5  # a downshift never takes lifting below "easy but purposeful"
# (kg, exercise id, direction "nearest" or "down") -> a load the equipment allows, 0 if none
Rounder = Callable[[float, str, str], float]


@dataclass(frozen=True, slots=True)
class WeekAdjust:
    """What applies to one week of the plan."""

    downshift: bool
    soften: float
    hold: bool
    busy: bool


def for_week(adjust: Adjustments, frame: WeekFrame) -> WeekAdjust:
    """The adjustments that reach this week (counted from the plan's first week)."""
    return WeekAdjust(
        downshift=frame.index <= adjust.downshift_weeks,
        soften=adjust.soften_factor if frame.index == 1 else 1.0,
        hold=frame.index <= adjust.hold_weeks,
        busy=frame.start in adjust.busy_weeks,
    )


def downshift(session: StrengthSession, adjust: Adjustments) -> StrengthSession:
    """ADAPT-1: fewer sets and a lower effort; strength gives way before running does."""
    factor, drop = adjust.strength_sets_factor, adjust.strength_rpe_drop
    doses = tuple(
        replace(
            d,
            sets=max(1, round(d.sets * factor)),
            rpe=max(min(d.rpe, d.rpe - drop), MIN_RPE) if drop else d.rpe,
        )
        for d in session.exercises
    )
    return replace(session, exercises=doses, reasons=(*session.reasons, "ADAPT-1"))


def epley_load(e1rm_kg: float, reps: int, rir: int) -> float:
    """The load for ``reps`` with ``rir`` in reserve from an estimated 1RM (Epley inverted:
    w = 1RM / (1 + (reps + RIR) / 30); RUN-7)."""
    return e1rm_kg / (1 + (reps + rir) / 30)


class LoadBook:
    """Next loads per exercise; the plan's first week shows how they changed."""

    def __init__(self, adjust: Adjustments, round_kg: Rounder) -> None:
        self._advice: dict[str, LoadAdvice] = {a.exercise_id: a for a in adjust.loads}
        self._asym = dict(adjust.asymmetry)
        self._held = {ex: h for h in adjust.holds for ex in h.exercise_ids}
        self._round = round_kg
        self._first: dict[str, int] = {}
        self._stepped: dict[str, int] = {}
        # PROG-2 needs stable form and recovery: no LOAD-2 and no ADAPT signal in the log.
        self._stable = not any(s.rule.startswith("ADAPT-") for s in adjust.signals)

    def fork(self) -> LoadBook:
        """A copy that notes first weeks on its own: for a week planned only to compare."""
        other = copy(self)
        other._first = dict(self._first)
        other._stepped = dict(self._stepped)
        return other

    def apply(self, session: StrengthSession, frame: WeekFrame) -> StrengthSession:
        """Fill working loads from the logged sets where the log knows the exercise; the
        week an exercise first comes back shows how its load changed."""
        if not self._advice:
            return session
        week = frame.index
        doses = tuple(
            self._stepped_up(self._dose(d, self._first.setdefault(d.id, week) == week), frame)
            for d in session.exercises
        )
        if doses == session.exercises:
            return session
        return replace(session, exercises=doses)

    def _stepped_up(self, d: ExerciseDose, frame: WeekFrame) -> ExerciseDose:
        """PROG-2: from a cycle's week 2 on, a main lift held at its logged load (logged
        before that week) goes up 2.5-5%; week 3 adds a set at it, week 4 deloads at it."""
        advice = self._advice.get(d.id)
        if (
            advice is None
            or advice.step_kg is None
            or advice.logged_on is None
            or not (self._stable and d.main_lift and d.load_kg == advice.load_kg)
            or d.id in self._held  # a painful area holds its loads (ADAPT-6)
            or frame.phase not in TRAINING_PHASES
            or not 2 <= frame.cycle_week <= 4
        ):
            return d
        week2 = frame.start - timedelta(weeks=frame.cycle_week - 2)
        if advice.logged_on >= week2:
            return d  # the log already holds this cycle's step
        pct = round((advice.step_kg / advice.load_kg - 1) * 100, 1)
        change = d.load_change
        if self._stepped.setdefault(d.id, frame.index) == frame.index:
            why = (
                f"week 2 of the cycle, form and recovery stable (PROG-2): up {pct:g}% from "
                f"{advice.load_kg:g} kg logged on {advice.logged_on.isoformat()}"
            )
            change = LoadChange("PROG-2", pct, advice.load_kg, why)
        note = f"{advice.step_kg:g} kg: {advice.load_kg:g} kg logged, +{pct:g}% (PROG-2)"
        return replace(d, load_kg=advice.step_kg, load_note=note, load_change=change)

    def _dose(self, d: ExerciseDose, first: bool) -> ExerciseDose:
        advice = self._advice.get(d.id)
        if advice is None or not d.external_load:
            return d
        change: LoadChange | None = None
        # A carry or a loaded hold keeps its logged load: no rep count estimates it (CONTENT-9).
        if d.reps_min <= advice.reps <= d.reps_max or d.measure != "reps":
            kg = advice.load_kg
            if first and advice.pct:  # any rule that moved the load says so (LOAD-1..3)
                change = LoadChange(advice.rule, advice.pct, advice.from_kg, advice.why)
            note = f"{kg:g} kg from your logged sets ({advice.rule})"
        elif advice.e1rm_kg:
            kg = self._round(epley_load(advice.e1rm_kg, d.reps_max, d.rir), d.id, "nearest")
            note = (
                f"{kg:g} kg: about {d.rir} reps in reserve at {d.reps_max} reps, from your "
                f"estimated 1RM of {advice.e1rm_kg:.0f} kg (LOAD-1, RUN-7)"
            )
            if first and advice.from_kg and kg > 0 and kg != advice.from_kg:
                # Another rep target than the one logged: the load moves, and says why.
                pct = round((kg / advice.from_kg - 1) * 100, 1)
                change = LoadChange("LOAD-1", pct, advice.from_kg, f"{note}; {advice.why}")
        else:
            return d
        hold = self._held.get(d.id)
        if hold is not None and advice.from_kg and kg > advice.from_kg:
            # ADAPT-6: no load increase on an area referred for pain until logged settled.
            kg, change = advice.from_kg, None
            note = (
                f"{kg:g} kg, held as last logged: pain in your {hold.area} "
                f"({hold.signal.rule}); no increase until you log it settled"
            )
        factor = self._asym.get(d.id)
        if factor is not None and factor < 1:
            before = kg
            kg = self._round(kg * factor, d.id, "down")
            if first and kg < before:
                pct = round((kg / before - 1) * 100, 1)
                change = LoadChange("ADAPT-5", pct, before, "left/right asymmetry in your log")
            note += "; lowered for a left/right asymmetry (ADAPT-5)"
        if kg <= 0:
            return d
        return replace(d, load_kg=kg, load_note=note, load_change=change)


def signal_doc(s: Signal) -> dict[str, Any]:
    """The signal's part of an adaptation entry."""
    return {
        "signal": s.name,
        "since": s.since.isoformat(),
        "days": s.days,
        "detail": s.detail,
    }


def _first(adjust: Adjustments, *rules: str) -> Signal | None:
    return next((s for s in adjust.signals if s.rule in rules), None)


def _entry(
    rule: str,
    action: str,
    weeks: list[int],
    change: str,
    signal: Signal | None,
    **extra: Any,
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "rule": rule,
        "action": action,
        "weeks": weeks,
        "change": change,
        "signal": None,
        "since": None,
        "days": None,
        "detail": None,
    }
    if signal is not None:
        out.update(signal_doc(signal))
    out.update(extra)
    return out


def _resume_entries(resume: tuple[float, float] | None) -> list[dict[str, Any]]:
    """ADAPT-4: the plan restarts below the profile's volume when the log shows less."""
    if resume is None:
        return []
    logged, restart = resume
    entry = _entry(
        "ADAPT-4",
        "resume",
        [1],
        f"your last weeks averaged {round(logged)} running minutes; the plan resumes "
        f"from {round(restart)} and builds back, without catching up",
        None,
    )
    return [{**entry, "signal": "lower recent volume"}]


def _downshift_entries(adjust: Adjustments, n_weeks: int) -> list[dict[str, Any]]:
    """ADAPT-1: strength cut first, then running too if the signal is strong."""
    out: list[dict[str, Any]] = []
    weeks_down = list(range(1, min(adjust.downshift_weeks, n_weeks) + 1))
    if weeks_down:
        sig = _first(adjust, "ADAPT-1")
        pct = round((1 - adjust.strength_sets_factor) * 100)
        words = []
        if pct:
            words.append(f"strength sets down about {pct}%")
        if adjust.strength_rpe_drop:
            words.append(f"effort down {adjust.strength_rpe_drop} RPE")
        out.append(
            _entry(
                "ADAPT-1",
                "cut_strength",
                weeks_down,
                (", ".join(words) or "strength eased") + ": running keeps priority",
                sig,
                first_cut="strength",
            )
        )
        if adjust.running_factor < 1:
            out.append(
                _entry(
                    "ADAPT-1",
                    "cut_running",
                    weeks_down,
                    f"running minutes down {round((1 - adjust.running_factor) * 100)}% as "
                    "well, after strength was cut, because the signal is strong",
                    sig,
                    first_cut="strength",
                )
            )
    return out


def _soften_and_hold_entries(adjust: Adjustments, n_weeks: int) -> list[dict[str, Any]]:
    """RUN-6: this week softened after a load jump; ADAPT-2: volume held while lifting is new."""
    out: list[dict[str, Any]] = []
    if adjust.soften_factor < 1 and n_weeks:
        sig = _first(adjust, "RUN-6")
        ratio = f" (acute:chronic {adjust.acwr:.2f})" if adjust.acwr is not None else ""
        out.append(
            _entry(
                "RUN-6",
                "soften",
                [1],
                f"this week's running down {round((1 - adjust.soften_factor) * 100)}%"
                f"{ratio}: a description of a recent load jump, not an injury prediction",
                sig,
            )
        )
    weeks_hold = list(range(1, min(adjust.hold_weeks, n_weeks) + 1))
    if weeks_hold:
        out.append(
            _entry(
                "ADAPT-2",
                "hold",
                weeks_hold,
                "running volume held and quality softened while strength work is new",
                _first(adjust, "ADAPT-2"),
            )
        )
    return out


def _busy_entries(adjust: Adjustments, busy: Mapping[date, int]) -> list[dict[str, Any]]:
    """ADAPT-3: each busy week's shorter strength."""
    out: list[dict[str, Any]] = []
    for monday, index in sorted(busy.items()):
        sig = next((s for s in adjust.signals if s.rule == "ADAPT-3" and s.since == monday), None)
        out.append(
            _entry(
                "ADAPT-3",
                "busy",
                [index],
                "busy week: one full-body session and one short one (split squat, hinge, "
                "calves); accessories dropped first",
                sig,
            )
        )
    return out


def _stop_entries(
    adjust: Adjustments,
    n_weeks: int,
    substitutes: Mapping[str, str],
    names: Mapping[str, str],
) -> list[dict[str, Any]]:
    """ADAPT-5: each exercise stopped for pain, and what takes its place."""
    out: list[dict[str, Any]] = []
    for ex_id, reason in adjust.stopped:
        sub = substitutes.get(ex_id)
        instead = f"; {names.get(sub, sub)} in its place" if sub else ""
        sig = next(
            (s for s in adjust.signals if s.rule == "ADAPT-5" and ex_id in s.detail),
            _first(adjust, "ADAPT-5"),
        )
        out.append(
            _entry(
                "ADAPT-5",
                "stop",
                list(range(1, n_weeks + 1)),
                f"{names.get(ex_id, ex_id)} stopped ({reason}){instead}",
                sig,
                exercise=ex_id,
            )
        )
    return out


def _load_signal(adjust: Adjustments, rule: str, ex_id: str) -> Signal | None:
    """The signal behind one lift's load change: its own, or the asymmetry (ADAPT-5)."""
    if rule == "ADAPT-5":
        return next((s for s in adjust.signals if s.rule == rule and "asymmetry" in s.name), None)
    # A load from a rep target other than the one logged is LOAD-1 whatever the log's rule.
    mine = [
        s for s in adjust.signals if s.rule.startswith("LOAD-") and s.name.endswith(f": {ex_id}")
    ]
    return next((s for s in mine if s.rule == rule), mine[0] if mine else None)


def _load_entries(
    adjust: Adjustments,
    load_changes: list[tuple[int, str, LoadChange]],
    names: Mapping[str, str],
) -> list[dict[str, Any]]:
    """Each lift's load raised or lowered from the log (LOAD rules; ADAPT-5 for asymmetry)."""
    out: list[dict[str, Any]] = []
    for week, ex_id, ch in load_changes:
        action = "raise_load" if ch.pct > 0 else "lower_load"
        out.append(
            _entry(
                ch.rule,
                action,
                [week],
                f"{names.get(ex_id, ex_id)}: {ch.pct:+g}% ({ch.why})",
                _load_signal(adjust, ch.rule, ex_id),
                exercise=ex_id,
            )
        )
    return out


def _hold_entries(
    adjust: Adjustments, n_weeks: int, names: Mapping[str, str]
) -> list[dict[str, Any]]:
    """ADAPT-5, ADAPT-6: no load increase on the exercises that load a painful area."""
    logged = {a.exercise_id for a in adjust.loads}
    out: list[dict[str, Any]] = []
    for hold in adjust.holds:
        held = [names.get(x, x) for x in hold.exercise_ids if x in logged]
        which = f" ({', '.join(held)})" if held else ""
        out.append(
            _entry(
                hold.signal.rule,
                "hold_load",
                list(range(1, n_weeks + 1)),
                f"no load increase on the exercises that load your {hold.area}{which} until "
                f"you log it settled (stridelift checkin --pain {hold.area}:0)",
                hold.signal,
            )
        )
    return out


def _referral_entries(adjust: Adjustments) -> list[dict[str, Any]]:
    """ADAPT-6 (and ADAPT-5's asymmetry): one referral entry per condition, each with the
    signal it comes from."""
    signals: list[Signal | None] = list(adjust.referral_signals)
    signals += [None] * (len(adjust.referral) - len(signals))
    return [
        _entry(
            signal.rule if signal is not None else "ADAPT-6",
            "refer",
            [],
            f"see a qualified professional: {message}",
            signal,
        )
        for signal, message in zip(signals, adjust.referral, strict=False)
    ]


def adaptations(
    adjust: Adjustments,
    n_weeks: int,
    busy: Mapping[date, int],
    substitutes: Mapping[str, str],
    load_changes: list[tuple[int, str, LoadChange]],
    names: Mapping[str, str],
    resume: tuple[float, float] | None = None,
) -> list[dict[str, Any]]:
    """Every change the history made to this plan, with its rule and signal, sorted.

    ``resume`` is (logged weekly minutes, the minutes the plan restarts from) when the log
    shows less running than the profile (ADAPT-4).
    """
    out = [
        *_resume_entries(resume),
        *_downshift_entries(adjust, n_weeks),
        *_soften_and_hold_entries(adjust, n_weeks),
        *_busy_entries(adjust, busy),
        *_stop_entries(adjust, n_weeks, substitutes, names),
        *_load_entries(adjust, load_changes, names),
        *_hold_entries(adjust, n_weeks, names),
        *_referral_entries(adjust),
    ]
    return sorted(out, key=lambda e: (e["rule"], e["action"], e["weeks"][:1], e["change"]))


def logged_doc(s: LoggedSession) -> dict[str, Any]:
    """A logged session as shown on a past day of the current week."""
    return {
        "kind": s.kind,
        "minutes": round(s.minutes),
        "run_type": s.run_type,
        "distance_km": round(s.distance_km, 2) if s.distance_km is not None else None,
        "rpe": s.rpe,
        "template": s.template,
    }


def done_before(adjust: Adjustments, frame: WeekFrame, today: date) -> list[LoggedSession]:
    """Sessions logged in this week before today (ADAPT-4: they stay as logged)."""
    end = min(today, frame.start + timedelta(days=7))
    return [s for s in adjust.done_this_week if frame.start <= s.day < end]
