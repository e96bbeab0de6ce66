"""Reading a plan document for export: checks that name the field, week selection, options."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from stridelift.adapters.exporters import ExportError, ExportOptions
from stridelift.adapters.exporters._plan import load_plan, session_times

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "plan_sample.json"


def _sample() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return doc


def _broken(path: str, value: object) -> dict[str, Any]:
    """The sample with one field (dotted path, list indexes as numbers) set or removed."""
    doc = _sample()
    *parents, last = path.split(".")
    node: Any = doc
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    key: Any = int(last) if last.isdigit() else last
    if value is _REMOVE:
        del node[key]
    else:
        node[key] = value
    return doc


_REMOVE = object()


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("schema", "stridelift.plan/2", "schema: 'stridelift.plan/2' is not 'stridelift.plan/1'"),
        ("today", "23/11/2026", "today: '23/11/2026' is not an ISO date (YYYY-MM-DD)"),
        ("athlete.name", _REMOVE, "athlete.name: missing is not a non-empty string"),
        ("athlete.units", "furlongs", "athlete.units: 'furlongs' is not metric or imperial"),
        ("athlete.slot_times.am", "7am", "athlete.slot_times.am: '7am' is not a clock time"),
        ("races.0.date", "2026-12-32", "races[0].date: '2026-12-32' is not an ISO date"),
        ("weeks.1.start", "2026-12-01", "weeks[1].start: 2026-12-01 is not a Monday"),
        ("weeks.0.deload", "no", "weeks[0].deload: 'no' is not true or false"),
        (
            "weeks.0.days.3.date",
            "2026-12-03",
            "weeks[0].days[3].date: 2026-12-03 is outside the week of 2026-11-23",
        ),
        ("weeks.0.days.2.date", "2026-11-24", "weeks[0].days[2].date: 2026-11-24 appears twice"),
        (
            "weeks.0.days.1.sessions.0.kind",
            "swim",
            "weeks[0].days[1].sessions[0].kind: 'swim' is not one of run, strength, cross, core",
        ),
        (
            "weeks.0.days.1.sessions.0.run_type",
            "fartlek",
            "weeks[0].days[1].sessions[0].run_type: 'fartlek' is not one of",
        ),
        (
            "weeks.0.days.1.sessions.0.minutes",
            _REMOVE,
            "weeks[0].days[1].sessions[0].minutes: missing is not a number >= 0",
        ),
        (
            "weeks.0.days.1.sessions.0.slot",
            "noon",
            "weeks[0].days[1].sessions[0].slot: 'noon' is not am, pm or any",
        ),
        (
            "weeks.0.days.1.sessions.1.exercises.0.sets",
            "four",
            "weeks[0].days[1].sessions[1].exercises[0].sets: 'four' is not a whole number >= 0",
        ),
        (
            "weeks.0.days.1.sessions.1.exercises.0.measure",
            "kilos",
            "weeks[0].days[1].sessions[1].exercises[0].measure: 'kilos' is not one of",
        ),
        (
            "weeks.0.days.1.sessions.1.template",
            "",
            "weeks[0].days[1].sessions[1].template: '' is not a non-empty string",
        ),
        ("weeks", {"1": {}}, "weeks: {'1': {}} is not a list"),
    ],
)
def test_a_bad_document_is_refused_in_one_line_naming_the_field(
    path: str, value: object, message: str
) -> None:
    with pytest.raises(ExportError) as caught:
        load_plan(_broken(path, value), ExportOptions())

    text = str(caught.value)
    assert text.startswith("plan document: ")
    assert message in text
    assert "\n" not in text


def test_a_document_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(ExportError, match="expected a JSON object"):
        load_plan([1, 2, 3], ExportOptions())  # type: ignore[arg-type]


def test_all_weeks_are_selected_by_default() -> None:
    plan = load_plan(_sample(), ExportOptions())

    assert [w.index for w in plan.weeks] == [1, 2, 3]
    assert len(plan.sessions) == 25
    assert plan.first_day == dt.date(2026, 11, 23)
    assert plan.last_day == dt.date(2026, 12, 13)


def test_start_selects_the_week_containing_the_date_and_weeks_limits_the_count() -> None:
    plan = load_plan(_sample(), ExportOptions(start=dt.date(2026, 12, 3), weeks=1))

    assert [w.index for w in plan.weeks] == [2]
    assert plan.first_day == dt.date(2026, 11, 30)
    assert plan.last_day == dt.date(2026, 12, 6)


def test_a_start_before_the_plan_exports_from_its_first_week() -> None:
    plan = load_plan(_sample(), ExportOptions(start=dt.date(2026, 1, 1), weeks=2))

    assert [w.index for w in plan.weeks] == [1, 2]


def test_more_weeks_than_the_plan_holds_exports_what_there_is() -> None:
    plan = load_plan(_sample(), ExportOptions(start=dt.date(2026, 12, 7), weeks=10))

    assert [w.index for w in plan.weeks] == [3]


def test_a_start_after_the_plan_is_refused() -> None:
    with pytest.raises(
        ExportError, match=r"2027-01-04 is after the plan's last day \(2026-12-13\)"
    ):
        load_plan(_sample(), ExportOptions(start=dt.date(2027, 1, 4)))


@pytest.mark.parametrize("weeks", [0, -2])
def test_a_week_count_below_one_is_refused(weeks: int) -> None:
    with pytest.raises(ExportError, match=r"weeks: .* is not a positive whole number"):
        load_plan(_sample(), ExportOptions(weeks=weeks))


def test_units_come_from_the_options_then_the_athlete_then_metric() -> None:
    doc = _sample()
    assert load_plan(doc, ExportOptions()).units == "metric"
    assert load_plan(doc, ExportOptions(units="imperial")).units == "imperial"
    doc["athlete"]["units"] = "imperial"
    assert load_plan(doc, ExportOptions()).units == "imperial"
    del doc["athlete"]["units"]
    assert load_plan(doc, ExportOptions()).units == "metric"


def test_unknown_units_in_the_options_are_refused() -> None:
    with pytest.raises(ExportError, match="units: 'stones' is not metric or imperial"):
        load_plan(_sample(), ExportOptions(units="stones"))


def test_slot_times_come_from_the_options_then_the_athlete_then_defaults() -> None:
    doc = _sample()
    plan = load_plan(doc, ExportOptions(pm_time=dt.time(20, 15)))
    assert (plan.am_time, plan.pm_time) == (dt.time(6, 30), dt.time(20, 15))
    del doc["athlete"]["slot_times"]
    plan = load_plan(doc, ExportOptions())
    assert (plan.am_time, plan.pm_time) == (dt.time(7, 0), dt.time(18, 0))


def test_extra_fields_are_optional() -> None:
    doc = _sample()
    for week in doc["weeks"]:
        week.pop("focus")
        for day in week["days"]:
            for session in day["sessions"]:
                for extra in ("pace_s_per_km", "description", "slot", "order", "warmup"):
                    session.pop(extra, None)
                for exercise in session.get("exercises", []):
                    for extra in ("id", "pattern", "region", "measure", "rpe", "rir", "rest_s"):
                        exercise.pop(extra)

    plan = load_plan(doc, ExportOptions())

    tuesday = plan.weeks[0].days[1]
    assert [s.kind for s in tuesday.sessions] == ["run", "strength"]
    assert [s.order for s in tuesday.sessions] == [1, 2]
    assert tuesday.sessions[0].pace_s_per_km is None
    assert tuesday.sessions[1].exercises[0].id == "Trap-bar deadlift"
    assert tuesday.sessions[1].exercises[0].measure == "reps"


def test_sessions_are_ranked_within_their_kind_in_order() -> None:
    doc = _sample()
    wednesday = doc["weeks"][0]["days"][2]
    extra_run = copy.deepcopy(wednesday["sessions"][0])
    extra_run.update(order=0, slot="pm", minutes=20)
    wednesday["sessions"].append(extra_run)

    day = load_plan(doc, ExportOptions()).weeks[0].days[2]

    assert [(s.kind, s.kind_index, s.minutes) for s in day.sessions] == [
        ("run", 1, 20),
        ("run", 2, 40),
        ("core", 1, 10),
    ]


def test_any_slot_means_morning_for_runs_and_evening_for_strength() -> None:
    plan = load_plan(_sample(), ExportOptions())
    thursday = plan.weeks[2].days[3]  # recovery run am, strength B "any"

    times = [(s.kind, start.time(), end.time()) for s, start, end in session_times(thursday, plan)]

    assert times == [
        ("run", dt.time(6, 30), dt.time(7, 0)),
        ("strength", dt.time(18, 30), dt.time(19, 10)),
    ]


def test_a_one_sided_exercise_is_read_as_per_side_and_others_default_to_both_sides() -> None:
    doc = _sample()
    exercises = doc["weeks"][0]["days"][1]["sessions"][1]["exercises"]
    exercises[0]["unilateral"] = True
    for exercise in exercises[1:]:
        exercise.pop("unilateral", None)

    read = load_plan(doc, ExportOptions()).weeks[0].days[1].sessions[1].exercises

    assert read[0].unilateral is True
    assert not any(e.unilateral for e in read[1:])
