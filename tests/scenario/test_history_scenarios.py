"""Synthetic histories, end to end: the log -> domain.adapt -> plan() -> the validator.

Each scenario logs what a runner might log, and checks that the rule fires, that the plan
changes the way the rule says, and that the plan still breaks no rule.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from stridelift.domain.activity import CheckIn, PainReport, StrengthSet
from stridelift.domain.adapt import adjustments
from stridelift.domain.history import LoggedSession, TrainingLog
from stridelift.domain.plan import plan
from stridelift.domain.profile import athlete_from_mapping
from stridelift.domain.rules import validate
from stridelift.methodologies import default_methodology, load_library
from stridelift.services.profiles import load_profile

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TODAY = date(2026, 11, 23)  # a Monday
PROFILE: dict[str, Any] = {
    "name": "Kit", "level": "intermediate", "body_mass_kg": 66, "weekly_run_minutes": 240,
    "equipment": ["gym"], "session_minutes": 45, "long_run_day": "sun",
    "races": [{"name": "Spring Half", "date": (TODAY + timedelta(weeks=12, days=6)).isoformat(),
               "distance": "half"}],
}  # fmt: skip


def _steady_weeks(weeks: int, end: date = TODAY) -> list[LoggedSession]:
    """A settled routine: four runs and two lifts a week, moderate effort."""
    out: list[LoggedSession] = []
    start = end - timedelta(weeks=weeks)
    for w in range(weeks):
        monday = start + timedelta(weeks=w)
        for d, minutes, kind in (
            (1, 45, "easy"),
            (3, 45, "easy"),
            (4, 40, "easy"),
            (6, 80, "long"),
        ):
            out.append(
                LoggedSession(monday + timedelta(days=d), "run", minutes, rpe=4, run_type=kind)
            )
        for d, tpl in ((1, "A"), (3, "B")):
            sets = tuple(StrengthSet("trap_bar_deadlift", 10, 70.0, rir=3) for _ in range(3))
            out.append(
                LoggedSession(
                    monday + timedelta(days=d), "strength", 45, rpe=6, sets=sets, template=tpl
                )
            )
    return [s for s in out if s.day < end]  # fmt: skip


def _run(log: TrainingLog, today: date = TODAY) -> tuple[dict[str, Any], dict[str, Any]]:
    athlete = athlete_from_mapping(PROFILE)
    m, lib = default_methodology(), load_library()
    plain = plan(athlete, today, m, lib, 8, None)
    adj = adjustments(athlete, log, today, m, lib)
    doc = plan(athlete, today, m, lib, 8, adj)
    assert validate(doc) == [], [str(v) for v in validate(doc)]
    return plain, doc


def _sets(week: dict[str, Any]) -> int:
    return sum(
        e["sets"]
        for d in week["days"]
        for s in d["sessions"]
        if s["kind"] == "strength"
        for e in s["exercises"]
    )


def _rules(doc: dict[str, Any]) -> set[str]:
    return {a["rule"] for a in doc["adaptations"]}


def test_a_settled_routine_changes_no_prescription() -> None:
    plain, doc = _run(TrainingLog(sessions=tuple(_steady_weeks(8))))
    assert "ADAPT-1" not in _rules(doc) and "RUN-6" not in _rules(doc)
    assert _sets(doc["weeks"][0]) == _sets(plain["weeks"][0])


def test_persistent_fatigue_cuts_strength_first_and_names_the_signal() -> None:
    checkins = tuple(
        CheckIn(TODAY - timedelta(days=k), fatigue=8, motivation=3, sleep_hours=7.5)
        for k in range(1, 6)
    )
    plain, doc = _run(TrainingLog(sessions=tuple(_steady_weeks(8)), checkins=checkins))
    assert _sets(doc["weeks"][0]) < _sets(plain["weeks"][0])
    entry = next(a for a in doc["adaptations"] if a["rule"] == "ADAPT-1")
    assert entry["first_cut"] == "strength"
    assert entry["signal"] and entry["days"] >= 3 and entry["since"] < TODAY.isoformat()


def test_one_bad_day_is_not_a_trend() -> None:
    checkins = (CheckIn(TODAY - timedelta(days=1), fatigue=9, motivation=2),)
    plain, doc = _run(TrainingLog(sessions=tuple(_steady_weeks(8)), checkins=checkins))
    assert "ADAPT-1" not in _rules(doc)
    assert _sets(doc["weeks"][0]) == _sets(plain["weeks"][0])


def test_a_sudden_load_jump_softens_the_coming_week_without_predicting_injury() -> None:
    sessions = _steady_weeks(6, TODAY - timedelta(days=7))
    for k in range(1, 8):  # one week of double volume at high effort
        sessions.append(LoggedSession(TODAY - timedelta(days=k), "run", 90, rpe=7, run_type="easy"))
    plain, doc = _run(TrainingLog(sessions=tuple(sessions)))
    entry = next(a for a in doc["adaptations"] if a["rule"] == "RUN-6")
    assert "not an injury prediction" in entry["change"]
    assert doc["weeks"][0]["run_minutes"] < plain["weeks"][0]["run_minutes"]


def test_pain_that_sharpens_stops_the_exercise_and_a_substitute_takes_its_place() -> None:
    sessions = _steady_weeks(4)
    sets = tuple(
        StrengthSet("split_squat", 8, 20.0, rir=3, pain=p, pain_side="left", pain_area="knee")
        for p in (2, 4, 6)
    )
    sessions.append(LoggedSession(TODAY - timedelta(days=2), "strength", 40, rpe=6, sets=sets))
    _plain, doc = _run(TrainingLog(sessions=tuple(sessions)))
    ids = {
        e["id"]
        for w in doc["weeks"]
        for d in w["days"]
        for s in d["sessions"]
        for e in s.get("exercises", [])
    }
    assert "split_squat" not in ids
    stop = next(a for a in doc["adaptations"] if a["action"] == "stop")
    assert stop["exercise"] == "split_squat" and "in its place" in stop["change"]


def test_sharp_joint_pain_gives_a_prominent_referral_and_the_disclaimer() -> None:
    checkins = tuple(
        CheckIn(TODAY - timedelta(days=k), pain=(PainReport("knee", 7, "right"),))
        for k in (1, 3, 5)
    )
    _plain, doc = _run(TrainingLog(sessions=tuple(_steady_weeks(4)), checkins=checkins))
    assert doc["referral"], "sharp, persistent knee pain must produce a referral"
    assert "not medical advice" in doc["disclaimer"]


def test_easy_sets_two_sessions_running_raise_the_load_by_a_small_step() -> None:
    sessions = _steady_weeks(2)
    for k in (6, 3):
        sets = tuple(StrengthSet("trap_bar_deadlift", 10, 80.0, rir=5) for _ in range(3))
        sessions.append(LoggedSession(TODAY - timedelta(days=k), "strength", 45, rpe=5, sets=sets))
    _plain, doc = _run(TrainingLog(sessions=tuple(sessions)))
    loads = [
        e
        for d in doc["weeks"][0]["days"]
        for s in d["sessions"]
        if s["kind"] == "strength"
        for e in s["exercises"]
        if e["id"] == "trap_bar_deadlift"
    ]
    assert loads and all(e["load_kg"] for e in loads)


def test_the_longest_logged_run_caps_the_next_long_run() -> None:
    # The log reaches back past RUN-3's 30 days, so it shows every run of the window (a
    # younger log caps nothing below the profile's longest run: runs before it are unknown).
    sessions = [
        LoggedSession(TODAY - timedelta(days=k), "run", 40, rpe=4, run_type="easy")
        for k in range(2, 33, 3)
    ]
    _plain, doc = _run(TrainingLog(sessions=tuple(sessions)))
    runs = [
        s for w in doc["weeks"][:1] for d in w["days"] for s in d["sessions"] if s["kind"] == "run"
    ]
    assert max(r["minutes"] for r in runs) <= 44


def test_a_busy_week_from_the_log_gets_the_minimum_dose() -> None:
    busy = TODAY + timedelta(weeks=2)
    _plain, doc = _run(TrainingLog(sessions=tuple(_steady_weeks(4)), busy_weeks=frozenset({busy})))
    week = doc["weeks"][2]
    assert week["busy"] is True
    assert sorted(
        s["template"] for d in week["days"] for s in d["sessions"] if s["kind"] == "strength"
    ) == ["A", "busy"]


def _sessions_of(week: dict[str, Any], kind: str) -> list[tuple[str, dict[str, Any]]]:
    return [(d["date"], s) for d in week["days"] for s in d["sessions"] if s["kind"] == kind]


def test_a_busy_week_keeps_the_patterns_in_one_full_body_session_and_runs_as_planned() -> None:
    # ADAPT-3 and S4: one full-body session of 35-45 minutes that keeps the week's movement
    # patterns (Day B's squat and push too) and drops the accessories, one short session of
    # calves, split squat and hinge, no stand-alone core session beyond the usual week's,
    # and the running exactly as the usual week plans it.
    plain, doc = _run(TrainingLog(sessions=tuple(_steady_weeks(4)), busy_weeks=frozenset({TODAY})))
    week, usual = doc["weeks"][0], plain["weeks"][0]
    lifts = {s["template"]: s for _d, s in _sessions_of(week, "strength")}
    assert sorted(lifts) == ["A", "busy"]
    full = lifts["A"]
    assert 35 <= full["minutes"] <= 45
    patterns = {e["pattern"] for e in full["exercises"]}
    usual_patterns = {
        e["pattern"] for _d, s in _sessions_of(usual, "strength") for e in s["exercises"]
    }
    assert {"squat", "hinge", "lunge", "push", "pull"} & usual_patterns <= patterns
    assert patterns <= {"squat", "hinge", "lunge", "push", "pull"}  # accessories went first
    assert {e["pattern"] for e in lifts["busy"]["exercises"]} == {"calf", "lunge", "hinge"}
    assert len(_sessions_of(week, "core")) <= len(_sessions_of(usual, "core"))
    runs = [(d, s["run_type"], s["minutes"]) for d, s in _sessions_of(week, "run")]
    assert runs == [(d, s["run_type"], s["minutes"]) for d, s in _sessions_of(usual, "run")]


def test_midweek_replan_keeps_the_past_as_logged_and_does_not_pile_up() -> None:
    today = TODAY + timedelta(days=3)  # Thursday
    sessions = _steady_weeks(4)
    sessions.append(LoggedSession(TODAY, "run", 35, rpe=4, run_type="easy"))
    plain, doc = _run(TrainingLog(sessions=tuple(sessions)), today)
    week = doc["weeks"][0]
    assert all(day["sessions"] == [] for day in week["days"][:3])
    assert week["days"][0]["logged"][0]["minutes"] == 35
    planned_runs = sum(1 for d in week["days"] for s in d["sessions"] if s["kind"] == "run")
    assert planned_runs <= 4
    assert doc["weeks"][1]["run_minutes"] <= plain["weeks"][1]["run_minutes"] + 5


def test_a_busy_week_in_a_heavy_phase_keeps_all_three_essentials() -> None:
    # A beginner with no equipment, in a compressed block's strength phase: the long rests
    # of heavy split squats left no room for the calf raise in a 30-minute short session.
    # The short session takes the minutes its three exercises need (up to 35), and the
    # full-body session stays longer than it (ADAPT-3).
    today = date(2020, 1, 1)
    athlete = athlete_from_mapping(
        {
            "name": "Bea",
            "level": "beginner",
            "body_mass_kg": 30,
            "weekly_run_km": 10,
            "equipment": [],
            "session_minutes": 20,
            "races": [{"name": "Parkrun", "date": "2020-02-03", "distance": "5k"}],
        }
    )
    m, lib = default_methodology(), load_library()
    log = TrainingLog(busy_weeks=frozenset({date(2019, 12, 30)}))
    doc = plan(athlete, today, m, lib, 1, adjustments(athlete, log, today, m, lib))
    assert validate(doc) == [], [str(v) for v in validate(doc)]
    lifts = {
        s["template"]: s for d in doc["weeks"][0]["days"] for s in d["sessions"]
        if s["kind"] == "strength"
    }  # fmt: skip
    short, full = lifts["busy"], lifts["A"]
    assert {e["pattern"] for e in short["exercises"]} == {"calf", "lunge", "hinge"}
    assert short["minutes"] < full["minutes"] <= 45


def test_a_beginners_timed_substitute_keeps_the_beginner_effort_cap() -> None:
    # Bodyweight squats that grew painful are stopped (ADAPT-5) and a wall sit, a timed
    # hold, stands in; as a main exercise it took the phase's RPE 8 (CONTENT-8: beginners
    # lift at RPE 7 at most, timed holds included).
    athlete = athlete_from_mapping(
        {
            "name": "Bea",
            "level": "beginner",
            "body_mass_kg": 30,
            "weekly_run_km": 10,
            "equipment": [],
            "races": [{"name": "Parkrun", "date": "2020-02-03", "distance": "5k"}],
        }
    )
    squats = tuple(
        StrengthSet("bodyweight_squat", 8, rir=2, pain=p, pain_side="left", pain_area="knee")
        for p in (1, 3, 5)
    )
    log = TrainingLog(sessions=(LoggedSession(date(2019, 12, 25), "strength", 10, sets=squats),))
    today = date(2020, 1, 2)
    m, lib = default_methodology(), load_library()
    doc = plan(athlete, today, m, lib, 1, adjustments(athlete, log, today, m, lib))
    assert validate(doc) == [], [str(v) for v in validate(doc)]
    holds = [
        e for d in doc["weeks"][0]["days"] for s in d["sessions"] if s["kind"] == "strength"
        for e in s["exercises"] if e["id"] == "wall_sit"
    ]  # fmt: skip
    assert holds
    assert all(e["rpe"] <= 7 for e in holds)


def test_a_logged_carry_keeps_its_load_without_a_rep_count_estimating_it() -> None:
    # A farmer's carry logged as one 24 kg trip a set: the plan's carry is in metres, so
    # no 1RM estimate asks for "3 reps in reserve at 40 reps" (CONTENT-9).
    sessions = _steady_weeks(2)
    carry = tuple(StrengthSet("farmers_carry", 1, 24.0, rir=3) for _ in range(2))
    sessions.append(LoggedSession(TODAY - timedelta(days=3), "strength", 45, rpe=6, sets=carry))
    _plain, doc = _run(TrainingLog(sessions=tuple(sessions)))
    carries = [
        e for d in doc["weeks"][0]["days"] for s in d["sessions"] if s["kind"] == "strength"
        for e in s["exercises"] if e["id"] == "farmers_carry"
    ]  # fmt: skip
    assert carries
    for e in carries:
        assert (e["measure"], e["load_kg"]) == ("metres", 24.0)
        assert "reps" not in e["load_note"] and "1RM" not in e["load_note"]


def test_every_load_change_is_an_adaptation_with_the_logged_sets_behind_it() -> None:
    # A technique breakdown (LOAD-2), two very easy sessions (LOAD-3) and sets ground out
    # with nothing in reserve (LOAD-1): each load the plan moves is listed with its rule and
    # the sessions that moved it (what, when, at what load), never with a null signal.
    sessions = _steady_weeks(2)
    day1, day2 = TODAY - timedelta(days=6), TODAY - timedelta(days=3)
    for day in (day1, day2):
        sets = (
            *(StrengthSet("romanian_deadlift", 8, 50.0, rir=5) for _ in range(3)),
            *(StrengthSet("split_squat", 8, 20.0, rir=3) for _ in range(3)),
            *(StrengthSet("front_squat", 8, 40.0, rir=0) for _ in range(3)),
        )
        sessions.append(LoggedSession(day, "strength", 45, rpe=6, sets=sets))
    broke = StrengthSet("split_squat", 8, 20.0, rir=3, technique_breakdown=True)
    sessions.append(LoggedSession(day2 + timedelta(days=1), "strength", 20, rpe=6, sets=(broke,)))
    _plain, doc = _run(TrainingLog(sessions=tuple(sessions)))
    entries = doc["adaptations"]
    assert entries and all(a["signal"] and a["since"] and a["detail"] for a in entries)
    moved = {
        (e["id"], e["load_change"]["rule"])
        for w in doc["weeks"] for d in w["days"] for s in d["sessions"] if s["kind"] == "strength"
        for e in s["exercises"] if e.get("load_change")
    }  # fmt: skip
    assert {e for e, _rule in moved} >= {"split_squat", "front_squat", "romanian_deadlift"}
    listed = {(a["exercise"], a["rule"]) for a in entries if a["action"].endswith("_load")}
    assert moved <= listed
    split = next(a for a in entries if a.get("exercise") == "split_squat")
    assert split["since"] == (day2 + timedelta(days=1)).isoformat() and "20 kg" in split["detail"]
    rdl = next(a for a in entries if a.get("exercise") == "romanian_deadlift")
    assert f"{day1.isoformat()} and {day2.isoformat()} at 50 kg" in rdl["detail"]


def test_each_referral_is_its_own_entry_under_its_own_label() -> None:
    # A cycle note, then sharp hip pain: two conditions, two referral entries, each with
    # the signal it comes from; the caveat is the plan's disclaimer, said once.
    checkins = (
        CheckIn(TODAY - timedelta(days=9), cycle_note="missed period"),
        CheckIn(TODAY - timedelta(days=2), pain=(PainReport("hip", 7, "left"),)),
    )
    _plain, doc = _run(TrainingLog(sessions=tuple(_steady_weeks(4)), checkins=checkins))
    refer = {a["signal"]: a for a in doc["adaptations"] if a["action"] == "refer"}
    assert sorted(refer) == ["cycle change", "sharp pain: hip"]
    assert "hip" in refer["sharp pain: hip"]["change"]
    assert "cycle" not in refer["sharp pain: hip"]["change"]
    assert "hip" not in refer["cycle change"]["change"]
    assert len(doc["referral"]) == 2
    text = " ".join([*doc["referral"], *(a["change"] for a in refer.values())])
    assert "not medical advice" not in text and "not medical advice" in doc["disclaimer"]


def test_pain_that_keeps_rising_shows_every_value_of_the_trend() -> None:
    sets = tuple(
        StrengthSet("split_squat", 8, 20.0, rir=3, pain=p, pain_side="left", pain_area="knee")
        for p in (2, 4, 6)
    )
    log = (*_steady_weeks(4), LoggedSession(TODAY - timedelta(days=2), "strength", 40, sets=sets))
    _plain, doc = _run(TrainingLog(sessions=log))
    stop = next(a for a in doc["adaptations"] if a["action"] == "stop")
    assert "pain rose 2 -> 4 -> 6/10" in stop["change"]


def _trap_bar_loads(doc: dict[str, Any]) -> set[float]:
    return {
        e["load_kg"]
        for w in doc["weeks"] for d in w["days"] for s in d["sessions"] if s["kind"] == "strength"
        for e in s["exercises"] if e["id"] == "trap_bar_deadlift" and e.get("load_kg")
    }  # fmt: skip


def test_sharp_hip_pain_holds_the_deadlift_load_until_the_hip_is_logged_settled() -> None:
    # Very easy deadlifts twice would raise the load (LOAD-3), but sharp hip pain was
    # referred: no lift that loads the hip goes up until a check-in logs the hip settled.
    sessions = []
    for k in (6, 3):
        sets = tuple(StrengthSet("trap_bar_deadlift", 5, 70.0, rir=5) for _ in range(3))
        sessions.append(LoggedSession(TODAY - timedelta(days=k), "strength", 45, rpe=5, sets=sets))
    hip = CheckIn(TODAY - timedelta(days=2), pain=(PainReport("hip", 7, "left"),))
    _plain, doc = _run(TrainingLog(sessions=tuple(sessions), checkins=(hip,)))
    assert any("Sharp pain (7/10) in your hip" in r for r in doc["referral"])
    assert _trap_bar_loads(doc) and max(_trap_bar_loads(doc)) <= 70.0
    hold = next(a for a in doc["adaptations"] if a["action"] == "hold_load")
    assert hold["signal"] == "sharp pain: hip" and "Trap-Bar Deadlift" in hold["change"]
    assert not [a for a in doc["adaptations"] if a["action"] == "raise_load"]
    # A held load is LOAD-1's (held), not a LOAD-3 raise of 0% (property draws).
    advice = adjustments(
        load_profile(FIXTURES / "export_plan_planner.toml").athlete,
        TrainingLog(sessions=tuple(sessions), checkins=(hip,)),
        TODAY,
        default_methodology(),
        load_library(),
    ).loads
    assert [(a.rule, a.pct) for a in advice if a.exercise_id == "trap_bar_deadlift"] == [
        ("LOAD-1", 0.0)
    ]
    settled = CheckIn(TODAY - timedelta(days=1), pain=(PainReport("hip", 0, "left"),))
    _plain, after = _run(TrainingLog(sessions=tuple(sessions), checkins=(hip, settled)))
    assert max(_trap_bar_loads(after)) > 70.0
    assert not [a for a in after["adaptations"] if a["action"] == "hold_load"]


@pytest.mark.parametrize("week", [0, 5, 6, 7, 8, 10, 11, 13])
def test_a_busy_week_runs_the_usual_weeks_runs_day_for_day_minute_for_minute(week: int) -> None:
    # ADAPT-3 changes strength only. Maya's days are short on Friday: had the busy week's
    # lifts or core session landed elsewhere than the usual week's, an easy run would have
    # moved or been trimmed to fit the day.
    athlete = load_profile(FIXTURES / "export_plan_planner.toml").athlete
    m, lib, today = default_methodology(), load_library(), date(2026, 11, 16)
    usual = plan(athlete, today, m, lib, adjust=adjustments(athlete, TrainingLog(), today, m, lib))
    log = TrainingLog(busy_weeks=frozenset({today + timedelta(weeks=week)}))
    doc = plan(athlete, today, m, lib, adjust=adjustments(athlete, log, today, m, lib))
    assert validate(doc) == [], [str(v) for v in validate(doc)]
    busy, plain = doc["weeks"][week], usual["weeks"][week]
    assert busy["busy"] is True

    def runs(w: dict[str, Any]) -> list[tuple[str, str, int]]:
        return [(d, s["run_type"], s["minutes"]) for d, s in _sessions_of(w, "run")]

    assert runs(busy) == runs(plain)


def test_a_week_eased_after_a_load_jump_is_the_next_weeks_reference_as_it_would_have_run() -> None:
    # CI draws: a 1-minute run logged a month ago, then two lifts: RUN-6 eased this week
    # (the plan begins on a Wednesday) and ADAPT-2 holds the next week's running. The next
    # week is measured against what this week would have run, not against the easing.
    athlete = athlete_from_mapping(
        {"name": "Bea", "level": "recreational", "body_mass_kg": 30, "weekly_run_km": 10,
         "equipment": []}
    )  # fmt: skip
    lift = (StrengthSet("trap_bar_deadlift", 5, None),)
    log = TrainingLog(
        sessions=(
            LoggedSession(date(2019, 12, 5), "run", 1, None, "easy", None),
            LoggedSession(date(2019, 12, 30), "strength", 30, None, sets=lift),
            LoggedSession(date(2019, 12, 31), "strength", 30, None, sets=lift),
        )
    )
    m, lib, today = default_methodology(), load_library(), date(2020, 1, 1)
    doc = plan(athlete, today, m, lib, 2, adjust=adjustments(athlete, log, today, m, lib))
    first = doc["weeks"][0]
    assert "RUN-6" in first["reasons"]
    assert first["run_minutes_uneased"] > first["run_minutes"]
    assert [str(v) for v in validate(doc)] == []


def test_a_week_with_nothing_logged_yet_says_so_in_words() -> None:
    # ADAPT-4 (seen in the web app): a new athlete's Wednesday replan read "0 run(s) and
    # 0 strength session(s) logged before today count toward this week".
    athlete = athlete_from_mapping(PROFILE)
    m, lib = default_methodology(), load_library()
    wednesday = TODAY + timedelta(days=2)
    log = TrainingLog(sessions=tuple(_steady_weeks(3)))  # nothing since Monday
    doc = plan(athlete, wednesday, m, lib, 4, adjustments(athlete, log, wednesday, m, lib))
    said = [n["message"] for n in doc["notices"] if n["rule"] == "ADAPT-4"]
    assert said and said[0].startswith("nothing is logged yet this week before today")
    assert not any("0 run" in n["message"] for n in doc["notices"])
