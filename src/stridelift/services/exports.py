"""The export use case: find the plan (a profile file or a stored athlete) and write it out whole.

The request is checked before any planning (cheap mistakes first), every error is one
line naming the flag or file, and nothing is left half written: the exporters write each
file beside its target and rename it into place, a new fit folder is filled under a
temporary name and renamed as a whole, and standard output gets the bytes only once the
export has succeeded.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stridelift.adapters.exporters import (
    EXPORTERS,
    ExportError,
    ExportOptions,
    ExportResult,
    ProgressFn,
    export,
)
from stridelift.domain.plan import plan
from stridelift.errors import StrideliftError, UsageError
from stridelift.methodologies import load_library, load_methodology
from stridelift.services.athletes import resolve_athlete
from stridelift.services.planning import build_plan_document

if TYPE_CHECKING:  # annotations only: importing the store costs every CLI command ~0.3 s
    from stridelift.adapters.store.engine import Store

STDOUT = "-"
STDOUT_FORMATS = ("json", "csv")
UNITS = ("metric", "imperial")
MAX_WEEKS = 104  # as many weeks as the planner plans
# Exporter option names, as the command line spells them.
_FLAGS = {
    "export option start:": "--from:",
    "export option weeks:": "--weeks:",
    "export option units:": "--units:",
}


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What to export, where, and which part of the plan.

    Attributes:
        fmt: a key of EXPORTERS (ics, pdf, json, csv, fit).
        out: the file (a folder for fit) to write, or ``"-"`` for standard output.
        start: export from the week that holds this date (None: the plan's first week).
        weeks: how many weeks from there (None: to the end of the plan).
        units: "metric" or "imperial" (None: the athlete's own).
        exercises: csv only: also write one row per exercise to this file.
    """

    fmt: str
    out: str
    start: date | None = None
    weeks: int | None = None
    units: str | None = None
    exercises: Path | None = None


@dataclass(frozen=True, slots=True)
class PlanSource:
    """A plan document and where it came from, in words for the summary line.

    Attributes:
        doc: the plan document (schema stridelift.plan/1).
        label: e.g. ``profile.toml as of 2026-11-23`` or ``the plan stored for Ann on ...``.
        stored: True when the plan is a stored snapshot, exported as it was made
            (``--today`` and ``--methodology`` do not change it).
    """

    doc: dict[str, Any]
    label: str
    stored: bool = False


@dataclass(frozen=True, slots=True)
class ExportOutcome:
    """What an export did.

    Attributes:
        result: the exporter's report (files written, weeks, sessions, counts).
        first_day: Monday of the first exported week (None: no week selected).
        last_day: Sunday of the last exported week.
        stdout: the bytes meant for standard output (``out`` was ``"-"``), else None.
    """

    result: ExportResult
    first_day: date | None
    last_day: date | None
    stdout: bytes | None = None


def check_request(request: ExportRequest) -> None:
    """Refuse a request that cannot work, before any planning.

    Raises:
        UsageError: an unknown format or units, weeks out of range, ``--exercises`` with
            another format than csv, or an output path that cannot be used.
    """
    if request.fmt not in EXPORTERS:
        known = ", ".join(EXPORTERS)
        raise UsageError(f"FORMAT: {request.fmt!r} is not an export format (choose {known})")
    if request.units is not None and request.units not in UNITS:
        raise UsageError(f"--units: {request.units!r} is not metric or imperial")
    if request.weeks is not None and not 1 <= request.weeks <= MAX_WEEKS:
        raise UsageError(f"--weeks: {request.weeks} is out of range: expected 1 to {MAX_WEEKS}")
    if request.exercises is not None and request.fmt != "csv":
        raise UsageError(
            f"--exercises: only the csv format writes an exercises file, not {request.fmt}"
        )
    if request.out == STDOUT:
        if request.fmt not in STDOUT_FORMATS:
            raise UsageError(
                f"--out -: only {' and '.join(STDOUT_FORMATS)} can be written to standard "
                f"output; give {request.fmt} a path"
            )
    else:
        _check_target(request.fmt, request.out)
    if request.exercises is not None:
        _check_file_target("--exercises", request.exercises)
        if request.out != STDOUT and request.exercises.resolve() == Path(request.out).resolve():
            raise UsageError("--exercises: must name another file than --out")


def plan_from_profile(profile: Path, today: date, methodology: Path | None) -> PlanSource:
    """Plan the season from a profile file, as ``stridelift plan`` does."""
    doc = build_plan_document(profile, today, methodology=methodology)
    return PlanSource(doc=doc, label=f"{profile} as of {today.isoformat()}")


def plan_from_store(
    store: Store, athlete: str | None, today: date, methodology: Path | None
) -> PlanSource:
    """The stored athlete's latest stored plan, else a plan from their stored profile.

    Raises:
        UsageError: the athlete is unknown (or several are stored and none was named).
        StrideliftError: the stored plan is not a plan document.
    """
    with store.reading() as repo:
        who = resolve_athlete(repo, athlete)
        snapshot = repo.latest_plan_snapshot(who.id)
    if snapshot is not None:
        label = f"the plan stored for {who.name} on {snapshot.today.isoformat()}"
        try:
            doc = json.loads(snapshot.plan_json)
        except json.JSONDecodeError as exc:
            raise StrideliftError(
                f"{label} is not valid JSON (line {exc.lineno}: {exc.msg}); replan to store "
                "a new one"
            ) from None
        if not isinstance(doc, dict):
            raise StrideliftError(f"{label} is not a plan document; replan to store a new one")
        return PlanSource(doc=doc, label=label, stored=True)
    source = f"the stored profile of {who.name}"
    m = load_methodology(methodology, who.athlete.methodology, source, who.coach_copy)
    made = plan(who.athlete, today, m, load_library())
    return PlanSource(doc=made, label=f"the stored profile of {who.name} as of {today.isoformat()}")


def run_export(
    request: ExportRequest, source: PlanSource, progress: ProgressFn | None = None
) -> ExportOutcome:
    """Write the plan as the request says; whole or not at all.

    Raises:
        UsageError: the plan document or an output path cannot be used (one line).
    """
    check_request(request)
    options = ExportOptions(
        start=request.start,
        weeks=request.weeks,
        units=request.units,
        exercises_out=request.exercises,
        progress=progress,
    )
    data = None
    try:
        if request.out == STDOUT:
            result, data = _export_to_memory(request.fmt, source.doc, options)
        elif request.fmt == "fit" and not Path(request.out).exists():
            result = _export_new_folder(source.doc, Path(request.out), options)
        else:
            result = export(request.fmt, source.doc, Path(request.out), options)
    except ExportError as exc:
        raise UsageError(_flag_message(str(exc), source)) from None
    first, last = _window(source.doc, request.start, request.weeks)
    return ExportOutcome(result=result, first_day=first, last_day=last, stdout=data)


def _check_target(fmt: str, out: str) -> None:
    if not out.strip():
        raise UsageError("--out: empty path (expected a file, a folder for fit, or -)")
    path = Path(out)
    if EXPORTERS[fmt].writes_folder:
        if path.exists() and not path.is_dir():
            raise UsageError(f"--out: {path} is a file; fit writes a folder of workout files")
        _check_parent("--out", path)
    else:
        _check_file_target("--out", path)


def _check_file_target(flag: str, path: Path) -> None:
    if path.is_dir():
        raise UsageError(f"{flag}: {path} is a folder; give a file name")
    _check_parent(flag, path)


def _check_parent(flag: str, path: Path) -> None:
    parent = path.parent
    if not parent.is_dir():
        what = "is not a folder" if parent.exists() else "does not exist"
        raise UsageError(f"{flag}: folder {parent} {what} (create it first)")


def _export_to_memory(
    fmt: str, doc: dict[str, Any], options: ExportOptions
) -> tuple[ExportResult, bytes]:
    """Export into a private temporary folder and return the main file's bytes."""
    with tempfile.TemporaryDirectory(prefix="stridelift-export-") as folder:
        target = Path(folder) / f"plan{EXPORTERS[fmt].suffix}"
        result = export(fmt, doc, target, options)
        data = target.read_bytes()
    return replace(result, files=result.files[1:]), data


def _export_new_folder(doc: dict[str, Any], out: Path, options: ExportOptions) -> ExportResult:
    """Fill a hidden folder beside ``out`` and rename it to ``out`` once every file is in."""
    temp = out.parent / f".{out.name}.{secrets.token_hex(4)}.part"
    try:
        temp.mkdir()
        result = export("fit", doc, temp, options)
        os.rename(temp, out)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from None
    finally:
        if temp.exists():
            shutil.rmtree(temp, ignore_errors=True)
    return replace(result, files=tuple(out / path.name for path in result.files))


def _flag_message(message: str, source: PlanSource) -> str:
    """An exporter's message in the command line's words."""
    for prefix, flag in _FLAGS.items():
        if message.startswith(prefix):
            return flag + message[len(prefix) :]
    if message.startswith("plan document:"):
        return f"{source.label}: {message}"
    return message


def _window(
    doc: dict[str, Any], start: date | None, weeks: int | None
) -> tuple[date | None, date | None]:
    """First Monday and last Sunday of the exported weeks (the exporter has checked them)."""
    mondays = sorted(date.fromisoformat(w["start"]) for w in doc["weeks"])
    if start is not None:
        mondays = [m for m in mondays if m >= start - timedelta(days=start.weekday())]
    if weeks is not None:
        mondays = mondays[:weeks]
    if not mondays:
        return None, None
    return mondays[0], mondays[-1] + timedelta(days=6)
