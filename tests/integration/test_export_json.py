"""JSON export: the schema document itself, limited to the selected weeks."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from stridelift.adapters.exporters import ExportOptions, export

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SAMPLE = FIXTURES / "plan_sample.json"  # written by hand: every run type and session kind
PLANNER = FIXTURES / "export_plan_planner.json"  # the real planner's output
PLANS = pytest.mark.parametrize("plan_file", [SAMPLE, PLANNER], ids=["sample", "planner"])


def _sample() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return doc


@PLANS
def test_json_is_the_document_itself_when_nothing_is_filtered(
    tmp_path: Path, plan_file: Path
) -> None:
    doc = json.loads(plan_file.read_text(encoding="utf-8"))
    out = tmp_path / "plan.json"
    result = export("json", doc, out, ExportOptions())

    assert json.loads(out.read_text(encoding="utf-8")) == doc
    assert result.weeks == 3
    assert result.sessions == sum(len(d["sessions"]) for w in doc["weeks"] for d in w["days"])


def test_json_is_sorted_indented_and_ends_with_a_newline(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    export("json", _sample(), out, ExportOptions())

    text = out.read_text(encoding="utf-8")
    assert text == json.dumps(_sample(), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert text.startswith('{\n  "athlete": {\n')


def test_json_keeps_only_the_selected_weeks_with_their_indexes(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    export("json", _sample(), out, ExportOptions(start=dt.date(2026, 12, 1), weeks=1))

    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [w["index"] for w in doc["weeks"]] == [2]
    assert doc["weeks"][0] == _sample()["weeks"][1]
    assert doc["races"] == _sample()["races"]
    assert doc["schema"] == "stridelift.plan/1"


def test_json_stays_metric_whatever_the_display_units(tmp_path: Path) -> None:
    metric, imperial = tmp_path / "m.json", tmp_path / "i.json"
    export("json", _sample(), metric, ExportOptions())
    export("json", _sample(), imperial, ExportOptions(units="imperial"))

    assert metric.read_bytes() == imperial.read_bytes()


def test_json_records_slot_times_given_for_the_export(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    export("json", _sample(), out, ExportOptions(am_time=dt.time(5, 45)))

    athlete = json.loads(out.read_text(encoding="utf-8"))["athlete"]
    assert athlete["slot_times"] == {"am": "05:45", "pm": "18:30"}


def test_json_is_byte_identical_for_the_same_document(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    export("json", _sample(), first, ExportOptions())
    export("json", _sample(), second, ExportOptions())

    assert first.read_bytes() == second.read_bytes()
