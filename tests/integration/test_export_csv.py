"""CSV export, read back with the csv module."""

from __future__ import annotations

import csv
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


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@PLANS
def test_csv_has_one_row_per_session_matching_the_document(tmp_path: Path, plan_file: Path) -> None:
    doc = json.loads(plan_file.read_text(encoding="utf-8"))
    out = tmp_path / "plan.csv"
    result = export("csv", doc, out, ExportOptions())

    rows = _rows(out)
    expected = [
        (day["date"], str(week["index"]), week["phase"], session)
        for week in doc["weeks"]
        for day in week["days"]
        for session in sorted(day["sessions"], key=lambda s: s["order"])
    ]
    assert len(rows) == len(expected) == result.sessions
    for row, (date, index, phase, session) in zip(rows, expected, strict=True):
        assert (row["date"], row["week"], row["phase"], row["kind"]) == (
            date,
            index,
            phase,
            session["kind"],
        )
        assert row["minutes"] == str(session["minutes"])
        assert row["order"] == str(session["order"])
        assert row["reasons"] == " ".join(session["reasons"])
        if session["kind"] == "run":
            assert row["type"] == session["run_type"]
            assert float(row["distance_km"]) == session["distance_km"]
            assert row["key"] == str(session["key"]).lower()
            assert row["heavy_lower"] == ""
        elif session["kind"] == "strength":
            assert row["type"] == session["template"]
            assert row["heavy_lower"] == str(session["heavy_lower"]).lower()
            assert row["distance_km"] == ""
    assert result.files == (out,)
    assert result.counts == {"rows": len(expected)}


def test_csv_rows_read_like_the_plan(tmp_path: Path) -> None:
    out = tmp_path / "plan.csv"
    export("csv", _sample(), out, ExportOptions(weeks=1))

    tuesday = [r for r in _rows(out) if r["date"] == "2026-11-24"]
    assert [(r["slot"], r["start"], r["title"]) for r in tuesday] == [
        ("am", "06:30", "Tempo run 50 min · 10.0 km"),
        ("pm", "18:30", "Strength A (45 min)"),
    ]
    assert out.read_bytes().startswith(b"date,week,phase,kind,type,title,minutes,distance_km,")
    assert b"\r\n" in out.read_bytes()


def test_csv_in_imperial_units_names_and_converts_the_distance(tmp_path: Path) -> None:
    out = tmp_path / "plan.csv"
    export("csv", _sample(), out, ExportOptions(units="imperial"))

    rows = _rows(out)
    assert "distance_mi" in rows[0]
    long_run = next(r for r in rows if r["type"] == "long")
    assert long_run["distance_mi"] == "11.18"  # 18 km


@PLANS
def test_csv_exercises_file_has_one_row_per_exercise(tmp_path: Path, plan_file: Path) -> None:
    doc = json.loads(plan_file.read_text(encoding="utf-8"))
    out = tmp_path / "plan.csv"
    result = export("csv", doc, out, ExportOptions(exercises=True, units="imperial"))

    exercises_path = tmp_path / "plan-exercises.csv"
    rows = _rows(exercises_path)
    expected = [
        (day["date"], session, exercise)
        for week in doc["weeks"]
        for day in week["days"]
        for session in sorted(day["sessions"], key=lambda s: s["order"])
        for exercise in session.get("exercises", [])
    ]
    assert len(rows) == len(expected)
    for row, (date, session, exercise) in zip(rows, expected, strict=True):
        assert row["date"] == date
        assert row["session"] == session.get("template", "core")
        assert (row["exercise_id"], row["exercise"]) == (exercise["id"], exercise["name"])
        assert int(row["sets"]) == exercise["sets"]
        assert (int(row["reps_min"]), int(row["reps_max"])) == (
            exercise["reps_min"],
            exercise["reps_max"],
        )
        assert row["measure"] == exercise["measure"]
        assert row["rest_s"] == ("" if exercise["rest_s"] is None else str(exercise["rest_s"]))
        if exercise["load_kg"] is None:
            assert row["load_lb"] == ""
        else:
            assert abs(float(row["load_lb"]) - exercise["load_kg"] / 0.45359237) < 0.01
    assert result.files == (out, exercises_path)
    assert result.counts == {"rows": result.sessions, "exercise_rows": len(expected)}


def test_csv_is_byte_identical_for_the_same_document(tmp_path: Path) -> None:
    export("csv", _sample(), tmp_path / "a.csv", ExportOptions(exercises=True))
    export("csv", _sample(), tmp_path / "b.csv", ExportOptions(exercises=True))

    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    assert (tmp_path / "a-exercises.csv").read_bytes() == (
        tmp_path / "b-exercises.csv"
    ).read_bytes()
