"""The progress option: long exports (fit, pdf) say how far they are, and the rest stay silent."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from stridelift.adapters.exporters import ExportOptions, export

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
