"""plan(): the season, week by week, from an athlete, a methodology and today's date.

A pure function (DESIGN.md): same inputs, same document, byte for byte once serialised.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from stridelift.domain.adjust import (
    LoadBook,
    adaptations,
    done_before,
    downshift,
    for_week,
    logged_doc,
)
from stridelift.domain.athlete import WEEKDAYS, Athlete
from stridelift.domain.exercises import ExerciseLibrary
from stridelift.domain.history import Adjustments, LoggedSession
from stridelift.domain.loads import equipment_kind, round_load
from stridelift.domain.methodology import Methodology, per_level
from stridelift.domain.paces import Paces, paces_for, predict_time_s, vdot_from_result
from stridelift.domain.placement import (
    races_ahead,
    runs_left_out,
    shorten_lifts,
    shortened_notice,
)
from stridelift.domain.profile import DEFAULT_VDOT
from stridelift.domain.rules import RULES
from stridelift.domain.rules.checks_strength import TEMPLATE_PATTERNS
from stridelift.domain.rules.view import FULL_TEMPLATES, follows_strategy
from stridelift.domain.running import (
    HARD_TYPES,
    RunSpec,
    VolumeState,
    round_to,
    run_week,
    week_target,
)
from stridelift.domain.schedule import (
    DaySlot,
    LiftSpec,
    Placement,
    WeekInput,
    fewest_drops,
    solve_week,
)
from stridelift.domain.season import TRAINING_PHASES, Notice, WeekFrame, build_season
from stridelift.domain.strength import (
    LoadChange,
    StrengthSession,
    build_session,
    core_session,
    mobility_session,
)
from stridelift.domain.weekdoc import week_doc

SCHEMA = "stridelift.plan/1"
DISCLAIMER = (
    "Stridelift is a training planner, not medical advice. Pain that sharpens, persists or "
    "changes how you move needs a qualified professional."
)
# PLACE-10 (helper "place"): no strength the day before a race, no heavy legs before it.
PLACEMENT_RULES = ("PLACE-1", "PLACE-2", "PLACE-5", "PLACE-6", "PLACE-7", "PLACE-10", "RUN-1")


def athlete_paces(athlete: Athlete) -> Paces:
    """Training paces from the recent result, or a level's typical fitness (RUN-5)."""
    if athlete.recent_result is not None:
        rr = athlete.recent_result
        vdot = vdot_from_result(rr.distance_km, rr.time_s)
        return paces_for(
            vdot,
            f"Daniels/Gilbert VDOT from your {rr.distance} in "
            f"{rr.time_s // 3600}:{rr.time_s % 3600 // 60:02d}:{rr.time_s % 60:02d}; "
            "Riegel (exponent 1.06) past the marathon",
        )
    return paces_for(
        DEFAULT_VDOT[athlete.level],
        f"Daniels/Gilbert VDOT {DEFAULT_VDOT[athlete.level]:g}"
        f", typical for a {athlete.level} runner (add a recent_result for your own)",
    )


def _solve(spec: WeekInput) -> Placement:
    """Solve a week, reusing the answer for weeks of the same shape.

    Minutes are left out of the model first: the objective does not read them, so weeks
    that differ only in run lengths share one cached solve. That model is a relaxation
    of the real one (it only drops the day limits), so when its answer keeps every day
    within its minutes it is also an optimal answer of the real model; otherwise the real
    model is solved.
    """
    relaxed = replace(
        spec,
        days=tuple(DaySlot(d.run, d.strength, 1440) for d in spec.days),
        runs=tuple(replace(r, minutes=0, race=None, note="", reasons=()) for r in spec.runs),
        lifts=tuple(replace(lf, minutes=0) for lf in spec.lifts),
        cross_minutes=1 if spec.cross_minutes else 0,
    )
    placed = _solve_cached(relaxed)
    if _within_minutes(spec, placed):
        return placed
    return _solve_cached(spec)


def _within_minutes(spec: WeekInput, placed: Placement) -> bool:
    """Whether a placement keeps each day (race days aside) within its minutes."""
    used = [0] * 7
    for r, d in zip(spec.runs, placed.run_days, strict=True):
        if d is not None:
            used[d] += r.minutes
    for lf, d in zip(spec.lifts, placed.lift_days, strict=True):
        if d is not None:
            used[d] += lf.minutes
    if placed.cross_day is not None:
        used[placed.cross_day] += spec.cross_minutes
    race_days = {r.fixed_day for r in spec.runs if r.run_type == "race"}
    return all(used[d] <= spec.days[d].minutes for d in range(7) if d not in race_days)


@lru_cache(maxsize=4096)
def _solve_cached(spec: WeekInput) -> Placement:
    rules = [RULES[r] for r in PLACEMENT_RULES]
    return solve_week(spec, rules)


@lru_cache(maxsize=1024)
def _fewest_drops(spec: WeekInput) -> int:
    return fewest_drops(spec, [RULES[r] for r in PLACEMENT_RULES])


def _drops(p: Placement) -> int:
    return sum(d is None for d in p.run_days) + sum(d is None for d in p.lift_days)


def _diagnose(spec: WeekInput, placed: Placement) -> list[str]:
    """Which rules, relaxed alone, would let more of the week in (the clash).

    A rule clashes when the week without it could leave out fewer sessions than the plan
    does. Each question is one solve that only counts what is left out (no preferences).
    """
    dropped = _drops(placed)
    if _fewest_drops(replace(spec, disabled_rules=frozenset(PLACEMENT_RULES))) >= dropped:
        # Not even relaxing every rule at once lets more in, so no rule alone would: the
        # days and minutes are the clash.
        return []
    return [
        rid
        for rid in PLACEMENT_RULES
        if _fewest_drops(replace(spec, disabled_rules=frozenset({rid}))) < dropped
    ]


def _session_minutes(athlete: Athlete, m: Methodology, count: int) -> int:
    s = m.strength
    minutes = min(max(athlete.session_minutes, s.min_minutes), s.max_minutes)
    if count >= 3:
        minutes = min(minutes, s.three_a_week_max)  # FREQ-4
    return minutes


def _lift_plan(
    frame: WeekFrame, athlete: Athlete, m: Methodology, count: int, minutes: int
) -> list[str]:
    if count <= 0:
        return []
    if frame.phase == "race_week":
        return ["mobility"]
    if minutes < m.strength.short_template_below:
        return ["short"] * count
    return ["A", "B", "short", "A"][:count]


BUSY_SHORT_MINUTES = 25  # ADAPT-3: the short busy-week session (three exercises)...
BUSY_SHORT_MAX = 35  # ...given up to 35 minutes when heavy phases need longer rests


def _runs_left(
    runs: tuple[RunSpec, ...], done: list[LoggedSession], past: int
) -> tuple[RunSpec, ...]:
    """ADAPT-4: this week's runs minus what was already run; races stay where they are."""
    if past <= 0:
        return runs
    runs = tuple(r for r in runs if r.fixed_day is None or r.fixed_day >= past)
    logged = [s for s in done if s.kind == "run"]
    left = list(runs)
    long_run = next((r for r in left if r.run_type == "long"), None)
    for s in sorted(logged, key=lambda x: -x.minutes):
        kind = s.run_type or "easy"
        if (
            long_run is not None
            and long_run in left
            and (kind == "long" or s.minutes >= 0.75 * long_run.minutes)
        ):
            left.remove(long_run)
            continue
        pool = HARD_TYPES if kind in HARD_TYPES else frozenset({"easy", "recovery"})
        match = next((r for r in left if r.run_type in pool), None)
        if match is None:
            match = next((r for r in left if r.run_type in ("easy", "recovery")), None)
        if match is not None:
            left.remove(match)
    return tuple(left)


def _lifts_left(kinds: list[str], done: list[LoggedSession]) -> list[str]:
    """ADAPT-4: the week's strength sessions minus those already logged (in template order)."""
    n = sum(1 for s in done if s.kind == "strength")
    if not n or not kinds or kinds[0] == "mobility":
        return kinds
    logged = [s.template for s in done if s.kind == "strength" and s.template]
    left = list(kinds)
    for t in logged:
        if t in left:
            left.remove(t)
            n -= 1
    return left[n:] if n > 0 else left


def _show_logged(week: dict[str, Any], done: list[LoggedSession], past: int) -> int:
    """Past days of the current week show what was logged; returns the logged run minutes."""
    for day in week["days"][:past]:
        when = date.fromisoformat(day["date"])
        day["logged"] = [logged_doc(s) for s in done if s.day == when]
    return round(sum(s.minutes for s in done if s.kind == "run"))


def _current_week_notices(
    frame: WeekFrame,
    done: list[LoggedSession],
    planned: tuple[RunSpec, ...],
    runs: tuple[RunSpec, ...],
    given: bool,
    today: date,
) -> list[Notice]:
    """ADAPT-4: what this week already holds, and that missed work is let go."""
    lifts_done = sum(1 for s in done if s.kind == "strength")
    runs_done = sum(1 for s in done if s.kind == "run")
    missed = len(planned) - len(runs) - runs_done
    if given:
        msg = (
            f"{runs_done} run(s) and {lifts_done} strength session(s) logged before today "
            "count toward this week; the rest of the week is placed in the days left"
        )
        if missed > 0:
            msg += f", and {missed} missed run(s) are let go rather than piled onto other days"
    else:
        msg = (
            f"the plan starts today ({today.strftime('%A')} {today.isoformat()}): this week "
            "holds only the days left, and nothing is moved into them from the days before"
        )
    out = [Notice("ADAPT-4", msg + ".", frame.index)]
    # The weekly counts of the rules are met by logged plus planned sessions together.
    out.extend(Notice(r, msg + ".", frame.index) for r in ("FREQ-1", "FREQ-2", "FREQ-3", "FREQ-5"))
    out.append(Notice("RUN-1", msg + ".", frame.index))
    return out


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


def plan(
    athlete: Athlete,
    today: date,
    m: Methodology,
    lib: ExerciseLibrary,
    weeks: int | None = None,
    adjust: Adjustments | None = None,
) -> dict[str, Any]:
    """Build the whole plan document (PLAN_SCHEMA.md) for ``today``.

    ``adjust`` carries what the athlete's history changes (domain.adapt); None plans from
    the profile alone.
    """
    given = adjust is not None
    adj = adjust or Adjustments()
    avoid = frozenset(x for x, _ in adj.stopped)
    steps = m.adapt.loads.steps

    def round_kg(kg: float, exercise_id: str, direction: str) -> float:
        kind = equipment_kind(lib.get(exercise_id), steps)
        return round_load(kg, kind, athlete.units, steps, direction=direction) or 0.0

    book = LoadBook(adj, round_kg)
    season = build_season(athlete.races, today, m, weeks)
    paces = athlete_paces(athlete)
    race_time = {r.date: predict_time_s(paces.vdot, r.distance_km) for r in athlete.races}
    days_avail = tuple(DaySlot(d.run, d.strength, d.minutes) for d in athlete.availability)
    # A run day is one with room for the shortest run (RUN-1 asks for real runs).
    run_days = tuple(
        d for d in athlete.run_days() if days_avail[d].minutes >= m.running.min_run_minutes
    )
    n_runs = min(int(per_level(m.running.run_days, athlete.level)), len(run_days))
    capacity = sum(sorted((days_avail[d].minutes for d in run_days), reverse=True)[:n_runs])
    base = float(max(min(athlete.weekly_run_minutes, capacity), m.running.min_run_minutes))
    level0 = base
    recent = adj.recent_week_minutes
    if recent and recent < m.running.volume.resume_below * base:
        level0 = max(recent, m.running.volume.resume_floor * base)  # ADAPT-4: resume, not catch up
    state = VolumeState(base_minutes=base, level=level0, peak=base, history=[level0] * 4)
    share = m.running.long_share[max(3, min(7, max(n_runs, 3)))]
    longest0 = athlete.longest_recent_run_minutes or round_to(base * share, m.running.round_to)
    if adj.longest_run_30d is not None:
        longest0 = adj.longest_run_30d  # RUN-3 against what was logged
    start = season.weeks[0].start if season.weeks else today
    run_log: list[tuple[date, int]] = [(start - timedelta(days=1), longest0)]
    notices: list[Notice] = list(season.notices)
    if base < athlete.weekly_run_minutes:
        notices.append(
            Notice(
                "RUN-2",
                f"your run days hold about {round(base)} min of running a week, less than "
                f"the {athlete.weekly_run_minutes} min of your profile; the plan builds "
                "from what fits (more days or minutes in [availability] lift the cap).",
            )
        )
    prev = {"key": False, "heavy": False, "strength": False}
    out_weeks: list[dict[str, Any]] = []
    busy_weeks: dict[date, int] = {}
    load_changes: list[tuple[int, str, LoadChange]] = []
    week1 = level0
    fresh_block = True
    seen: set[str] = set()  # every exercise and warm-up item placed so far (PHASE-3)
    lifted = False  # a strength session placed so far: until then nothing is "new"
    done_tpls: set[str] = set()  # the session templates placed so far
    sets_before: dict[str, int] = {}  # sets per template in the latest normal week (PHASE-3)
    for frame in season.weeks:
        wa = for_week(adj, frame)
        hold = (athlete.new_to_strength and frame.index <= 3) or wa.hold
        target, vol_why = week_target(frame, athlete, m, state, frame.index == 1, hold)
        if hold and frame.index > 1:
            target = min(target, week1)  # ADAPT-2: no mileage over week 1
        if wa.downshift and adj.running_factor < 1:
            target *= adj.running_factor
            vol_why.append("ADAPT-1")
        if wa.soften < 1:
            target *= wa.soften
            vol_why.append("RUN-6")
        nxt = frame.start + timedelta(days=7)
        race_next_monday = any(r.date == nxt for r in athlete.races)
        # Days of the first week before today are past: with history they hold what was
        # logged; without it the plan starts today and keeps what the usual week holds on
        # the days left (ADAPT-4: nothing is moved into them).
        past = max((today - frame.start).days, 0) if frame.index == 1 else 0
        starts_late = past > 0 and not given
        rw = run_week(
            frame,
            athlete,
            m,
            target,
            run_days,
            race_time,
            hold,
            race_next_monday,
            tuple(a.minutes for a in athlete.availability),
        )
        notices.extend(rw.notices)
        count = int(per_level(m.strength.frequency[frame.phase], athlete.level))
        minutes = _session_minutes(athlete, m, count)
        kinds = _lift_plan(frame, athlete, m, count, minutes)
        busy = wa.busy and bool(kinds) and kinds[0] != "mobility" and frame.phase != "recovery"
        if busy:
            busy_weeks[frame.start] = frame.index
            kinds = ["A", "busy"][: max(min(count, 2), 1)]
        done = done_before(adj, frame, today) if past > 0 and given else []
        runs = _runs_left(rw.runs, done, past) if given else rw.runs
        asked = sum(1 for k in kinds if k != "mobility")  # before what was logged
        kinds = _lifts_left(kinds, done)

        known_ids = frozenset(seen) if lifted else frozenset()

        def make(
            kind: str,
            light: bool,
            mins: int,
            frame: WeekFrame = frame,
            busy: bool = busy,
            known_ids: frozenset[str] = known_ids,
        ) -> StrengthSession:
            if kind == "mobility":
                mob = mobility_session(athlete, m, lib)
                kept = tuple(e for e in mob.exercises if e.id not in avoid)  # ADAPT-5
                return _known_only(replace(mob, exercises=kept), known_ids)
            sess = build_session(kind, frame, athlete, m, lib, mins, light=light, avoid=avoid)
            if frame.phase in ("taper", "race_week"):
                known = _known_only(sess, known_ids)
                sess = _no_more_sets(known, sets_before.get(kind))
            if frame.index <= adj.downshift_weeks:
                sess = downshift(sess, adj)
            if busy:
                sess = _citing(sess, "ADAPT-3")
            return book.apply(sess, frame.index)

        race_days = [r.fixed_day for r in runs if r.run_type == "race" and r.fixed_day is not None]
        sessions: list[StrengthSession] = []
        lifts: list[LiftSpec] = []
        busy_full = min(max(minutes, 35), 45)  # ADAPT-3: the full-body session's minutes
        longest_run = max((r.minutes for r in runs if r.run_type != "race"), default=0)  # RUN-14
        busy_short = BUSY_SHORT_MINUTES
        if busy and "busy" in kinds:
            # The short session keeps all three of its exercises, given up to 35 minutes
            # (long rests in heavy phases); the full one then stays 5 minutes longer.
            while make("busy", False, busy_short).dropped and busy_short < BUSY_SHORT_MAX:
                busy_short += 5
            busy_full = min(max(busy_full, busy_short + 5), 45)
        for j, kind in enumerate(kinds):
            full = kind in FULL_TEMPLATES
            if frame.phase in ("taper", "race_week") and lifted and full and kind not in done_tpls:
                # PHASE-3: race preparation repeats a session already done, not a new one.
                kind = next((t for t in ("A", "B", "short") if t in done_tpls), kind)
            mins = minutes
            if busy:
                mins = busy_short if kind == "busy" else busy_full
            sess = make(kind, False, mins)
            if kind == "mobility":
                first_race = min(race_days) if race_days else 6
                window = tuple(d for d in range(max(past, 0), min(3, first_race - 1)))
                if not window or not sess.exercises:
                    continue
                lifts.append(LiftSpec("mobility", sess.minutes, False, False, window=window))
            elif not sess.exercises:
                notices.append(
                    Notice(
                        "FREQ-3",
                        f"session {kind} is left out: every exercise in it would be new in "
                        "race preparation (PHASE-3).",
                        frame.index,
                    )
                )
                continue
            else:
                has_light = m.strength.phases[frame.phase].light is not None and sess.heavy_lower
                # RUN-14 (helper "place"): a full session may shorten to make room for a run
                # on a day too short for both, when the shorter one keeps its core work
                # (FREQ-5 counts on it).
                short = m.strength.short_template_below if kind in FULL_TEMPLATES else 0
                if short and not any(a.run and a.minutes < mins + longest_run for a in days_avail):
                    short = 0
                if short and short < mins and _holds_core(sess):
                    short = short if _holds_core(make(kind, False, short)) else 0
                lifts.append(
                    LiftSpec(
                        kind,
                        mins,
                        sess.heavy_lower,
                        has_light,
                        primary=j == 0,
                        short_minutes=short if short < mins else 0,
                    )
                )
            sessions.append(sess)
        with_core = sum(_holds_core(s) for s in sessions)
        core_needed = 0
        if frame.phase not in ("race_week", "recovery"):
            core_needed = max(m.strength.core_per_week - with_core, 0)
        core = core_session(athlete, m, lib, avoid)
        lifts.extend(
            LiftSpec("core", core.minutes, False, False, kind="core") for _ in range(core_needed)
        )
        next_key = athlete.long_run_day == 0 or race_next_monday
        spec = WeekInput(
            days=tuple(
                DaySlot(False, False, 0) if d < past and given else days_avail[d] for d in range(7)
            ),
            runs=runs,
            lifts=tuple(lifts),
            cross_minutes=rw.cross_minutes,
            strategy=athlete.strategy,
            level=athlete.level,
            off_season=frame.phase == "offseason",
            preferred_quality_days=m.running.preferred_quality_days,
            prev_sunday_key=prev["key"],
            prev_sunday_heavy=prev["heavy"],
            prev_sunday_strength=prev["strength"],
            next_monday_key=next_key,
            logged_lift_days=tuple(
                sorted({(x.day - frame.start).days for x in done if x.kind == "strength"})
            ),
            races_ahead=races_ahead(frame.start, athlete.races),  # PLACE-10
        )
        placed = _solve(spec)
        if starts_late:
            spec, placed, sessions = _from_today(spec, placed, sessions, past)
        spec = _shorten(spec, placed, sessions, make, notices, frame.index)  # RUN-14
        if frame.phase not in ("race_week", "recovery") and past == 0:
            core_spec = LiftSpec("core", core.minutes, False, False, kind="core")
            spec, placed = _keep_core(spec, placed, sessions, core_spec, m.strength.core_per_week)
            spec = _shorten(spec, placed, sessions, make, notices, frame.index)  # RUN-14
        counts_core = frame.phase not in ("race_week", "recovery")
        core_days = _core_days(spec, placed, sessions) if counts_core else None
        notices.extend(_drop_notices(frame, spec, placed, core_days, m.strength.core_per_week))
        for j, light in enumerate(placed.lift_light):
            if light and j < len(sessions):
                sessions[j] = make(spec.lifts[j].name, True, spec.lifts[j].minutes)
        on_days = [x for j, x in enumerate(sessions) if placed.lift_days[j] is not None]
        notices.extend(_coverage_notices(frame, on_days))
        load_changes.extend(
            (frame.index, e.id, e.load_change)
            for s in sessions
            for e in s.exercises
            if e.load_change is not None
        )
        week_out, total, sunday = week_doc(
            frame,
            m,
            lib,
            spec,
            placed,
            sessions,
            core,
            paces,
            run_log,
            vol_why,
            rw.reasons,
        )
        if busy:
            week_out["busy"] = True
        left_out = runs_left_out(spec, placed)  # RUN-14 (helper "place"): for its check
        if left_out:
            week_out["runs_left_out"] = left_out
        week_out["strength_asked"] = asked
        if past > 0:
            total += _show_logged(week_out, done, past)
            notices.extend(_current_week_notices(frame, done, rw.runs, runs, given, today))
        notices.extend(_strategy_notices(frame, athlete, week_out))
        out_weeks.append(week_out)
        seen.update(_exercise_ids(week_out))
        placed_tpls = {s.get("template") for d in week_out["days"] for s in d["sessions"]} - {None}
        lifted = lifted or bool(placed_tpls & (FULL_TEMPLATES | {"busy"}))
        done_tpls.update(str(t) for t in placed_tpls)
        if frame.phase not in ("taper", "race_week"):
            sets_before.pop("mobility", None)
        if not frame.deload and not busy and frame.index > adj.downshift_weeks:
            sets_before.update((s.template, s.total_sets) for s in sessions if not s.light)
        # A race is run volume like any other: a B race is its training week's long effort,
        # and the goal race is most of its race week (the days after it are rest).
        total += sum(r.minutes for r in runs if r.run_type == "race")
        placed_total = total
        if frame.phase == "race_week" or past > 0:
            # Short by design (taper, race, rest), or begun before today: not a new floor
            # for the weeks after it.
            total = max(total, round(state.history[-1]))
        state.history.append(float(total))
        if frame.index == 1:
            week1 = float(total)
        if frame.phase in TRAINING_PHASES and past == 0:
            # RUN-4 tapers from this block's real peak: the first whole training week
            # after a race (or of the plan) starts it afresh.
            peak = float(placed_total)
            state.peak = peak if fresh_block else max(state.peak, peak)
            fresh_block = False
        if frame.phase == "race_week":
            fresh_block = True
        prev = sunday
    changes = adaptations(
        adj,
        len(out_weeks),
        busy_weeks,
        {x: _substitute(lib, athlete, x) for x in sorted(avoid)},
        _unique_changes(load_changes),
        {e.id: e.name for e in lib},
        (recent or 0.0, level0) if given and level0 < base else None,
    )
    grouped = _group_notices(notices)
    return {
        "schema": SCHEMA,
        "today": today.isoformat(),
        "methodology": {"name": m.name, "version": m.version},
        "athlete": _athlete_doc(athlete, longest0),
        "races": [
            {
                "name": r.name,
                "date": r.date.isoformat(),
                "distance": r.distance,
                "distance_km": r.distance_km,
                "priority": r.priority,
                "predicted_time_s": round(race_time[r.date]),
            }
            for r in athlete.races
        ],
        "warnings": [
            f"{', '.join(rules)}: {msg}" + (f" (week {week})" if week else "")
            for rules, msg, week in grouped
        ],
        "notices": [
            {"rule": rules[0], "week": week, "message": msg}
            | ({"also": list(rules[1:])} if len(rules) > 1 else {})
            for rules, msg, week in grouped
        ],
        "paces": _paces_doc(paces),
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
        "weeks": out_weeks,
    }


def _shorten(
    spec: WeekInput,
    placed: Placement,
    sessions: list[StrengthSession],
    make: Callable[[str, bool, int], StrengthSession],
    notices: list[Notice],
    week: int,
) -> WeekInput:
    """RUN-14 (helper "place"): rebuild the sessions the scheduler shortened so a run kept
    its day, and say so; the week's spec then holds their new minutes."""
    spec, which = shorten_lifts(spec, placed)
    for j in which:
        if j < len(sessions):
            shorter = make(spec.lifts[j].name, placed.lift_light[j], spec.lifts[j].minutes)
            sessions[j] = _citing(shorter, "RUN-14")
        notices.append(Notice("RUN-14", shortened_notice(spec.lifts[j]), week))
    return spec


def _citing(sess: StrengthSession, rule_id: str) -> StrengthSession:
    """The session with ``rule_id`` among its reasons (once)."""
    if rule_id in sess.reasons:
        return sess
    return replace(sess, reasons=(*sess.reasons, rule_id))


def _holds_core(sess: StrengthSession) -> bool:
    """Whether a strength session holds core work (FREQ-5 counts its day)."""
    return any(e.pattern == "core" for e in sess.exercises)


def _exercise_ids(week: dict[str, Any]) -> set[str]:
    """Exercises and warm-up items of a placed week."""
    ids: set[str] = set()
    for day in week["days"]:
        for s in day["sessions"]:
            ids.update(str(e["id"]) for e in s.get("exercises", []))
            ids.update(str(w["id"]) for w in s.get("warmup", []))
    return ids


def _known_only(sess: StrengthSession, seen: frozenset[str]) -> StrengthSession:
    """PHASE-3: race preparation brings in nothing new. Once the plan has lifted, a taper
    or race-week session keeps only exercises already done (dropping one lowers volume,
    which the taper allows); a plan that starts in race preparation has nothing to keep to.
    """
    if not seen:
        return sess
    kept = tuple(e for e in sess.exercises if e.id in seen)
    if len(kept) == len(sess.exercises):
        return sess
    return _citing(replace(sess, exercises=kept), "PHASE-3")


def _no_more_sets(sess: StrengthSession, before: int | None) -> StrengthSession:
    """PHASE-3: no added volume in race preparation. When fewer sets per exercise let more
    exercises into the session's minutes, the last ones go again, so the session never
    holds more sets than the same session the week before."""
    if before is None or sess.total_sets <= before:
        return sess
    kept = list(sess.exercises)
    while kept and sum(e.sets for e in kept) > before:
        kept.pop()
    return _citing(replace(sess, exercises=tuple(kept)), "PHASE-3")


def _group_notices(notices: list[Notice]) -> list[tuple[tuple[str, ...], str, int | None]]:
    """Each message once per week, with every rule it answers for (first raised first)."""
    rules: dict[tuple[str, int | None], list[str]] = {}
    for n in notices:
        said = rules.setdefault((n.message, n.week), [])
        if n.rule not in said:
            said.append(n.rule)
    return [(tuple(r), msg, week) for (msg, week), r in rules.items()]


COVERED = ("squat", "hinge", "lunge", "push", "pull", "core", "lateral_hip")


def _coverage_notices(frame: WeekFrame, sessions: list[StrengthSession]) -> list[Notice]:
    """CONTENT-1..4: say so when short sessions cannot hold the patterns they should."""
    full = [s for s in sessions if s.template in FULL_TEMPLATES]
    if frame.phase not in TRAINING_PHASES:
        return []
    out: list[Notice] = []
    for s in full:
        rule_id, need = TEMPLATE_PATTERNS[s.template]
        lacking = sorted(need - {e.pattern for e in s.exercises})
        if lacking:
            out.append(
                Notice(
                    rule_id,
                    f"the {s.minutes}-minute session {s.template} has no room for "
                    f"{', '.join(lacking)} work; longer sessions (session_minutes) hold it.",
                    frame.index,
                )
            )
    if len(full) < 2:
        return out
    have = {e.pattern for s in full for e in s.exercises}
    missing = [p for p in COVERED if p not in have]
    if not missing:
        return out
    minutes = full[0].minutes
    return [
        *out,
        Notice(
            "CONTENT-1",
            f"{minutes}-minute sessions leave out {', '.join(missing)}; "
            "longer sessions (session_minutes) would cover every pattern.",
            frame.index,
        ),
    ]


STRATEGY_WORDS = {
    "separate": "on days without running",
    "easy_days": "on easy-run days",
    "stack": "on quality-run days (or light)",
}


def _strategy_notices(frame: WeekFrame, athlete: Athlete, week: dict[str, Any]) -> list[Notice]:
    """PLACE-3: say so when a strength session could not sit where the strategy wants it."""
    strategy = athlete.strategy
    if strategy not in STRATEGY_WORDS or frame.phase == "offseason":
        return []
    off: list[str] = []
    for day in week["days"]:
        types = {s.get("run_type") for s in day["sessions"] if s["kind"] == "run"}
        for s in day["sessions"]:
            if s["kind"] != "strength" or s.get("template") == "mobility":
                continue
            if not follows_strategy(strategy, types, s):
                off.append(f"{s.get('template')} on {day['date']}")
    if not off:
        return []
    return [
        Notice(
            "PLACE-3",
            f"the '{strategy}' strategy wants strength {STRATEGY_WORDS[strategy]}, but the "
            f"available days leave no lawful such day for {', '.join(off)}; "
            "the closest lawful placement is kept.",
            frame.index,
        )
    ]


def _from_today(
    spec: WeekInput, placed: Placement, sessions: list[StrengthSession], past: int
) -> tuple[WeekInput, Placement, list[StrengthSession]]:
    """A plan begun mid-week: the usual week, placed as if whole, keeps what falls on the
    days left, each session on its day (the days gone are not made up)."""
    runs = tuple(
        replace(r, fixed_day=d, window=())
        for r, d in zip(spec.runs, placed.run_days, strict=True)
        if d is not None and d >= past
    )
    keep = [j for j, d in enumerate(placed.lift_days) if d is not None and d >= past]
    lifts = tuple(replace(spec.lifts[j], window=(placed.lift_days[j] or 0,)) for j in keep)
    cross = spec.cross_minutes if (placed.cross_day or 0) >= past else 0
    days = tuple(DaySlot(False, False, 0) if d < past else spec.days[d] for d in range(7))
    today_on = replace(spec, days=days, runs=runs, lifts=lifts, cross_minutes=cross)
    return today_on, _solve(today_on), [sessions[j] for j in keep if j < len(sessions)]


def _core_days(spec: WeekInput, placed: Placement, sessions: list[StrengthSession]) -> int:
    """Days of the placed week with core work: strength sessions holding core, or core."""
    days = set()
    for j, d in enumerate(placed.lift_days):
        if d is None:
            continue
        lift = spec.lifts[j]
        if lift.kind == "core" or (j < len(sessions) and _holds_core(sessions[j])):
            days.add(d)
    return len(days)


def _keep_core(
    spec: WeekInput,
    placed: Placement,
    sessions: list[StrengthSession],
    core: LiftSpec,
    per_week: int,
) -> tuple[WeekInput, Placement]:
    """FREQ-5: when strength sessions holding core were left out, short core sessions
    stand in for them where a day has room (one more solve, only in such weeks)."""
    short = per_week - _core_days(spec, placed, sessions)
    # Stand-ins only for left-out sessions that held core: a core session that found no
    # day itself would find none again.
    left_out = sum(
        1
        for j, d in enumerate(placed.lift_days)
        if d is None
        and j < len(sessions)
        and spec.lifts[j].kind == "strength"
        and _holds_core(sessions[j])
    )
    short = min(short, left_out)
    if short <= 0:
        return spec, placed
    # A core session is the cheapest thing to leave out, so adding these never costs the
    # week anything else; one that finds no day is reported like any dropped session.
    # The sessions already placed keep their days: solved again freely, the week could
    # swap a session that holds core for one that does not and end no better off.
    kept = tuple(
        lf if d is None else replace(lf, window=(d,))
        for lf, d in zip(spec.lifts, placed.lift_days, strict=True)
    )
    more = replace(spec, lifts=kept + (core,) * short)
    return more, _solve(more)


def _drop_notices(
    frame: WeekFrame,
    spec: WeekInput,
    placed: Placement,
    core_days: int | None,
    core_per_week: int,
) -> list[Notice]:
    """What was left out of the week and the rules that clash. ``core_days``: the days
    with core work, where the week counts them (FREQ-5), else None."""
    dropped_runs = [spec.runs[i] for i, d in enumerate(placed.run_days) if d is None]
    dropped_lifts = [spec.lifts[j] for j, d in enumerate(placed.lift_days) if d is None]
    if not dropped_runs and not dropped_lifts:
        return []
    clash = _diagnose(spec, placed)
    because = (
        (", which would break " + ", ".join(clash))
        if clash
        else (" within the days and minutes available")
    )
    out: list[Notice] = []
    for r in dropped_runs:
        msg = (
            f"no lawful day for the {r.run_type} run ({r.minutes} min)"
            f"{because}; the week keeps the closest lawful schedule."
        )
        out.extend(Notice(rule, msg, frame.index) for rule in ("RUN-1", "RUN-14"))  # RUN-14
    lifts = [lf for lf in dropped_lifts if lf.kind == "strength"]
    if lifts:
        names = ", ".join(lf.name for lf in lifts)
        msg = (
            f"strength session(s) {names} left out: no lawful day{because}; the week keeps "
            "the closest lawful schedule."
        )
        out.extend(Notice(r, msg, frame.index) for r in ("FREQ-1", "FREQ-2", "FREQ-3"))
    if any(lf.kind == "core" for lf in dropped_lifts):
        out.append(
            Notice(
                "FREQ-5",
                f"core work fits on fewer than {core_per_week} days{because}.",
                frame.index,
            )
        )
    elif dropped_lifts and core_days is not None and core_days < core_per_week:
        # Never silently: the sessions that would have held core found no room.
        out.append(
            Notice(
                "FREQ-5",
                f"core work fits on {core_days} of the {core_per_week} days this week{because}.",
                frame.index,
            )
        )
    return out


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
