"""The exporters' shared vocabulary: options, result, error, and the Exporter record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stridelift.errors import StrideliftError

UNITS = ("metric", "imperial")
ProgressFn = Callable[[int, int], None]


class ExportError(StrideliftError):
    """A plan document or an output path an exporter cannot use; the message is one line."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What to export and how to show it; every format honours every field it can use.

    Attributes:
        start: first week to include is the week containing this date (None: the plan's first).
        weeks: how many weeks to include from there (None: to the end of the plan).
        units: "metric" or "imperial" for distances and loads shown as text
            (None: the athlete's ``units`` in the document, else metric).
        am_time: clock time of the AM slot (None: ``athlete.slot_times.am``, else 07:00).
        pm_time: clock time of the PM slot (None: ``athlete.slot_times.pm``, else 18:00).
        exercises: CSV only: also write ``<stem>-exercises.csv``, one row per exercise.
        exercises_out: CSV only: write the exercises file here instead (implies ``exercises``).
        progress: called as ``progress(done, total)`` while a long export works: by fit
            after each workout is encoded, by pdf after each week page is drawn (None: silent).
    """

    start: dt.date | None = None
    weeks: int | None = None
    units: str | None = None
    am_time: dt.time | None = None
    pm_time: dt.time | None = None
    exercises: bool = False
    exercises_out: Path | None = None
    progress: ProgressFn | None = None


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export wrote.

    Attributes:
        format: the registry key of the exporter, e.g. ``"ics"``.
        files: every file written, in the order written.
        weeks: weeks exported.
        sessions: planned sessions exported.
        counts: format-specific figures, e.g. ``{"events": 40, "cancelled": 2}``.
    """

    format: str
    files: tuple[Path, ...]
    weeks: int
    sessions: int
    counts: Mapping[str, int] = field(default_factory=dict)


WriteFn = Callable[[Mapping[str, Any], Path, ExportOptions], ExportResult]


@dataclass(frozen=True, slots=True)
class Exporter:
    """One output format: its registry key, what ``out`` names, and the function that writes.

    Attributes:
        name: registry key, e.g. ``"ics"``.
        suffix: file suffix of the output (``""`` when ``out`` is a folder).
        writes_folder: True when ``out`` is a folder that receives several files.
        description: one line for help texts.
        write: ``write(doc, out, options) -> ExportResult``.
    """

    name: str
    suffix: str
    writes_folder: bool
    description: str
    write: WriteFn
