"""domain.diff: what moved, changed, was added or removed between two plans, and why."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from stridelift.domain.diff import (
    Cause,
    Change,
    FieldChange,
    describe,
    diff,
    session_label,
    split_by_weeks,
    when_text,
    why_text,
)
from stridelift.domain.plan import plan
from stridelift.methodologies import default_methodology, load_library
from stridelift.services.profiles import load_profile

MONDAY = date(2026, 11, 23)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _run(run_type: str, minutes: int, reasons: tuple[str, ...] = ("RUN-1",)) -> dict[str, Any]:
    return {"kind": "run", "run_type": run_type, "minutes": minutes, "reasons": list(reasons)}


def _ex(ex_id: str, sets: int, rpe: int = 7, load_kg: float | None = None) -> dict[str, Any]:
    return {"id": ex_id, "sets": sets, "rpe": rpe, "load_kg": load_kg}


def _lift(template: str, *exercises: dict[str, Any], minutes: int = 45) -> dict[str, Any]:
    return {
        "kind": "strength",
        "template": template,
        "minutes": minutes,
        "exercises": list(exercises),
        "reasons": ["FREQ-1"],
    }


def _doc(weeks: list[dict[int, list[dict[str, Any]]]], start: date = MONDAY) -> dict[str, Any]:
    """A plan document of whole weeks from ``start``; each week maps weekday -> sessions."""
    out = []
    for w, week in enumerate(weeks):
        monday = start + timedelta(days=7 * w)
        days = [
            {"date": (monday + timedelta(days=d)).isoformat(), "sessions": week.get(d, [])}
            for d in range(7)
        ]
        out.append({"index": w + 1, "start": monday.isoformat(), "days": days})
    return {"weeks": out, "adaptations": []}


def _base_week() -> dict[int, list[dict[str, Any]]]:
    return {
        0: [_run("easy", 40)],
        1: [_run("tempo", 50), _lift("A", _ex("trap_bar_deadlift", 3, 8, 80.0), _ex("plank", 3))],
        3: [_run("easy", 40), _lift("B", _ex("split_squat", 3, 7, 20.0))],
        6: [_run("long", 90)],
    }


def _plain(weeks: int = 2) -> dict[str, Any]:
    return _doc([_base_week() for _ in range(weeks)])


def _session(doc: dict[str, Any], week: int, day: int, n: int = 0) -> dict[str, Any]:
    sessions: list[dict[str, Any]] = doc["weeks"][week]["days"][day]["sessions"]
    return sessions[n]


def test_the_same_plan_twice_has_no_changes() -> None:
    assert diff(_plain(), _plain(), MONDAY) == []


def test_a_shorter_run_is_one_change_with_its_minutes() -> None:
    new = _plain()
    _session(new, 0, 3)["minutes"] = 30
    assert diff(_plain(), new, MONDAY) == [
        Change("changed", MONDAY + timedelta(days=3), "easy run", 1, None,
               (FieldChange("minutes", 40, 30),))
    ]  # fmt: skip


def test_a_session_on_another_day_of_its_week_has_moved() -> None:
    new = _plain()
    lift = new["weeks"][0]["days"][3]["sessions"].pop(1)
    new["weeks"][0]["days"][4]["sessions"].append(lift)
    (change,) = diff(_plain(), new, MONDAY)
    assert (change.kind, change.session, change.from_day, change.day) == (
        "moved",
        "strength B",
        MONDAY + timedelta(days=3),
        MONDAY + timedelta(days=4),
    )
    assert change.fields == ()


def test_a_session_pushed_into_the_next_week_is_removed_and_added_not_moved() -> None:
    new = _plain()
    lift = new["weeks"][0]["days"][3]["sessions"].pop(1)
    new["weeks"][1]["days"][2]["sessions"].append(lift)
    kinds = [(c.kind, c.session, c.day) for c in diff(_plain(), new, MONDAY)]
    assert kinds == [
        ("removed", "strength B", MONDAY + timedelta(days=3)),
        ("added", "strength B", MONDAY + timedelta(days=9)),
    ]


def test_a_run_that_changes_type_on_its_day_is_one_change() -> None:
    new = _plain()
    _session(new, 0, 1).update(run_type="easy", minutes=40)
    (change,) = diff(_plain(), new, MONDAY)
    assert change.kind == "changed"
    assert change.session == "easy run"
    assert change.fields == (
        FieldChange("run_type", "tempo", "easy"),
        FieldChange("minutes", 50, 40),
    )


def test_fewer_sets_and_a_new_load_are_listed_with_the_adaptation_that_covers_the_week() -> None:
    new = _plain()
    lift = _session(new, 0, 1, 1)
    lift["exercises"] = [_ex("trap_bar_deadlift", 2, 7, 77.5), _ex("plank", 2)]
    _session(new, 1, 1, 1)["exercises"] = [_ex("trap_bar_deadlift", 2, 7, 80.0), _ex("plank", 2)]
    new["adaptations"] = [
        {"rule": "ADAPT-1", "signal": "persistent fatigue", "since": "2026-11-16", "days": 7,
         "detail": "fatigue 8/10 for 7 days", "weeks": [1], "action": "cut_strength",
         "first_cut": "strength", "change": "strength sets cut by a third"},
        {"rule": "RUN-6", "signal": "load spike", "since": "2026-11-20", "days": 3,
         "detail": "acute:chronic 1.6", "weeks": [1], "action": "soften",
         "change": "easy runs shortened"},
    ]  # fmt: skip
    changes = diff(_plain(), new, MONDAY)
    assert [(c.week, c.session) for c in changes] == [(1, "strength A"), (2, "strength A")]
    first, second = changes
    assert first.fields == (
        FieldChange("sets", 6, 4),
        FieldChange("rpe", 8, 7),
        FieldChange("load_kg", 80.0, 77.5, "trap_bar_deadlift"),
    )
    assert first.causes == (
        Cause("ADAPT-1", "persistent fatigue", date(2026, 11, 16), 7, "fatigue 8/10 for 7 days",
              "strength sets cut by a third"),
    )  # fmt: skip
    assert first.rules == ("ADAPT-1",)
    # Week 2 is not covered by the adaptation, and a running adaptation is no lift's cause.
    assert second.fields == (FieldChange("sets", 6, 4), FieldChange("rpe", 8, 7))
    assert second.causes == ()


def test_an_adaptation_about_one_exercise_explains_only_sessions_holding_it() -> None:
    new = _plain(1)
    _session(new, 0, 1, 1)["exercises"] = [_ex("trap_bar_deadlift", 3, 8, 80.0)]
    _session(new, 0, 3, 1)["exercises"] = [_ex("split_squat", 3, 7, 17.5)]
    new["adaptations"] = [
        {"rule": "ADAPT-5", "signal": "knee pain", "since": "2026-11-20", "days": 2,
         "detail": "pain 6/10 left knee", "weeks": [1], "action": "lower_load",
         "exercise": "split_squat", "change": "split squat load down 10%"},
    ]  # fmt: skip
    by_session = {c.session: c for c in diff(_plain(1), new, MONDAY)}
    assert by_session["strength A"].fields == (
        FieldChange("sets", 6, 3),
        FieldChange("exercise", "plank", None, "plank"),
    )
    assert by_session["strength A"].causes == ()
    assert by_session["strength B"].rules == ("ADAPT-5",)


def test_a_busy_week_explains_its_strength_but_never_a_changed_run() -> None:
    new = _plain(1)
    _session(new, 0, 3)["minutes"] = 35
    _session(new, 0, 1, 1)["exercises"] = [_ex("trap_bar_deadlift", 3, 8, 80.0)]
    new["adaptations"] = [
        {"rule": "ADAPT-3", "signal": "busy week", "since": "2026-11-23", "days": 7,
         "detail": "week marked busy", "weeks": [1], "action": "busy",
         "change": "one full-body session and one short one"},
    ]  # fmt: skip
    by_session = {c.session: c for c in diff(_plain(1), new, MONDAY)}
    assert by_session["strength A"].rules == ("ADAPT-3",)
    assert "ADAPT-3" not in by_session["easy run"].rules


def test_a_load_change_and_rules_the_new_session_cites_are_causes() -> None:
    new = _plain(1)
    lift = _session(new, 0, 3, 1)
    lift["exercises"][0].update(
        load_kg=21.0, load_change={"rule": "LOAD-3", "pct": 5.0, "from_kg": 20.0, "why": "easy"}
    )
    run = _session(new, 0, 6)
    run.update(minutes=80, reasons=["RUN-1", "RUN-3"])
    changes = diff(_plain(1), new, MONDAY)
    assert [(c.session, c.causes) for c in changes] == [
        ("strength B", (Cause("LOAD-3", "split_squat", change="easy"),)),
        ("long run", (Cause("RUN-3"),)),
    ]


def test_only_days_from_since_that_both_plans_hold_are_compared() -> None:
    old = _plain(2)
    new = _doc([_base_week(), _base_week(), _base_week()], start=MONDAY + timedelta(days=7))
    _session(new, 0, 0)["minutes"] = 10  # MONDAY + 7: compared
    _session(new, 1, 0)["minutes"] = 10  # past the old plan's end: not compared
    old_only = copy.deepcopy(old)
    _session(old_only, 0, 1)["minutes"] = 5  # before the new plan starts: not compared
    changes = diff(old_only, new, MONDAY)
    assert [(c.day, c.fields) for c in changes] == [
        (MONDAY + timedelta(days=7), (FieldChange("minutes", 40, 10),))
    ]
    assert diff(old, _plain(2), MONDAY + timedelta(days=14)) == []


def test_days_before_since_are_left_out() -> None:
    new = _plain(1)
    _session(new, 0, 0)["minutes"] = 20
    _session(new, 0, 3)["minutes"] = 20
    assert [c.day for c in diff(_plain(1), new, MONDAY + timedelta(days=2))] == [
        MONDAY + timedelta(days=3)
    ]


def test_the_order_of_sessions_inside_a_day_does_not_change_the_answer() -> None:
    new = _plain()
    _session(new, 0, 1, 1)["minutes"] = 30
    _session(new, 0, 6)["minutes"] = 100
    shuffled = copy.deepcopy(new)
    for week in shuffled["weeks"]:
        for day in week["days"]:
            day["sessions"].reverse()
    assert diff(_plain(), shuffled, MONDAY) == diff(_plain(), new, MONDAY)
    assert [c.day.weekday() for c in diff(_plain(), new, MONDAY)] == [1, 6]


def test_a_damaged_old_plan_compares_as_far_as_it_can_be_read() -> None:
    old = _plain(1)
    old["weeks"][0]["days"][1] = {"sessions": []}  # no date
    old["weeks"][0]["days"][2]["date"] = "not a date"
    old["weeks"][0]["days"][3]["sessions"].append("junk")
    assert diff(old, _plain(1), MONDAY) == []
    assert diff({"weeks": "nonsense"}, _plain(1), MONDAY) == []
    assert diff({}, _plain(1), MONDAY) == []


def test_labels_and_descriptions_read_as_a_user_would_say_them() -> None:
    assert session_label(_run("race_pace", 60)) == "race pace run"
    assert session_label(_lift("mobility")) == "mobility"
    assert session_label({"kind": "cross", "activity": "bike"}) == "bike (cross-training)"
    assert describe(FieldChange("run_type", "race_pace", "easy")) == "run type race pace -> easy"
    assert describe(FieldChange("sets", 12, 8)) == "sets 12 -> 8"
    assert describe(FieldChange("exercise", None, "plank", "plank")) == "+ plank"
    assert describe(FieldChange("load_kg", 100.0, 102.5, "squat")) == "load squat 100 -> 102.5 kg"
    assert (
        describe(FieldChange("load_kg", 100.0, None, "squat"), "imperial")
        == "load squat 220.5 -> none lb"
    )


def test_a_moved_session_reads_from_its_old_day_to_its_new_one() -> None:
    moved = Change("moved", date(2026, 11, 18), "easy run", 1, date(2026, 11, 19))
    assert when_text(moved) == "Thu 2026-11-19 -> Wed 2026-11-18"
    assert when_text(replace(moved, from_day=None)) == "Wed 2026-11-18"


def test_why_names_the_signal_and_since_then_what_a_load_rule_did_then_bare_rules() -> None:
    causes = (
        Cause("ADAPT-1", "persistent fatigue", date(2026, 11, 12), 7, "fatigue 8", "sets cut"),
        Cause("LOAD-2", "romanian_deadlift", change="down to 45 kg"),
        Cause("FREQ-5"),
        Cause("FREQ-5"),
    )
    change = Change("changed", MONDAY, "strength B", 1, causes=causes)
    assert why_text(change) == (
        "ADAPT-1 persistent fatigue since 2026-11-12, LOAD-2 (down to 45 kg), FREQ-5"
    )
    assert why_text(replace(change, causes=())) == ""


def test_the_changes_split_at_the_end_of_the_weeks_asked_for() -> None:
    wednesday = MONDAY + timedelta(days=2)
    days = [MONDAY + timedelta(days=n) for n in (2, 13, 14, 30)]
    changes = [Change("added", d, "core", None) for d in days]
    soon, later = split_by_weeks(changes, wednesday, 2)
    assert [c.day for c in soon] == days[:2]
    assert [c.day for c in later] == days[2:]


@pytest.fixture(scope="module")
def maya() -> Any:
    return load_profile(FIXTURES / "export_plan_planner.toml").athlete


def test_the_real_planner_diffs_clean_against_itself_and_says_what_less_running_changes(
    maya: Any,
) -> None:
    m, lib = default_methodology(), load_library()
    doc = plan(maya, MONDAY, m, lib, weeks=6)
    assert diff(doc, copy.deepcopy(doc), MONDAY) == []
    fewer = plan(replace(maya, weekly_run_minutes=200), MONDAY, m, lib, weeks=6)
    changes = diff(doc, fewer, MONDAY)
    minutes = [f for c in changes for f in c.fields if f.field == "minutes" and "run" in c.session]
    assert minutes, changes
    assert sum(int(f.new or 0) for f in minutes) < sum(int(f.old or 0) for f in minutes)
    assert all(c.day >= MONDAY for c in changes)
    assert changes == sorted(changes, key=lambda c: (c.day, c.from_day or c.day))
