"""Export options the CLI needs: progress for long exports, and where the CSV exercises go."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from stridelift.adapters.exporters import ExportError, ExportOptions, export

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "plan_sample.json"


def _sample() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return doc


def _sessions(doc: dict[str, Any], weeks: int) -> int:
    return sum(len(d["sessions"]) for w in doc["weeks"][:weeks] for d in w["days"])


def test_fit_reports_each_workout_up_to_the_number_of_files(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    result = export(
        "fit",
        _sample(),
        tmp_path / "fit",
        ExportOptions(weeks=2, progress=lambda *a: calls.append(a)),
    )

    total = _sessions(_sample(), 2)
    assert total > 1
    assert calls == [(done, total) for done in range(1, total + 1)]
    assert len(result.files) == total


def test_pdf_reports_each_week_page(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    doc = _sample()
    export("pdf", doc, tmp_path / "plan.pdf", ExportOptions(progress=lambda *a: calls.append(a)))

    weeks = len(doc["weeks"])
    assert weeks > 1
    assert calls == [(done, weeks) for done in range(1, weeks + 1)]


@pytest.mark.parametrize("fmt", ["ics", "json", "csv"])
def test_quick_formats_never_call_progress(tmp_path: Path, fmt: str) -> None:
    calls: list[tuple[int, int]] = []
    export(
        fmt, _sample(), tmp_path / f"plan.{fmt}", ExportOptions(progress=lambda *a: calls.append(a))
    )

    assert calls == []
    assert (tmp_path / f"plan.{fmt}").stat().st_size > 0


def test_csv_writes_the_exercises_file_where_asked(tmp_path: Path) -> None:
    out, chosen = tmp_path / "plan.csv", tmp_path / "lifts" / "all-exercises.csv"
    chosen.parent.mkdir()
    result = export("csv", _sample(), out, ExportOptions(weeks=1, exercises_out=chosen))

    assert result.files == (out, chosen)
    assert not (tmp_path / "plan-exercises.csv").exists()
    expected = sum(
        len(s.get("exercises", [])) for d in _sample()["weeks"][0]["days"] for s in d["sessions"]
    )
    assert expected > 0
    lines = chosen.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("date,week,kind,session,exercise_id,exercise,sets")
    assert len(lines) == 1 + expected
    assert result.counts["exercise_rows"] == expected


def test_csv_refuses_one_path_for_both_files(tmp_path: Path) -> None:
    out = tmp_path / "plan.csv"
    with pytest.raises(ExportError, match=r"cannot write both CSV files to .*plan\.csv"):
        export(
            "csv", _sample(), out, ExportOptions(exercises_out=tmp_path / "sub" / ".." / "plan.csv")
        )
    assert not out.exists()
