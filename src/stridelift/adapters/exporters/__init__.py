"""Exporters: write a plan document (schema stridelift.plan/1) as ics, pdf, json, csv or fit.

``export(fmt, doc, out, options)`` looks the format up in ``EXPORTERS`` and writes ``out``
(a folder for ``fit``). Every exporter checks the document first and raises ExportError, one
line naming the field or file, for a bad document or an unwritable path; files are written
whole or not at all.

The registry is cheap to import: each format's module, and the third-party writer it uses
(icalendar, fpdf with fontTools and PIL, fit_tool), is imported the first time that format
writes, so a command that never exports does not pay for them.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from stridelift.adapters.exporters._base import (
    Exporter,
    ExportError,
    ExportOptions,
    ExportResult,
    ProgressFn,
    WriteFn,
)

__all__ = [
    "EXPORTERS",
    "ExportError",
    "ExportOptions",
    "ExportResult",
    "Exporter",
    "ProgressFn",
    "export",
]


def _on_first_use(module: str, function: str) -> WriteFn:
    """``function`` of the exporter ``module``, imported when it is first called."""

    def write(doc: Mapping[str, Any], out: Path, options: ExportOptions) -> ExportResult:
        writer: WriteFn = getattr(importlib.import_module(f"{__name__}.{module}"), function)
        return writer(doc, out, options)

    write.__name__ = write.__qualname__ = function
    write.__doc__ = f"Import {__name__}.{module} and call its {function}(doc, out, options)."
    return write


EXPORTERS: dict[str, Exporter] = {
    exporter.name: exporter
    for exporter in (
        Exporter(
            name="ics",
            suffix=".ics",
            writes_folder=False,
            description="iCalendar file, one event per session (updates on re-import)",
            write=_on_first_use("ical", "write_ics"),
        ),
        Exporter(
            name="pdf",
            suffix=".pdf",
            writes_folder=False,
            description="printable plan: season overview, then one page per week",
            write=_on_first_use("pdf", "write_pdf"),
        ),
        Exporter(
            name="json",
            suffix=".json",
            writes_folder=False,
            description="the plan document (stridelift.plan/1) for the selected weeks",
            write=_on_first_use("json", "write_json"),
        ),
        Exporter(
            name="csv",
            suffix=".csv",
            writes_folder=False,
            description="one row per session (and per exercise with exercises=True)",
            write=_on_first_use("csv", "write_csv"),
        ),
        Exporter(
            name="fit",
            suffix="",
            writes_folder=True,
            description="a folder of FIT workout files, one per session, for watches",
            write=_on_first_use("fit_workout", "write_fit"),
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
