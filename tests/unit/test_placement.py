"""The placement stage's cache key: a week model with its minutes taken out."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date

from stridelift.domain.athlete import Race
from stridelift.domain.planner.solving import _without_minutes
from stridelift.domain.running.spec import RunSpec


def test_a_run_without_its_minutes_keeps_everything_the_week_model_reads() -> None:
    race = Race("Harbour 10K", date(2027, 5, 2), "10k", 10.0, "A")
    run = RunSpec(
        "race", 52, fixed_day=6, race=race, reasons=("RUN-10",), note="Harbour 10K",
        window=(5, 6), back_to_back=True,
    )  # fmt: skip
    assert _without_minutes(run) == replace(run, minutes=0, race=None, reasons=(), note="")
    # A new RunSpec field must be sorted into kept or dropped in _without_minutes: the
    # relaxed model's answers are shared by every week with the same key.
    assert {f.name for f in fields(RunSpec)} == {
        "run_type", "minutes", "fixed_day", "race", "reasons", "note", "window", "back_to_back",
    }  # fmt: skip
