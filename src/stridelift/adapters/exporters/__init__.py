"""Exporters: write a plan document (schema stridelift.plan/1) as ics, pdf, json, csv or fit.

``export(fmt, doc, out, options)`` looks the format up in ``EXPORTERS`` and writes ``out``
(a folder for ``fit``). Every exporter checks the document first and raises ExportError, one
line naming the field or file, for a bad document or an unwritable path; files are written
whole or not at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from stridelift.adapters.exporters._base import (
    Exporter,
    ExportError,
    ExportOptions,
    ExportResult,
    ProgressFn,
)
from stridelift.adapters.exporters.csv import write_csv
from stridelift.adapters.exporters.fit_workout import write_fit
from stridelift.adapters.exporters.ical import write_ics
from stridelift.adapters.exporters.json import write_json
from stridelift.adapters.exporters.pdf import write_pdf

__all__ = [
    "EXPORTERS",
    "ExportError",
    "ExportOptions",
    "ExportResult",
    "Exporter",
    "ProgressFn",
    "export",
]

EXPORTERS: dict[str, Exporter] = {
    exporter.name: exporter
    for exporter in (
        Exporter(
            name="ics",
            suffix=".ics",
            writes_folder=False,
            description="iCalendar file, one event per session (updates on re-import)",
            write=write_ics,
        ),
        Exporter(
            name="pdf",
            suffix=".pdf",
            writes_folder=False,
            description="printable plan: season overview, then one page per week",
            write=write_pdf,
        ),
        Exporter(
            name="json",
            suffix=".json",
            writes_folder=False,
            description="the plan document (stridelift.plan/1) for the selected weeks",
            write=write_json,
        ),
        Exporter(
            name="csv",
            suffix=".csv",
            writes_folder=False,
            description="one row per session (and per exercise with exercises=True)",
            write=write_csv,
        ),
        Exporter(
            name="fit",
            suffix="",
            writes_folder=True,
            description="a folder of FIT workout files, one per session, for watches",
            write=write_fit,
        ),
    )
}


def export(fmt: str, doc: Mapping[str, Any], out: Path, options: ExportOptions) -> ExportResult:
    """Write ``doc`` to ``out`` in format ``fmt`` (a key of EXPORTERS)."""
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        known = ", ".join(sorted(EXPORTERS))
        raise ExportError(f"unknown export format {fmt!r}; choose one of {known}")
    return exporter.write(doc, Path(out), options)
