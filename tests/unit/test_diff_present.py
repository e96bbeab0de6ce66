"""web/diff_present.py and the Replan page's adaptation lines: the diff in a user's words."""

from __future__ import annotations

from datetime import date

from stridelift.domain.diff import Cause, Change, FieldChange
from stridelift.web.diff_present import field_text, reasons, when
from stridelift.web.routes.replan import merged_adaptations

DAY = date(2026, 11, 18)


def test_a_moved_session_reads_with_an_arrow_and_values_read_without_underscores() -> None:
    assert when(Change("moved", DAY, "easy run", 1, date(2026, 11, 19))) == (
        "Thu 2026-11-19 → Wed 2026-11-18"
    )
    assert field_text(FieldChange("sets", 18, 11), "metric") == "sets 18 → 11"
    assert field_text(FieldChange("exercise", None, "split_squat", "split_squat"), "metric") == (
        "+ split squat"
    )
    load = FieldChange("load_kg", 50.0, 45.0, "romanian_deadlift")
    assert field_text(load, "imperial") == "load romanian deadlift 110.2 → 99.2 lb"


def test_reasons_spell_out_each_rule_once_and_drop_a_load_note_its_adaptation_says() -> None:
    causes = (
        Cause("ADAPT-1", "persistent fatigue", date(2026, 11, 12), 7, "fatigue 8 on 5 of 5",
              "strength sets down about 33%"),
        Cause("LOAD-1", "logged sets: split_squat", date(2026, 11, 10), 8, "logged at 19 kg",
              "Split Squat: -15.8% (16 kg from your 1RM)"),
        Cause("LOAD-1", "split_squat", change="16 kg from your 1RM"),
        Cause("FREQ-5"),
        Cause("FREQ-5"),
    )  # fmt: skip
    found = reasons(Change("changed", DAY, "strength B", 1, causes=causes))
    assert [(r.rule, r.signal) for r in found] == [
        ("ADAPT-1", "persistent fatigue since 2026-11-12"),
        ("LOAD-1", "logged sets: split squat since 2026-11-10"),
        ("FREQ-5", None),
    ]
    assert found[0].words.startswith("Too much")
    assert found[0].seen == "fatigue 8 on 5 of 5"
    assert reasons(Change("moved", DAY, "easy run", 1, date(2026, 11, 19))) == []


def test_one_adaptation_line_per_rule_signal_and_change_with_its_weeks_together() -> None:
    busy = {"rule": "ADAPT-3", "signal": "busy week", "change": "one full-body session"}
    entries = [{**busy, "weeks": [8]}, {"rule": "LOAD-1", "weeks": [1]}, {**busy, "weeks": [2]}]
    assert merged_adaptations(entries) == [
        {**busy, "weeks": [2, 8]},
        {"rule": "LOAD-1", "weeks": [1]},
    ]
