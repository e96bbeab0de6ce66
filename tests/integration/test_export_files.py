"""The registry, and what every format does with bad documents and unusable paths."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from stridelift.adapters.exporters import EXPORTERS, ExportError, ExportOptions, export
from stridelift.errors import StrideliftError

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "plan_sample.json"
FORMATS = sorted(EXPORTERS)


def _sample() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return doc


def _target(folder: Path, fmt: str) -> Path:
    return folder / f"plan{EXPORTERS[fmt].suffix}"


def test_the_registry_offers_every_format_with_a_description() -> None:
    assert FORMATS == ["csv", "fit", "ics", "json", "pdf"]
    for name, exporter in EXPORTERS.items():
        assert exporter.name == name
        assert exporter.description
        assert exporter.writes_folder == (name == "fit")


def test_an_unknown_format_is_refused_with_the_choices(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown export format 'docx'; choose one of csv, fit"):
        export("docx", _sample(), tmp_path / "plan.docx", ExportOptions())


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_writes_and_reports_what_it_wrote(tmp_path: Path, fmt: str) -> None:
    out = _target(tmp_path, fmt)

    result = export(fmt, _sample(), out, ExportOptions(weeks=2))

    assert result.format == fmt
    assert (result.weeks, result.sessions) == (2, 16)
    assert result.files
    assert all(path.is_file() and path.stat().st_size > 0 for path in result.files)
    assert not list(tmp_path.rglob("*.part"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_bad_document_leaves_the_previous_export_untouched(tmp_path: Path, fmt: str) -> None:
    out = _target(tmp_path, fmt)
    export(fmt, _sample(), out, ExportOptions())
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    doc = _sample()
    doc["weeks"][1]["days"][4]["date"] = "2026-02-30"

    with pytest.raises(ExportError) as caught:
        export(fmt, doc, out, ExportOptions())

    assert str(caught.value) == (
        "plan document: weeks[1].days[4].date: '2026-02-30' is not an ISO date (YYYY-MM-DD)"
    )
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_path_under_a_file_is_refused_naming_it(tmp_path: Path, fmt: str) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")

    with pytest.raises(ExportError, match="not-a-folder"):
        export(fmt, _sample(), _target(blocker, fmt), ExportOptions())

    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder"]


@pytest.mark.parametrize("fmt", [f for f in FORMATS if not EXPORTERS[f].writes_folder])
def test_a_folder_in_place_of_the_file_is_refused(tmp_path: Path, fmt: str) -> None:
    out = _target(tmp_path, fmt)
    out.mkdir()

    with pytest.raises(ExportError, match="it is a folder"):
        export(fmt, _sample(), out, ExportOptions())


def test_missing_folders_on_the_way_are_created(tmp_path: Path) -> None:
    out = tmp_path / "exports" / "2026" / "plan.ics"

    export("ics", _sample(), out, ExportOptions())

    assert out.is_file()


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_failure_while_writing_leaves_no_partial_file(
    tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = _target(tmp_path, fmt)
    export(fmt, _sample(), out, ExportOptions(weeks=1))
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}

    def disk_full(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(ExportError, match="No space left on device"):
        export(fmt, _sample(), out, ExportOptions())

    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_export_errors_are_user_errors_with_a_usage_exit_status() -> None:
    error = ExportError("plan document: today: missing is not an ISO date (YYYY-MM-DD)")

    assert isinstance(error, StrideliftError)
    assert error.exit_code == 2


def test_new_files_get_ordinary_permissions(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    export("json", _sample(), out, ExportOptions())

    assert out.stat().st_mode & 0o777 == 0o644
