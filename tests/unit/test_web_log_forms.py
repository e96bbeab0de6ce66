"""The Log page's forms and the history's filters, totals and pages, without a database."""

from __future__ import annotations

from datetime import date

import pytest

from stridelift.errors import UsageError
from stridelift.services.history_view import HistoryQuery, check_query, totals
from stridelift.services.uploads import display_name, safe_name
from stridelift.web.log_forms import history_query, lift_from_form, run_from_form

TODAY = date(2026, 12, 2)


class Catalog:
    """Two exercises, and a suggestion for anything else."""

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in ("goblet_squat", "push_up")

    def suggest(self, text: str, limit: int = 3) -> tuple[str, ...]:
        return ("goblet_squat",)


def test_a_run_in_miles_is_stored_in_km() -> None:
    form = {"minutes": "30", "distance": "5", "run_type": "tempo", "date": "2026-12-01"}
    entry, errors = run_from_form(form, TODAY, "imperial")
    assert not errors and entry is not None
    assert entry.distance_km == pytest.approx(8.047, abs=0.001)
    assert (entry.day, entry.run_type, entry.minutes) == (date(2026, 12, 1), "tempo", 30.0)


def test_rows_become_the_set_syntax_and_join_the_typed_sets() -> None:
    form = {"sets": "push_up:12@3", "exercise_1": "goblet_squat", "reps_1": "10",
            "load_1": "22.5", "sets_1": "3"}  # fmt: skip
    entry, errors = lift_from_form(form, TODAY, Catalog())
    assert not errors and entry is not None
    assert entry.sets == ("push_up:12@3", "goblet_squat:10x22.5*3")


def test_a_row_in_pounds_keeps_its_unit() -> None:
    form = {"exercise_1": "goblet_squat", "reps_1": "8", "load_1": "50", "unit_1": "lb"}
    entry, _ = lift_from_form(form, TODAY, Catalog())
    assert entry is not None and entry.sets == ("goblet_squat:8x50lb",)


def test_each_bad_set_is_reported_by_the_field_it_came_from() -> None:
    form = {"sets": "squat:5", "exercise_2": "bench", "reps_2": "5", "date": "12/01/2026"}
    entry, errors = lift_from_form(form, TODAY, Catalog())
    assert entry is None
    assert errors.errors == {
        "date": "'12/01/2026' is not a date (expected YYYY-MM-DD)",
        "sets": "'squat:5': unknown exercise 'squat' (did you mean goblet_squat?)",
        "exercise_2": "'bench:5': unknown exercise 'bench' (did you mean goblet_squat?)",
    }


def test_the_history_filters_come_from_the_query_string() -> None:
    query, errors = history_query({"kind": ["run", "lift"], "since": ["2026-11-01"], "page": ["2"]})
    assert not errors
    assert query == HistoryQuery(date(2026, 11, 1), None, ("run", "lift"), 2)


def test_the_default_range_is_eight_weeks_to_today_and_a_reversed_one_is_refused() -> None:
    assert check_query(HistoryQuery(), TODAY) == (date(2026, 10, 8), TODAY)
    with pytest.raises(UsageError, match="2026-12-02 is after 2026-11-01"):
        check_query(HistoryQuery(TODAY, date(2026, 11, 1)), TODAY)


def test_totals_count_sessions_run_time_and_distance_and_sets() -> None:
    entries = [
        {"kind": "run", "duration_s": 1800, "distance_m": 5000, "sets": []},
        {"kind": "run", "duration_s": 2700, "distance_m": None, "sets": []},
        {"kind": "lift", "sets": [{}, {}, {}]},
        {"kind": "cross_training", "duration_s": 600, "distance_m": None, "sets": [{}]},
        {"kind": "checkin"},
    ]
    t = totals(entries)
    assert (t.sessions, t.runs, t.run_minutes, t.run_km) == (4, 2, 75.0, 5.0)
    assert (t.lift_sessions, t.strength_sets, t.cross_training, t.checkins) == (1, 4, 1, 1)


@pytest.mark.parametrize(
    ("sent", "shown", "on_disk"),
    [("C:\\runs\\morning.fit", "morning.fit", "morning.fit"), ("../../etc/x.gpx", "x.gpx", "x.gpx"),
     ("", "upload", "upload"), (".hidden.csv", ".hidden.csv", "hidden.csv"),
     ("lauf ä;rm.tcx", "lauf ä;rm.tcx", "lauf _rm.tcx")],
)  # fmt: skip
def test_an_uploaded_name_loses_its_folders_and_is_made_safe_on_disk(
    sent: str, shown: str, on_disk: str
) -> None:
    assert display_name(sent) == shown
    assert safe_name(sent) == on_disk
